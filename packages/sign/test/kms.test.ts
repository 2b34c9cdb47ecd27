import { createHash, generateKeyPairSync, verify as nodeVerify } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { SlipwayError } from '@slipway/errors';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildPayload,
  keyFingerprint,
  loadSigner,
  loadVerifier,
  parseKmsUri,
  signImage,
  verifyImage,
} from '../src/index.js';
import { signDigest } from './ecdsa-digest.js';
import { tempLayout, writeImage } from './helpers.js';

const kms = mockClient(KMSClient);
afterEach(() => kms.reset());

/** A KMS stand-in backed by a real P-256 key: its signatures are real and verifiable. */
function realKey(keySpec = 'ECC_NIST_P256') {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const signed: Uint8Array[] = [];
  kms.on(GetPublicKeyCommand).resolves({
    KeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    PublicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    KeySpec: keySpec as 'ECC_NIST_P256',
    KeyUsage: 'SIGN_VERIFY',
    SigningAlgorithms: ['ECDSA_SHA_256'],
  });
  kms
    .on(SignCommand)
    .callsFake((input: { Message: Uint8Array; MessageType: string; SigningAlgorithm: string }) => {
      expect(input.MessageType).toBe('DIGEST');
      expect(input.SigningAlgorithm).toBe('ECDSA_SHA_256');
      signed.push(input.Message);
      // Sign the 32-byte digest as a digest: ECDSA over an already-hashed message.
      return { Signature: signDigest(privateKey, input.Message) };
    });
  return { publicKey, signed };
}

describe('parseKmsUri', () => {
  it.each([
    ['awskms:///alias/release', undefined, 'alias/release', undefined],
    [
      'awskms:///1234abcd-12ab-34cd-56ef-1234567890ab',
      undefined,
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      undefined,
    ],
    [
      'awskms:///arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      undefined,
      'arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'us-east-2',
    ],
    ['awskms://localhost:4566/alias/dev', 'localhost:4566', 'alias/dev', undefined],
  ])('parses %s', (uri, endpoint, keyId, region) => {
    expect(parseKmsUri(uri)).toEqual({ uri, endpoint, keyId, region });
  });

  it.each(['awskms://alias/x', 'awskms:///', 'awskms:///not a key', 'gcpkms://x/y'])('refuses %s', (uri) => {
    expect(() => parseKmsUri(uri)).toThrow(/invalid AWS KMS key URI/);
  });
});

describe('AWS KMS signer', () => {
  it('signs SHA-256 digests through KMS; the DER signature verifies over the payload', async () => {
    const { publicKey, signed } = realKey();
    const signer = await loadSigner('awskms:///alias/release', { kms: { region: 'eu-west-1' } });
    expect(signer.fingerprint).toBe(keyFingerprint(publicKey));
    expect(signer.description).toBe('AWS KMS key alias/release');
    const payload = buildPayload({ dockerReference: 'r.io/a', manifestDigest: `sha256:${'1'.repeat(64)}` });
    const signature = await signer.sign(payload);
    expect(Buffer.from(signed[0] ?? []).equals(createHash('sha256').update(payload).digest())).toBe(true);
    expect(nodeVerify('sha256', payload, publicKey, signature)).toBe(true);
    expect(kms.commandCalls(SignCommand)[0]?.args[0].input.KeyId).toBe('alias/release');
  });

  it('signs and verifies an image end to end (KMS signer, KMS verifier)', async () => {
    realKey();
    const layout = await tempLayout();
    try {
      const image = await writeImage(layout.repository, 'v1');
      const signer = await loadSigner('awskms:///alias/release', { kms: { region: 'eu-west-1' } });
      await signImage({
        repository: layout.repository,
        digest: image.digest,
        signer,
        identity: 'r.io/shop/cart',
      });
      const verifier = await loadVerifier('awskms:///alias/release', { kms: { region: 'eu-west-1' } });
      const result = await verifyImage({
        repository: layout.repository,
        reference: 'v1',
        keys: [verifier],
        identity: { rule: 'exactRepository', repository: 'r.io/shop/cart' },
      });
      expect(result.verified[0]?.keyFingerprint).toBe(signer.fingerprint);
    } finally {
      await layout.dispose();
    }
  });

  it('refuses keys that are not ECC_NIST_P256', async () => {
    realKey('RSA_2048');
    const error = await loadSigner('awskms:///alias/rsa', { kms: { region: 'eu-west-1' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).oneLine()).toMatch(
      /key spec RSA_2048, not ECC_NIST_P256.*--key-spec ECC_NIST_P256/,
    );
  });

  it('turns KMS failures into clear errors', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: kms:GetPublicKey'), {
      name: 'AccessDeniedException',
    });
    kms.on(GetPublicKeyCommand).rejects(denied);
    const error = await loadSigner('awskms:///alias/release', { kms: { region: 'eu-west-1' } }).catch(
      (e: unknown) => e,
    );
    expect((error as SlipwayError).oneLine()).toMatch(
      /^awskms:\/\/\/alias\/release: AWS KMS GetPublicKey failed: AccessDeniedException.*grant kms:GetPublicKey/,
    );
  });
});
