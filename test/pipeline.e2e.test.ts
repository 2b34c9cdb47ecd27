import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareRepo, createBareRepo, listCommits, readFileAt } from './support/bareRepo.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { runSlipway } from './support/slipway.js';

const env = { SLIPWAY_KEY_PASSWORD: 'pipeline' };
// CI installs the registry (scripts/setup): there a missing one fails instead of skipping.
const skip = !registryBinaries().registry && process.env.CI !== 'true';

let registry: TestRegistry;
let dir: string;
let config: BareRepo;

beforeAll(async () => {
  if (skip) return;
  registry = await startRegistry();
  dir = mkdtempSync(join(tmpdir(), 'slipway-pipeline-'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'index.html'), '<h1>cart</h1>\n');
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  config?.cleanup();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('build → sign → copy → verify → promote, through the CLI, on a real registry', () => {
  it('runs the whole pipeline and every step agrees on one digest', async () => {
    const cart = `${registry.host}/shop/cart`;
    const build = (...extra: string[]) =>
      runSlipway([
        'build',
        '--builder',
        'files',
        '--context',
        join(dir, 'app'),
        '--repository',
        cart,
        '--tags',
        'type=raw,value=1.0.0',
        '--entrypoint',
        '["/bin/serve"]',
        '--json',
        ...extra,
      ]);
    const built = await build();
    expect(built.stderr).not.toMatch(/error/);
    expect(built.code).toBe(0);
    const image = JSON.parse(built.stdout) as {
      digest: string;
      image: string;
      reused: boolean;
      references: string[];
    };
    expect(image.reused).toBe(false);
    expect(image.image).toBe(`${cart}@${image.digest}`);
    expect(image.references).toContain(`${cart}:1.0.0@${image.digest}`);

    const again = await build('--tags', 'type=raw,value=1.0.1');
    expect(JSON.parse(again.stdout)).toMatchObject({ digest: image.digest, reused: true });

    const keygen = await runSlipway(['keygen', '--output-prefix', join(dir, 'cosign'), '--json'], { env });
    const fingerprint = (JSON.parse(keygen.stdout) as { keyFingerprint: string }).keyFingerprint;
    const signed = await runSlipway(['sign', `${cart}:1.0.0`, '--key', join(dir, 'cosign.key'), '--json'], {
      env,
    });
    expect(signed.stderr).not.toMatch(/error/);
    expect(JSON.parse(signed.stdout)).toMatchObject({ digest: image.digest, keyFingerprint: fingerprint });

    const prod = `${registry.host}/prod/cart`;
    const copied = await runSlipway([
      'copy',
      `${cart}:1.0.0`,
      `${prod}:1.0.0`,
      '--with-signatures',
      '--json',
    ]);
    expect(copied.stderr).not.toMatch(/error/);
    const copy = JSON.parse(copied.stdout) as { digest: string; blobs: { mounted: number; copied: number } };
    expect(copy.digest).toBe(image.digest);
    expect(copy.blobs.copied).toBe(0); // same registry: mounted, no bytes moved

    const verified = await runSlipway([
      'verify',
      `${prod}:1.0.0`,
      '--key',
      join(dir, 'cosign.pub'),
      '--identity-rule',
      'exactRepository',
      '--identity',
      cart,
      '--json',
    ]);
    expect(verified.stderr).not.toMatch(/error/);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      digest: image.digest,
      verified: [{ keyFingerprint: fingerprint }],
    });

    config = createBareRepo({
      branches: {
        'env/dev': {
          'apps/cart/deployment.yaml': `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${prod}:0.9.0\n`,
        },
      },
    });
    // A tag alone: Slipway resolves it through the registry and writes it pinned.
    const promoted = await runSlipway([
      'promote',
      '--config-repo',
      config.url,
      '--env',
      'dev',
      '--image',
      `${prod}:1.0.0`,
    ]);
    expect(promoted.stderr).not.toMatch(/error/);
    expect(promoted.code).toBe(0);
    expect(readFileAt(config.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain(
      `image: ${prod}:1.0.0@${image.digest}`,
    );
    expect(listCommits(config.path, 'env/dev')[0]?.message).toContain(
      `Slipway-Image: ${prod}:1.0.0@${image.digest}`,
    );
  }, 180_000);

  it('fails a build whose context does not exist with a clear line', async () => {
    const result = await runSlipway([
      'build',
      '--builder',
      'files',
      '--context',
      join(dir, 'nope'),
      '--repository',
      `${registry.host}/x/y`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^slipway build: error: .*nope/m);
  });
});
