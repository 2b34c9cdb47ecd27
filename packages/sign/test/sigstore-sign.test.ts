// signBundle against the loopback Sigstore services (@sigstore/mock's Fulcio, Rekor and TSA) with tokens
// from the fake GitHub OIDC endpoint; what it writes is checked with sigstore-js' own Verifier and the
// services' trusted root.

import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { withCleanup } from '../../../test/support/cleanup.js';
import { startGitHubOidc } from '../../../test/support/githubOidc.js';
import { startSigstoreServices } from '../../../test/support/sigstoreServer.js';
import {
  encodeStatement,
  IN_TOTO_PAYLOAD_TYPE,
  imageSignatureStatement,
  SIGN_PREDICATE_TYPE,
  signBundle,
} from '../src/index.js';
import { newKey } from './helpers.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const statement = encodeStatement(imageSignatureStatement({ digest: DIGEST, annotations: { env: 'prod' } }));

/** A token sigstore-js can read (it decodes the claims before asking Fulcio); no one checks it here. */
const UNVERIFIED_TOKEN = [
  '{"alg":"none"}',
  '{"iss":"https://issuer.example","sub":"someone","aud":"sigstore"}',
]
  .map((part) => Buffer.from(part).toString('base64url'))
  .concat('')
  .join('.');

function parse(bytes: Uint8Array) {
  return bundleFromJSON(JSON.parse(Buffer.from(bytes).toString('utf8')));
}

describe('signBundle', () => {
  it('keyless with a GitHub token and a timestamp: the bundle verifies and names the workflow', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc({ claims: { repository: 'acme/cart', event_name: 'release' } });
      defer(oidc.close);
      // The mock TSA's clock stands still: put it (a whole second) after the certificate's notBefore, which
      // Fulcio sets when it issues, or the timestamp can fall before the certificate's validity.
      const clock = new Date(Math.floor(Date.now() / 1000) * 1000 + 5000);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey, clock });
      defer(services.close);
      const signed = await signBundle({
        statement,
        signer: { kind: 'keyless', identityToken: oidc.issue('sigstore'), fulcioUrl: services.fulcioUrl },
        tsaUrl: services.tsaUrl,
      });
      expect(signed).toMatchObject({ tlogEntries: 0, timestamps: 1 });
      expect(signed.keyFingerprint).toBeUndefined();
      expect(signed.identity).toEqual({
        subject: 'https://github.com/acme/cart/.github/workflows/release.yml@refs/heads/main',
        issuer: 'https://token.actions.githubusercontent.com',
        github: {
          repository: 'acme/cart',
          ref: 'refs/heads/main',
          workflow: 'release',
          trigger: 'release',
          sha: 'a'.repeat(40),
        },
      });
      const bundle = parse(signed.bytes);
      expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
      const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(services.trustedRoot)), {
        tlogThreshold: 0,
        ctlogThreshold: 1,
        timestampThreshold: 1,
      });
      const who = verifier.verify(toSignedEntity(bundle));
      expect(who.identity?.subjectAlternativeName).toBe(signed.identity?.subject);
      // The envelope holds exactly the statement, typed as in-toto.
      const envelope = JSON.parse(Buffer.from(signed.bytes).toString('utf8')).dsseEnvelope;
      expect(envelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
      expect(JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'))).toEqual({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ digest: { sha256: 'ab'.repeat(32) }, annotations: { env: 'prod' } }],
        predicateType: SIGN_PREDICATE_TYPE,
        predicate: {},
      });
    });
  });

  it('keyless with Rekor: one log entry of the DSSE kind', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      defer(services.close);
      const signed = await signBundle({
        statement,
        signer: { kind: 'keyless', identityToken: oidc.issue('sigstore'), fulcioUrl: services.fulcioUrl },
        rekorUrl: services.rekorUrl,
      });
      expect(signed).toMatchObject({ tlogEntries: 1, timestamps: 0 });
      expect(services.requests).toContain('/api/v1/log/entries');
      const entry = parse(signed.bytes).verificationMaterial.tlogEntries[0];
      expect(entry?.kindVersion?.kind).toBe('dsse');
      expect(entry?.inclusionPromise?.signedEntryTimestamp.length).toBeGreaterThan(0);
    });
  });

  it('keyless with Rekor v2 (from a SigningConfig): the entry goes to the v2 API', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      defer(services.close);
      const signed = await signBundle({
        statement,
        signer: { kind: 'keyless', identityToken: oidc.issue('sigstore'), fulcioUrl: services.fulcioUrl },
        rekorUrl: services.rekorUrl,
        rekorVersion: 2,
      });
      expect(signed.tlogEntries).toBe(1);
      expect(services.requests).toContain('/api/v2/log/entries');
      expect(services.requests).not.toContain('/api/v1/log/entries');
    });
  });

  it('with our key: a publicKey bundle with the key hint that verifies with the key and the timestamp', async () => {
    await withCleanup(async (defer) => {
      const services = await startSigstoreServices();
      defer(services.close);
      const { signer } = newKey();
      const signed = await signBundle({
        statement,
        signer: { kind: 'key', signer },
        tsaUrl: services.tsaUrl,
        rekorUrl: services.rekorUrl,
      });
      expect(signed).toMatchObject({ keyFingerprint: signer.fingerprint, tlogEntries: 1, timestamps: 1 });
      expect(signed.identity).toBeUndefined();
      const bundle = parse(signed.bytes);
      const content = bundle.verificationMaterial.content;
      expect(content.$case).toBe('publicKey');
      const hint = content.$case === 'publicKey' ? content.publicKey.hint : '';
      expect(Buffer.from(hint, 'base64').toString('hex')).toBe(signer.fingerprint);
      // The Rekor entry carries our public key (the mock's DSSE entries do not verify: the log is left out).
      const verifier = new Verifier(
        toTrustMaterial(TrustedRoot.fromJSON({ ...services.trustedRoot, tlogs: [] }), (wanted) => {
          expect(wanted).toBe(hint);
          return { publicKey: signer.publicKey, validFor: () => true };
        }),
        { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 },
      );
      const { tlogEntries: _logged, ...rest } = bundle.verificationMaterial;
      const stamped = { ...bundle, verificationMaterial: { ...rest, tlogEntries: [] } };
      expect(() => verifier.verify(toSignedEntity(stamped))).not.toThrow();
    });
  });

  it('a refused token: a SlipwayError naming Fulcio and the token fix, never the token', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const forger = await startGitHubOidc();
      defer(forger.close);
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      defer(services.close);
      const token = forger.issue('sigstore');
      const error = await signBundle({
        statement,
        signer: { kind: 'keyless', identityToken: token, fulcioUrl: services.fulcioUrl },
        tsaUrl: services.tsaUrl,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SlipwayError);
      const line = (error as SlipwayError).oneLine();
      expect(line).toContain('Fulcio answered HTTP 401');
      expect(line).toContain(services.fulcioUrl);
      expect(line).toContain('audience "sigstore"');
      expect(line).not.toContain(token);
    });
  });

  it('an unreachable Fulcio: a SlipwayError naming it and the network cause', async () => {
    await withCleanup(async (defer) => {
      const services = await startSigstoreServices();
      const closed = services.fulcioUrl;
      await services.close();
      defer(() => undefined);
      const error = await signBundle({
        statement,
        signer: { kind: 'keyless', identityToken: UNVERIFIED_TOKEN, fulcioUrl: closed },
        tsaUrl: `${closed}/api/v1/timestamp`,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).oneLine()).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+: Fulcio failed \(ECONNREFUSED\)/,
      );
    });
  });

  it('a failing timestamp authority: a SlipwayError naming its URL', async () => {
    await withCleanup(async (defer) => {
      const services = await startSigstoreServices();
      defer(services.close);
      services.failNext('/api/v1/timestamp', 400, 5);
      const error = await signBundle({
        statement,
        signer: { kind: 'key', signer: newKey().signer },
        tsaUrl: services.tsaUrl,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SlipwayError);
      const line = (error as SlipwayError).oneLine();
      expect(line).toContain('the timestamp authority answered HTTP 400');
      expect(line).toContain(services.tsaUrl);
    });
  });
});
