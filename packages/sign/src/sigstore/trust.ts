// What a keyless signature is checked against: Sigstore's trusted root (the certificate authorities, the
// transparency logs, the CT logs and the timestamp authorities). The public-good root comes through TUF;
// private or offline deployments give a TrustedRoot JSON file. sigstore-js is loaded here only on demand.

import { homedir } from 'node:os';
import { join } from 'node:path';
import type { TrustMaterial } from '@sigstore/verify';
import { SlipwayError } from '@slipway/errors';

/** A trusted root, ready for verification. Opaque: made by {@link loadTrustRoot} only. */
export interface TrustRoot {
  /** `public-good Sigstore (TUF)` or the file it came from, for messages. */
  readonly description: string;
  /** @internal sigstore-js' form; only verify-bundle reads it. */
  readonly material: TrustMaterial;
  /** Whether the root lists CT logs: a certificate then needs a signed certificate timestamp. */
  readonly hasCtLogs: boolean;
}

export type TrustRootSource =
  /** Sigstore's public-good instance, its root fetched and checked through TUF. */
  | {
      readonly kind: 'public-good';
      /** The runner's temp dir (`RUNNER_TEMP`) or HOME, for the TUF cache; never the working directory. */
      readonly env: Readonly<Record<string, string | undefined>>;
      /** The TUF mirror; default Sigstore's CDN. */
      readonly mirrorUrl?: string | undefined;
    }
  /** A TrustedRoot JSON document (`application/vnd.dev.sigstore.trustedroot+json`). */
  | { readonly kind: 'json'; readonly bytes: Uint8Array; readonly where: string };

/** A trusted root is a few kilobytes; a bigger file is not one. */
export const MAX_TRUSTED_ROOT_BYTES = 1024 * 1024;
const TRUSTED_ROOT_MEDIA_TYPE =
  /^application\/vnd\.dev\.sigstore\.trustedroot(\.v\d+)?\+json(;version=[\d.]+)?$/u;
const LISTS = ['tlogs', 'certificateAuthorities', 'ctlogs', 'timestampAuthorities'] as const;

export async function loadTrustRoot(source: TrustRootSource): Promise<TrustRoot> {
  return source.kind === 'json' ? fromJson(source.bytes, source.where) : fromTuf(source);
}

/** Where the TUF metadata is cached: under the runner's temp dir on CI, else `~/.cache/slipway/sigstore`. */
export function tufCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const runnerTemp = env.RUNNER_TEMP;
  if (runnerTemp !== undefined && runnerTemp !== '') return join(runnerTemp, 'slipway-sigstore-tuf');
  const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir();
  return join(home, '.cache', 'slipway', 'sigstore');
}

async function fromTuf(source: Extract<TrustRootSource, { kind: 'public-good' }>): Promise<TrustRoot> {
  const { getTrustedRoot } = await import('@sigstore/tuf');
  const { toTrustMaterial } = await import('@sigstore/verify');
  const mirror = source.mirrorUrl ?? 'https://tuf-repo-cdn.sigstore.dev';
  let root: Awaited<ReturnType<typeof getTrustedRoot>>;
  try {
    root = await getTrustedRoot({
      cachePath: tufCacheDir(source.env),
      mirrorURL: mirror,
      retry: 1,
      timeout: 15_000,
    });
  } catch (error) {
    throw new SlipwayError(
      `cannot fetch Sigstore's public-good trusted root through TUF: ${oneLine(error)}`,
      {
        where: mirror,
        fix: 'check the network to the TUF mirror, or give a TrustedRoot JSON file with --trusted-root (offline or private Sigstore)',
      },
    );
  }
  return {
    description: "Sigstore's public-good trusted root (TUF)",
    material: toTrustMaterial(root),
    hasCtLogs: root.ctlogs.length > 0,
  };
}

async function fromJson(bytes: Uint8Array, where: string): Promise<TrustRoot> {
  const refuse = (
    what: string,
    fix = 'give a TrustedRoot JSON file (`cosign trusted-root create`, or the trusted_root.json of your Sigstore instance)',
  ) => new SlipwayError(`the trusted root ${what}`, { where, fix });
  if (bytes.length > MAX_TRUSTED_ROOT_BYTES) {
    throw refuse(`is ${bytes.length} bytes, more than the ${MAX_TRUSTED_ROOT_BYTES} allowed`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw refuse(`is not JSON: ${oneLine(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw refuse('is not a JSON object');
  }
  const document = parsed as Record<string, unknown>;
  const mediaType = document.mediaType;
  if (typeof mediaType !== 'string' || !TRUSTED_ROOT_MEDIA_TYPE.test(mediaType)) {
    throw refuse(
      `has mediaType ${JSON.stringify(mediaType ?? null)}, not application/vnd.dev.sigstore.trustedroot+json`,
    );
  }
  for (const list of LISTS) {
    if (document[list] !== undefined && !Array.isArray(document[list])) {
      throw refuse(`field ${list} is not a list`);
    }
  }
  const authorities = document.certificateAuthorities;
  if (!Array.isArray(authorities) || authorities.length === 0) {
    throw refuse(
      'names no certificate authority, so no certificate can be trusted',
      'add the Fulcio CA (certificateAuthorities) to the trusted root',
    );
  }
  const { TrustedRoot } = await import('@sigstore/protobuf-specs');
  const { toTrustMaterial } = await import('@sigstore/verify');
  try {
    const root = TrustedRoot.fromJSON(document);
    return {
      description: `trusted root ${where}`,
      material: toTrustMaterial(root),
      hasCtLogs: root.ctlogs.length > 0,
    };
  } catch (error) {
    throw refuse(`cannot be read: ${oneLine(error)}`);
  }
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
