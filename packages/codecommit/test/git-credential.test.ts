import { describe, expect, it } from 'vitest';
import { codeCommitGitCredential } from '../src/index.js';

describe('codeCommitGitCredential', () => {
  it('matches the password another implementation derives for the same request', async () => {
    // The vector of nextflow's AwsCodeCommitCredentialProviderTest (Apache-2.0), an independent implementation
    // of the same helper protocol: secret abc123xyz, us-west-2, repository `project`, the Unix epoch.
    const credential = await codeCommitGitCredential({
      url: 'https://git-codecommit.us-west-2.amazonaws.com/v1/repos/project',
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'abc123xyz' },
      now: new Date(0),
    });
    expect(credential.password).toBe(
      '19700101T000000Z105088f0165351288fd9bad861105f60ce80fc5da9d824b68e0601155157c657',
    );
    expect(credential.username).toBe('AKIDEXAMPLE');
  });

  it('puts the session token of temporary credentials after the key id, and signs the host without its port', async () => {
    const base = {
      region: 'eu-west-1',
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's3cr3t', sessionToken: 'tok/en+=' },
      now: new Date('2026-12-05T09:00:00Z'),
    };
    const plain = await codeCommitGitCredential({ ...base, url: 'https://127.0.0.1/v1/repos/x' });
    const withPort = await codeCommitGitCredential({ ...base, url: 'https://127.0.0.1:8443/v1/repos/x' });
    const other = await codeCommitGitCredential({ ...base, url: 'https://127.0.0.1/v1/repos/y' });
    expect(plain.username).toBe('ASIAEXAMPLE%tok/en+=');
    expect(plain.password).toMatch(/^20261205T090000Z[0-9a-f]{64}$/);
    expect(withPort.password).toBe(plain.password);
    expect(other.password).not.toBe(plain.password);
  });
});
