// `slipway verify` by keyless identity through the real CLI bundle: a cosign 3 bundle referrer made with
// sigstore-js against the loopback Sigstore fakes, in a real registry, checked with --trusted-root.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayoutRepository, RegistryRepository } from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signImage } from '../packages/sign/src/index.js';
import { newKey, writeImage } from '../packages/sign/test/helpers.js';
import {
  bundleBytes,
  cosignStatement,
  dsseBundle,
  fulcioSigner,
  putBundleReferrer,
  tsa,
} from '../packages/sign/test/sigstore-fixtures.js';
import { chunksHolding, runLoggingChunks, SIGSTORE_VERIFY_MARKER } from './support/cliChunks.js';
import { type GitHubOidcServer, startGitHubOidc } from './support/githubOidc.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { type SigstoreServices, startSigstoreServices } from './support/sigstoreServer.js';
import { runSlipway } from './support/slipway.js';

const skip = !process.env.CI && !registryBinaries().registry;
const SUBJECT = 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';

let dir: string;
let registry: TestRegistry;
let oidc: GitHubOidcServer;
let services: SigstoreServices;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-verify-cli-'));
  if (skip) return;
  oidc = await startGitHubOidc();
  // The fake TSA's clock stands still; a minute ahead keeps it inside the certificates' validity.
  services = await startSigstoreServices({
    oidcKey: oidc.publicKey,
    clock: new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000),
  });
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.stop();
  await services?.close();
  await oidc?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('slipway verify --certificate-identity (CLI bundle, real registry)', () => {
  it('verifies the workflow identity, prints who signed, and refuses another identity in one line', async () => {
    const env = { HOME: join(dir, 'home') };
    const repository = new RegistryRepository(registry.host, `shop/cli-${randomBytes(4).toString('hex')}`, {
      env: { ...env, PATH: process.env.PATH },
    });
    const { digest } = await writeImage(repository, 'v1');
    const bundle = await dsseBundle(
      fulcioSigner(services, oidc),
      [tsa(services)],
      cosignStatement(digest, repository.name),
    );
    await putBundleReferrer(repository, digest, bundleBytes(bundle));

    const image = `${repository.name}:v1`;
    const ok = await runSlipway(
      [
        'verify',
        image,
        '--certificate-identity',
        SUBJECT,
        '--certificate-oidc-issuer',
        ISSUER,
        '--trusted-root',
        services.trustedRootPath,
        '--json',
      ],
      { env },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as {
      digest: string;
      verified: { format: string; signedBy: string; identity: { github: { repository: string } } }[];
    };
    expect(result.digest).toBe(digest);
    expect(result.verified).toEqual([
      expect.objectContaining({
        format: 'bundle',
        signedBy: `${SUBJECT} (${ISSUER})`,
        identity: expect.objectContaining({ github: expect.objectContaining({ repository: 'acme/shop' }) }),
      }),
    ]);

    const refused = await runSlipway(
      [
        'verify',
        image,
        '--certificate-identity-regexp',
        '^https://github\\.com/acme/shop/\\.github/workflows/deploy\\.yml@',
        '--certificate-oidc-issuer',
        ISSUER,
        '--certificate-github-workflow-ref',
        'refs/heads/main',
        '--trusted-root',
        services.trustedRootPath,
      ],
      { env },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /none by a trusted identity: the certificate's subject "https:\/\/github\.com\/acme\/shop\/\.github\/workflows\/release\.yml@refs\/heads\/main" does not match/,
    );
    expect(refused.stderr).not.toMatch(/^\s+at /m);
  });
});

describe.skipIf(skip)('slipway verify loads sigstore-js only for keyless or bundle signatures', () => {
  it('verifies a keyed .sig without it, and loads it for an identity', async () => {
    const env = { HOME: join(dir, 'home') };
    const marked = await chunksHolding(SIGSTORE_VERIFY_MARKER);
    expect(marked.length).toBeGreaterThan(0);

    const layout = join(dir, `layout-${randomBytes(4).toString('hex')}`);
    const { signer, verifier } = newKey('release key');
    const image = await writeImage(new LayoutRepository(layout), 'v1');
    await signImage({
      repository: new LayoutRepository(layout),
      digest: image.digest,
      signer,
      identity: 'registry.example.com/shop/cart',
    });
    await writeFile(join(dir, 'release.pub'), verifier.publicKeyPem);
    const keyed = await runLoggingChunks(
      dir,
      [
        'verify',
        `oci:${layout}:v1`,
        '--key',
        join(dir, 'release.pub'),
        '--identity-rule',
        'exactRepository',
        '--identity',
        'registry.example.com/shop/cart',
      ],
      env,
    );
    expect(keyed.result.stderr).toBe('');
    expect(keyed.result.code).toBe(0);
    expect(keyed.chunks.length).toBeGreaterThan(0);
    expect(keyed.chunks.filter((chunk) => marked.includes(chunk))).toEqual([]);

    const repository = new RegistryRepository(registry.host, `shop/lazy-${randomBytes(4).toString('hex')}`, {
      env: { ...env, PATH: process.env.PATH },
    });
    const { digest } = await writeImage(repository, 'v1');
    const bundle = await dsseBundle(
      fulcioSigner(services, oidc),
      [tsa(services)],
      cosignStatement(digest, repository.name),
    );
    await putBundleReferrer(repository, digest, bundleBytes(bundle));
    const keyless = await runLoggingChunks(
      dir,
      [
        'verify',
        `${repository.name}:v1`,
        '--certificate-identity',
        SUBJECT,
        '--certificate-oidc-issuer',
        ISSUER,
        '--trusted-root',
        services.trustedRootPath,
      ],
      env,
    );
    expect(keyless.result.code).toBe(0);
    expect(keyless.chunks.filter((chunk) => marked.includes(chunk)).length).toBeGreaterThan(0);
  });
});
