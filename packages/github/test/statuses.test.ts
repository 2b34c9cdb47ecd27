import { describe, expect, it } from 'vitest';
import { branchTip } from '../../../test/support/bareRepo.js';
import { checkRunState, commitStatuses } from '../src/index.js';
import { withGitHub } from './fixture.js';

describe('commitStatuses', () => {
  it('normalises the latest commit statuses and check runs into one sorted list', async () => {
    await withGitHub(async ({ client, repoPath, server }) => {
      const sha = branchTip(repoPath, 'env/dev') ?? '';
      const post = (
        state: 'pending' | 'success' | 'failure' | 'error',
        context: string,
        description?: string,
      ) =>
        client.api().then((api) =>
          api.rest.repos.createCommitStatus({
            owner: 'acme',
            repo: 'config',
            sha,
            state,
            context,
            ...(description === undefined ? {} : { description }),
            target_url: `https://ci.test/${context}`,
          }),
        );
      await post('pending', 'argo/sync', 'syncing');
      await post('success', 'argo/sync', 'synced');
      await post('error', 'smoke');
      server.addCheckRun('acme/config', sha, {
        name: 'e2e',
        status: 'in_progress',
        detailsUrl: 'https://ci.test/e2e',
      });
      server.addCheckRun('acme/config', sha, {
        name: 'lint',
        conclusion: 'neutral',
        title: 'nothing to lint',
      });
      server.addCheckRun('acme/config', sha, { name: 'unit', conclusion: 'failure' });

      const checks = await commitStatuses({ client, owner: 'acme', repo: 'config', ref: 'env/dev' });
      expect(
        checks.map(({ context, state, description, url, source }) => ({
          context,
          state,
          description,
          url,
          source,
        })),
      ).toEqual([
        {
          context: 'argo/sync',
          state: 'success',
          description: 'synced',
          url: 'https://ci.test/argo/sync',
          source: 'status',
        },
        {
          context: 'e2e',
          state: 'pending',
          description: 'in_progress',
          url: 'https://ci.test/e2e',
          source: 'check-run',
        },
        {
          context: 'lint',
          state: 'success',
          description: 'nothing to lint',
          url: `${server.url}/acme/config/runs/5`,
          source: 'check-run',
        },
        {
          context: 'smoke',
          state: 'error',
          description: null,
          url: 'https://ci.test/smoke',
          source: 'status',
        },
        {
          context: 'unit',
          state: 'failure',
          description: 'failure',
          url: `${server.url}/acme/config/runs/6`,
          source: 'check-run',
        },
      ]);
      for (const check of checks) expect(check.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await commitStatuses({ client, owner: 'acme', repo: 'config', ref: 'main' })).toEqual([]);
    });
  });

  it('maps check run conclusions to status states', () => {
    expect(checkRunState('queued', null)).toBe('pending');
    expect(checkRunState('in_progress', null)).toBe('pending');
    for (const conclusion of ['success', 'neutral', 'skipped'])
      expect(checkRunState('completed', conclusion)).toBe('success');
    for (const conclusion of ['failure', 'timed_out', 'action_required', 'startup_failure']) {
      expect(checkRunState('completed', conclusion)).toBe('failure');
    }
    for (const conclusion of ['cancelled', 'stale'])
      expect(checkRunState('completed', conclusion)).toBe('error');
  });
});
