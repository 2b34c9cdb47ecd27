import { describe, expect, it } from 'vitest';
import { codeCommitGitCredential } from '../packages/codecommit/src/index.js';
import { gitPasswordFor, gitSignature } from './support/codecommitGitServer.js';

// The test server's own SigV4 (node:crypto) must be right on its own, or every CodeCommit test would only
// check Slipway's signer against itself.
describe('the SigV4 git server recomputes credentials independently', () => {
  it("matches another implementation's vector (nextflow's AwsCodeCommitCredentialProviderTest)", () => {
    expect(
      gitSignature(
        'abc123xyz',
        'us-west-2',
        '19700101T000000',
        'git-codecommit.us-west-2.amazonaws.com',
        '/v1/repos/project',
      ).toString('hex'),
    ).toBe('105088f0165351288fd9bad861105f60ce80fc5da9d824b68e0601155157c657');
  });

  it("agrees with Slipway's SDK-based signer for a loopback endpoint, port left out of the signature", async () => {
    const now = new Date('2026-12-05T09:30:00Z');
    const url = 'http://127.0.0.1:43123/v1/repos/microservices-repo';
    const derived = await codeCommitGitCredential({
      url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' },
      now,
    });
    expect(gitPasswordFor('wJalrXUtnFEMI/K7MDENG', 'eu-west-1', url, now)).toBe(derived.password);
    expect(gitPasswordFor('wJalrXUtnFEMI/K7MDENG', 'eu-west-1', url.replace('repo', 'other'), now)).not.toBe(
      derived.password,
    );
  });
});
