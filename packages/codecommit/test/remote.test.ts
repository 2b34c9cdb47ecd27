import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { GIT_ENDPOINT_VARIABLE, gitUrlOf, looksLikeCodeCommit, parseCodeCommitRemote } from '../src/index.js';

/** The SlipwayError `address` is refused with (fails the test when it is accepted). */
function refusal(address: string): SlipwayError {
  try {
    const parsed = parseCodeCommitRemote(address);
    throw new Error(`accepted: ${JSON.stringify(parsed)}`);
  } catch (error) {
    expect(error).toBeInstanceOf(SlipwayError);
    return error as SlipwayError;
  }
}

describe('parseCodeCommitRemote: the accepted forms', () => {
  it("git-remote-codecommit's codecommit::<region>://[profile@]<name>", () => {
    expect(parseCodeCommitRemote('codecommit::eu-west-1://microservices-repo')).toEqual({
      repositoryName: 'microservices-repo',
      region: 'eu-west-1',
      profile: undefined,
      fips: false,
      endpoint: undefined,
      address: 'codecommit::eu-west-1://microservices-repo',
    });
    expect(parseCodeCommitRemote('codecommit::us-gov-west-1://ci@My_Repo.v2')).toMatchObject({
      repositoryName: 'My_Repo.v2',
      region: 'us-gov-west-1',
      profile: 'ci',
    });
    expect(parseCodeCommitRemote('  codecommit::ap-southeast-2://repo/ ')).toMatchObject({
      repositoryName: 'repo',
      region: 'ap-southeast-2',
    });
  });

  it('codecommit://[profile@]<name>: the region comes from elsewhere', () => {
    expect(parseCodeCommitRemote('codecommit://repo')).toMatchObject({
      repositoryName: 'repo',
      region: undefined,
      profile: undefined,
    });
    expect(parseCodeCommitRemote('codecommit://config-writer@repo')).toMatchObject({
      repositoryName: 'repo',
      profile: 'config-writer',
    });
  });

  it("the console's HTTPS clone URLs: standard, FIPS, China and VPC endpoint hosts", () => {
    expect(
      parseCodeCommitRemote('https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/microservices-repo'),
    ).toEqual({
      repositoryName: 'microservices-repo',
      region: 'eu-west-1',
      profile: undefined,
      fips: false,
      endpoint: 'https://git-codecommit.eu-west-1.amazonaws.com',
      address: 'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/microservices-repo',
    });
    expect(
      parseCodeCommitRemote('https://git-codecommit-fips.us-east-1.amazonaws.com/v1/repos/r/'),
    ).toMatchObject({
      repositoryName: 'r',
      region: 'us-east-1',
      fips: true,
      endpoint: 'https://git-codecommit-fips.us-east-1.amazonaws.com',
    });
    expect(
      parseCodeCommitRemote('https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/r'),
    ).toMatchObject({
      region: 'cn-north-1',
      endpoint: 'https://git-codecommit.cn-north-1.amazonaws.com.cn',
    });
    const vpce =
      'https://vpce-0123456789abcdef0-abcd1234.git-codecommit.eu-west-1.vpce.amazonaws.com/v1/repos/r';
    expect(parseCodeCommitRemote(vpce)).toMatchObject({
      repositoryName: 'r',
      region: 'eu-west-1',
      endpoint: 'https://vpce-0123456789abcdef0-abcd1234.git-codecommit.eu-west-1.vpce.amazonaws.com',
    });
    // Host names are case-insensitive.
    expect(parseCodeCommitRemote('https://GIT-CODECOMMIT.eu-west-1.AMAZONAWS.com/v1/repos/r')).toMatchObject({
      repositoryName: 'r',
    });
  });

  it('names of 1 to 100 of [A-Za-z0-9._-]', () => {
    const longest = 'a'.repeat(100);
    expect(parseCodeCommitRemote(`codecommit::eu-west-1://${longest}`)?.repositoryName).toBe(longest);
    expect(parseCodeCommitRemote('codecommit::eu-west-1://a')?.repositoryName).toBe('a');
  });
});

describe('parseCodeCommitRemote: what is not CodeCommit, and what is refused', () => {
  it('anything else is not CodeCommit (undefined): other hosts, look-alikes, paths, ssh', () => {
    for (const address of [
      'https://github.com/o/config',
      '/srv/config.git',
      'git@github.com:o/config.git',
      'ssh://git-codecommit.eu-west-1.amazonaws.com/v1/repos/r',
      'https://git-codecommit.eu-west-1.amazonaws.com.evil.example/v1/repos/r',
      'https://evil-git-codecommit.eu-west-1.amazonaws.com/v1/repos/r',
      'https://git-codecommit.eu-west-1.amazonaws.co/v1/repos/r',
      'https://git-codecommit.eu-west-1.evil.example/v1/repos/r',
      'https://vpce-1.git-codecommit.eu-west-1.vpce.amazonaws.com.evil.example/v1/repos/r',
    ]) {
      expect(parseCodeCommitRemote(address), address).toBeUndefined();
    }
  });

  it('credentials in the URL are refused without being echoed, over https and http alike', () => {
    for (const address of [
      'https://AKIAEXAMPLE:pa55word-secret@git-codecommit.eu-west-1.amazonaws.com/v1/repos/r',
      'http://AKIAEXAMPLE:pa55word-secret@git-codecommit.eu-west-1.amazonaws.com/v1/repos/r',
      'https://pa55word-secret@git-codecommit.eu-west-1.amazonaws.com/v1/repos/r',
      'codecommit::eu-west-1://AKIAEXAMPLE:pa55word-secret@r',
      'codecommit://AKIAEXAMPLE:pa55word-secret@r',
    ]) {
      const error = refusal(address);
      expect(error.message).toMatch(/credentials/);
      expect(`${error.message} ${error.fix ?? ''}`).not.toContain('pa55word-secret');
      expect(error.where).toBe('--config-repo');
    }
  });

  it('plain http to a CodeCommit host is refused', () => {
    expect(refusal('http://git-codecommit.eu-west-1.amazonaws.com/v1/repos/r').message).toMatch(/https/);
  });

  it('bad repository names are refused', () => {
    for (const name of ['', 'bad name', 'x.git', '.', '..', 'a'.repeat(101), 'ünï', 'a/b', 'a%2Fb']) {
      const error = refusal(`codecommit::eu-west-1://${name}`);
      expect(error.message).toMatch(/not a CodeCommit (repository name|address)/);
      expect(error.fix).toMatch(/codecommit::<region>/);
    }
    expect(refusal('https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/x.git').message).toMatch(/name/);
    expect(refusal('https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/a%20b').message).toMatch(/name/);
  });

  it('a path past the repository, a query or another path shape is refused', () => {
    for (const address of [
      'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/r/extra',
      'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/r?x=1',
      'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/r#frag',
      'https://git-codecommit.eu-west-1.amazonaws.com/r',
      'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/',
    ]) {
      expect(refusal(address).message, address).toMatch(/path|name/);
    }
  });

  it('codecommit:: with a bad region, and other codecommit: shapes, are refused', () => {
    for (const address of [
      'codecommit::EU-west-1://r',
      'codecommit::eu-west://r',
      'codecommit::mars://r',
      'codecommit::eu-west-1x://r',
      'codecommit::://r',
      'codecommit:r',
      'codecommit:::eu-west-1://r',
    ]) {
      expect(refusal(address).message, address).toMatch(/not a CodeCommit address|codecommit:: address/);
    }
    expect(refusal('codecommit://bad profile@r').message).toMatch(/profile/);
  });
});

describe('looksLikeCodeCommit', () => {
  it('is true for everything meant for CodeCommit (so that it is parsed and refused, not sent to git)', () => {
    expect(looksLikeCodeCommit('codecommit::eu-west-1://r')).toBe(true);
    expect(looksLikeCodeCommit('CodeCommit://r')).toBe(true);
    expect(looksLikeCodeCommit('https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/r')).toBe(true);
    expect(looksLikeCodeCommit('https://github.com/o/config')).toBe(false);
    expect(looksLikeCodeCommit('/srv/codecommit/config.git')).toBe(false);
  });
});

describe('gitUrlOf', () => {
  const remote = (address: string) => {
    const parsed = parseCodeCommitRemote(address);
    if (parsed === undefined) throw new Error(address);
    return parsed;
  };

  it("the region's endpoint, in China and with AWS_USE_FIPS_ENDPOINT", () => {
    expect(gitUrlOf(remote('codecommit://r'), 'eu-west-1', {})).toBe(
      'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/r',
    );
    expect(gitUrlOf(remote('codecommit://r'), 'cn-northwest-1', {})).toBe(
      'https://git-codecommit.cn-northwest-1.amazonaws.com.cn/v1/repos/r',
    );
    expect(gitUrlOf(remote('codecommit://r'), 'us-east-1', { AWS_USE_FIPS_ENDPOINT: 'true' })).toBe(
      'https://git-codecommit-fips.us-east-1.amazonaws.com/v1/repos/r',
    );
  });

  it(`${GIT_ENDPOINT_VARIABLE} replaces the endpoint (a VPC endpoint, a loopback test server)`, () => {
    expect(
      gitUrlOf(remote('codecommit://r'), 'eu-west-1', { [GIT_ENDPOINT_VARIABLE]: 'http://127.0.0.1:8123' }),
    ).toBe('http://127.0.0.1:8123/v1/repos/r');
    const vpce = 'https://vpce-0123-abcd.git-codecommit.eu-west-1.vpce.amazonaws.com';
    expect(
      gitUrlOf(remote('codecommit::eu-west-1://r'), 'eu-west-1', { [GIT_ENDPOINT_VARIABLE]: `${vpce}/` }),
    ).toBe(`${vpce}/v1/repos/r`);
    // An HTTPS address names its endpoint itself.
    expect(
      gitUrlOf(remote('https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/r'), 'eu-west-1', {
        [GIT_ENDPOINT_VARIABLE]: 'http://127.0.0.1:8123',
      }),
    ).toBe('https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/r');
  });

  it(`${GIT_ENDPOINT_VARIABLE} must be an origin without credentials`, () => {
    for (const value of ['not a url', 'https://u:p@host', 'https://host/path']) {
      expect(
        () => gitUrlOf(remote('codecommit://r'), 'eu-west-1', { [GIT_ENDPOINT_VARIABLE]: value }),
        value,
      ).toThrow(SlipwayError);
    }
    try {
      gitUrlOf(remote('codecommit://r'), 'eu-west-1', { [GIT_ENDPOINT_VARIABLE]: 'https://u:s3cret@host' });
    } catch (error) {
      expect((error as SlipwayError).message).not.toContain('s3cret');
    }
  });
});
