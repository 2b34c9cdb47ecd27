// Keyless DSSE bundles (cosign 3's form) against an independent implementation: Debian's
// python3-cryptography rebuilds the DSSE encoding, verifies the signature with the leaf certificate, the
// chain to the test CA and the identity, and reads the in-toto statement. The bundles come from one
// `BundleSource` (sigstore-js today); point `bundleSource` at Slipway's signBundle to check its output.

import { describe, expect, it } from 'vitest';
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

/** Where the bundles under test come from: swap for Slipway's keyless signer after the merge. */
function bundleSource(services: SigstoreServices, oidc: GitHubOidcServer): BundleSource {
  return sigstoreJsKeyless(services, oidc);
}

async function withServices<T>(
  fn: (services: SigstoreServices, sign: BundleSource) => Promise<T>,
): Promise<T> {
  return withCleanup(async (defer) => {
    const oidc = await startGitHubOidc();
    defer(oidc.close);
    const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
    defer(services.close);
    return fn(services, bundleSource(services, oidc));
  });
}

/** The bundle with its DSSE payload replaced by `payload` (signature and certificate left as they were). */
function withPayload(bundle: Uint8Array, payload: Uint8Array): Uint8Array {
  const document = JSON.parse(Buffer.from(bundle).toString('utf8'));
  document.dsseEnvelope.payload = Buffer.from(payload).toString('base64');
  return new Uint8Array(Buffer.from(JSON.stringify(document)));
}

describe.skipIf(!available)('keyless DSSE bundles checked by python3-cryptography', () => {
  it('verifies the signature, the chain to the CA root, the workflow identity and reads the statement', async () => {
    await withServices(async (services, sign) => {
      const bundle = await sign(inTotoStatement({ name: 'registry.example.com/shop/cart', digest: DIGEST }));
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
      const bundle = await sign(inTotoStatement({ name: 'registry.example.com/shop/cart', digest: DIGEST }));
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
      const bundle = await sign(inTotoStatement({ name: 'registry.example.com/shop/cart', digest: DIGEST }));
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
});

describe('loopback Sigstore services', () => {
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
