// `slipway history --verify` with keyless identity claims (`Slipway-Verified-By: <subject> (<issuer>)`): a true
// claim is upheld against the image's bundle referrer and the policy's identities; a claim typed into a commit
// by hand, naming an identity that did not sign the digest or one the policy does not trust, is exposed.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryRepository } from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImage } from '../packages/sign/test/helpers.js';
import {
  bundleBytes,
  cosignStatement,
  dsseBundle,
  fulcioSigner,
  putBundleReferrer,
  tsa,
} from '../packages/sign/test/sigstore-fixtures.js';
import { type BareRepo, branchTip, commitFiles, createBareRepo } from './support/bareRepo.js';
import { type GitHubOidcServer, startGitHubOidc } from './support/githubOidc.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { type SigstoreServices, startSigstoreServices } from './support/sigstoreServer.js';
import { runSlipway } from './support/slipway.js';

const skip = !process.env.CI && !registryBinaries().registry;
const ISSUER = 'https://token.actions.githubusercontent.com';
const RELEASE = 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main';

// Any workflow of acme/shop: the claim, not the pattern, says which one signed.
const policy = `version: 1
environments:
  prod:
    require:
      signatures:
        identities:
          - issuer: ${ISSUER}
            subjectRegExp: '^https://github\\.com/acme/shop/\\.github/workflows/'
        trustedRoot: { path: sigstore/trusted_root.json }
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
  dir = await mkdtemp(join(tmpdir(), 'slipway-history-keyless-'));
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
  cart = repository.name;
  repo = createBareRepo({
    branches: {
      main: {
        '.slipway.yaml': policy,
        'sigstore/trusted_root.json': JSON.stringify(services.trustedRoot),
      },
      'env/prod': { 'apps/cart/deployment.yaml': deployment(`${cart}:0.9.0`) },
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

/** `cart:<tag>`, signed keyless by the workflow `jobWorkflowRef` (a cosign 3 bundle referrer). */
async function keylessImage(tag: string, jobWorkflowRef: string): Promise<string> {
  const { digest } = await writeImage(repository, tag);
  const signer = fulcioSigner(services, oidc, { job_workflow_ref: jobWorkflowRef });
  const bundle = await dsseBundle(signer, [tsa(services)], cosignStatement(digest, cart));
  await putBundleReferrer(repository, digest, bundleBytes(bundle));
  return digest;
}

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

interface Entry {
  commit: string;
  images: Array<{ verifiedBy: string | null; verification: { verdict: string; reason: string | null } }>;
}

const home = () => ({ env: { HOME: join(dir, 'home') } });

describe.skipIf(skip)('slipway history --verify with keyless identity claims', () => {
  it('upholds a true identity claim and exposes forged ones', async () => {
    const released = await keylessImage('1.0.0', 'acme/shop/.github/workflows/release.yml@refs/heads/main');
    const promoted = await runSlipway(
      ['promote', '--config-repo', repo.url, '--env', 'prod', '--image', `${cart}:1.0.0@${released}`],
      home(),
    );
    expect(promoted.code, promoted.stderr).toBe(0);
    const real = branchTip(repo.path, 'env/prod') ?? '';

    // Signed by the deploy workflow (which the policy trusts too), but the commit claims the release one.
    const deployed = await keylessImage('1.0.1', 'acme/shop/.github/workflows/deploy.yml@refs/heads/main');
    const otherSigner = mimic('1.0.1', deployed, `${RELEASE} (${ISSUER})`, `${cart}:1.0.0@${released}`);
    // Claims an identity the policy does not trust at all.
    const untrusted = mimic(
      '1.0.0',
      released,
      `https://github.com/evil/shop/.github/workflows/release.yml@refs/heads/main (${ISSUER})`,
      `${cart}:1.0.1@${deployed}`,
    );
    // The right identity, the wrong issuer.
    const otherIssuer = mimic(
      '1.0.0',
      released,
      `${RELEASE} (https://accounts.example.com)`,
      `${cart}:1.0.0@${released}`,
    );

    const result = await runSlipway(
      ['history', '--config-repo', repo.url, '--env', 'prod', '--verify', '--json'],
      home(),
    );
    expect(result.code).toBe(1);
    const byCommit = new Map((JSON.parse(result.stdout) as Entry[]).map((entry) => [entry.commit, entry]));
    expect(byCommit.get(real)?.images[0]?.verifiedBy).toBe(`${RELEASE} (${ISSUER})`);
    expect(byCommit.get(real)?.images[0]?.verification).toMatchObject({ verdict: 'verified', reason: null });
    expect(byCommit.get(otherSigner)?.images[0]?.verification).toEqual({
      verdict: 'claim not upheld',
      reason: `no valid signature by identity ${RELEASE} (${ISSUER})`,
    });
    expect(byCommit.get(untrusted)?.images[0]?.verification).toEqual({
      verdict: 'claim not upheld',
      reason: `identity https://github.com/evil/shop/.github/workflows/release.yml@refs/heads/main (${ISSUER}) is not one .slipway.yaml trusts for prod`,
    });
    expect(byCommit.get(otherIssuer)?.images[0]?.verification).toEqual({
      verdict: 'claim not upheld',
      reason: `identity ${RELEASE} (https://accounts.example.com) is not one .slipway.yaml trusts for prod`,
    });
    expect(result.stderr).toMatch(/3 commits of env\/prod claim a verification that does not hold/);
  });
});
