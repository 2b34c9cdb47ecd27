// verify by keyless identity and in both formats, against the loopback Sigstore fakes and a real registry
// (distribution 2.8: no referrers API, so bundles are found through the `sha256-<hex>` index tag) and an
// OCI layout. The bundles are made with sigstore-js directly, not with Slipway's signer.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleToJSON } from '@sigstore/bundle';
import { SlipwayError } from '@slipway/errors';
import { type ImageRepository, RegistryRepository } from '@slipway/oci';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../../../test/support/faultProxy.js';
import { type GitHubOidcServer, startGitHubOidc } from '../../../test/support/githubOidc.js';
import { registryBinaries, startRegistry, type TestRegistry } from '../../../test/support/registry.js';
import { type SigstoreServices, startSigstoreServices } from '../../../test/support/sigstoreServer.js';
import {
  GITHUB_ACTIONS_ISSUER,
  githubWorkflowIdentity,
  type IdentityRequirement,
  loadTrustRoot,
  publicKeyVerifier,
  type TrustRoot,
  VerificationError,
  type VerifyImageOptions,
  verifyBundleReferrers,
  verifyImage,
} from '../src/index.js';
import { tempLayout, writeImage } from './helpers.js';
import {
  bundleBytes,
  COSIGN_SIGN_V1,
  cosignStatement,
  dsseBundle,
  flipByte,
  fulcioSigner,
  keySigner,
  putBundleReferrer,
  putKeylessSigLayer,
  rekor,
  simpleSigningPayload,
  tsa,
} from './sigstore-fixtures.js';

const skip = !process.env.CI && !registryBinaries().registry;
const WORKFLOW = 'acme/shop/.github/workflows/release.yml@refs/heads/main';
const RELEASE: IdentityRequirement = githubWorkflowIdentity(WORKFLOW);

let dir: string;
let env: NodeJS.ProcessEnv;
let registry: TestRegistry;
let oidc: GitHubOidcServer;
let services: SigstoreServices;
let otherServices: SigstoreServices;
let trustRoot: TrustRoot;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-verify-keyless-'));
  env = { HOME: join(dir, 'home'), PATH: process.env.PATH };
  oidc = await startGitHubOidc();
  otherServices = await startSigstoreServices({ oidcKey: oidc.publicKey, clock: tsaClock() });
  if (!skip) registry = await startRegistry();
});
/**
 * The fake TSA's clock stands still (a whole second), and its timestamps must fall within the validity of
 * certificates issued later (from the whole second they are issued in, for ten minutes): a clock a minute
 * ahead, and fresh services for each test.
 */
function tsaClock(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
}
beforeEach(async () => {
  services = await startSigstoreServices({ oidcKey: oidc.publicKey, clock: tsaClock() });
  trustRoot = await loadTrustRoot({
    kind: 'json',
    bytes: Buffer.from(JSON.stringify(services.trustedRoot)),
    where: services.trustedRootPath,
  });
});
afterEach(async () => {
  await services?.close();
});
afterAll(async () => {
  await registry?.stop();
  await otherServices?.close();
  await oidc?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh repository in the registry holding one image; answers it and the image's digest. */
async function freshImage(): Promise<{ repository: ImageRepository; digest: string }> {
  const repository = new RegistryRepository(registry.host, `shop/app-${randomBytes(4).toString('hex')}`, {
    env,
  });
  const { digest } = await writeImage(repository, 'v1');
  return { repository, digest };
}

/** A keyless DSSE bundle over cosign 3's statement for the image, timestamped by the fake TSA. */
async function keylessReferrer(
  repository: ImageRepository,
  digest: string,
  options: {
    claims?: Record<string, unknown>;
    from?: SigstoreServices;
    edit?: (json: ReturnType<typeof bundleToJSON>) => void;
  } = {},
) {
  const from = options.from ?? services;
  const bundle = bundleToJSON(
    await dsseBundle(
      fulcioSigner(from, oidc, options.claims),
      [tsa(from)],
      cosignStatement(digest, repository.name),
    ),
  );
  options.edit?.(bundle);
  return putBundleReferrer(repository, digest, Buffer.from(JSON.stringify(bundle)));
}

function verifyBy(
  repository: ImageRepository,
  identities: IdentityRequirement[],
  extra: Partial<VerifyImageOptions> = {},
) {
  return verifyImage({ repository, reference: 'v1', keys: [], identities, trustRoot, ...extra });
}

async function refusal(promise: Promise<unknown>): Promise<VerificationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VerificationError);
  return error as VerificationError;
}

describe.skipIf(skip)('verify keyless bundle referrers on a registry', () => {
  it('accepts the workflow identity, and says who signed with its GitHub extensions', async () => {
    const { repository, digest } = await freshImage();
    const manifestDigest = await keylessReferrer(repository, digest);
    const result = await verifyBy(repository, [RELEASE]);
    expect(result.digest).toBe(digest);
    expect(result.verified).toHaveLength(1);
    const [signature] = result.verified;
    expect(signature?.format).toBe('bundle');
    expect(signature?.layerDigest).toBe(manifestDigest);
    expect(signature?.keyFingerprint).toBeUndefined();
    expect(signature?.signedBy).toBe(`https://github.com/${WORKFLOW} (${GITHUB_ACTIONS_ISSUER})`);
    expect(signature?.identity?.github).toEqual({
      repository: 'acme/shop',
      ref: 'refs/heads/main',
      workflow: 'release',
      trigger: 'push',
      sha: 'a'.repeat(40),
    });
    const bundles = await verifyBundleReferrers({
      repository,
      digest,
      predicateType: COSIGN_SIGN_V1,
      keys: [],
      identities: [RELEASE],
      trustRoot,
    });
    expect(bundles.verified[0]?.statement.predicateType).toBe(COSIGN_SIGN_V1);
    expect(bundles.verified[0]?.statement.subject[0]?.sha256).toBe(digest.slice('sha256:'.length));
  });

  it('refuses another workflow and another issuer as untrusted identities', async () => {
    const { repository, digest } = await freshImage();
    await keylessReferrer(repository, digest, {
      claims: { job_workflow_ref: 'acme/fork/.github/workflows/release.yml@refs/heads/main' },
    });
    const other = await refusal(verifyBy(repository, [RELEASE]));
    expect(other.kind).toBe('untrusted-identity');
    expect(other.message).toContain('acme/fork/.github/workflows/release.yml');
    expect(other.message).toContain(`not "https://github.com/${WORKFLOW}"`);
    expect(other.fix).toMatch(/--certificate-identity/);

    const { repository: second, digest: secondDigest } = await freshImage();
    await keylessReferrer(second, secondDigest);
    const issuer = await refusal(
      verifyBy(second, [{ subject: RELEASE.subject, issuer: { exact: 'https://accounts.google.com' } }]),
    );
    expect(issuer.kind).toBe('untrusted-identity');
    expect(issuer.message).toContain(
      `issuer is "${GITHUB_ACTIONS_ISSUER}", not "https://accounts.google.com"`,
    );
  });

  it('refuses a changed statement and flipped signature bytes as tampered', async () => {
    const { repository, digest } = await freshImage();
    const otherDigest = `sha256:${'b'.repeat(64)}`;
    await keylessReferrer(repository, digest, {
      edit: (bundle) => {
        const statement = JSON.parse(
          Buffer.from(bundle.dsseEnvelope?.payload ?? '', 'base64').toString('utf8'),
        );
        statement.subject[0].digest.sha256 = otherDigest.slice('sha256:'.length);
        if (bundle.dsseEnvelope)
          bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
      },
    });
    const changed = await refusal(verifyBy(repository, [RELEASE]));
    expect(changed.kind).toBe('tampered');
    expect(changed.message).toMatch(/none intact: the signature does not hold/);

    const { repository: second, digest: secondDigest } = await freshImage();
    await keylessReferrer(second, secondDigest, {
      edit: (bundle) => {
        const signature = bundle.dsseEnvelope?.signatures[0];
        if (signature) signature.sig = flipByte(signature.sig, 20);
      },
    });
    const flipped = await refusal(verifyBy(second, [RELEASE]));
    expect(flipped.kind).toBe('tampered');
  });

  it('refuses a certificate from another Sigstore instance as an untrusted CA, naming the trusted root', async () => {
    const { repository, digest } = await freshImage();
    await keylessReferrer(repository, digest, { from: otherServices });
    const error = await refusal(verifyBy(repository, [RELEASE]));
    expect(error.kind).toBe('untrusted-ca');
    expect(error.message).toContain(
      `not issued by a certificate authority of trusted root ${services.trustedRootPath}`,
    );
    expect(error.fix).toContain('--trusted-root');
  });

  it('refuses a keyless signature with neither a log entry nor a timestamp', async () => {
    const { repository, digest } = await freshImage();
    const bundle = await dsseBundle(
      fulcioSigner(services, oidc),
      [],
      cosignStatement(digest, repository.name),
    );
    await putBundleReferrer(repository, digest, bundleBytes(bundle));
    const error = await refusal(verifyBy(repository, [RELEASE]));
    expect(error.kind).toBe('no-tlog-or-timestamp');
    expect(error.message).toContain('needs a transparency-log entry or an RFC 3161 timestamp');
  });

  it('matches regexp rules unanchored, as cosign, and refuses one that does not match', async () => {
    const { repository, digest } = await freshImage();
    await keylessReferrer(repository, digest);
    const loose = await verifyBy(repository, [
      {
        subject: { regexp: '^https://github\\.com/acme/shop/' },
        issuer: { regexp: 'githubusercontent\\.com$' },
      },
    ]);
    expect(loose.verified).toHaveLength(1);
    const error = await refusal(
      verifyBy(repository, [
        { subject: { regexp: '^https://github\\.com/acme/other/' }, issuer: RELEASE.issuer },
      ]),
    );
    expect(error.kind).toBe('untrusted-identity');
    expect(error.message).toContain('does not match /^https://github\\.com/acme/other//');
  });

  it('holds the certificate to the GitHub extensions asked for', async () => {
    const { repository, digest } = await freshImage();
    await keylessReferrer(repository, digest);
    const github = {
      repository: 'acme/shop',
      ref: 'refs/heads/main',
      workflow: 'release',
      trigger: 'push',
      sha: 'a'.repeat(40),
    };
    expect((await verifyBy(repository, [{ ...RELEASE, github }])).verified).toHaveLength(1);
    const error = await refusal(verifyBy(repository, [{ ...RELEASE, github: { ref: 'refs/heads/dev' } }]));
    expect(error.kind).toBe('untrusted-identity');
    expect(error.message).toContain(`GitHub ref is "refs/heads/main", not "refs/heads/dev"`);
  });

  it('accepts one good bundle beside a bad one, and reports the bad one', async () => {
    const { repository, digest } = await freshImage();
    await keylessReferrer(repository, digest, { from: otherServices });
    await keylessReferrer(repository, digest);
    const result = await verifyBy(repository, [RELEASE]);
    expect(result.verified).toHaveLength(1);
    expect(result.rejected.map((entry) => entry.reason)).toEqual(['untrusted-ca']);
  });

  it('verifies a keyed bundle with the trusted key, and refuses it with another', async () => {
    const { repository, digest } = await freshImage();
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const bundle = await dsseBundle(
      keySigner(privateKey, publicKey),
      [],
      cosignStatement(digest, repository.name),
    );
    await putBundleReferrer(repository, digest, bundleBytes(bundle));
    const trusted = publicKeyVerifier(publicKey, 'release key');
    const result = await verifyImage({ repository, reference: 'v1', keys: [trusted] });
    expect(result.verified[0]).toMatchObject({
      format: 'bundle',
      keyFingerprint: trusted.fingerprint,
      signedBy: trusted.fingerprint,
      keyDescription: 'release key',
    });
    const stranger = publicKeyVerifier(
      generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey,
      'other',
    );
    const error = await refusal(verifyImage({ repository, reference: 'v1', keys: [stranger] }));
    expect(error.kind).toBe('untrusted-key');
  });
});

describe.skipIf(skip)('verify cosign 2 keyless signatures in the .sig tag', () => {
  it('accepts a logged keyless signature by the identity, as simple-signing', async () => {
    const { repository, digest } = await freshImage();
    await putKeylessSigLayer(
      repository,
      digest,
      simpleSigningPayload(digest, repository.name),
      fulcioSigner(services, oidc),
      [rekor(services)],
    );
    const result = await verifyBy(repository, [RELEASE]);
    expect(result.verified[0]).toMatchObject({
      format: 'simple-signing',
      signedBy: `https://github.com/${WORKFLOW} (${GITHUB_ACTIONS_ISSUER})`,
      dockerReference: repository.name,
    });
    const wrong = await refusal(
      verifyBy(repository, [githubWorkflowIdentity('acme/shop/.github/workflows/other.yml@refs/heads/main')]),
    );
    expect(wrong.kind).toBe('untrusted-identity');
  });

  it('refuses a keyless signature whose payload was swapped after signing as tampered', async () => {
    const { repository, digest } = await freshImage();
    await putKeylessSigLayer(
      repository,
      digest,
      simpleSigningPayload(digest, repository.name),
      fulcioSigner(services, oidc),
      [rekor(services)],
      { store: simpleSigningPayload(digest, `${repository.name}:other`) },
    );
    const error = await refusal(verifyBy(repository, [RELEASE]));
    expect(error.kind).toBe('tampered');
    expect(error.message).toContain('the signature does not hold');
  });

  it('refuses one without its Rekor proof, and a keyless signature when only keys are trusted', async () => {
    const { repository, digest } = await freshImage();
    await putKeylessSigLayer(
      repository,
      digest,
      simpleSigningPayload(digest, repository.name),
      fulcioSigner(services, oidc),
      [rekor(services)],
      { dropProof: true },
    );
    const error = await refusal(verifyBy(repository, [RELEASE]));
    expect(error.kind).toBe('no-tlog-or-timestamp');

    const { repository: second, digest: secondDigest } = await freshImage();
    await putKeylessSigLayer(
      second,
      secondDigest,
      simpleSigningPayload(secondDigest, `${second.name}:v1`),
      fulcioSigner(services, oidc),
      [rekor(services)],
    );
    // Only keys are trusted: a certificate is not one of them, and the refusal says what is missing.
    const keyOnly = await refusal(
      verifyImage({
        repository: second,
        reference: 'v1',
        keys: [publicKeyVerifier(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey, 'k')],
      }),
    );
    expect(keyOnly.kind).toBe('untrusted-identity');
    expect(keyOnly.message).toContain('no certificate identity is trusted');
  });
});

describe.skipIf(skip)('registry trouble while reading bundles', () => {
  it('stops the verification instead of counting it against one signature', async () => {
    const { repository, digest } = await freshImage();
    await keylessReferrer(repository, digest);
    const proxy = await startFaultProxy(registry.url);
    try {
      proxy.setFaults((request) => (request.kind === 'blob' ? { status: 500 } : 'pass'));
      const proxied = new RegistryRepository(proxy.host, repository.name.slice(registry.host.length + 1), {
        env,
      });
      const error = await verifyBy(proxied, [RELEASE]).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(SlipwayError);
      expect(error).not.toBeInstanceOf(VerificationError);
      expect(proxy.log.some((entry) => entry.kind === 'blob' && entry.status === 500)).toBe(true);
    } finally {
      await proxy.stop();
    }
  });
});

describe('verify a keyless bundle referrer in an OCI layout', () => {
  it('accepts the identity', async () => {
    const { repository, dispose } = await tempLayout();
    try {
      const { digest } = await writeImage(repository, 'v1');
      await keylessReferrer(repository, digest);
      const result = await verifyBy(repository, [RELEASE]);
      expect(result.verified.map((signature) => signature.format)).toEqual(['bundle']);
    } finally {
      await dispose();
    }
  });
});
