// A CodeCommit git endpoint on loopback for tests that need git over SigV4 but not the SigV4 server's own
// checks: git http-backend behind basic auth that takes exactly the credential Slipway derives from the test
// keys at a fixed clock (the test freezes Date: `vi.useFakeTimers({ toFake: ['Date'], now })`). The bare repo
// lives at <root>/v1/repos/<name>, the path CodeCommit's git URLs have; SLIPWAY_CODECOMMIT_GIT_ENDPOINT points
// Slipway at it.

import path from 'node:path';
import { vi } from 'vitest';
import { codeCommitGitCredential } from '../../packages/codecommit/src/index.js';
import type { TestAwsKeys } from './awsTestEnv.js';
import { type BareRepo, createBareRepo, type FixtureFiles } from './bareRepo.js';
import { type GitHttpServer, startGitHttpServer } from './gitHttpServer.js';

export interface CodeCommitGitAtFixedClock {
  readonly repo: BareRepo;
  readonly server: GitHttpServer;
}

/** Starts the endpoint (close `server`, clean `repo` up) and stubs SLIPWAY_CODECOMMIT_GIT_ENDPOINT to it. */
export async function startCodeCommitGitAtFixedClock(options: {
  readonly repositoryName: string;
  readonly region: string;
  readonly keys: TestAwsKeys;
  readonly now: Date;
  readonly branches: Record<string, FixtureFiles>;
  readonly defaultBranch?: string;
}): Promise<CodeCommitGitAtFixedClock> {
  const repo = createBareRepo({
    name: `v1/repos/${options.repositoryName}`,
    branches: options.branches,
    ...(options.defaultBranch === undefined ? {} : { defaultBranch: options.defaultBranch }),
  });
  // The host is signed without its port, so the credential for 127.0.0.1 holds for any port.
  const credential = await codeCommitGitCredential({
    url: `http://127.0.0.1/v1/repos/${options.repositoryName}`,
    region: options.region,
    credentials: options.keys,
    now: options.now,
  });
  try {
    const server = await startGitHttpServer({
      root: path.dirname(path.dirname(path.dirname(repo.path))),
      username: credential.username,
      password: credential.password,
    });
    vi.stubEnv('SLIPWAY_CODECOMMIT_GIT_ENDPOINT', server.url);
    return { repo, server };
  } catch (error) {
    repo.cleanup();
    throw error;
  }
}
