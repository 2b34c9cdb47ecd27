// The promotion gate by keyless identity and provenance, through the real CLI bundle: images in a real
// registry signed with sigstore-js against the loopback Sigstore fakes (cosign 3 bundle referrers), a config
// repo whose policy names a workflow identity and a TrustedRoot JSON committed beside it.

import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryRepository } from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provenanceStatement, type WorkflowRun } from '../packages/sign/src/index.js';
import { writeImage } from '../packages/sign/test/helpers.js';
import {
  bundleBytes,
  cosignStatement,
  dsseBundle,
  fulcioSigner,
  putBundleReferrer,
  tsa,
} from '../packages/sign/test/sigstore-fixtures.js';
import { type BareRepo, branchTip, createBareRepo, listCommits } from './support/bareRepo.js';
import { type GitHubOidcServer, startGitHubOidc } from './support/githubOidc.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { SLSA_PROVENANCE_PREDICATE } from './support/sigstoreBundles.js';
import { type SigstoreServices, startSigstoreServices } from './support/sigstoreServer.js';
import { runSlipway } from './support/slipway.js';

const skip = !process.env.CI && !registryBinaries().registry;
const RELEASE = 'acme/shop/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const env = { SLIPWAY_KEY_PASSWORD: 'keyless-gate-test' };

const policy = `version: 1
environments:
  dev:
    require:
      signatures:
        identities:
          - workflow: ${RELEASE}
        trustedRoot: { path: sigstore/trusted_root.json }
  qa:
    require:
      signatures:
        identities:
          - workflow: acme/shop/.github/workflows/deploy.yml@refs/heads/main
        trustedRoot: { path: sigstore/trusted_root.json }
  staging:
    require:
      signatures:
        keys:
          - path: keys/release.pub
        identities:
          - workflow: ${RELEASE}
        trustedRoot: { path: sigstore/trusted_root.json }
  prod:
    allowForce: true
    require:
      provenance:
        sourceRepository: acme/shop
        identities:
          - workflow: ${RELEASE}
        trustedRoot: { path: sigstore/trusted_root.json }
  edge:
    require:
      signatures:
        identities:
          - workflow: ${RELEASE}
  lab:
    require:
      signatures:
        identities:
          - workflow: ${RELEASE}
        trustedRoot: { path: sigstore/missing.json }
  big:
    require:
      signatures:
        identities:
          - workflow: ${RELEASE}
        trustedRoot: { path: sigstore/big.json }
  field:
    require:
      signatures:
        keys:
          - path: keys/release.pub
        identities:
          - workflow: ${RELEASE}
  broken:
    require:
      signatures:
        identities:
          - workflow: ${RELEASE}
        trustedRoot: { path: sigstore/broken.json }
`;

const deployment = (image: string): string =>
  `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`;

let dir: string;
let registry: TestRegistry;
let oidc: GitHubOidcServer;
let services: SigstoreServices;
let repo: BareRepo;
let repository: RegistryRepository;
let cart: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-keyless-gate-'));
  if (skip) return;
  oidc = await startGitHubOidc();
  // The fake TSA's clock stands still; a minute ahead keeps it inside the certificates' validity.
  services = await startSigstoreServices({
    oidcKey: oidc.publicKey,
    clock: new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000),
  });
  registry = await startRegistry();
  repository = new RegistryRepository(registry.host, `shop/cart-${randomBytes(4).toString('hex')}`, {
    env: { HOME: join(dir, 'home'), PATH: process.env.PATH },
  });
  cart = `${repository.name}`;
  const keygen = await runSlipway(['keygen', '--output-prefix', join(dir, 'release')], { env });
  expect(keygen.code, keygen.stderr).toBe(0);
  const manifest = { 'apps/cart/deployment.yaml': deployment(`${cart}:0.9.0`) };
  repo = createBareRepo({
    branches: {
      main: {
        '.slipway.yaml': policy,
        'sigstore/trusted_root.json': JSON.stringify(services.trustedRoot),
        // Valid JSON, over the 256 KiB a trusted root may take: refused before it is read.
        'sigstore/big.json': `${JSON.stringify(services.trustedRoot)}${' '.repeat(300 * 1024)}`,
        'keys/release.pub': await readFile(join(dir, 'release.pub'), 'utf8'),
        // Small and JSON, but not a TrustedRoot: refused when a keyless signature is checked against it.
        'sigstore/broken.json': '{"mediaType": "not a trusted root"}',
      },
      'env/dev': manifest,
      'env/qa': manifest,
      'env/staging': manifest,
      'env/prod': manifest,
      'env/broken': manifest,
      'env/edge': manifest,
      'env/lab': manifest,
      'env/big': manifest,
      'env/field': manifest,
    },
    defaultBranch: 'main',
  });
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  await services?.close();
  await oidc?.close();
  repo?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** An image pushed as `cart:<tag>`, signed keyless by the release workflow (a cosign 3 bundle referrer). */
async function keylessImage(tag: string): Promise<string> {
  const { digest } = await writeImage(repository, tag);
  const bundle = await dsseBundle(
    fulcioSigner(services, oidc),
    [tsa(services)],
    cosignStatement(digest, cart),
  );
  await putBundleReferrer(repository, digest, bundleBytes(bundle));
  return digest;
}

/** SLSA provenance for `digest` built by a run of `sourceRepository`, signed by the release workflow. */
async function attestProvenance(digest: string, sourceRepository: string): Promise<void> {
  const run: WorkflowRun = {
    serverUrl: 'https://github.com',
    repository: sourceRepository,
    repositoryId: '123456',
    repositoryOwnerId: '654321',
    workflowRef: `${sourceRepository}/.github/workflows/release.yml@refs/heads/main`,
    ref: 'refs/heads/main',
    sha: 'a'.repeat(40),
    eventName: 'push',
    runId: '42',
    runAttempt: '1',
    runnerEnvironment: 'github-hosted',
  };
  const statement = Buffer.from(
    JSON.stringify(provenanceStatement({ run, image: { repository: cart, digest } })),
  );
  const bundle = await dsseBundle(fulcioSigner(services, oidc), [tsa(services)], statement);
  await putBundleReferrer(repository, digest, bundleBytes(bundle), SLSA_PROVENANCE_PREDICATE);
}

/** A proxy port nothing listens on: TUF's fetches through it fail at once, as on a runner without the network. */
async function closedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const address = closed.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return port;
}

const promote = (...args: string[]) =>
  runSlipway(['promote', '--config-repo', repo.url, '--json', ...args], { env: { HOME: join(dir, 'home') } });

describe.skipIf(skip)('the promotion gate by keyless identity and provenance (CLI bundle)', () => {
  it('lets in an image signed by the identity the policy names, recording it in Slipway-Verified-By', async () => {
    const digest = await keylessImage('1.0.0');
    const result = await promote('--env', 'dev', '--image', `${cart}:1.0.0@${digest}`);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const message = listCommits(repo.path, 'env/dev')[0]?.message ?? '';
    expect(message).toContain(
      `Slipway-Image: ${cart}:1.0.0@${digest}\nSlipway-Previous: ${cart}:0.9.0\nSlipway-Verified-By: https://github.com/${RELEASE} (${ISSUER})`,
    );
  });

  it('refuses an image signed by another identity than the policy names, naming the policy line', async () => {
    const digest = await keylessImage('1.0.1');
    const tip = branchTip(repo.path, 'env/qa');
    const result = await promote('--env', 'qa', '--image', `${cart}:1.0.1@${digest}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\.slipway\.yaml:9: qa requires a trusted signature: .*release\.yml/);
    expect(result.stderr).toMatch(
      /; sign from a workflow qa trusts \(require\.signatures\.identities in \.slipway\.yaml\)/,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(branchTip(repo.path, 'env/qa')).toBe(tip);
  });

  it('accepts a key-signed image where the policy trusts keys or identities', async () => {
    const { digest } = await writeImage(repository, '1.0.2');
    const signed = await runSlipway(['sign', `${cart}@${digest}`, '--key', join(dir, 'release.key')], {
      env,
    });
    expect(signed.code, signed.stderr).toBe(0);
    const result = await promote('--env', 'staging', '--image', `${cart}:1.0.2@${digest}`);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(listCommits(repo.path, 'env/staging')[0]?.message).toMatch(
      /\nSlipway-Verified-By: [0-9a-f]{64}\n/,
    );
  });

  it('requires signed provenance from the source repository the policy names', async () => {
    const none = await keylessImage('2.0.0');
    const tip = branchTip(repo.path, 'env/prod');
    const missing = await promote('--env', 'prod', '--image', `${cart}:2.0.0@${none}`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /\.slipway\.yaml:\d+: prod requires signed SLSA provenance from https:\/\/github\.com\/acme\/shop, and .* has no provenance attestation.*--provenance/,
    );
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);
    // --force, even where the policy allows it, only passes promoteFrom: never signatures or provenance.
    const forced = await promote('--env', 'prod', '--force', '--image', `${cart}:2.0.0@${none}`);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/prod requires signed SLSA provenance/);
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);

    const elsewhere = await keylessImage('2.0.1');
    await attestProvenance(elsewhere, 'evil/shop');
    const wrong = await promote('--env', 'prod', '--image', `${cart}:2.0.1@${elsewhere}`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /prod requires signed SLSA provenance .* the provenance says it was built from https:\/\/github\.com\/evil\/shop, not https:\/\/github\.com\/acme\/shop/,
    );
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);

    const built = await keylessImage('2.0.2');
    await attestProvenance(built, 'acme/shop');
    const lands = await promote('--env', 'prod', '--image', `${cart}:2.0.2@${built}`);
    expect(lands.stderr).not.toMatch(/error/);
    expect(lands.code).toBe(0);
    expect(listCommits(repo.path, 'env/prod')[0]?.message).toContain(`Slipway-Image: ${cart}:2.0.2@${built}`);
  });

  it('refuses, naming trustedRoot in .slipway.yaml, when the public-good root cannot be fetched', async () => {
    const digest = await keylessImage('3.0.0');
    const port = await closedPort();
    const tip = branchTip(repo.path, 'env/edge');
    const result = await runSlipway(
      ['promote', '--config-repo', repo.url, '--env', 'edge', '--image', `${cart}:3.0.0@${digest}`],
      { env: { HOME: join(dir, 'home-offline'), https_proxy: `http://127.0.0.1:${port}` } },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /\.slipway\.yaml:\d+: the policy's trustedRoot \(public-good\) cannot be loaded: cannot fetch Sigstore's public-good trusted root through TUF: .*set trustedRoot: \{ path: /,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(branchTip(repo.path, 'env/edge')).toBe(tip);
  });

  it('refuses a trustedRoot file that is missing or too big, naming its line in .slipway.yaml', async () => {
    const digest = await keylessImage('3.1.0');
    const tips = [branchTip(repo.path, 'env/lab'), branchTip(repo.path, 'env/big')];
    const missing = await promote('--env', 'lab', '--image', `${cart}:3.1.0@${digest}`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /\.slipway\.yaml:41: trusted root file sigstore\/missing\.json does not exist on main; commit the TrustedRoot JSON/,
    );
    const big = await promote('--env', 'big', '--image', `${cart}:3.1.0@${digest}`);
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(
      /\.slipway\.yaml:47: the trusted root sigstore\/big\.json cannot be read: sigstore\/big\.json is \d+(\.\d)? KiB, over Slipway's limit of 256 KiB.*trusted root file this large/,
    );
    expect([branchTip(repo.path, 'env/lab'), branchTip(repo.path, 'env/big')]).toEqual(tips);
  });

  it('refuses a trustedRoot file that is not a trusted root, naming the file and its line in .slipway.yaml', async () => {
    const digest = await keylessImage('3.2.0');
    const tip = branchTip(repo.path, 'env/broken');
    const result = await promote('--env', 'broken', '--image', `${cart}:3.2.0@${digest}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sigstore\/broken\.json \(trustedRoot, \.slipway\.yaml:\d+\)/);
    expect(result.stderr).not.toContain('[object Object]');
    expect(branchTip(repo.path, 'env/broken')).toBe(tip);
  });

  it('checks a key-signed or unsigned image where keys or identities are trusted without fetching the public-good root', async () => {
    const { digest } = await writeImage(repository, '4.0.0');
    const signed = await runSlipway(['sign', `${cart}@${digest}`, '--key', join(dir, 'release.key')], {
      env,
    });
    expect(signed.code, signed.stderr).toBe(0);
    const { digest: unsigned } = await writeImage(repository, '4.0.1');
    const offline = {
      env: { HOME: join(dir, 'home-field'), https_proxy: `http://127.0.0.1:${await closedPort()}` },
    };
    const run = (image: string) =>
      runSlipway(['promote', '--config-repo', repo.url, '--env', 'field', '--image', image], offline);

    const refused = await run(`${cart}:4.0.1@${unsigned}`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /\.slipway\.yaml:\d+: field requires a trusted signature: .*no signature exists/,
    );

    const lands = await run(`${cart}:4.0.0@${digest}`);
    expect(lands.stderr).not.toMatch(/error/);
    expect(lands.code).toBe(0);
    expect(listCommits(repo.path, 'env/field')[0]?.message).toMatch(/\nSlipway-Verified-By: [0-9a-f]{64}\n/);
  });
  it('end to end with Slipway alone: sign keyless, verify by identity, promote where the policy names it', async () => {
    const { digest } = await writeImage(repository, '3.0.0');
    const image = `${cart}:3.0.0`;
    const sigstore = ['--fulcio-url', services.fulcioUrl, '--tsa-url', services.tsaUrl];
    const signed = await runSlipway(['sign', image, ...sigstore, '--tlog-upload', 'false', '--json'], {
      env: oidc.env,
    });
    expect(signed.stderr).not.toMatch(/error/i);
    expect(signed.code).toBe(0);
    expect(JSON.parse(signed.stdout)).toMatchObject({
      digest,
      certificateIdentity: `https://github.com/${RELEASE}`,
      bundle: { fallbackTag: true, timestamps: 1 },
    });
    // The fallback index tag names the bundle referrer (distribution 2.8 has no referrers API).
    const listed = await repository.referrers(digest);
    expect(listed.map((entry) => entry.artifactType)).toContain(
      'application/vnd.dev.sigstore.bundle.v0.3+json',
    );

    const verify = (identity: string) =>
      runSlipway([
        'verify',
        `${cart}@${digest}`,
        '--certificate-identity',
        `https://github.com/${identity}`,
        '--certificate-oidc-issuer',
        ISSUER,
        '--trusted-root',
        services.trustedRootPath,
      ]);
    const verified = await verify(RELEASE);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    const other = await verify('acme/shop/.github/workflows/deploy.yml@refs/heads/main');
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/deploy\.yml/);

    const landed = await promote('--env', 'dev', '--image', `${image}@${digest}`);
    expect(landed.code, landed.stderr).toBe(0);
    expect(listCommits(repo.path, 'env/dev')[0]?.message).toContain(
      `Slipway-Verified-By: https://github.com/${RELEASE} (${ISSUER})`,
    );
    const tip = branchTip(repo.path, 'env/qa');
    const refused = await promote('--env', 'qa', '--image', `${image}@${digest}`);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/\.slipway\.yaml:\d+/);
    expect(branchTip(repo.path, 'env/qa')).toBe(tip);
  });
});
