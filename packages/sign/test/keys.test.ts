import { createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COSIGN_KEY_LABEL,
  decodePemBlocks,
  encryptPrivateKey,
  generateKeyPair,
  isDerEcdsaSignature,
  keyFingerprint,
  keyPassword,
  loadSigner,
  loadVerifier,
  looksLikeP1363,
  parseKeySource,
  SIGSTORE_KEY_LABEL,
  writeKeyPair,
} from '../src/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-keys-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('generateKeyPair', () => {
  it('writes a COSIGN-labelled key with N=32768 and cosign JSON key order', async () => {
    const pair = await generateKeyPair({ password: 'hunter2' });
    const [block] = decodePemBlocks(pair.privateKeyPem, 'test');
    expect(block?.label).toBe(COSIGN_KEY_LABEL);
    const body = Buffer.from(block?.der ?? []).toString('utf8');
    expect(body).toMatch(
      /^\{"kdf":\{"name":"scrypt","params":\{"N":32768,"r":8,"p":1\},"salt":"[A-Za-z0-9+/=]{44}"\},"cipher":\{"name":"nacl\/secretbox","nonce":"[A-Za-z0-9+/=]{32}"\},"ciphertext":"[A-Za-z0-9+/=]+"\}$/,
    );
    expect(pair.privateKeyPem.split('\n').every((line) => line.length <= 64)).toBe(true);
    expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(pair.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads back with the password; the signer and the public key agree', async () => {
    const pair = await generateKeyPair({ password: 'pw' });
    const signer = await loadSigner({ pem: pair.privateKeyPem }, { password: 'pw' });
    const verifier = await loadVerifier({ pem: pair.publicKeyPem });
    expect(signer.fingerprint).toBe(pair.fingerprint);
    expect(verifier.fingerprint).toBe(pair.fingerprint);
    const payload = Buffer.from('hello');
    const signature = await signer.sign(payload);
    expect(isDerEcdsaSignature(signature)).toBe(true);
    expect(verifier.verify(payload, signature)).toBe(true);
    expect(verifier.verify(Buffer.from('hellO'), signature)).toBe(false);
  });

  it('a wrong password is a clear error', async () => {
    const pair = await generateKeyPair({ password: 'right' });
    const error = await loadSigner({ pem: pair.privateKeyPem }, { password: 'wrong' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).oneLine()).toMatch(/wrong password.*SLIPWAY_KEY_PASSWORD/);
  });

  it('an empty password is allowed (as cosign does) and taken from unset variables', async () => {
    const pair = await generateKeyPair({ password: '' });
    const signer = await loadSigner({ pem: pair.privateKeyPem }, { env: {} });
    expect(signer.fingerprint).toBe(pair.fingerprint);
    const error = await loadSigner(
      { pem: (await generateKeyPair({ password: 'x' })).privateKeyPem },
      { env: {} },
    ).catch((e: unknown) => e);
    expect((error as SlipwayError).oneLine()).toMatch(/set SLIPWAY_KEY_PASSWORD/);
  });
});

describe('reading keys', () => {
  it('reads the SIGSTORE label and N of 65536 and 131072', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    for (const n of [65536, 131072]) {
      const pem = await encryptPrivateKey(privateKey, 'pw', { n, label: SIGSTORE_KEY_LABEL });
      const signer = await loadSigner({ pem }, { password: 'pw' });
      expect(signer.fingerprint).toBe(keyFingerprint(createPublicKey(privateKey)));
    }
  });

  it('refuses unsupported scrypt parameters', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = await encryptPrivateKey(privateKey, 'pw', { n: 16384 });
    await expect(loadSigner({ pem }, { password: 'pw' })).rejects.toThrow(/unsupported scrypt N=16384/);
  });

  it('reads plain PKCS#8 and SEC 1 PEM keys', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pkcs8 = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const sec1 = privateKey.export({ format: 'pem', type: 'sec1' }).toString();
    const expected = (
      await loadVerifier({ pem: publicKey.export({ format: 'pem', type: 'spki' }).toString() })
    ).fingerprint;
    expect((await loadSigner({ pem: pkcs8 })).fingerprint).toBe(expected);
    expect((await loadSigner({ pem: sec1 })).fingerprint).toBe(expected);
  });

  it('reads from a file path and env://NAME, password from SLIPWAY_KEY_PASSWORD before COSIGN_PASSWORD', async () => {
    const pair = await generateKeyPair({ password: 'first' });
    const path = join(dir, 'env.key');
    await writeFile(path, pair.privateKeyPem);
    const env = { SLIPWAY_KEY_PASSWORD: 'first', COSIGN_PASSWORD: 'second', MY_KEY: pair.privateKeyPem };
    expect((await loadSigner(path, { env })).fingerprint).toBe(pair.fingerprint);
    expect((await loadSigner('env://MY_KEY', { env })).fingerprint).toBe(pair.fingerprint);
    expect(
      (await loadSigner('env://MY_KEY', { env: { COSIGN_PASSWORD: 'first', MY_KEY: pair.privateKeyPem } }))
        .fingerprint,
    ).toBe(pair.fingerprint);
    expect(keyPassword({ env: { COSIGN_PASSWORD: '' } })).toEqual({
      password: '',
      source: 'COSIGN_PASSWORD',
    });
    await expect(loadSigner('env://NOPE', { env })).rejects.toThrow(/environment variable NOPE is not set/);
    await expect(loadSigner(join(dir, 'missing.key'), { env })).rejects.toThrow(/key file not found/);
  });

  it('parses key sources', () => {
    expect(parseKeySource('awskms:///alias/x')).toEqual({ kms: 'awskms:///alias/x' });
    expect(parseKeySource('env://K')).toEqual({ env: 'K' });
    expect(parseKeySource('keys/a.pub')).toEqual({ path: 'keys/a.pub' });
    expect(parseKeySource('-----BEGIN PUBLIC KEY-----\n…')).toHaveProperty('pem');
  });

  it('refuses non-P-256 keys, public keys to sign with and private keys to trust', async () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expect(
      loadSigner({ pem: p384.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }),
    ).rejects.toThrow(/curve secp384r1, not ECDSA P-256/);
    await expect(
      loadVerifier({ pem: rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString() }),
    ).rejects.toThrow(/rsa key, not ECDSA P-256/);
    const pair = await generateKeyPair({ password: '' });
    const oneLine = (e: unknown) => (e as SlipwayError).oneLine();
    expect(oneLine(await loadSigner({ pem: pair.publicKeyPem }).catch((e: unknown) => e))).toMatch(
      /this is the public key/,
    );
    await expect(loadVerifier({ pem: pair.privateKeyPem })).rejects.toThrow(/this is a private key/);
  });
});

describe('writeKeyPair', () => {
  it('writes the private key 0600, refuses to overwrite', async () => {
    const privateKeyPath = join(dir, 'cosign.key');
    const publicKeyPath = join(dir, 'cosign.pub');
    const written = await writeKeyPair({ privateKeyPath, publicKeyPath, env: { COSIGN_PASSWORD: 'pw' } });
    expect((await stat(privateKeyPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(publicKeyPath, 'utf8')).toBe(written.publicKeyPem);
    expect((await loadSigner(privateKeyPath, { password: 'pw' })).fingerprint).toBe(written.fingerprint);
    await expect(writeKeyPair({ privateKeyPath, publicKeyPath, password: 'pw' })).rejects.toThrow(
      /already exists/,
    );
    const again = await writeKeyPair({ privateKeyPath, publicKeyPath, password: 'pw', overwrite: true });
    expect(again.fingerprint).not.toBe(written.fingerprint);
  });
});

describe('signature encodings', () => {
  it('accepts DER, flags IEEE P1363', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    for (let i = 0; i < 50; i++) {
      const der = nodeSign('sha256', Buffer.from(`m${i}`), privateKey);
      const raw = nodeSign('sha256', Buffer.from(`m${i}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
      expect(isDerEcdsaSignature(der)).toBe(true);
      expect(der.length).toBeGreaterThanOrEqual(68);
      expect(der.length).toBeLessThanOrEqual(72);
      expect(isDerEcdsaSignature(raw)).toBe(false);
      expect(looksLikeP1363(raw)).toBe(true);
      expect(nodeVerify('sha256', Buffer.from(`m${i}`), privateKey, der)).toBe(true);
    }
  });
});
