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
