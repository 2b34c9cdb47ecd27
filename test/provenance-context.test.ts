// The provenance statement from what GitHub Actions gives a step: its GITHUB_* variables, read and checked by
// @slipway/ci, turned into SLSA provenance by @slipway/sign.
import { detectContext } from '@slipway/ci';
import { describe, expect, it } from 'vitest';
import { provenanceStatement } from '../packages/sign/src/index.js';

const ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_REPOSITORY_ID: '123456789',
  GITHUB_REPOSITORY_OWNER_ID: '987654',
  GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/release.yml@refs/heads/main',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '2',
  RUNNER_ENVIRONMENT: 'self-hosted',
};

describe('build provenance from a GitHub Actions context', () => {
  it('records the run as the GitHub workflow build type does', () => {
    const workflowRun = detectContext(ENV).workflowRun;
    if (workflowRun === undefined || !('run' in workflowRun))
      throw new Error(`no run: ${JSON.stringify(workflowRun)}`);
    const digest = `sha256:${'e'.repeat(64)}`;
    expect(
      provenanceStatement({
        run: workflowRun.run,
        image: { repository: 'registry.example.com/shop/cart', digest },
      }),
    ).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'registry.example.com/shop/cart', digest: { sha256: 'e'.repeat(64) } }],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          externalParameters: {
            workflow: {
              ref: 'refs/heads/main',
              repository: 'https://github.com/acme/shop',
              path: '.github/workflows/release.yml',
            },
          },
          internalParameters: {
            github: {
              event_name: 'push',
              repository_id: '123456789',
              repository_owner_id: '987654',
              runner_environment: 'self-hosted',
            },
          },
          resolvedDependencies: [
            {
              uri: 'git+https://github.com/acme/shop@refs/heads/main',
              digest: { gitCommit: '0123456789abcdef0123456789abcdef01234567' },
            },
          ],
        },
        runDetails: {
          builder: { id: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main' },
          // Always with the attempt, unlike the run URL of commit trailers, which leaves out attempt 1.
          metadata: { invocationId: 'https://github.com/acme/shop/actions/runs/4242/attempts/2' },
        },
      },
    });
  });
});
