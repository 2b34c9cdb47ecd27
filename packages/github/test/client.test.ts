// Every GitHub API request has a timeout of ours: a loopback API that holds its answer (or its body)
// ends the call with one clean line naming the request and the fix, never a hang.

import { SlipwayError } from '@slipway/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../../../test/support/registry.js';
import {
  createGitHubClient,
  DEFAULT_GITHUB_TIMEOUT_MS,
  defaultBranchViaApi,
  GitHubTimeoutError,
  gitHubTimeoutMs,
} from '../src/index.js';
import { failureLine, TOKEN } from './fixture.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** An API that takes every request and answers nothing, or only the head of its answer. */
async function holdingApi(answer: 'nothing' | 'headers only'): Promise<LoopbackServer> {
  const server = await startLoopbackServer((_request, response) => {
    if (answer === 'headers only') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      response.write('{"default_branch": ');
    }
  });
  servers.push(server);
  return server;
}

const shortTimeout = { SLIPWAY_GITHUB_TIMEOUT: '1' };

describe('GitHub API requests have a timeout', () => {
  it('an API that never answers ends after SLIPWAY_GITHUB_TIMEOUT with the request, the action and the fix', async () => {
    const server = await holdingApi('nothing');
    const client = createGitHubClient({ token: TOKEN, apiUrl: server.url, env: shortTimeout });
    const line = await failureLine(defaultBranchViaApi({ client, owner: 'acme', repo: 'config' }));
    expect(line).toContain(
      `the GitHub API gave no full answer to GET ${server.url}/repos/acme/config within 1 s while reading the repository`,
    );
    expect(line).toContain('allow more time with SLIPWAY_GITHUB_TIMEOUT (seconds)');
    expect(line).not.toContain(TOKEN);
  }, 15_000);

  it('an answer whose body stops arriving times out too, as a GitHubTimeoutError', async () => {
    const server = await holdingApi('headers only');
    const client = createGitHubClient({ token: TOKEN, apiUrl: server.url, env: shortTimeout });
    const error = await (await client.api()).rest.repos
      .get({ owner: 'acme', repo: 'config' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubTimeoutError);
    expect((error as GitHubTimeoutError).oneLine()).toContain(
      `GET ${server.url}/repos/acme/config within 1 s`,
    );
  }, 15_000);

  it('defaults to 60 s and refuses a SLIPWAY_GITHUB_TIMEOUT that is not whole seconds', () => {
    expect(gitHubTimeoutMs({})).toBe(DEFAULT_GITHUB_TIMEOUT_MS);
    expect(DEFAULT_GITHUB_TIMEOUT_MS).toBe(60_000);
    expect(gitHubTimeoutMs({ SLIPWAY_GITHUB_TIMEOUT: '90' })).toBe(90_000);
    expect(() =>
      createGitHubClient({
        token: TOKEN,
        apiUrl: 'http://127.0.0.1:9',
        env: { SLIPWAY_GITHUB_TIMEOUT: '1.5' },
      }),
    ).toThrow(SlipwayError);
  });
});
