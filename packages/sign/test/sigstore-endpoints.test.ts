// Which services keyless signing uses: presets, flags, a SigningConfig file, and what is refused.

import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { parseSigningConfig, resolveEndpoints } from '../src/index.js';

const MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';

function config(value: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(value)));
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SlipwayError);
    return (error as SlipwayError).oneLine();
  }
  throw new Error('expected a refusal');
}

describe('resolveEndpoints', () => {
  it('public-good by default: Fulcio and Rekor v1', () => {
    expect(resolveEndpoints({})).toEqual({
      fulcioUrl: 'https://fulcio.sigstore.dev',
      rekor: { url: 'https://rekor.sigstore.dev', version: 1 },
    });
  });

  it('github: GitHub’s Fulcio and timestamp authority, no log', () => {
    expect(resolveEndpoints({ instance: 'github' })).toEqual({
      fulcioUrl: 'https://fulcio.githubapp.com',
      tsaUrl: 'https://timestamp.githubapp.com/api/v1/timestamp',
    });
  });

  it('flags override the preset; loopback http is fine; tlog off keeps the TSA', () => {
    expect(
      resolveEndpoints({
        fulcioUrl: 'http://127.0.0.1:8080/',
        rekorUrl: 'https://rekor.example.com',
        tsaUrl: 'https://tsa.example.com/api/v1/timestamp',
      }),
    ).toEqual({
      fulcioUrl: 'http://127.0.0.1:8080',
      rekor: { url: 'https://rekor.example.com', version: 1 },
      tsaUrl: 'https://tsa.example.com/api/v1/timestamp',
    });
    expect(resolveEndpoints({ tsaUrl: 'https://tsa.example.com', tlogUpload: false })).toEqual({
      fulcioUrl: 'https://fulcio.sigstore.dev',
      tsaUrl: 'https://tsa.example.com',
    });
  });

  it('refuses plain http off loopback unless allowed, and credentials in URLs', () => {
    expect(refusal(() => resolveEndpoints({ fulcioUrl: 'http://fulcio.example.com' }))).toMatch(
      /--fulcio-url: "http:\/\/fulcio.example.com" is not an https:\/\/ URL.*SLIPWAY_ALLOW_HTTP=1/,
    );
    expect(resolveEndpoints({ fulcioUrl: 'http://fulcio.example.com', allowHttp: true }).fulcioUrl).toBe(
      'http://fulcio.example.com',
    );
    expect(refusal(() => resolveEndpoints({ rekorUrl: 'https://u:p@rekor.example.com' }))).toContain(
      'carries credentials',
    );
    expect(refusal(() => resolveEndpoints({ tsaUrl: 'not a url' }))).toContain('--tsa-url');
  });

  it('refuses no log and no timestamp, and a log asked for where there is none', () => {
    expect(refusal(() => resolveEndpoints({ tlogUpload: false }))).toContain('needs a timestamp authority');
    expect(refusal(() => resolveEndpoints({ instance: 'github', tlogUpload: true }))).toContain(
      '--rekor-url',
    );
  });
});

describe('parseSigningConfig', () => {
  const now = Date.now();
  const past = new Date(now - 86_400_000).toISOString();
  const older = new Date(now - 10 * 86_400_000).toISOString();
  const future = new Date(now + 86_400_000).toISOString();

  it('picks the newest valid service of each kind that this client speaks', () => {
    const endpoints = parseSigningConfig(
      config({
        mediaType: MEDIA_TYPE,
        caUrls: [
          { url: 'https://fulcio.old.example', majorApiVersion: 1, validFor: { start: older, end: past } },
          { url: 'https://fulcio.example', majorApiVersion: 1, validFor: { start: past } },
        ],
        oidcUrls: [],
        rekorTlogUrls: [
          { url: 'https://rekor.example', majorApiVersion: 1, validFor: { start: older } },
          { url: 'https://log2025.rekor.example', majorApiVersion: 2, validFor: { start: past } },
          { url: 'https://rekor3.example', majorApiVersion: 3, validFor: { start: past } },
        ],
        tsaUrls: [
          { url: 'https://tsa.example/api/v1/timestamp', majorApiVersion: 1, validFor: { start: past } },
          { url: 'https://tsa.next.example', majorApiVersion: 1, validFor: { start: future } },
        ],
        rekorTlogConfig: { selector: 'ANY' },
        tsaConfig: { selector: 'ANY' },
      }),
      'signing_config.json',
    );
    expect(endpoints).toEqual({
      fulcioUrl: 'https://fulcio.example',
      rekor: { url: 'https://log2025.rekor.example', version: 2 },
      tsaUrl: 'https://tsa.example/api/v1/timestamp',
    });
  });

  it('no tsaConfig and no rekorTlogConfig: neither service', () => {
    expect(
      parseSigningConfig(
        config({ mediaType: MEDIA_TYPE, caUrls: [{ url: 'https://fulcio.example', majorApiVersion: 1 }] }),
        'sc.json',
      ),
    ).toEqual({ fulcioUrl: 'https://fulcio.example' });
  });

  it('refuses what it cannot use, naming the file', () => {
    expect(refusal(() => parseSigningConfig(config({ mediaType: 'x' }), 'sc.json'))).toMatch(
      /^sc\.json: the signing config's mediaType is "x"/,
    );
    expect(refusal(() => parseSigningConfig(new Uint8Array(Buffer.from('{')), 'sc.json'))).toContain(
      'not JSON',
    );
    expect(
      refusal(() => parseSigningConfig(config({ mediaType: MEDIA_TYPE, caUrls: [] }), 'sc.json')),
    ).toContain('no Fulcio');
    expect(
      refusal(() =>
        parseSigningConfig(
          config({
            mediaType: MEDIA_TYPE,
            caUrls: [{ url: 'https://f.example', majorApiVersion: 1 }],
            rekorTlogUrls: [{ url: 'https://r.example', majorApiVersion: 1 }],
            rekorTlogConfig: { selector: 'ALL' },
          }),
          'sc.json',
        ),
      ),
    ).toContain('selector is ALL');
    expect(
      refusal(() =>
        parseSigningConfig(
          config({ mediaType: MEDIA_TYPE, caUrls: [{ url: 'http://fulcio.example', majorApiVersion: 1 }] }),
          'sc.json',
        ),
      ),
    ).toContain('sc.json caUrls');
    expect(
      refusal(() =>
        resolveEndpoints({ instance: 'github', signingConfig: { bytes: config({}), where: 'sc.json' } }),
      ),
    ).toContain('--signing-config and --sigstore');
  });
});
