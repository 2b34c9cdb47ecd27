import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRepository } from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlipway } from './support/slipway.js';

let dir: string;
/** The first test's key, which the second test trusts. */
let releaseFingerprint = '';
const env = { SLIPWAY_KEY_PASSWORD: 'correct horse battery staple' };
const IDENTITY = 'registry.example.com/shop/cart';

/** A minimal valid image written through Slipway's own layout store: one layer, one config, one manifest. */
async function writeImage(layout: string, tag: string, content: string): Promise<string> {
  const repository = openRepository({ kind: 'layout', path: layout });
  const blob = (bytes: Uint8Array) => ({
    mediaType: '',
    digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    size: bytes.length,
  });
  const put = async (mediaType: string, bytes: Uint8Array) => {
    const descriptor = { ...blob(bytes), mediaType };
    await repository.putBlob(descriptor, async () => ({
      size: bytes.length,
      stream: (async function* () {
        yield bytes;
      })(),
    }));
    return descriptor;
  };
  const layer = await put(
    'application/vnd.oci.image.layer.v1.tar',
    new TextEncoder().encode(content.padEnd(512, '\0')),
  );
  const config = await put(
    'application/vnd.oci.image.config.v1+json',
    new TextEncoder().encode(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
        config: {},
      }),
    ),
  );
  const manifest = new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config,
      layers: [layer],
    }),
  );
  const digest = blob(manifest).digest;
  await repository.putManifest(
    { digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', bytes: manifest },
    [tag],
  );
  return digest;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-sign-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('slipway keygen, sign, verify (OCI layout store)', () => {
  it('generates a key pair, signs by digest, is idempotent, and verifies with the public key', async () => {
    const keygen = await runSlipway(['keygen', '--output-prefix', join(dir, 'release'), '--json'], { env });
    expect(keygen.stderr).not.toMatch(/error/);
    expect(keygen.code).toBe(0);
    const keys = JSON.parse(keygen.stdout) as {
      privateKey: string;
      publicKey: string;
      keyFingerprint: string;
    };
    releaseFingerprint = keys.keyFingerprint;
    expect(statSync(keys.privateKey).mode & 0o777).toBe(0o600);
    expect(readFileSync(keys.privateKey, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n/);
    expect(readFileSync(keys.publicKey, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);

    const layout = join(dir, 'store');
    const digest = await writeImage(layout, 'v1', 'cart v1');
    const image = `oci:${layout}:v1`;

    const sign = await runSlipway(
      ['sign', image, '--key', keys.privateKey, '--identity', IDENTITY, '--json'],
      { env },
    );
    expect(sign.stderr).not.toMatch(/error/);
    expect(sign.code).toBe(0);
    expect(JSON.parse(sign.stdout)).toMatchObject({
      digest,
      image: `oci:${layout}@${digest}`,
      signatureRef: `oci:${layout}:sha256-${digest.slice(7)}.sig`,
      keyFingerprint: keys.keyFingerprint,
      identity: IDENTITY,
      added: true,
    });

    const again = await runSlipway(
      ['sign', image, '--key', keys.privateKey, '--identity', IDENTITY, '--json'],
      { env },
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ added: false });

    const verify = await runSlipway([
      'verify',
      image,
      '--key',
      keys.publicKey,
      '--identity-rule',
      'exactRepository',
      '--identity',
      IDENTITY,
      '--json',
    ]);
    expect(verify.stderr).not.toMatch(/error/);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      digest,
      verified: [{ keyFingerprint: keys.keyFingerprint, dockerReference: IDENTITY }],
    });
  });

  it('refuses an image signed by another key, an unsigned image, and a wrong password', async () => {
    const other = await runSlipway(['keygen', '--output-prefix', join(dir, 'other'), '--json'], { env });
    const otherKeys = JSON.parse(other.stdout) as {
      privateKey: string;
      publicKey: string;
      keyFingerprint: string;
    };
    const layout = join(dir, 'store2');
    await writeImage(layout, 'v1', 'cart v1 (2)');
    await writeImage(layout, 'unsigned', 'not signed');
    const signed = await runSlipway(
      ['sign', `oci:${layout}:v1`, '--key', otherKeys.privateKey, '--identity', IDENTITY],
      { env },
    );
    expect(signed.code).toBe(0);

    const wrongKey = await runSlipway([
      'verify',
      `oci:${layout}:v1`,
      '--key',
      join(dir, 'release.pub'),
      '--identity-rule',
      'exactRepository',
      '--identity',
      IDENTITY,
    ]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/^slipway verify: error: /m);
    expect(wrongKey.stderr).toMatch(/none made by a trusted key/);
    expect(wrongKey.stderr).toContain(`trusted: ${releaseFingerprint.slice(0, 16)}`);

    const unsigned = await runSlipway([
      'verify',
      `oci:${layout}:unsigned`,
      '--key',
      join(dir, 'release.pub'),
    ]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toMatch(/sha256-[0-9a-f]{64}\.sig/);

    const wrongPassword = await runSlipway(
      ['sign', `oci:${layout}:v1`, '--key', otherKeys.privateKey, '--identity', IDENTITY],
      {
        env: { SLIPWAY_KEY_PASSWORD: 'nope' },
      },
    );
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stderr).toMatch(/password/i);
    expect(wrongPassword.stderr).not.toContain('nope');

    const missingIdentity = await runSlipway([
      'verify',
      `oci:${layout}:v1`,
      '--key',
      'x.pub',
      '--identity-rule',
      'exactRepository',
    ]);
    expect(missingIdentity.code).toBe(1);
    expect(missingIdentity.stderr).toMatch(/--identity-rule exactRepository needs --identity/);
  });
});
