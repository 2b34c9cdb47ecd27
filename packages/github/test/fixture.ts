import { SlipwayError } from '@slipway/errors';
import { expect } from 'vitest';
import { createBareRepo, type FixtureFiles } from '../../../test/support/bareRepo.js';
import { type Defer, withCleanup } from '../../../test/support/cleanup.js';
import {
  type GitHubServer,
  type GitHubServerOptions,
  startGitHubServer,
} from '../../../test/support/githubServer.js';
import { createGitHubClient, type GitHubClient } from '../src/index.js';

export const TOKEN = 'ghs_s3cretTokenValue42';

/** Files of `env/dev` in the fixture config repo. */
export const DEV_FILES: FixtureFiles = {
  'apps/cart/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nimage: registry.test/shop/cart:1.0.0\n',
  'apps/cart/kustomization.yaml': 'images:\n  - name: registry.test/shop/cart\n    newTag: 1.0.0\n',
  'apps/shop/values.yaml': 'image:\n  tag: 2.0.0\n',
  'assets/logo.bin': Buffer.from([0, 255, 1, 254, 13, 10, 0]),
  'bin/deploy.sh': { executable: '#!/bin/sh\necho deploy\n' },
  'current.yaml': { symlink: 'apps/cart/deployment.yaml' },
  'crlf.yaml': 'a: 1\r\nb: 2\r\n',
};

export interface Fixture {
  server: GitHubServer;
  repoPath: string;
  client: GitHubClient;
  defer: Defer;
}

/** A bare config repo (`main` and `env/dev`) served by the fake GitHub API as acme/config, cleaned up after. */
export async function withGitHub<T>(
  test: (fixture: Fixture) => Promise<T>,
  options: Partial<GitHubServerOptions> = {},
): Promise<T> {
  return await withCleanup(async (defer) => {
    const repo = createBareRepo({
      branches: { main: { 'README.md': 'config\n' }, 'env/dev': DEV_FILES },
      defaultBranch: 'main',
    });
    defer(repo.cleanup);
    const server = await startGitHubServer({ repos: { 'acme/config': repo.path }, token: TOKEN, ...options });
    defer(server.close);
    const client = createGitHubClient({ token: TOKEN, apiUrl: server.url });
    return await test({ server, repoPath: repo.path, client, defer });
  });
}

/** The one line a user would see for the SlipwayError `promise` rejects with (fails the test otherwise). */
export async function failureLine(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => expect.unreachable('expected a failure'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SlipwayError);
  return (error as SlipwayError).oneLine();
}
