// A CodeCommit config repo as pull-request mode sees it: one real bare repo behind the SigV4 git server and
// the API fake's pull requests, both under the shipped promote-pull-request policy (the pipeline's role).
// SLIPWAY_CODECOMMIT_GIT_ENDPOINT is stubbed to the server; stub the AWS keys first (awsTestEnv.ts).

import path from 'node:path';
import { vi } from 'vitest';
import type { TestAwsKeys } from './awsTestEnv.js';
import { createBareRepo, type FixtureFiles } from './bareRepo.js';
import type { Defer } from './cleanup.js';
import { CodeCommitFake } from './codecommitFake.js';
import { startCodeCommitGitServer } from './codecommitGitServer.js';
import { iamAuthorizer } from './codecommitIam.js';
import { type CodeCommitPullsState, registerCodeCommitPulls } from './codecommitPullsApi.js';
import { loadShippedPolicy } from './iamPolicy.js';

export interface CodeCommitPullsWorld {
  readonly repoPath: string;
  readonly fake: CodeCommitFake;
  readonly pulls: CodeCommitPullsState;
}

/** Starts it; `defer` stops the server, restores the SDK client and removes the repo. */
export async function startCodeCommitPullsWorld(
  defer: Defer,
  options: {
    readonly repositoryName: string;
    readonly region: string;
    readonly keys: TestAwsKeys;
    readonly branches: Record<string, FixtureFiles>;
    readonly defaultBranch: string;
  },
): Promise<CodeCommitPullsWorld> {
  const { repositoryName, region } = options;
  const repo = createBareRepo({
    name: `${repositoryName}.git`,
    branches: options.branches,
    defaultBranch: options.defaultBranch,
  });
  defer(repo.cleanup);
  const policy = loadShippedPolicy('promote-pull-request', { configRepoName: repositoryName, region });
  const server = await startCodeCommitGitServer({
    root: path.dirname(repo.path),
    identities: [options.keys],
    region,
    policy,
  });
  defer(server.close);
  vi.stubEnv('SLIPWAY_CODECOMMIT_GIT_ENDPOINT', server.endpoint);
  const fake = new CodeCommitFake();
  defer(() => fake.restore());
  fake.authorize = iamAuthorizer(policy, { repositoryName, region });
  const pulls = registerCodeCommitPulls(fake, { repositoryName, repoPath: repo.path });
  return { repoPath: repo.path, fake, pulls };
}
