import { bundleFromJSON, bundleToJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import {
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
} from '@sigstore/sign';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { describe, expect, it } from 'vitest';
import { withCleanup } from './support/cleanup.js';
import { startGitHubOidc } from './support/githubOidc.js';
import { startSigstoreServices } from './support/sigstoreServer.js';

// The fakes themselves: what sigstore-js signs against them, sigstore-js verifies with their trusted root.
describe('loopback Sigstore services', () => {
  it('issue a GitHub workflow certificate, log a message signature and timestamp a DSSE envelope', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      defer(services.close);
      const signer = new FulcioSigner({
        fulcioBaseURL: services.fulcioUrl,
        identityProvider: { getToken: async () => oidc.issue('sigstore') },
      });
      const trust = toTrustMaterial(TrustedRoot.fromJSON(services.trustedRoot));
      const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 });

      const logged = await new MessageSignatureBundleBuilder({
        signer,
        witnesses: [new RekorWitness({ rekorBaseURL: services.rekorUrl })],
      }).create({ data: Buffer.from('hello') });
      const who = verifier.verify(toSignedEntity(bundleFromJSON(bundleToJSON(logged)), Buffer.from('hello')));
      expect(who.identity?.subjectAlternativeName).toBe(
        'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main',
      );
      expect(who.identity?.extensions?.issuer).toBe('https://token.actions.githubusercontent.com');

      const stamped = await new DSSEBundleBuilder({
        signer,
        witnesses: [new TSAWitness({ tsaBaseURL: services.tsaUrl })],
      }).create({ data: Buffer.from('{}'), type: 'application/vnd.in-toto+json' });
      expect(() => verifier.verify(toSignedEntity(stamped))).not.toThrow();
      expect(services.requests).toContain('/api/v1/timestamp');
    });
  });

  it('refuse a token that the issuer did not sign', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const other = await startGitHubOidc();
      defer(other.close);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      defer(services.close);
      const signer = new FulcioSigner({
        fulcioBaseURL: services.fulcioUrl,
        identityProvider: { getToken: async () => other.issue('sigstore') },
      });
      await expect(
        new MessageSignatureBundleBuilder({ signer, witnesses: [] }).create({ data: Buffer.from('x') }),
      ).rejects.toThrow();
    });
  });
});
