// `slipway build --provenance`, the real CLI bundle: the deterministic files builder pushes to a real registry
// (distribution 2.8: no referrers API, so the sha256-<hex> fallback index), then the SLSA provenance is signed
// keyless with a GitHub runner's OIDC environment against the loopback Sigstore services and stored as a
// bundle referrer, which sigstore-js verifies back, the policy's provenance check accepts, and
// `copy --with-signatures` carries.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryRepository } from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GITHUB_ACTIONS_ISSUER,
  loadTrustRoot,
  provenanceMismatch,
  SLSA_PROVENANCE_V1,
  type TrustRoot,
  verifyBundleReferrers,
} from '../packages/sign/src/index.js';
import { chunksHolding, runLoggingChunks, SIGSTORE_SIGN_MARKER } from './support/cliChunks.js';
import { type GitHubOidcServer, startGitHubOidc, workflowClaims } from './support/githubOidc.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { type SigstoreServices, startSigstoreServices } from './support/sigstoreServer.js';
import { runSlipway } from './support/slipway.js';

const available = registryBinaries().registry;
/** acme/shop's workflow calls Slipway's reusable one, whose job builds: Fulcio names the called workflow. */
const BUILDER_WORKFLOW = 'slipway-dev/slipway/.github/workflows/build-sign-promote-ghcr.yml@refs/tags/v1';
const SHA = 'b'.repeat(40);

/** The variables a GitHub runner sets for acme/shop's push to main. */
const RUN_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_REPOSITORY_ID: '123456',
  GITHUB_REPOSITORY_OWNER_ID: '654321',
  GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/release.yml@refs/heads/main',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: SHA,
  GITHUB_EVENT_NAME: 'push',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '1',
  RUNNER_ENVIRONMENT: 'github-hosted',
};

interface BuildJson {
  digest: string;
  provenance?: {
    predicateType: string;
    referrers: { repository: string; manifestDigest: string; fallbackTag: boolean }[];
    certificateIdentity: string;
    tlogEntries: number;
    timestamps: number;
  };
}

/** The --json line (on a runner, workflow commands come before it). */
function lastJson(stdout: string): BuildJson {
  const line = stdout.split('\n').findLast((l) => l.startsWith('{'));
  if (line === undefined) throw new Error(`no JSON in ${stdout}`);
  return JSON.parse(line) as BuildJson;
}

describe.skipIf(!available && process.env.CI !== 'true')('slipway build --provenance', () => {
  let registry: TestRegistry;
  let oidc: GitHubOidcServer;
  let services: SigstoreServices;
  let trustRoot: TrustRoot;
  let dir: string;

  beforeAll(async () => {
    registry = await startRegistry();
    oidc = await startGitHubOidc({
      claims: workflowClaims({ sha: SHA, job_workflow_ref: BUILDER_WORKFLOW }),
    });
    services = await startSigstoreServices({ oidcKey: oidc.publicKey });
    trustRoot = await loadTrustRoot({
      kind: 'json',
      bytes: new Uint8Array(Buffer.from(JSON.stringify(services.trustedRoot))),
      where: 'the fakes’ trusted root',
    });
    dir = mkdtempSync(join(tmpdir(), 'slipway-build-provenance-'));
  });
  afterAll(async () => {
    await services?.close();
    await oidc?.close();
    await registry?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  function appContext(name: string): string {
    const context = join(dir, name);
    mkdirSync(context, { recursive: true });
    writeFileSync(join(context, 'index.html'), `<h1>${name}</h1>\n`);
    return context;
  }

  const build = (context: string, repositories: readonly string[], extra: readonly string[], env = {}) =>
    runSlipway(
      [
        'build',
        '--builder',
        'files',
        '--context',
        context,
        ...repositories.flatMap((repository) => ['--repository', repository]),
        '--tags',
        'type=raw,value=1.0.0',
        '--json',
        ...extra,
      ],
      { env },
    );

  it('signs the SLSA provenance keyless and stores one bundle referrer per repository', async () => {
    const cart = `${registry.host}/shop/cart`;
    const mirror = `${registry.host}/mirror/cart`;
    // The Sigstore URLs from the runner's environment, as a private Sigstore is set for every job.
    // The mock Rekor's DSSE entries do not verify: the timestamp authority vouches for the time here.
    const run = await build(appContext('cart'), [cart, mirror], ['--provenance', '--tlog-upload', 'false'], {
      ...RUN_ENV,
      ...oidc.env,
      SLIPWAY_FULCIO_URL: services.fulcioUrl,
      SLIPWAY_TSA_URL: services.tsaUrl,
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    // On a runner the token is only ever printed to be masked.
    const printed = `${run.stdout}\n${run.stderr}`
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain(oidc.requestToken);
    const result = lastJson(run.stdout);
    const subject = `https://github.com/${BUILDER_WORKFLOW}`;
    expect(result.provenance).toMatchObject({
      predicateType: SLSA_PROVENANCE_V1,
      certificateIdentity: subject,
      tlogEntries: 0,
      timestamps: 1,
    });
    expect(result.provenance?.referrers.map((r) => [r.repository, r.fallbackTag])).toEqual([
      [cart, true],
      [mirror, true],
    ]);

    const identities = [{ subject: { exact: subject }, issuer: { exact: GITHUB_ACTIONS_ISSUER } }];
    for (const [path, referrer] of [
      ['shop/cart', result.provenance?.referrers[0]],
      ['mirror/cart', result.provenance?.referrers[1]],
    ] as const) {
      const repository = new RegistryRepository(registry.host, path, { env: { HOME: dir } });
      const { verified, rejected } = await verifyBundleReferrers({
        repository,
        digest: result.digest,
        predicateType: SLSA_PROVENANCE_V1,
        keys: [],
        identities,
        trustRoot,
      });
      expect(rejected).toEqual([]);
      expect(verified.map((v) => v.manifestDigest)).toEqual([referrer?.manifestDigest]);
      const signed = verified[0]?.statement;
      if (signed === undefined) throw new Error('no verified provenance');
      // One statement for the digest: its subject names the first repository.
      expect(signed.subject).toEqual([{ name: cart, sha256: result.digest.slice('sha256:'.length) }]);
      expect(
        provenanceMismatch(
          signed,
          { sourceRepository: 'https://github.com/acme/shop', builder: subject },
          { digest: result.digest },
        ),
      ).toBeUndefined();
      expect(
        provenanceMismatch(
          signed,
          { sourceRepository: 'https://github.com/acme/other' },
          { digest: result.digest },
        ),
      ).toMatch(/acme\/other/);
    }

    // copy --with-signatures carries the provenance referrer; it verifies where it arrives.
    const copied = await runSlipway([
      'copy',
      `${cart}@${result.digest}`,
      `${registry.host}/prod/cart:1.0.0`,
      '--with-signatures',
    ]);
    expect(copied.stderr).not.toMatch(/error/i);
    expect(copied.code).toBe(0);
    const prod = await verifyBundleReferrers({
      repository: new RegistryRepository(registry.host, 'prod/cart', { env: { HOME: dir } }),
      digest: result.digest,
      predicateType: SLSA_PROVENANCE_V1,
      keys: [],
      identities,
      trustRoot,
    });
    expect(prod.verified).toHaveLength(1);
  });

  it('outside GitHub Actions: a clear error naming --provenance, and nothing pushed', async () => {
    const run = await build(appContext('local'), [`${registry.host}/shop/local`], ['--provenance'], {
      SIGSTORE_ID_TOKEN: oidc.issue('sigstore'),
      SLIPWAY_FULCIO_URL: services.fulcioUrl,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^slipway build: error: --provenance: build provenance describes a GitHub Actions workflow run/m,
    );
    expect(run.stderr).toContain('outside GitHub Actions');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const tags = await fetch(`${registry.url}/v2/shop/local/tags/list`);
    expect(tags.status).toBe(404);
  });

  it('a malformed run variable is named', async () => {
    const run = await build(appContext('malformed'), [`${registry.host}/shop/malformed`], ['--provenance'], {
      ...RUN_ENV,
      ...oidc.env,
      GITHUB_RUN_ID: 'forty-two',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '--provenance: build provenance cannot describe this workflow run: GITHUB_RUN_ID "forty-two"',
    );
  });

  it('a signing failure after the push fails the step; the image stays pushed, whole', async () => {
    // More failures than sigstore-js retries.
    services.failNext('/api/v2/signingCert', 503, 5);
    const run = await build(appContext('down'), [`${registry.host}/shop/down`], ['--provenance'], {
      ...RUN_ENV,
      ...oidc.env,
      SLIPWAY_FULCIO_URL: services.fulcioUrl,
      SLIPWAY_TSA_URL: services.tsaUrl,
      SLIPWAY_REKOR_URL: services.rekorUrl,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^slipway build: error: .*Fulcio/im);
    const manifest = await fetch(`${registry.url}/v2/shop/down/manifests/1.0.0`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(manifest.status).toBe(200);
  });

  it('without --provenance, a Sigstore flag is refused', async () => {
    const run = await build(
      appContext('flags'),
      [`${registry.host}/shop/flags`],
      ['--tsa-url', services.tsaUrl],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '--tsa-url applies to the provenance, which build signs only with --provenance',
    );
  });

  it('loads sigstore-js only when provenance is asked for', async () => {
    const marked = await chunksHolding(SIGSTORE_SIGN_MARKER);
    expect(marked.length).toBeGreaterThan(0);
    const args = (name: string) => [
      'build',
      '--builder',
      'files',
      '--context',
      appContext(name),
      '--repository',
      `${registry.host}/shop/${name}`,
      '--tags',
      'type=raw,value=1.0.0',
    ];
    const env = {
      ...RUN_ENV,
      ...oidc.env,
      SLIPWAY_FULCIO_URL: services.fulcioUrl,
      SLIPWAY_TSA_URL: services.tsaUrl,
    };
    const plain = await runLoggingChunks(dir, args('lazy'), env);
    expect(plain.result.code).toBe(0);
    expect(plain.chunks.filter((chunk) => marked.includes(chunk))).toEqual([]);
    const attested = await runLoggingChunks(
      dir,
      [...args('eager'), '--provenance', '--tlog-upload', 'false'],
      env,
    );
    expect(attested.result.code).toBe(0);
    expect(attested.chunks.filter((chunk) => marked.includes(chunk)).length).toBeGreaterThan(0);
  });
});
