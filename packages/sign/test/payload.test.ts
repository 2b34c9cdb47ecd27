import { describe, expect, it } from 'vitest';
import { buildPayload, InvalidPayloadError, parsePayload } from '../src/index.js';
import { parseStrictJson } from '../src/json-strict.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const bytes = (s: string) => new Uint8Array(Buffer.from(s));

describe('buildPayload', () => {
  it('writes compact JSON in cosign key order with optional null', () => {
    expect(
      text(buildPayload({ dockerReference: 'registry.example.com/shop/cart', manifestDigest: DIGEST })),
    ).toBe(
      `{"critical":{"identity":{"docker-reference":"registry.example.com/shop/cart"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":null}`,
    );
  });

  it('writes annotations sorted as strings', () => {
    const payload = buildPayload({
      dockerReference: 'r.io/a',
      manifestDigest: DIGEST,
      annotations: { z: '1', a: 'x"y' },
    });
    expect(text(payload)).toMatch(/,"optional":\{"a":"x\\"y","z":"1"\}\}$/);
    expect(parsePayload(payload).optional).toEqual({ a: 'x"y', z: '1' });
  });

  it('refuses a non-digest', () => {
    expect(() => buildPayload({ dockerReference: 'r.io/a', manifestDigest: 'latest' })).toThrow(
      /not a sha256/,
    );
  });
});

describe('parsePayload (strict)', () => {
  const good = (optional = 'null') =>
    `{"critical":{"identity":{"docker-reference":"r.io/a"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":${optional}}`;

  it('accepts our payload, containers/image optional fields and any key order', () => {
    expect(parsePayload(bytes(good()))).toEqual({
      dockerReference: 'r.io/a',
      manifestDigest: DIGEST,
      optional: null,
    });
    expect(parsePayload(bytes(good('{"creator":"skopeo","timestamp":1700000000}'))).optional).toEqual({
      creator: 'skopeo',
      timestamp: 1700000000,
    });
    const reordered = `{ "optional": null, "critical": { "type": "cosign container image signature", "image": {"docker-manifest-digest":"${DIGEST}"}, "identity": {"docker-reference":"r.io/a"} } }`;
    expect(parsePayload(bytes(reordered)).manifestDigest).toBe(DIGEST);
  });

  it.each([
    [
      'a duplicate top-level key',
      good().replace('"optional":null', '"optional":null,"optional":null'),
      /duplicate key "optional"/,
    ],
    [
      'a duplicate nested key',
      good().replace(
        '"docker-reference":"r.io/a"',
        '"docker-reference":"r.io/a","docker-reference":"evil.io/b"',
      ),
      /duplicate key "docker-reference"/,
    ],
    [
      'an unknown top-level key',
      good().replace('"optional":null', '"optional":null,"extra":1'),
      /unknown key "extra"/,
    ],
    ['an unknown critical key', good().replace('"type":', '"x":1,"type":'), /"critical" has unknown key "x"/],
    ['a missing optional', good().replace(',"optional":null', ''), /lacks "optional"/],
    [
      'the misspelt Docker-manifest-digest',
      good().replace('docker-manifest-digest', 'Docker-manifest-digest'),
      /unknown key/,
    ],
    [
      'a wrong type',
      good().replace('cosign container image signature', 'atomic container signature'),
      /"critical.type"/,
    ],
    ['a non-string reference', good().replace('"r.io/a"', '5'), /not a string/],
    ['optional as array', good('[]'), /neither null nor an object/],
    ['trailing garbage', `${good()}x`, /after the JSON value/],
    ['a trailing comma', good().replace('"r.io/a"}', '"r.io/a",}'), /expected a string key/],
  ])('refuses %s', (_name, payload, pattern) => {
    expect(() => parsePayload(bytes(payload))).toThrow(InvalidPayloadError);
    expect(() => parsePayload(bytes(payload))).toThrow(pattern);
  });

  it('refuses non-UTF-8', () => {
    expect(() => parsePayload(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow(/not UTF-8/);
  });
});

describe('parseStrictJson', () => {
  it('agrees with JSON.parse on valid documents', () => {
    for (const sample of [
      '{}',
      '[]',
      '0',
      '-1.5e+3',
      '"a\\u00e9\\n"',
      '{"a":[1,{"b":null}],"c":true,"d":false}',
      ' {"__proto__":1} ',
    ]) {
      expect(parseStrictJson(sample)).toEqual(JSON.parse(sample));
    }
    expect(Object.keys(parseStrictJson('{"__proto__":1}') as object)).toEqual(['__proto__']);
  });

  it.each([
    '{"a":1,"a":2}',
    '{"a":1,"\\u0061":2}',
    '01',
    '[1,]',
    '"\u0001"',
    '{a:1}',
    'nul',
    '"\\x"',
    '1 2',
    '',
  ])('refuses %j', (sample) => {
    expect(() => parseStrictJson(sample)).toThrow();
  });
});
