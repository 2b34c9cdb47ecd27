import { describe, expect, it } from 'vitest';
import { branchTip } from '../../../test/support/bareRepo.js';
import { commitFilesViaApi, type GitHubClient, upsertPullRequest } from '../src/index.js';
import { failureLine, withGitHub } from './fixture.js';

/** Pushes a promotion branch `promote/dev` on top of env/dev through the API. */
async function promotionBranch(client: GitHubClient, repoPath: string, tag: string): Promise<void> {
  const parent =
    branchTip(repoPath, branchTip(repoPath, 'promote/dev') === undefined ? 'env/dev' : 'promote/dev') ?? '';
  const result = await commitFilesViaApi({
    client,
    owner: 'acme',
    repo: 'config',
    branch: 'promote/dev',
    parent,
    files: new Map([['apps/shop/values.yaml', Buffer.from(`image:\n  tag: ${tag}\n`)]]),
    message: `promote(dev): shop ${tag}`,
    move: branchTip(repoPath, 'promote/dev') === undefined ? 'create' : 'fast-forward',
  });
  expect(result.ok).toBe(true);
}

describe('upsertPullRequest', () => {
  it('opens the pull request once, then updates it; labels and auto-merge are recorded', async () => {
    await withGitHub(async ({ client, repoPath, server }) => {
      await promotionBranch(client, repoPath, '2.1.0');
      const input = {
        client,
        owner: 'acme',
        repo: 'config',
        head: 'promote/dev',
        base: 'env/dev',
        labels: ['slipway', 'env: dev'],
        autoMerge: 'squash' as const,
      };
      const first = await upsertPullRequest({ ...input, title: 'promote(dev): shop 2.1.0', body: 'first' });
      expect(first).toEqual({
        number: 1,
        url: `${server.url}/acme/config/pull/1`,
        created: true,
        autoMerge: 'enabled',
        warnings: [],
      });

      await promotionBranch(client, repoPath, '2.2.0');
      const second = await upsertPullRequest({ ...input, title: 'promote(dev): shop 2.2.0', body: 'second' });
      expect(second).toMatchObject({ number: 1, created: false, autoMerge: 'enabled', warnings: [] });

      expect(server.state.pulls).toHaveLength(1);
      expect(server.state.pulls[0]).toMatchObject({
        title: 'promote(dev): shop 2.2.0',
        body: 'second',
        head: 'promote/dev',
        base: 'env/dev',
        state: 'open',
        labels: ['slipway', 'env: dev'],
        autoMerge: { mergeMethod: 'SQUASH' },
      });
      // Labels added once (already there the second time); auto-merge enabled once (already on).
      expect(server.state.labels).toEqual([
        { repo: 'acme/config', number: 1, labels: ['slipway', 'env: dev'] },
      ]);
      expect(server.state.autoMerge).toEqual([
        {
          repo: 'acme/config',
          number: 1,
          pullRequestId: server.state.pulls[0]?.nodeId,
          mergeMethod: 'SQUASH',
        },
      ]);

      // Same title and body: no PATCH at all.
      const patches = () =>
        server.state.requests.filter(
          (request) => request.method === 'PATCH' && request.path.includes('/pulls/'),
        );
      expect(patches()).toHaveLength(1);
      await upsertPullRequest({ ...input, title: 'promote(dev): shop 2.2.0', body: 'second' });
      expect(patches()).toHaveLength(1);
    });
  });

  it('opens one pull request when two runs race', async () => {
    await withGitHub(async ({ client, repoPath, server }) => {
      await promotionBranch(client, repoPath, '2.1.0');
      const run = (body: string) =>
        upsertPullRequest({
          client,
          owner: 'acme',
          repo: 'config',
          head: 'promote/dev',
          base: 'env/dev',
          title: 't',
          body,
        });
      const results = await Promise.all([run('a'), run('b')]);
      expect(results.map((result) => result.number)).toEqual([1, 1]);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(server.state.pulls).toHaveLength(1);
    });
  });

  it('warns, without failing, when the repository does not allow auto-merge', async () => {
    await withGitHub(
      async ({ client, repoPath, server }) => {
        await promotionBranch(client, repoPath, '2.1.0');
        const result = await upsertPullRequest({
          client,
          owner: 'acme',
          repo: 'config',
          head: 'acme:promote/dev',
          base: 'env/dev',
          title: 't',
          body: 'b',
          autoMerge: 'merge',
        });
        expect(result).toMatchObject({ number: 1, created: true, autoMerge: 'not-allowed' });
        expect(result.warnings).toHaveLength(1);
        expect(result.warnings[0]).toMatch(/acme\/config does not allow auto-merge.*Allow auto-merge/);
        expect(server.state.autoMerge).toEqual([]);
      },
      { allowAutoMerge: false },
    );
  });

  it('fails clearly when there is nothing to propose or the token cannot write pull requests', async () => {
    await withGitHub(async ({ client, repoPath, server }) => {
      const base = { client, owner: 'acme', repo: 'config', title: 't', body: 'b' };
      await expect(upsertPullRequest({ ...base, head: 'env/dev', base: 'env/dev' })).rejects.toThrow(
        /no commits between env\/dev and env\/dev/,
      );
      await promotionBranch(client, repoPath, '2.1.0');
      server.state.permission = 'read';
      expect(await failureLine(upsertPullRequest({ ...base, head: 'promote/dev', base: 'env/dev' }))).toMatch(
        /acme\/config \(branch promote\/dev\): GitHub refused opening a pull request promote\/dev → env\/dev \(403.*pull-requests: write/,
      );
    });
  });
});
