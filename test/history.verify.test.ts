import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, commitFiles, createBareRepo } from './support/bareRepo.js';
import { pushImage, registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { runSlipway } from './support/slipway.js';

// `slipway history --verify`: anyone who can push to an environment branch can write a commit that looks
// exactly like Slipway's, `Slipway-Verified-By` included. The verdicts re-check each claim against the
// registry's signatures and the keys the config repo's policy trusts.

const env = { SLIPWAY_KEY_PASSWORD: 'history-verify-test' };
let registry: TestRegistry;
let repo: BareRepo;
let dir: string;
let cart: string;
let signed: string;
let unsigned: string;
let rogueSigned: string;
let trusted: string;
let rogue: string;

const deployment = (image: string): string =>
  `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`;

const policy = `version: 1
environments:
  dev: {}
  prod:
    require:
      signatures:
        keys:
          - path: keys/release.pub
`;

const skip = !registryBinaries().registry && process.env.CI !== 'true';

async function keygen(name: string): Promise<string> {
  const result = await runSlipway(['keygen', '--output-prefix', join(dir, name), '--json'], { env });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { keyFingerprint: string }).keyFingerprint;
}

async function sign(digest: string, key: string): Promise<void> {
  const result = await runSlipway(['sign', `${cart}@${digest}`, '--key', join(dir, `${key}.key`)], { env });
  expect(result.code, result.stderr).toBe(0);
}

beforeAll(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'slipway-history-verify-'));
  registry = await startRegistry();
  cart = `${registry.host}/shop/cart`;
  const push = async (tag: string) =>
    (await pushImage({ url: registry.url, repository: 'shop/cart', tag, seed: tag })).digest;
  signed = await push('1.1.0');
  unsigned = await push('1.2.0');
  rogueSigned = await push('1.3.0');
  trusted = await keygen('release');
  rogue = await keygen('rogue');
  await sign(signed, 'release');
  await sign(rogueSigned, 'rogue');
  const manifest = { 'apps/cart/deployment.yaml': deployment(`${cart}:1.0.0`) };
  repo = createBareRepo({
    branches: {
      main: { '.slipway.yaml': policy, 'keys/release.pub': readFileSync(join(dir, 'release.pub'), 'utf8') },
      'env/dev': manifest,
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

/** A commit written by hand to look exactly like a Slipway promotion of `cart:<tag>@<digest>` to prod. */
function mimic(tag: string, digest: string, verifiedBy: string, previous: string): string {
  const image = `${cart}:${tag}@${digest}`;
  return commitFiles(
    repo.path,
    'env/prod',
    { 'apps/cart/deployment.yaml': deployment(image) },
    `promote(prod): ${cart} ${tag} (${digest.slice(0, 19)})\n\nSet ${image} (was ${previous}) in:\n  - apps/cart/deployment.yaml:7\n\nSlipway-Image: ${image}\nSlipway-Previous: ${previous}\nSlipway-Verified-By: ${verifiedBy}\n`,
  );
}

interface Verification {
  verdict: string;
  reason: string | null;
}
interface Entry {
  kind: string;
  commit: string;
  images: Array<{ image: string; verifiedBy: string | null; verification: Verification }>;
  verification: Verification;
}

const history = (...args: string[]) =>
  runSlipway(['history', '--config-repo', repo.url, '--env', 'prod', '--verify', ...args]);

describe.skipIf(skip)('slipway history --verify', () => {
  it('upholds a real claim and exposes forged ones, in text and JSON, and fails', async () => {
    const promoted = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'prod',
      '--image',
      `${cart}:1.1.0@${signed}`,
    ]);
    expect(promoted.code, promoted.stderr).toBe(0);
    const real = branchTip(repo.path, 'env/prod') ?? '';

    const clean = await history('--json');
    expect(clean.code, clean.stderr).toBe(0);
    const [first] = JSON.parse(clean.stdout) as Entry[];
    expect(first?.commit).toBe(real);
    expect(first?.images[0]?.verification).toEqual({ verdict: 'verified', reason: null, keys: [trusted] });

    // The exact form of a Slipway commit, claiming the trusted key for a digest nobody signed ...
    const noSignature = mimic('1.2.0', unsigned, trusted, `${cart}:1.1.0@${signed}`);
    // ... and claiming a key the policy does not trust, which did sign that digest.
    const untrusted = mimic('1.3.0', rogueSigned, rogue, `${cart}:1.2.0@${unsigned}`);
    // A hand commit in an environment that requires signatures.
    const hand = commitFiles(repo.path, 'env/prod', { 'README.md': 'x\n' }, 'notes by hand\n');

    const json = await history('--json');
    expect(json.code).toBe(1);
    const entries = JSON.parse(json.stdout) as Entry[];
    const byCommit = new Map(entries.map((e) => [e.commit, e]));
    expect(byCommit.get(real)?.verification.verdict).toBe('verified');
    expect(byCommit.get(noSignature)?.kind).toBe('promotion');
    expect(byCommit.get(noSignature)?.images[0]?.verifiedBy).toBe(trusted);
    expect(byCommit.get(noSignature)?.images[0]?.verification).toMatchObject({
      verdict: 'claim not upheld',
      reason: expect.stringMatching(/no signature exists for sha256:/),
    });
    expect(byCommit.get(untrusted)?.verification).toEqual({
      verdict: 'claim not upheld',
      reason: `key ${rogue} is not one .slipway.yaml trusts for prod`,
    });
    expect(byCommit.get(hand)?.verification).toEqual({
      verdict: 'unverified',
      reason: 'a hand commit, and prod requires signatures',
    });
    const lines = json.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      `slipway history: error: env/prod: 2 commits of env/prod claim a verification that does not hold: ${untrusted.slice(0, 12)}, ${noSignature.slice(0, 12)}; see who pushed them (git log) and what they changed; those versions were not verified by a key or identity the policy trusts`,
    );

    const text = await history();
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      /^WHEN\s+KIND\s+IMAGE\s+VERSION\s+PREVIOUS\s+RUN\s+VERIFIED BY\s+COMMIT\s+VERDICT\n/,
    );
    expect(text.stdout).toMatch(
      new RegExp(
        `${untrusted.slice(0, 12)}\\s+claim not upheld: key ${rogue} is not one .slipway.yaml trusts`,
      ),
    );
    expect(text.stdout).toMatch(
      new RegExp(`${noSignature.slice(0, 12)}\\s+claim not upheld: .*no signature exists`),
    );
    expect(text.stdout).toMatch(new RegExp(`${real.slice(0, 12)}\\s+verified\\n`));
    expect(text.stdout).toContain(
      'Verified claims: 1 verified, 2 claim not upheld, 2 unverified, 0 no claim\n',
    );

    // Without --verify, history only reports what the commits say, and succeeds.
    const plain = await runSlipway(['history', '--config-repo', repo.url, '--env', 'prod', '--json']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout)[1]).not.toHaveProperty('verification');
  });
});
