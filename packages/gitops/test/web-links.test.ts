import { describe, expect, it } from 'vitest';
import { configRepoWebLinks } from '../src/index.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('configRepoWebLinks', () => {
  it.each([
    ['https://github.com/acme/config.git', {}],
    ['https://x-access-token:ghs_secret@github.com/acme/config', {}],
    ['git@github.com:acme/config.git', {}],
    ['ssh://git@github.com/acme/config.git', {}],
  ])('links %s to its GitHub pages, credentials left out', (address, hosts) => {
    const links = configRepoWebLinks(address, hosts);
    expect(links?.commit(SHA)).toBe(`https://github.com/acme/config/commit/${SHA}`);
    expect(links?.branch('env/dev')).toBe('https://github.com/acme/config/tree/env/dev');
    expect(links?.file(SHA, 'apps/cart/values.yaml', 4)).toBe(
      `https://github.com/acme/config/blob/${SHA}/apps/cart/values.yaml#L4`,
    );
    expect(links?.file(SHA, 'apps/a b#1.yaml', 2)).toBe(
      `https://github.com/acme/config/blob/${SHA}/apps/a%20b%231.yaml#L2`,
    );
  });

  it('links a repository on the GitHub Enterprise server the run is on', () => {
    const links = configRepoWebLinks('https://ghe.example.com/platform/deploy.git', {
      githubServerUrl: 'https://ghe.example.com',
    });
    expect(links?.commit(SHA)).toBe(`https://ghe.example.com/platform/deploy/commit/${SHA}`);
    expect(configRepoWebLinks('https://ghe.example.com/platform/deploy.git', {})).toBeUndefined();
  });

  it.each([
    ['https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/config', {}],
    ['codecommit::eu-west-1://config', {}],
    ['codecommit://ops@config', { awsRegion: 'eu-west-1' }],
  ])('links %s to the CodeCommit console', (address, hosts) => {
    const links = configRepoWebLinks(address, hosts);
    const base = 'https://eu-west-1.console.aws.amazon.com/codesuite/codecommit/repositories/config';
    expect(links?.commit(SHA)).toBe(`${base}/commit/${SHA}?region=eu-west-1`);
    expect(links?.branch('env/prod')).toBe(`${base}/browse/refs/heads/env/prod?region=eu-west-1`);
    expect(links?.file(SHA, 'apps/cart/values.yaml', 4)).toBeUndefined();
  });

  it.each([
    ['a plain git server', 'https://git.example.com/acme/config.git', {}],
    ['a local path that reads like owner/name', 'acme/config', {}],
    ['a file URL', 'file:///srv/git/config.git', {}],
    ['an absolute path', '/srv/git/config.git', {}],
    ['CodeCommit with no region anywhere', 'codecommit://config', {}],
    ['a deeper path on GitHub', 'https://github.com/acme/config/extra', {}],
  ])('has no links for %s', (_name, address, hosts) => {
    expect(configRepoWebLinks(address, hosts)).toBeUndefined();
  });
});
