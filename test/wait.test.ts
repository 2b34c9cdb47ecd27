import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGitHubClient, waitForDeployment } from '../packages/github/src/index.js';
import { branchTip, commitFiles, createBareRepo } from './support/bareRepo.js';
import { type Defer, withCleanup } from './support/cleanup.js';
import { type GitHubServer, startGitHubServer } from './support/githubServer.js';
import { type RunResult, runSlipway } from './support/slipway.js';

const TOKEN = 'ghs_waitToken0123456789';
const CONFIG = 'https://github.com/acme/config';

interface Fixture {
  server: GitHubServer;
  repoPath: string;
  /** The tip of env/prod. */
  sha: string;
  /** Sets a commit status on `sha` as the agent would (notification-controller, Argo CD notifications). */
  post: (
    state: 'pending' | 'success' | 'failure' | 'error',
    context: string,
    description?: string,
    sha?: string,
  ) => Promise<void>;
  /** Resolves once the statuses of `sha` were read `count` times in all. */
  polls: (count: number, sha?: string) => Promise<void>;
  /** `slipway wait` against the fake, with the token in the environment. */
  wait: (args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<RunResult>;
}

async function fixture(defer: Defer): Promise<Fixture> {
  const repo = createBareRepo({
    branches: { main: { 'README.md': 'config\n' }, 'env/prod': { 'a.yaml': '1\n' } },
  });
  defer(repo.cleanup);
  const server = await startGitHubServer({ repos: { 'acme/config': repo.path }, token: TOKEN });
  defer(server.close);
  const sha = branchTip(repo.path, 'env/prod') ?? '';
  const statusReads = (of: string) =>
    server.state.requests.filter(
      (r) => r.method === 'GET' && r.path === `/repos/acme/config/commits/${of}/status`,
    ).length;
  return {
    server,
    repoPath: repo.path,
    sha,
    post: async (state, context, description, of = sha) => {
      const response = await fetch(`${server.url}/repos/acme/config/statuses/${of}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ state, context, ...(description === undefined ? {} : { description }) }),
      });
      expect(response.status).toBe(201);
    },
    polls: async (count, of = sha) => {
      const deadline = Date.now() + 20_000;
      while (statusReads(of) < count) {
        if (Date.now() > deadline) throw new Error(`only ${statusReads(of)} polls of ${of}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    wait: (args, env = { SLIPWAY_TOKEN: TOKEN }) =>
      runSlipway(['wait', '--config-repo', CONFIG, '--github-api-url', server.url, ...args], { env }),
  };
}

function expectNoToken(result: RunResult): void {
  expect(result.stdout).not.toContain(TOKEN);
  expect(result.stderr).not.toContain(TOKEN);
}

describe('slipway wait', () => {
  it('waits through pending until the agent reports success, one progress line per change', async () => {
    await withCleanup(async (defer) => {
      const f = await fixture(defer);
      await f.post('pending', 'kustomization/apps/0c9c2e41', 'Reconciliation in progress');
      const outputEnv = path.join(os.tmpdir(), `slipway-wait-${process.pid}-${Date.now()}.env`);
      defer(() => rmSync(outputEnv, { force: true }));
      const running = f.wait([
        '--env',
        'prod',
        '--commit',
        f.sha,
        '--interval',
        '50ms',
        '--timeout',
        '30s',
        '--json',
        '--output-env',
        outputEnv,
      ]);
      await f.polls(4);
      await f.post('success', 'kustomization/apps/0c9c2e41', 'Reconciliation finished in 2s');
      const result = await running;
      expect(result.code, result.stderr).toBe(0);
      expectNoToken(result);
      const json = JSON.parse(result.stdout) as {
        state: string;
        commit: string;
        contexts: { state: string }[];
      };
      expect(json).toMatchObject({
        state: 'success',
        repository: 'acme/config',
        env: 'prod',
        commit: f.sha,
        contexts: [
          {
            context: 'kustomization/apps/0c9c2e41',
            state: 'success',
            description: 'Reconciliation finished in 2s',
            source: 'status',
          },
        ],
      });
      // One line when pending was first seen and one when it turned success, though it polled more.
      const progress = result.stderr
        .split('\n')
        .filter((line) => line.includes('kustomization/apps/0c9c2e41'));
      expect(progress).toHaveLength(2);
      expect(progress[0]).toContain('pending (Reconciliation in progress)');
      expect(progress[1]).toContain('success (Reconciliation finished in 2s)');
      const outputs = readFileSync(outputEnv, 'utf8');
      expect(outputs).toMatch(/^STATE='success'$/m);
      expect(outputs).toContain(`CONTEXTS='[{"context":"kustomization/apps/0c9c2e41","state":"success"`);
    });
  });

  it('waits for the env branch tip when --commit is not given, counting check runs too', async () => {
    await withCleanup(async (defer) => {
      const f = await fixture(defer);
      const tip = commitFiles(f.repoPath, 'env/prod', { 'a.yaml': '2\n' });
      await f.post('success', 'helmrelease/podinfo/3f1d', 'Helm upgrade succeeded', tip);
      f.server.addCheckRun('acme/config', tip, { name: 'argocd/podinfo', status: 'in_progress' });
      const running = f.wait(['--env', 'prod', '--interval', '50ms', '--timeout', '30s']);
      await f.polls(3, tip);
      const run = f.server.state.checkRuns.find((r) => r.name === 'argocd/podinfo');
      if (run === undefined) throw new Error('no check run');
      run.status = 'completed';
      run.conclusion = 'success';
      const result = await running;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`env/prod is at ${tip}`);
      expect(result.stdout).toContain(`acme/config@${tip.slice(0, 7)} (prod) deployed`);
      expect(result.stdout).toMatch(/argocd\/podinfo\s+success/);
      expect(result.stdout).toMatch(/helmrelease\/podinfo\/3f1d\s+success/);
      expectNoToken(result);
    });
  });

  it('fails at once with the agent message when a status is failure or error', async () => {
    await withCleanup(async (defer) => {
      const f = await fixture(defer);
      await f.post('success', 'kustomization/infra/aa11', 'Applied');
      await f.post('pending', 'kustomization/apps/0c9c2e41', 'Reconciliation in progress');
      const running = f.wait(['--commit', f.sha, '--env', 'prod', '--interval', '50ms', '--timeout', '30s']);
      await f.polls(2);
      await f.post(
        'failure',
        'kustomization/apps/0c9c2e41',
        'Health check failed after 1m: Deployment/shop/cart not ready',
      );
      const result = await running;
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `slipway wait: error: acme/config@${f.sha.slice(0, 7)} (prod): deployment failed`,
      );
      expect(result.stderr).toContain(
        'kustomization/apps/0c9c2e41 is failure (Health check failed after 1m: Deployment/shop/cart not ready)',
      );
      expect(result.stderr).not.toContain('kustomization/infra/aa11 is');
      expectNoToken(result);
    });
  });

  it('times out saying what it last saw', async () => {
    await withCleanup(async (defer) => {
      const f = await fixture(defer);
      const none = await f.wait(['--commit', f.sha, '--interval', '50ms', '--timeout', '300ms']);
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/timed out after 300ms .*last seen: no statuses or check runs/);
      expect(none.stderr).toContain('no statuses or check runs yet');

      await f.post('pending', 'kustomization/apps/0c9c2e41', 'Reconciliation in progress');
      const pending = await f.wait(['--commit', f.sha, '--interval', '50ms', '--timeout', '300ms']);
      expect(pending.code).toBe(1);
      expect(pending.stderr).toContain(
        'last seen: kustomization/apps/0c9c2e41 pending (Reconciliation in progress)',
      );
      expect(pending.stderr.split('\n').filter((l) => l.includes('0c9c2e41: pending'))).toHaveLength(1);
      expectNoToken(none);
      expectNoToken(pending);
    });
  });

  it('--context narrows the statuses waited for, by prefix, and each one must show up', async () => {
    await withCleanup(async (defer) => {
      const f = await fixture(defer);
      await f.post('success', 'kustomization/apps/0c9c2e41', 'Applied');
      await f.post('failure', 'kustomization/infra/aa11', 'kustomize build failed');
      await f.post('pending', 'kustomization/apps-canary/77', 'Progressing');
      const narrowed = await f.wait([
        '--commit',
        f.sha,
        '--context',
        'kustomization/apps',
        '--interval',
        '50ms',
        '--timeout',
        '10s',
        '--json',
      ]);
      expect(narrowed.code, narrowed.stderr).toBe(0);
      const json = JSON.parse(narrowed.stdout) as { state: string; contexts: { context: string }[] };
      expect(json.state).toBe('success');
      expect(json.contexts.map((c) => c.context)).toEqual(['kustomization/apps/0c9c2e41']);

      const unfiltered = await f.wait(['--commit', f.sha, '--interval', '50ms', '--timeout', '10s']);
      expect(unfiltered.code).toBe(1);
      expect(unfiltered.stderr).toContain('kustomization/infra/aa11 is failure (kustomize build failed)');

      const missing = await f.wait([
        '--commit',
        f.sha,
        '--context',
        'kustomization/apps',
        '--context',
        'helmrelease/podinfo',
        '--interval',
        '50ms',
        '--timeout',
        '300ms',
      ]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('last seen: kustomization/apps/0c9c2e41 success (Applied)');
      expect(missing.stderr).toContain('nothing yet for --context helmrelease/podinfo');
    });
  });

  it('needs a token, takes it from GITHUB_TOKEN too, and never from argv', async () => {
    await withCleanup(async (defer) => {
      const f = await fixture(defer);
      await f.post('success', 'kustomization/apps/0c9c2e41', 'Applied');
      const missing = await f.wait(['--commit', f.sha], {});
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('no GitHub token to read the commit statuses with');
      expect(missing.stderr).toContain('SLIPWAY_TOKEN or GITHUB_TOKEN');

      const argv = await f.wait(['--commit', f.sha, '--token', TOKEN], {});
      expect(argv.code).toBe(2);
      expect(argv.stderr).toContain('--token is not accepted on the command line');

      const github = await f.wait(['--commit', f.sha, '--interval', '50ms'], { GITHUB_TOKEN: TOKEN });
      expect(github.code, github.stderr).toBe(0);
      expectNoToken(github);

      const wrong = await f.wait(['--commit', f.sha], { SLIPWAY_TOKEN: 'ghs_wrongToken' });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/401/);
      expect(wrong.stderr).not.toContain('ghs_wrongToken');
    });
  });

  it('rejects a malformed duration and a missing commit and env', async () => {
    await withCleanup(async (defer) => {
      const f = await fixture(defer);
      const bad = await f.wait(['--commit', f.sha, '--timeout', '15 minutes']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('--timeout: "15 minutes" is not a duration');
      const neither = await f.wait([]);
      expect(neither.code).toBe(1);
      expect(neither.stderr).toContain('--commit or --env is required');
      const noBranch = await f.wait(['--env', 'qa']);
      expect(noBranch.code).toBe(1);
      expect(noBranch.stderr).toContain('branch env/qa does not exist');
    });
  });
});

describe('waitForDeployment', () => {
  it('polls on the clock it is given until the deadline, then times out', async () => {
    await withCleanup(async (defer) => {
      const f = await fixture(defer);
      const client = createGitHubClient({ token: TOKEN, apiUrl: f.server.url });
      let clock = 0;
      const slept: number[] = [];
      const outcome = await waitForDeployment({
        client,
        owner: 'acme',
        repo: 'config',
        sha: f.sha,
        timeoutMs: 1000,
        intervalMs: 300,
        now: () => clock,
        sleep: async (ms) => {
          slept.push(ms);
          clock += ms;
        },
      });
      expect(outcome).toMatchObject({ state: 'timeout', checks: [], polls: 5, elapsedMs: 1000 });
      expect(slept).toEqual([300, 300, 300, 100]);
    });
  });

  it('reports changes only, and retries a server error until the agent answers', async () => {
    await withCleanup(async (defer) => {
      const repo = createBareRepo({ branches: { 'env/prod': { 'a.yaml': '1\n' } } });
      defer(repo.cleanup);
      const sha = branchTip(repo.path, 'env/prod') ?? '';
      let calls = 0;
      const server = await startGitHubServer({
        repos: { 'acme/config': repo.path },
        token: TOKEN,
        onRequest: ({ path: p }) => {
          if (p.endsWith('/status')) calls += 1;
          if (calls === 2 && p.endsWith('/status')) throw new Error('flaky');
        },
      });
      defer(server.close);
      const client = createGitHubClient({ token: TOKEN, apiUrl: server.url });
      await (await client.api()).rest.repos.createCommitStatus({
        owner: 'acme',
        repo: 'config',
        sha,
        state: 'pending',
        context: 'argocd/cart',
      });
      const changes: string[][] = [];
      const retries: unknown[] = [];
      let clock = 0;
      const outcome = await waitForDeployment({
        client,
        owner: 'acme',
        repo: 'config',
        sha,
        timeoutMs: 60_000,
        intervalMs: 1000,
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
          if (clock === 4000)
            await (await client.api()).rest.repos.createCommitStatus({
              owner: 'acme',
              repo: 'config',
              sha,
              state: 'success',
              context: 'argocd/cart',
            });
        },
        onChange: ({ changed }) => changes.push(changed.map((c) => `${c.context}=${c.state}`)),
        onRetry: (error) => retries.push(error),
      });
      expect(outcome.state).toBe('success');
      expect(outcome.polls).toBe(5);
      expect(retries).toHaveLength(1);
      expect(changes).toEqual([['argocd/cart=pending'], ['argocd/cart=success']]);
    });
  });
});
