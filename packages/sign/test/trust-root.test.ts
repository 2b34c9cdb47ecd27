// Trusted roots and in-toto statements as they enter: bounded, parsed strictly, refused with the file and the fix.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { startSigstoreServices } from '../../../test/support/sigstoreServer.js';
import {
  loadTrustRoot,
  MAX_TRUSTED_ROOT_BYTES,
  readStatement,
  StatementError,
  sigstoreRejection,
  tufCacheDir,
} from '../src/index.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

async function refusal(promise: Promise<unknown>): Promise<SlipwayError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SlipwayError);
  return error as SlipwayError;
}

describe('loadTrustRoot from a TrustedRoot JSON', () => {
  it('reads the fake services’ root and says where it came from', async () => {
    const services = await startSigstoreServices();
    try {
      const root = await loadTrustRoot({
        kind: 'json',
        bytes: json(services.trustedRoot),
        where: 'root.json',
      });
      expect(root.description).toBe('trusted root root.json');
      expect(root.material.certificateAuthorities).toHaveLength(1);
      expect(root.hasCtLogs).toBe(true);
    } finally {
      await services.close();
    }
  });

  it('refuses what is not a trusted root, naming the file and the fix', async () => {
    const where = '.slipway.yaml:12';
    const cases: [Uint8Array, RegExp][] = [
      [Buffer.from('{not json'), /is not JSON/],
      [json([]), /is not a JSON object/],
      [json({ mediaType: 'application/json' }), /has mediaType "application\/json"/],
      [
        json({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: {} }),
        /field tlogs is not a list/,
      ],
      [
        json({
          mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
          certificateAuthorities: [],
        }),
        /names no certificate authority/,
      ],
      [Buffer.alloc(MAX_TRUSTED_ROOT_BYTES + 1, 0x20), /more than the 1048576 allowed/],
    ];
    for (const [bytes, message] of cases) {
      const error = await refusal(loadTrustRoot({ kind: 'json', bytes, where }));
      expect(error.message).toMatch(message);
      expect(error.where).toBe(where);
      expect(error.fix).toMatch(/TrustedRoot JSON|certificateAuthorities/);
    }
  });
});

describe('loadTrustRoot from the public-good TUF repository', () => {
  it('caches under the runner temp dir or HOME, never the working directory', () => {
    expect(tufCacheDir({ RUNNER_TEMP: '/runner/tmp', HOME: '/home/u' })).toBe(
      '/runner/tmp/slipway-sigstore-tuf',
    );
    expect(tufCacheDir({ HOME: '/home/u' })).toBe('/home/u/.cache/slipway/sigstore');
  });

  it('says to give --trusted-root when the mirror cannot be reached', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slipway-tuf-'));
    // A port that was just free and is closed again: the connection is refused at once.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    try {
      const mirrorUrl = `http://127.0.0.1:${port}`;
      const error = await refusal(loadTrustRoot({ kind: 'public-good', env: { HOME: dir }, mirrorUrl }));
      expect(error.message).toMatch(/^cannot fetch Sigstore's public-good trusted root through TUF/);
      expect(error.where).toBe(mirrorUrl);
      expect(error.fix).toContain('--trusted-root');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readStatement', () => {
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'registry.example.com/shop/cart', digest: { sha256: 'a'.repeat(64) } }],
    predicateType: 'https://sigstore.dev/cosign/sign/v1',
    predicate: {},
  };

  it('reads subject digests and the predicate type', () => {
    expect(readStatement(json(statement))).toEqual({
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      subject: [{ name: 'registry.example.com/shop/cart', sha256: 'a'.repeat(64) }],
      predicate: {},
    });
  });

  it('refuses statements that do not bind a digest', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...statement, _type: 'https://example.com/Statement' }, /_type/],
      [{ ...statement, subject: [] }, /no subject/],
      [
        { ...statement, subject: [{ name: 'x', digest: { sha512: 'ab' } }] },
        /subject 1 has no sha256 digest/,
      ],
      [{ ...statement, subject: [{ name: 'x', digest: { sha256: 'A'.repeat(64) } }] }, /no sha256 digest/],
      [{ ...statement, predicateType: '' }, /no predicateType/],
      [
        { _type: statement._type, subject: statement.subject, predicateType: statement.predicateType },
        /no predicate/,
      ],
    ];
    for (const [value, message] of cases) {
      expect(() => readStatement(json(value))).toThrow(message);
      expect(() => readStatement(json(value))).toThrow(StatementError);
    }
    expect(() => readStatement(Buffer.from([0xff, 0xfe]))).toThrow(/not UTF-8 JSON/);
  });
});

describe('sigstoreRejection', () => {
  const failure = (code: string | undefined, text: string) =>
    Object.assign(new Error(text), code === undefined ? {} : { code });

  it('names the reason for each kind of sigstore-js failure', () => {
    expect(sigstoreRejection(failure('TIMESTAMP_ERROR', 'expected 1 timestamps, got 0')).reason).toBe(
      'no-tlog-or-timestamp',
    );
    expect(sigstoreRejection(failure('TIMESTAMP_ERROR', 'invalid certificate chain')).reason).toBe(
      'no-tlog-or-timestamp',
    );
    expect(sigstoreRejection(failure('CERTIFICATE_ERROR', 'Failed to verify certificate chain')).reason).toBe(
      'untrusted-ca',
    );
    expect(sigstoreRejection(failure('SIGNATURE_ERROR', 'signature verification failed')).reason).toBe(
      'tampered',
    );
    expect(
      sigstoreRejection(failure('TLOG_BODY_ERROR', 'bundle content and tlog entry do not match')).reason,
    ).toBe('tampered');
  });

  it('turns what sigstore-js throws on a crafted bundle into a rejection of that bundle, not a crash', () => {
    expect(
      sigstoreRejection(new TypeError("Cannot read properties of undefined (reading 'subject')")),
    ).toEqual({
      reason: 'invalid-payload',
      detail: "the bundle cannot be checked: Cannot read properties of undefined (reading 'subject')",
    });
  });
});
