import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BareRepo,
  branchTip,
  commitFiles,
  createBareRepo,
  listCommits,
  readFileAt,
} from './support/bareRepo.js';
import { pushImage, registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { runSlipway } from './support/slipway.js';

const env = { SLIPWAY_KEY_PASSWORD: 'policy-test' };
let registry: TestRegistry;
let repo: BareRepo;
let dir: string;
let cart: string;
let signed: string;
let unsigned: string;
let untrusted: string;
let fingerprint: string;

const deployment = (image: string): string =>
  `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`;

const policy = `version: 1
environments:
  dev: {}
  staging:
    promoteFrom: dev
    require:
      signatures:
        keys:
          - path: keys/release.pub
  prod:
    promoteFrom: staging
    require:
      signatures:
        keys:
          - path: keys/release.pub
`;

// CI installs the registry (scripts/setup): there a missing one fails instead of skipping.
const skip = !registryBinaries().registry && process.env.CI !== 'true';

beforeAll(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'slipway-policy-'));
  registry = await startRegistry();
  cart = `${registry.host}/shop/cart`;
  signed = (await pushImage({ url: registry.url, repository: 'shop/cart', tag: '1.1.0', seed: 'signed' }))
    .digest;
  unsigned = (await pushImage({ url: registry.url, repository: 'shop/cart', tag: '1.2.0', seed: 'unsigned' }))
    .digest;
  const keygen = await runSlipway(['keygen', '--output-prefix', join(dir, 'release'), '--json'], { env });
  fingerprint = (JSON.parse(keygen.stdout) as { keyFingerprint: string }).keyFingerprint;
  const sign = await runSlipway(['sign', `${cart}@${signed}`, '--key', join(dir, 'release.key')], { env });
  expect(sign.code).toBe(0);
  // Signed, but by a key the policy does not trust.
  untrusted = (
    await pushImage({ url: registry.url, repository: 'shop/cart', tag: '1.3.0', seed: 'untrusted' })
  ).digest;
  expect((await runSlipway(['keygen', '--output-prefix', join(dir, 'rogue')], { env })).code).toBe(0);
  const rogue = await runSlipway(['sign', `${cart}@${untrusted}`, '--key', join(dir, 'rogue.key')], { env });
  expect(rogue.code).toBe(0);

  const manifest = { 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.0`) };
  repo = createBareRepo({
    branches: {
      main: { '.slipway.yaml': policy, 'keys/release.pub': readFileSync(join(dir, 'release.pub'), 'utf8') },
      'env/dev': manifest,
      'env/staging': manifest,
      'env/prod': manifest,
    },
    defaultBranch: 'main',
  });
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  repo?.cleanup();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const promote = (...args: string[]) => runSlipway(['promote', '--config-repo', repo.url, '--json', ...args]);

describe.skipIf(skip)('the promotion gate (.slipway.yaml on the default branch)', () => {
  it('refuses an unsigned image where signatures are required, and leaves the branch untouched', async () => {
    commitFiles(repo.path, 'env/dev', {
      'apps/cart/deployment.yaml': deployment(`${cart}:1.2.0@${unsigned}`),
    });
    const tip = branchTip(repo.path, 'env/staging');
    const result = await promote('--env', 'staging', '--image', `${cart}:1.2.0@${unsigned}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/staging requires a trusted signature: .*sha256-[0-9a-f]{64}\.sig/);
    expect(branchTip(repo.path, 'env/staging')).toBe(tip);
  });

  it('promotes a signed image that runs in the previous environment, with the Slipway-Verified-By trailer', async () => {
    const dev = await promote('--env', 'dev', '--image', `${cart}:1.1.0@${signed}`);
    expect(dev.stderr).not.toMatch(/error/);
    expect(dev.code).toBe(0);

    const staging = await promote('--env', 'staging', '--from', 'dev', '--image', cart);
    expect(staging.stderr).not.toMatch(/error/);
    expect(staging.code).toBe(0);
    expect(readFileAt(repo.path, 'env/staging', 'apps/cart/deployment.yaml')?.toString()).toBe(
      deployment(`${cart}:1.1.0@${signed}`),
    );
    const message = listCommits(repo.path, 'env/staging')[0]?.message ?? '';
    expect(message).toContain(
      `Slipway-Image: ${cart}:1.1.0@${signed}\nSlipway-Previous: ${cart}:1.0.0\nSlipway-Verified-By: ${fingerprint}`,
    );
  });

  it('refuses a digest the previous environment does not run (promoteFrom), even with --force when not allowed', async () => {
    const tip = branchTip(repo.path, 'env/prod');
    // Signed, but staging runs 1.1.0: prod must take what staging runs.
    commitFiles(repo.path, 'env/staging', { 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.9`) });
    const result = await promote('--env', 'prod', '--image', `${cart}:1.1.0@${signed}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /\.slipway\.yaml:\d+: prod takes images from staging, which runs no digest of .*promote it to staging first/,
    );
    const forced = await promote('--env', 'prod', '--force', '--image', `${cart}:1.1.0@${signed}`);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/does not allow --force for prod/);
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);
  });

  it('names the environments the policy defines when asked for another', async () => {
    const result = await promote('--env', 'qa', '--image', `${cart}:1.1.0@${signed}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/environment "qa" is not defined; use one of: dev, staging, prod/);
  });

  it('reports a broken policy with its file, line and the fix', async () => {
    const broken = createBareRepo({
      branches: {
        main: { '.slipway.yaml': 'version: 1\nenvironments:\n  staging:\n    promoteFrom: nowhere\n' },
        'env/staging': { 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.0`) },
      },
      defaultBranch: 'main',
    });
    try {
      const result = await runSlipway([
        'promote',
        '--config-repo',
        broken.url,
        '--env',
        'staging',
        '--image',
        `${cart}:1.1.0@${signed}`,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/\.slipway\.yaml:4: .*nowhere/);
    } finally {
      broken.cleanup();
    }
  });
});

/** A policy with no requirements at all: what whoever can push to an environment branch would write. */
const loosened = 'version: 1\nenvironments:\n  dev: {}\n  staging: {}\n  prod: {}\n';

describe.skipIf(skip)('where the policy comes from (never a branch promotions can write)', () => {
  it('refuses --policy-ref env/prod, where a loosened .slipway.yaml was pushed, and the untrusted image stays out of prod', async () => {
    commitFiles(repo.path, 'env/prod', { '.slipway.yaml': loosened }, 'loosen the policy');
    const tip = branchTip(repo.path, 'env/prod');
    const result = await promote(
      '--env',
      'prod',
      '--policy-ref',
      'env/prod',
      '--image',
      `${cart}:1.3.0@${untrusted}`,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^slipway promote: error: --policy-ref env\/prod is refused: the policy never comes from a branch promotions can write, and env\/prod is an environment branch, which promotions write; read the policy from the default branch \(leave out --policy-ref\), or from another branch that only the config repo’s owners can push to/,
    );
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);
    expect(readFileAt(repo.path, 'env/prod', 'apps/cart/deployment.yaml')?.toString()).not.toContain(
      untrusted,
    );
    // The owners' policy (the default branch) still decides: the image is refused for its signature.
    const plain = await promote('--env', 'prod', '--force', '--image', `${cart}:1.3.0@${untrusted}`);
    expect(plain.code).toBe(1);
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);
  });

  describe('environments on branches of their own (not env/…), named by the owners’ policy on the default branch', () => {
    const owners = `version: 1
environments:
  staging:
    branch: staging
    require:
      signatures:
        keys:
          - path: keys/release.pub
  prod:
    branch: release
    require:
      signatures:
        keys:
          - path: keys/release.pub
`;
    /** What a pipeline that can push to staging writes there: prod on release, and no signature required. */
    const loosenedOnStaging = 'version: 1\nenvironments:\n  prod: {branch: release}\n';
    let own: BareRepo;

    beforeAll(() => {
      if (skip) return;
      const manifest = { 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.0`) };
      const publicKey = readFileSync(join(dir, 'release.pub'), 'utf8');
      own = createBareRepo({
        branches: {
          main: { '.slipway.yaml': owners, 'keys/release.pub': publicKey },
          // A protected branch only the owners push to, which no environment uses.
          policy: { '.slipway.yaml': owners, 'keys/release.pub': publicKey },
          staging: { ...manifest, '.slipway.yaml': loosenedOnStaging },
          release: manifest,
        },
        defaultBranch: 'main',
      });
    });

    afterAll(() => own?.cleanup());

    it('refuses --policy-ref staging, a branch the default branch’s policy makes an environment’s, and the unsigned image stays out of release', async () => {
      const tip = branchTip(own.path, 'release');
      for (const step of [
        ['promote', '--env', 'prod', '--image', `${cart}:1.2.0@${unsigned}`],
        ['status', '--env', 'prod'],
      ]) {
        const result = await runSlipway([...step, '--config-repo', own.url, '--policy-ref', 'staging']);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
          /: --policy-ref staging is refused: the policy never comes from a branch promotions can write, and staging is an environment branch, which promotions write \(the policy on the default branch main says so\); read the policy from the default branch/,
        );
      }
      expect(branchTip(own.path, 'release')).toBe(tip);
      expect(readFileAt(own.path, 'release', 'apps/cart/deployment.yaml')?.toString()).not.toContain(
        unsigned,
      );
    });

    it('still reads --policy-ref policy, a protected branch no environment uses: signed lands on release, unsigned does not', async () => {
      const args = ['promote', '--config-repo', own.url, '--policy-ref', 'policy', '--env', 'prod'];
      const refused = await runSlipway([...args, '--image', `${cart}:1.2.0@${unsigned}`]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/prod requires a trusted signature/);
      const landed = await runSlipway([...args, '--image', `${cart}:1.1.0@${signed}`]);
      expect(landed.stderr).not.toMatch(/error/);
      expect(landed.code).toBe(0);
      expect(landed.stderr).toMatch(/Policy \.slipway\.yaml from policy/);
      expect(readFileAt(own.path, 'release', 'apps/cart/deployment.yaml')?.toString()).toBe(
        deployment(`${cart}:1.1.0@${signed}`),
      );
    });
  });

  it.each([
    { ref: 'env/staging', args: [], why: /matches the environment branch template env\/\{env\}/ },
    { ref: 'refs/heads/env/dev', args: [], why: /matches the environment branch template env\/\{env\}/ },
    { ref: 'deploy-prod', args: ['--branch-template', 'deploy-{env}'], why: /template deploy-\{env\}/ },
    { ref: 'refs/pull/7/head', args: [], why: /is a pull-request head/ },
    { ref: 'slipway/promote/prod/cart', args: [], why: /is a pull-request head/ },
  ])('refuses --policy-ref $ref before reading anything', async ({ ref, args, why }) => {
    for (const step of [
      ['promote', '--env', 'prod', '--image', `${cart}:1.1.0@${signed}`],
      ['status', '--env', 'prod'],
    ]) {
      const result = await runSlipway([...step, '--config-repo', repo.url, '--policy-ref', ref, ...args]);
      expect(result.code).toBe(1);
      const last = result.stderr.trimEnd().split('\n').at(-1) ?? '';
      expect(last).toContain(`--policy-ref ${ref} is refused`);
      expect(last).toMatch(why);
    }
  });

  it('refuses a policy on a default branch that is an environment branch, or that makes its own branch an environment', async () => {
    const onEnv = createBareRepo({
      branches: {
        'env/prod': { '.slipway.yaml': loosened, 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.0`) },
      },
      defaultBranch: 'env/prod',
    });
    const own = createBareRepo({
      branches: {
        policy: { '.slipway.yaml': 'version: 1\nenvironments:\n  prod:\n    branch: policy\n' },
        'env/prod': { 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.0`) },
      },
      defaultBranch: 'env/prod',
    });
    try {
      const result = await runSlipway([
        'promote',
        '--config-repo',
        onEnv.url,
        '--env',
        'prod',
        '--image',
        `${cart}:1.3.0@${untrusted}`,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /\.slipway\.yaml on env\/prod: \.slipway\.yaml on the config repo's default branch env\/prod is not read: .*make that the default branch, or name it with --policy-ref/,
      );
      expect(readFileAt(onEnv.path, 'env/prod', 'apps/cart/deployment.yaml')?.toString()).not.toContain(
        untrusted,
      );
      const ownResult = await runSlipway([
        'promote',
        '--config-repo',
        own.url,
        '--policy-ref',
        'policy',
        '--env',
        'prod',
        '--image',
        `${cart}:1.3.0@${untrusted}`,
      ]);
      expect(ownResult.code).toBe(1);
      expect(ownResult.stderr).toMatch(
        /\.slipway\.yaml on --policy-ref policy is not read: .*policy is an environment branch/,
      );
    } finally {
      onEnv.cleanup();
      own.cleanup();
    }
  });

  it('a default branch that does not exist: the policy is read from the only branch promotions do not write, and decides', async () => {
    const headless = createBareRepo({
      branches: {
        main: { '.slipway.yaml': policy, 'keys/release.pub': readFileSync(join(dir, 'release.pub'), 'utf8') },
        'env/staging': { 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.0`) },
        'env/prod': { 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.0`) },
      },
      defaultBranch: 'master',
    });
    try {
      const tip = branchTip(headless.path, 'env/prod');
      const result = await runSlipway([
        'promote',
        '--config-repo',
        headless.url,
        '--env',
        'prod',
        '--image',
        `${cart}:1.3.0@${untrusted}`,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /warning: the config repo's HEAD names no existing branch: the policy \(\.slipway\.yaml\) is read from main, the only branch promotions do not write; point the config repo's HEAD at main: `git symbolic-ref HEAD refs\/heads\/main`/,
      );
      expect(result.stderr).toMatch(/prod takes images from staging/);
      expect(branchTip(headless.path, 'env/prod')).toBe(tip);
    } finally {
      headless.cleanup();
    }
  });

  it('a default branch that does not exist: no policy, with a warning, when every branch is one promotions write', async () => {
    const envOnly = createBareRepo({
      branches: { 'env/dev': { 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.0`) } },
      defaultBranch: 'master',
    });
    try {
      const result = await runSlipway([
        'promote',
        '--config-repo',
        envOnly.url,
        '--env',
        'dev',
        '--image',
        `${cart}:1.1.0@${signed}`,
      ]);
      expect(result.stderr).toMatch(
        /the config repo's HEAD names no existing branch, and every branch is one promotions write \(env\/dev\): no policy \(\.slipway\.yaml\) is read/,
      );
      expect(result.code).toBe(0);
      expect(readFileAt(envOnly.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain(signed);
    } finally {
      envOnly.cleanup();
    }
  });
});

describe.skipIf(skip)('flags the policy decides (--path, --branch-template)', () => {
  const svcPolicy = 'version: 1\nenvironments:\n  dev:\n    path: apps/svc1\n';
  // A function: `cart` is known once the registry runs (beforeAll), not when the suite is collected.
  const svcFiles = () => ({
    'apps/svc1/deployment.yaml': deployment(`${cart}:1.0.0`),
    'apps/svc2/deployment.yaml': deployment(`${cart}:1.0.0`),
  });

  it('refuses --path that differs from the policy’s path, naming the flag, the environment and .slipway.yaml:<line>; nothing is edited', async () => {
    const svc = createBareRepo({
      branches: { main: { '.slipway.yaml': svcPolicy }, 'env/dev': svcFiles() },
      defaultBranch: 'main',
    });
    try {
      const tip = branchTip(svc.path, 'env/dev');
      const image = `${cart}:1.1.0@${signed}`;
      const wrong = await runSlipway([
        'promote',
        '--config-repo',
        svc.url,
        '--env',
        'dev',
        '--path',
        'apps/svc2',
        '--image',
        image,
      ]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr.trimEnd().split('\n').at(-1)).toBe(
        "slipway promote: error: .slipway.yaml:3: --path apps/svc2 searches apps/svc2 for dev, but the policy keeps dev in apps/svc1 of env/dev; drop --path: the policy decides it (or change environments.dev in .slipway.yaml through a reviewed change to the config repo's default branch)",
      );
      expect(branchTip(svc.path, 'env/dev')).toBe(tip);
      const template = await runSlipway([
        'promote',
        '--config-repo',
        svc.url,
        '--env',
        'dev',
        '--branch-template',
        'deploy/{env}',
        '--image',
        image,
      ]);
      expect(template.code).toBe(1);
      expect(template.stderr).toMatch(
        /\.slipway\.yaml:3: --branch-template deploy\/\{env\} puts dev on branch deploy\/dev, but the policy keeps dev on env\/dev; drop --branch-template/,
      );
      const status = await runSlipway([
        'status',
        '--config-repo',
        svc.url,
        '--env',
        'dev',
        '--path',
        'apps/svc2',
      ]);
      expect(status.code).toBe(1);
      expect(status.stderr).toMatch(/\.slipway\.yaml:3: --path apps\/svc2 searches apps\/svc2 for dev/);
      expect(branchTip(svc.path, 'env/dev')).toBe(tip);

      // The same values as the policy's agree: the promotion goes on, in apps/svc1 only.
      const same = await runSlipway([
        'promote',
        '--config-repo',
        svc.url,
        '--env',
        'dev',
        '--path',
        'apps/svc1/',
        '--branch-template',
        'env/{env}',
        '--image',
        image,
      ]);
      expect(same.stderr).not.toMatch(/error|warning/);
      expect(same.code).toBe(0);
      expect(readFileAt(svc.path, 'env/dev', 'apps/svc1/deployment.yaml')?.toString()).toContain(signed);
      expect(readFileAt(svc.path, 'env/dev', 'apps/svc2/deployment.yaml')?.toString()).not.toContain(signed);
    } finally {
      svc.cleanup();
    }
  });
});
