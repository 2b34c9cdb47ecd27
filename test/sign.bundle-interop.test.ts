// Keyless DSSE bundles (cosign 3's form) against an independent implementation: Debian's
// python3-cryptography rebuilds the DSSE encoding, verifies the signature with the leaf certificate, the
// chain to the test CA and the identity, and reads the in-toto statement. The bundles come from one
// `BundleSource`: Slipway's own keyless signer (signBundle), and sigstore-js driven directly as the reference.

import { describe, expect, it } from 'vitest';
import { signBundle } from '../packages/sign/src/index.js';
import { checkBundleWithPython } from './support/bundleInterop.js';
import { withCleanup } from './support/cleanup.js';
import { GITHUB_ISSUER, type GitHubOidcServer, startGitHubOidc } from './support/githubOidc.js';
import { pythonCryptoAvailable } from './support/signInterop.js';
import {
  type BundleSource,
  COSIGN_SIGN_PREDICATE,
  inTotoStatement,
  SLSA_PROVENANCE_PREDICATE,
  sigstoreJsKeyless,
  verifyWithSigstoreJs,
} from './support/sigstoreBundles.js';
import { type SigstoreServices, startSigstoreServices } from './support/sigstoreServer.js';

const available = pythonCryptoAvailable();
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const WORKFLOW_SAN = 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main';

type SourceFactory = (services: SigstoreServices, oidc: GitHubOidcServer) => BundleSource;

/** Slipway's keyless signer as the sign step drives it: a GitHub token, Fulcio, a TSA timestamp. */
const slipwayKeyless: SourceFactory = (services, oidc) => async (statement) =>
  (
    await signBundle({
      statement,
      signer: { kind: 'keyless', identityToken: oidc.issue('sigstore'), fulcioUrl: services.fulcioUrl },
      tsaUrl: services.tsaUrl,
    })
  ).bytes;

/** Where the bundles under test come from: Slipway's signer, and sigstore-js as the reference. */
const SOURCES: ReadonlyArray<readonly [string, SourceFactory]> = [
  ['Slipway', slipwayKeyless],
  ['sigstore-js', sigstoreJsKeyless],
];

function servicesFor(source: SourceFactory) {
  return async <T>(fn: (services: SigstoreServices, sign: BundleSource) => Promise<T>): Promise<T> =>
    withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      defer(services.close);
      return fn(services, source(services, oidc));
    });
}

/** The bundle with its DSSE payload replaced by `payload` (signature and certificate left as they were). */
function withPayload(bundle: Uint8Array, payload: Uint8Array): Uint8Array {
  const document = JSON.parse(Buffer.from(bundle).toString('utf8'));
  document.dsseEnvelope.payload = Buffer.from(payload).toString('base64');
  return new Uint8Array(Buffer.from(JSON.stringify(document)));
}

describe.skipIf(!available).each(SOURCES)(
  'keyless DSSE bundles by %s checked by python3-cryptography',
  (_, source) => {
    const withServices = servicesFor(source);
    it('verifies the signature, the chain to the CA root, the workflow identity and reads the statement', async () => {
      await withServices(async (services, sign) => {
        const bundle = await sign(
          inTotoStatement({ name: 'registry.example.com/shop/cart', digest: DIGEST }),
        );
        // The bundle is a good one by sigstore-js' own verifier too, so a refusal below is the check's.
        await verifyWithSigstoreJs(services, bundle);

        const check = await checkBundleWithPython(bundle, services.caRootPem);
        expect(check).toMatchObject({
          valid: true,
          subjectAlternativeName: WORKFLOW_SAN,
          issuer: GITHUB_ISSUER,
          predicateType: COSIGN_SIGN_PREDICATE,
          subject: [{ name: 'registry.example.com/shop/cart', sha256: 'ab'.repeat(32) }],
          timestamps: 1,
        });
      });
    });

    it('reads an attestation with another predicate type (SLSA provenance)', async () => {
      await withServices(async (services, sign) => {
        const statement = inTotoStatement({
          name: 'registry.example.com/shop/cart',
          digest: DIGEST,
          predicateType: SLSA_PROVENANCE_PREDICATE,
          predicate: { buildDefinition: { buildType: 'https://actions.github.io/buildtypes/workflow/v1' } },
        });
        const check = await checkBundleWithPython(await sign(statement), services.caRootPem);
        expect(check).toMatchObject({ valid: true, predicateType: SLSA_PROVENANCE_PREDICATE });
      });
    });

    it('refuses a bundle whose statement was changed after signing', async () => {
      await withServices(async (services, sign) => {
        const bundle = await sign(
          inTotoStatement({ name: 'registry.example.com/shop/cart', digest: DIGEST }),
        );
        const tampered = withPayload(
          bundle,
          inTotoStatement({ name: 'registry.example.com/shop/cart', digest: `sha256:${'cd'.repeat(32)}` }),
        );
        await expect(verifyWithSigstoreJs(services, tampered)).rejects.toThrow();
        expect(await checkBundleWithPython(tampered, services.caRootPem)).toEqual({
          valid: false,
          reason: "DSSE signature does not verify with the leaf certificate's key",
        });
      });
    });

    it('refuses a bundle whose certificate another CA issued', async () => {
      await withServices(async (services, sign) => {
        const bundle = await sign(
          inTotoStatement({ name: 'registry.example.com/shop/cart', digest: DIGEST }),
        );
        expect((await checkBundleWithPython(bundle, services.caRootPem)).valid).toBe(true);
        await withCleanup(async (defer) => {
          const other = await startSigstoreServices();
          defer(other.close);
          const check = await checkBundleWithPython(bundle, other.caRootPem);
          expect(check.valid).toBe(false);
          expect(check.valid === false && check.reason).toMatch(/not (the CA root|signed by the CA root)/);
        });
      });
    });
  },
);

describe('loopback Sigstore services', () => {
  const withServices = servicesFor(sigstoreJsKeyless);
  it('issue certificates valid at their TSA timestamp even when signing starts seconds after start-up', async () => {
    await withServices(async (services, sign) => {
      // Past a whole-second boundary: a certificate dated later than the TSA's fixed clock was refused.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const bundle = await sign(inTotoStatement({ name: 'registry.example.com/shop/cart', digest: DIGEST }));
      expect(await verifyWithSigstoreJs(services, bundle)).toEqual({
        subjectAlternativeName: WORKFLOW_SAN,
        issuer: GITHUB_ISSUER,
      });
    });
  });
});
