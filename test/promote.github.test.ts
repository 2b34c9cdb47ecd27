import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { branchTip, createBareRepo, listCommits, readFileAt } from './support/bareRepo.js';
import { type Defer, withCleanup } from './support/cleanup.js';
import { gitText } from './support/git.js';
import { startGitHttpServer } from './support/gitHttpServer.js';
import { type GitHubServer, startGitHubServer } from './support/githubServer.js';
import { runSlipway } from './support/slipway.js';

const TOKEN = 'ghs_PromoteGitHubE2eT0ken_5e6f7a8b9c';
const CART = 'registry.example.com/shop/cart';
const PAYMENTS = 'registry.example.com/shop/payments';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart # keep\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: "${image}"  # CI\n`;
const cronjob = (image: string): string =>
  `kind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - {name: sync, image: ${image}}\n`;

interface World {
  repoPath: string;
  /** The config repo over smart HTTP (basic auth with the token), at `<root>/acme/config.git`. */
  url: string;
  api: GitHubServer;
  /** argv of every git command the CLI ran. */
  gitArgv: () => string;
  env: Record<string, string>;
  defer: Defer;
}

async function withWorld<T>(
  test: (world: World) => Promise<T>,
  options: {
    policy?: string;
    onRequest?: (r: { method: string; path: string }, repoPath: string) => void;
  } = {},
): Promise<T> {
  return withCleanup(async (defer) => {
    const main: Record<string, string> = { 'README.md': 'config\n' };
    if (options.policy !== undefined) main['.slipway.yaml'] = options.policy;
    const repo = createBareRepo({
      name: 'acme/config.git',
      branches: {
        main,
        'env/dev': {
          'apps/cart/deployment.yaml': deployment(`${CART}:1.0.0`),
          'apps/payments/cronjob.yaml': cronjob(`${PAYMENTS}:0.9.0`),
        },
        'env/prod': { 'apps/cart/deployment.yaml': deployment(`${CART}:0.9.0`) },
      },
      defaultBranch: 'main',
    });
    defer(repo.cleanup);
    const root = join(repo.path, '..', '..');
    const http = await startGitHttpServer({ root, username: 'x-access-token', password: TOKEN });
    defer(http.close);
    const api = await startGitHubServer({
      repos: { 'acme/config': repo.path },
      token: TOKEN,
      ...(options.onRequest === undefined ? {} : { onRequest: (r) => options.onRequest?.(r, repo.path) }),
    });
    defer(api.close);
    const scratch = mkdtempSync(join(tmpdir(), 'slipway-gh-e2e-'));
    defer(() => rmSync(scratch, { recursive: true, force: true }));
    const bin = join(scratch, 'bin');
    const log = join(scratch, 'git-argv.log');
    mkdirSync(bin);
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec /usr/bin/git "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    writeFileSync(log, '');
    return await test({
      repoPath: repo.path,
      url: `${http.url}/acme/config.git`,
      api,
      gitArgv: () => readFileSync(log, 'utf8'),
      env: { SLIPWAY_TOKEN: TOKEN, PATH: `${bin}:${process.env.PATH ?? ''}` },
      defer,
    });
  });
}

const promoteArgs = (world: World, ...extra: string[]) => [
  'promote',
  '--config-repo',
  world.url,
  '--github-api-url',
  world.api.url,
  '--image',
  `${CART}:1.1.0@${D1}`,
  '--run-url',
  'https://ci.example/run/42',
  '--source-commit',
  'deadbeefcafe',
  '--json',
  ...extra,
];

function expectNoToken(world: World, ...outputs: string[]): void {
  for (const text of [...outputs, world.gitArgv()]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
  }
}

describe('slipway promote --via github-api', () => {
  it('lands one verified commit with byte-exact edits, pushing nothing with git', async () => {
    await withWorld(async (world) => {
      const before = branchTip(world.repoPath, 'env/dev') ?? '';
      const result = await runSlipway(promoteArgs(world, '--env', 'dev', '--via', 'github-api'), {
        env: world.env,
      });
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      const tip = branchTip(world.repoPath, 'env/dev') ?? '';
      const json = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(json).toMatchObject({ env: 'dev', branch: 'env/dev', commit: tip, noop: false, attempts: 1 });
      expect(listCommits(world.repoPath, 'env/dev')[0]?.parents).toEqual([before]);
      expect(gitText(['diff', '--name-only', before, tip], { env: { GIT_DIR: world.repoPath } })).toBe(
        'apps/cart/deployment.yaml',
      );
      expect(readFileAt(world.repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
        deployment(`${CART}:1.1.0@${D1}`),
      );
      const commit = world.api.state.requests.find(
        (r) => r.method === 'POST' && r.path.endsWith('/git/commits'),
      );
      expect(commit).toBeDefined();
      // git only read the policy file: no push, no fetch of the environment branch.
      expect(world.gitArgv()).not.toMatch(/\bpush\b/);
      expect(world.gitArgv()).not.toMatch(/env\/dev/);
      expectNoToken(world, result.stdout, result.stderr);
    });
  });

  it('two concurrent promotions of different images from the same tip both land', async () => {
    await withWorld(async (world) => {
      const [a, b] = await Promise.all([
        runSlipway(promoteArgs(world, '--env', 'dev', '--via', 'github-api'), { env: world.env }),
        runSlipway(
          [
            ...promoteArgs(world, '--env', 'dev', '--via', 'github-api').filter(
              (x) => x !== `${CART}:1.1.0@${D1}`,
            ),
            '--image',
            `${PAYMENTS}:1.0.0@${D2}`,
          ].filter((x, i, all) => !(x === '--image' && all[i + 1] === '--run-url')),
          { env: world.env },
        ),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(listCommits(world.repoPath, 'env/dev')).toHaveLength(3);
      expect(readFileAt(world.repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
        deployment(`${CART}:1.1.0@${D1}`),
      );
      expect(readFileAt(world.repoPath, 'env/dev', 'apps/payments/cronjob.yaml')?.toString('utf8')).toBe(
        cronjob(`${PAYMENTS}:1.0.0@${D2}`),
      );
    });
  });
});

describe('slipway promote --mode pull-request', () => {
  for (const via of ['git', 'github-api'] as const) {
    it(`opens one pull request with the body and labels, and a second promotion updates it (--via ${via})`, async () => {
      await withWorld(async (world) => {
        const envTip = branchTip(world.repoPath, 'env/dev');
        const first = await runSlipway(
          promoteArgs(
            world,
            '--env',
            'dev',
            '--mode',
            'pull-request',
            '--via',
            via,
            '--auto-merge',
            'squash',
          ),
          { env: world.env },
        );
        expect(first.code, first.stderr).toBe(0);
        const json = JSON.parse(first.stdout) as { commit: string; pullRequest: Record<string, unknown> };
        expect(json.pullRequest).toEqual({
          number: expect.any(Number),
          url: expect.any(String),
          created: true,
        });
        expect(branchTip(world.repoPath, 'env/dev')).toBe(envTip);
        expect(branchTip(world.repoPath, 'slipway/promote/dev/cart')).toBe(json.commit);
        const [pr] = world.api.state.pulls;
        expect(world.api.state.pulls).toHaveLength(1);
        expect(pr).toMatchObject({ head: 'slipway/promote/dev/cart', base: 'env/dev', state: 'open' });
        expect(pr?.title).toBe(`promote(dev): ${CART} 1.1.0 (sha256:111111111111)`);
        expect(pr?.labels).toEqual(['slipway', 'promotion', 'env:dev']);
        expect(pr?.body).toContain(
          `| \`${CART}\` | \`${CART}:1.0.0\` | \`${CART}:1.1.0@sha256:111111111111\` | — |`,
        );
        expect(pr?.body).toContain('Source commit: `deadbeefcafe`');
        expect(pr?.body).toContain('Run: https://ci.example/run/42');
        expect(pr?.body).toContain('`apps/cart/deployment.yaml:10`');
        expect(world.api.state.autoMerge).toMatchObject([{ mergeMethod: 'SQUASH' }]);

        const second = await runSlipway(
          [
            ...promoteArgs(world, '--env', 'dev', '--mode', 'pull-request', '--via', via).map((x) =>
              x === `${CART}:1.1.0@${D1}` ? `${CART}:1.2.0@${D2}` : x,
            ),
            '--pr-label',
            'deploy',
            '--pr-label',
            'to:{env}',
          ],
          { env: world.env },
        );
        expect(second.code, second.stderr).toBe(0);
        const again = JSON.parse(second.stdout) as { pullRequest: Record<string, unknown> };
        expect(again.pullRequest).toMatchObject({ number: pr?.number, created: false });
        expect(world.api.state.pulls).toHaveLength(1);
        expect(world.api.state.pulls[0]?.title).toMatch(/cart 1\.2\.0/);
        expect(world.api.state.pulls[0]?.labels).toEqual([
          'slipway',
          'promotion',
          'env:dev',
          'deploy',
          'to:dev',
        ]);
        expect(listCommits(world.repoPath, 'slipway/promote/dev/cart')[0]?.parents).toEqual([envTip]);
        expect(
          readFileAt(world.repoPath, 'slipway/promote/dev/cart', 'apps/cart/deployment.yaml')?.toString(
            'utf8',
          ),
        ).toBe(deployment(`${CART}:1.2.0@${D2}`));
        if (via === 'git')
          expect(world.gitArgv()).toMatch(/--force-with-lease=refs\/heads\/slipway\/promote\/dev\/cart:/);
        expectNoToken(world, first.stdout, first.stderr, second.stdout, second.stderr);
      });
    });
  }

  it("follows the policy's mode: pull-request without the flag", async () => {
    await withWorld(
      async (world) => {
        const envTip = branchTip(world.repoPath, 'env/prod');
        const result = await runSlipway(promoteArgs(world, '--env', 'prod'), { env: world.env });
        expect(result.code, result.stderr).toBe(0);
        const json = JSON.parse(result.stdout) as { pullRequest?: { created: boolean } };
        expect(json.pullRequest?.created).toBe(true);
        expect(branchTip(world.repoPath, 'env/prod')).toBe(envTip);
        expect(world.api.state.pulls).toMatchObject([
          { base: 'env/prod', head: 'slipway/promote/prod/cart' },
        ]);
      },
      { policy: 'version: 1\nenvironments:\n  dev: {}\n  prod:\n    mode: pull-request\n' },
    );
  });

  it('refuses a config repo that is not on GitHub, and a missing token, with one clear line', async () => {
    await withWorld(async (world) => {
      const local = await runSlipway(
        [
          'promote',
          '--config-repo',
          world.repoPath,
          '--env',
          'dev',
          '--image',
          `${CART}:1.1.0@${D1}`,
          '--mode',
          'pull-request',
        ],
        { env: world.env },
      );
      expect(local.code).not.toBe(0);
      expect(local.stderr).toMatch(/pull-request mode needs the config repo on GitHub/);
      const gitlab = await runSlipway(
        [
          'promote',
          '--config-repo',
          'https://gitlab.example.com/acme/config.git',
          '--env',
          'dev',
          '--image',
          `${CART}:1.1.0@${D1}`,
          '--via',
          'github-api',
        ],
        { env: world.env },
      );
      expect(gitlab.code).not.toBe(0);
      expect(gitlab.stderr).toMatch(/gitlab\.example\.com is not known to be GitHub.*--github-api-url/s);
      const noToken = await runSlipway(promoteArgs(world, '--env', 'dev', '--mode', 'pull-request'), {
        env: { PATH: world.env.PATH ?? '' },
      });
      expect(noToken.code).not.toBe(0);
      expect(noToken.stderr).toMatch(/pull-request mode needs a GitHub token/);
      expect(world.api.state.pulls).toEqual([]);
      expectNoToken(world, local.stderr, gitlab.stderr, noToken.stderr);
    });
  });
});

describe('slipway promote --wait', () => {
  /** Plays the agent (Flux notification-controller): once the promotion lands, it reports on that commit. */
  async function agentReports(
    world: World,
    branch: string,
    before: string,
    state: string,
    description: string,
  ) {
    for (let i = 0; i < 400; i += 1) {
      const tip = branchTip(world.repoPath, branch) ?? before;
      if (tip !== before) {
        const response = await fetch(`${world.api.url}/repos/acme/config/statuses/${tip}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ state, context: 'kustomization/apps/cart', description }),
        });
        expect(response.status).toBe(201);
        return tip;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the promotion never landed');
  }

  it('waits until the agent reports the promotion commit deployed', async () => {
    await withWorld(async (world) => {
      const before = branchTip(world.repoPath, 'env/dev') ?? '';
      const run = runSlipway(
        [
          ...promoteArgs(
            world,
            '--env',
            'dev',
            '--wait',
            '--wait-interval',
            '100ms',
            '--wait-timeout',
            '60s',
          ),
        ],
        { env: world.env },
      );
      const tip = await agentReports(world, 'env/dev', before, 'success', 'Applied revision env/dev');
      const result = await run;
      expect(result.stderr).not.toMatch(/error/);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ commit: tip, noop: false });
      expect(result.stderr).toMatch(/kustomization\/apps\/cart: success \(Applied revision env\/dev\)/);
      expectNoToken(world, result.stdout, result.stderr);
    });
  });

  it('fails with the agent’s message when the deployment fails', async () => {
    await withWorld(async (world) => {
      const before = branchTip(world.repoPath, 'env/dev') ?? '';
      const run = runSlipway(
        [
          ...promoteArgs(
            world,
            '--env',
            'dev',
            '--wait',
            '--wait-interval',
            '100ms',
            '--wait-timeout',
            '60s',
          ),
        ],
        { env: world.env },
      );
      await agentReports(world, 'env/dev', before, 'failure', 'health check failed: cart CrashLoopBackOff');
      const result = await run;
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /deployment failed: kustomization\/apps\/cart is failure \(health check failed: cart CrashLoopBackOff\)/,
      );
    });
  });
});
