import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchTip, commitFiles, createBareRepo, listCommits, readFileAt } from './support/bareRepo.js';
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
    /** More files on the default branch (`main`) and on `env/dev`. */
    main?: Record<string, string>;
    dev?: Record<string, string>;
    /**
     * false: no git server at all; the config repo URL is the API server's, where a git client finds no
     * smart-HTTP endpoint (as on GitHub, whose API host serves no git). Default true.
     */
    gitServer?: boolean;
    onRequest?: (r: { method: string; path: string }, repoPath: string) => void;
  } = {},
): Promise<T> {
  return withCleanup(async (defer) => {
    const main: Record<string, string> = { 'README.md': 'config\n', ...options.main };
    if (options.policy !== undefined) main['.slipway.yaml'] = options.policy;
    const repo = createBareRepo({
      name: 'acme/config.git',
      branches: {
        main,
        'env/dev': {
          'apps/cart/deployment.yaml': deployment(`${CART}:1.0.0`),
          'apps/payments/cronjob.yaml': cronjob(`${PAYMENTS}:0.9.0`),
          ...options.dev,
        },
        'env/prod': { 'apps/cart/deployment.yaml': deployment(`${CART}:0.9.0`) },
      },
      defaultBranch: 'main',
    });
    defer(repo.cleanup);
    const root = join(repo.path, '..', '..');
    const http =
      options.gitServer === false
        ? undefined
        : await startGitHttpServer({ root, username: 'x-access-token', password: TOKEN });
    if (http !== undefined) defer(http.close);
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
      url: `${http?.url ?? api.url}/acme/config.git`,
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
      // No git process at all: the policy lookup went through the API too.
      expect(world.gitArgv()).toBe('');
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

/** The blob id of `file` on `branch` of the bare repo. */
const blobAt = (repoPath: string, branch: string, file: string): string =>
  gitText(['rev-parse', `${branch}:${file}`], { env: { GIT_DIR: repoPath } });

/** Every request went to the REST API (a git client would have asked for `/acme/config.git/info/refs`). */
function expectOnlyRestApi(world: World): void {
  expect(world.api.state.requests.filter((r) => !r.path.startsWith('/repos/'))).toEqual([]);
  expect(world.gitArgv()).toBe('');
}

const readsOf = (world: World, sha: string) =>
  world.api.state.requests.filter(
    (r) => r.method === 'GET' && r.path === `/repos/acme/config/git/blobs/${sha}`,
  );

describe('slipway promote --via github-api needs no git server', () => {
  const keys = { SLIPWAY_KEY_PASSWORD: 'github-api-policy' };
  let scratch = '';
  let store = '';
  let signed = '';
  let fingerprint = '';
  let publicKey = '';

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'slipway-gh-policy-'));
    store = `registry.example.com=${join(scratch, 'store')}`;
    const keygen = await runSlipway(['keygen', '--output-prefix', join(scratch, 'release'), '--json'], {
      env: keys,
    });
    expect(keygen.code, keygen.stderr).toBe(0);
    fingerprint = (JSON.parse(keygen.stdout) as { keyFingerprint: string }).keyFingerprint;
    publicKey = readFileSync(join(scratch, 'release.pub'), 'utf8');
    const built = await runSlipway(
      [
        'build',
        '--builder',
        'files',
        '--context',
        'examples/app',
        '--repository',
        CART,
        '--tags',
        'type=raw,value=1.1.0',
        '--json',
      ],
      { env: { SLIPWAY_LOCAL_REGISTRY: store } },
    );
    expect(built.code, built.stderr).toBe(0);
    signed = (JSON.parse(built.stdout) as { digest: string }).digest;
    const sign = await runSlipway(['sign', `${CART}@${signed}`, '--key', join(scratch, 'release.key')], {
      env: { ...keys, SLIPWAY_LOCAL_REGISTRY: store },
    });
    expect(sign.code, sign.stderr).toBe(0);
  }, 60_000);

  afterAll(() => {
    if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
  });

  const signedPolicy = (key: string) =>
    `version: 1\nenvironments:\n  dev:\n    require:\n      signatures:\n        keys:\n          - path: ${key}\n`;

  it('reads the policy and its key through the API, verifies the signature and lands the commit', async () => {
    await withWorld(
      async (world) => {
        const env = { ...world.env, SLIPWAY_LOCAL_REGISTRY: store };
        const result = await runSlipway(
          promoteArgs(world, '--env', 'dev', '--via', 'github-api').map((x) =>
            x === `${CART}:1.1.0@${D1}` ? `${CART}:1.1.0@${signed}` : x,
          ),
          { env },
        );
        expect(result.stderr).not.toMatch(/error/i);
        expect(result.code).toBe(0);
        expect(result.stderr).toMatch(/Policy \.slipway\.yaml from main/);
        expect(readFileAt(world.repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
          deployment(`${CART}:1.1.0@${signed}`),
        );
        expect(listCommits(world.repoPath, 'env/dev')[0]?.message).toContain(
          `Slipway-Verified-By: ${fingerprint}`,
        );
        // The policy and the key came as blobs from the API, each read once.
        expect(readsOf(world, blobAt(world.repoPath, 'main', '.slipway.yaml'))).toHaveLength(1);
        expect(readsOf(world, blobAt(world.repoPath, 'main', 'keys/release.pub'))).toHaveLength(1);
        // Two reads (the policy, then its key) of main's tip: its commit was never read (its id names its tree).
        const mainTip = branchTip(world.repoPath, 'main');
        expect(
          world.api.state.requests.filter(
            (r) => r.method === 'GET' && r.path === `/repos/acme/config/git/commits/${mainTip}`,
          ),
        ).toHaveLength(0);
        // Only the directories on those paths were listed, never main's whole tree.
        const mainTree = gitText(['rev-parse', 'main^{tree}'], { env: { GIT_DIR: world.repoPath } });
        const roots = [mainTree, mainTip].map((sha) => `/repos/acme/config/git/trees/${sha}`);
        expect(world.api.state.requests.filter((r) => roots.includes(r.path)).length).toBeGreaterThan(0);
        expect(
          world.api.state.requests.filter((r) => roots.includes(r.path) && r.query.recursive !== undefined),
        ).toEqual([]);
        expectOnlyRestApi(world);

        // An image without a trusted signature is refused, read the same way.
        const before = branchTip(world.repoPath, 'env/dev');
        const unsigned = await runSlipway(promoteArgs(world, '--env', 'dev', '--via', 'github-api'), { env });
        expect(unsigned.code).toBe(1);
        expect(unsigned.stderr).toMatch(/dev requires a trusted signature/);
        expect(branchTip(world.repoPath, 'env/dev')).toBe(before);
        expectOnlyRestApi(world);
        expectNoToken(world, result.stdout, result.stderr, unsigned.stderr);
      },
      { gitServer: false, policy: signedPolicy('keys/release.pub'), main: { 'keys/release.pub': publicKey } },
    );
  });

  it('names .slipway.yaml and the line when the policy read through the API is wrong', async () => {
    await withWorld(
      async (world) => {
        const missingKey = await runSlipway(promoteArgs(world, '--env', 'dev', '--via', 'github-api'), {
          env: world.env,
        });
        expect(missingKey.code).toBe(1);
        expect(missingKey.stderr).toMatch(
          /\.slipway\.yaml:3: .*key file keys\/missing\.pub does not exist on main; commit the public key/,
        );
        const noRef = await runSlipway(
          promoteArgs(world, '--env', 'dev', '--via', 'github-api', '--policy-ref', 'policy/none'),
          { env: world.env },
        );
        expect(noRef.code).toBe(1);
        expect(noRef.stderr).toMatch(/acme\/config: branch policy\/none does not exist; check --policy-ref/);
        expectOnlyRestApi(world);
      },
      { gitServer: false, policy: signedPolicy('keys/missing.pub') },
    );
    await withWorld(
      async (world) => {
        const broken = await runSlipway(promoteArgs(world, '--env', 'dev', '--via', 'github-api'), {
          env: world.env,
        });
        expect(broken.code).toBe(1);
        expect(broken.stderr).toMatch(/\.slipway\.yaml:4: .*nowhere/);
        expectOnlyRestApi(world);
      },
      { gitServer: false, policy: 'version: 1\nenvironments:\n  dev:\n    promoteFrom: nowhere\n' },
    );
  });

  it('refuses --policy-ref staging through the API when the default branch’s policy makes staging an environment branch', async () => {
    await withWorld(
      async (world) => {
        // The pipeline that can push to staging loosens the policy there: dev back on env/dev, nothing required.
        commitFiles(world.repoPath, 'staging', { '.slipway.yaml': 'version: 1\nenvironments:\n  dev: {}\n' });
        const before = branchTip(world.repoPath, 'env/dev');
        const result = await runSlipway(
          promoteArgs(world, '--env', 'dev', '--via', 'github-api', '--policy-ref', 'staging'),
          { env: world.env },
        );
        expect(result.code).toBe(1);
        expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
          /--policy-ref staging is refused: the policy never comes from a branch promotions can write, and staging is an environment branch, which promotions write \(the policy on the default branch main says so\)/,
        );
        expect(branchTip(world.repoPath, 'env/dev')).toBe(before);
        // The loosened policy itself was never read.
        expect(readsOf(world, blobAt(world.repoPath, 'staging', '.slipway.yaml'))).toEqual([]);
        expectOnlyRestApi(world);
      },
      {
        gitServer: false,
        policy: `version: 1\nenvironments:\n  dev:\n    branch: staging\n    require:\n      signatures:\n        keys:\n          - path: keys/release.pub\n`,
        main: { 'keys/release.pub': publicKey },
      },
    );
  });

  it('reads .slipway/pins.yaml through the API: a pinned image is refused, --override-pin lands it', async () => {
    const pins = `pins:\n  - image: ${CART}\n    digest: ${D2}\n    reason: bad release\n    at: 2024-05-01T10:00:00Z\n`;
    await withWorld(
      async (world) => {
        const before = branchTip(world.repoPath, 'env/dev');
        const refused = await runSlipway(promoteArgs(world, '--env', 'dev', '--via', 'github-api'), {
          env: world.env,
        });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(
          /\.slipway\/pins\.yaml on branch env\/dev: registry\.example\.com\/shop\/cart is pinned in dev at sha256:222222222222.*\(bad release\)/,
        );
        expect(branchTip(world.repoPath, 'env/dev')).toBe(before);
        const pinsBlob = blobAt(world.repoPath, 'env/dev', '.slipway/pins.yaml');
        expect(readsOf(world, pinsBlob)).toHaveLength(1);

        const overridden = await runSlipway(
          promoteArgs(world, '--env', 'dev', '--via', 'github-api', '--override-pin'),
          { env: world.env },
        );
        expect(overridden.code, overridden.stderr).toBe(0);
        expect(readFileAt(world.repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
          deployment(`${CART}:1.1.0@${D1}`),
        );
        expect(readFileAt(world.repoPath, 'env/dev', '.slipway/pins.yaml')?.toString('utf8')).toBe(pins);
        expect(readsOf(world, pinsBlob)).toHaveLength(2);
        expectOnlyRestApi(world);
      },
      { gitServer: false, dev: { '.slipway/pins.yaml': pins } },
    );
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

  it('says so when the policy overrides --mode push with mode: pull-request, and opens the pull request', async () => {
    await withWorld(
      async (world) => {
        const envTip = branchTip(world.repoPath, 'env/prod');
        const result = await runSlipway(promoteArgs(world, '--env', 'prod', '--mode', 'push'), {
          env: world.env,
        });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toMatch(
          /warning: \.slipway\.yaml:4: prod is promoted by pull request \(mode: pull-request\), so --mode push does not apply to it/,
        );
        expect(branchTip(world.repoPath, 'env/prod')).toBe(envTip);
        expect(world.api.state.pulls).toMatchObject([
          { base: 'env/prod', head: 'slipway/promote/prod/cart' },
        ]);
      },
      { policy: 'version: 1\nenvironments:\n  dev: {}\n  prod:\n    mode: pull-request\n' },
    );
  });

  it('refuses --policy-ref env/prod through the API too, before any request', async () => {
    await withWorld(
      async (world) => {
        const before = world.api.state.requests.length;
        const result = await runSlipway(
          promoteArgs(world, '--env', 'prod', '--via', 'github-api', '--policy-ref', 'env/prod'),
          { env: world.env },
        );
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /--policy-ref env\/prod is refused: the policy never comes from a branch promotions can write/,
        );
        expect(world.api.state.requests.length).toBe(before);
      },
      { policy: 'version: 1\nenvironments:\n  dev: {}\n  prod: {}\n' },
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

  /** Starts `promote --env dev --wait` against the fake; answers dev's tip before it and the running CLI. */
  function promoteAndWait(world: World): { before: string; run: ReturnType<typeof runSlipway> } {
    const before = branchTip(world.repoPath, 'env/dev') ?? '';
    const args = promoteArgs(
      world,
      '--env',
      'dev',
      '--wait',
      '--wait-interval',
      '100ms',
      '--wait-timeout',
      '60s',
    );
    return { before, run: runSlipway(args, { env: world.env }) };
  }

  it('waits until the agent reports the promotion commit deployed', async () => {
    await withWorld(async (world) => {
      const { before, run } = promoteAndWait(world);
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
      const { before, run } = promoteAndWait(world);
      await agentReports(world, 'env/dev', before, 'failure', 'health check failed: cart CrashLoopBackOff');
      const result = await run;
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /deployment failed: kustomization\/apps\/cart is failure \(health check failed: cart CrashLoopBackOff\)/,
      );
    });
  });
});
