// The simple-signing payload: the exact bytes a signature covers. Written compact with cosign's key order;
// read strictly, the way containers/image reads it (exact keys at each level, no duplicates).

import { SlipwayError } from '@slipway/errors';
import { isDigest } from '@slipway/oci';
import { type JsonValue, parseStrictJson, StrictJsonError } from './json-strict.js';

export const SIGNATURE_TYPE = 'cosign container image signature';

export interface SimpleSigningPayload {
  /** `critical.identity.docker-reference`: the image as the signer named it (repository, maybe a tag). */
  readonly dockerReference: string;
  /** `critical.image.docker-manifest-digest`. */
  readonly manifestDigest: string;
  /** `optional`: `null`, or annotations (containers/image also writes `creator` and integer `timestamp`). */
  readonly optional: Readonly<Record<string, JsonValue>> | null;
}

/**
 * The payload bytes: compact JSON, no trailing newline, keys in cosign's order, `optional` null when there
 * are no annotations (annotation keys sorted, as Go's encoder writes maps).
 */
export function buildPayload(options: {
  dockerReference: string;
  manifestDigest: string;
  annotations?: Readonly<Record<string, string>> | undefined;
}): Uint8Array {
  if (!isDigest(options.manifestDigest)) {
    throw new SlipwayError(`"${options.manifestDigest}" is not a sha256 manifest digest`, {
      fix: 'sign a digest: sha256: followed by 64 lowercase hex digits',
    });
  }
  const entries = Object.entries(options.annotations ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, value] of entries) {
    if (typeof value !== 'string') {
      throw new SlipwayError(`annotation "${key}" is not a string`, {
        fix: 'give annotations as key=value strings',
      });
    }
  }
  const optional =
    entries.length === 0
      ? 'null'
      : `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
  const text =
    `{"critical":{"identity":{"docker-reference":${JSON.stringify(options.dockerReference)}},` +
    `"image":{"docker-manifest-digest":${JSON.stringify(options.manifestDigest)}},` +
    `"type":${JSON.stringify(SIGNATURE_TYPE)}},"optional":${optional}}`;
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** Why a payload was refused. */
export class InvalidPayloadError extends SlipwayError {
  constructor(reason: string) {
    super(`the signed payload is not a valid simple-signing payload: ${reason}`, {
      fix: 'sign with `slipway sign` or `cosign sign`; a payload that fails strict parsing is never trusted',
    });
    this.name = 'InvalidPayloadError';
  }
}

/** Parses payload bytes strictly; throws {@link InvalidPayloadError}. */
export function parsePayload(bytes: Uint8Array): SimpleSigningPayload {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidPayloadError('it is not UTF-8');
  }
  let root: JsonValue;
  try {
    root = parseStrictJson(text);
  } catch (error) {
    if (error instanceof StrictJsonError) throw new InvalidPayloadError(error.message);
    throw error;
  }
  const top = exactObject(root, 'the payload', ['critical', 'optional']);
  const critical = exactObject(top.critical, '"critical"', ['type', 'image', 'identity']);
  if (critical.type !== SIGNATURE_TYPE) {
    throw new InvalidPayloadError(
      `"critical.type" is ${JSON.stringify(critical.type)}, not "${SIGNATURE_TYPE}"`,
    );
  }
  const image = exactObject(critical.image, '"critical.image"', ['docker-manifest-digest']);
  const identity = exactObject(critical.identity, '"critical.identity"', ['docker-reference']);
  const digest = image['docker-manifest-digest'];
  const reference = identity['docker-reference'];
  if (typeof digest !== 'string') throw new InvalidPayloadError('"docker-manifest-digest" is not a string');
  if (typeof reference !== 'string') throw new InvalidPayloadError('"docker-reference" is not a string');
  const optional = top.optional;
  if (optional !== null && (typeof optional !== 'object' || Array.isArray(optional))) {
    throw new InvalidPayloadError('"optional" is neither null nor an object');
  }
  return {
    dockerReference: reference,
    manifestDigest: digest,
    optional: optional === undefined ? null : optional,
  };
}

function exactObject(
  value: JsonValue | undefined,
  what: string,
  keys: readonly string[],
): Record<string, JsonValue> {
  if (value === undefined) throw new InvalidPayloadError(`${what} is missing`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidPayloadError(`${what} is not an object`);
  }
  const present = Object.keys(value);
  const unknown = present.filter((key) => !keys.includes(key));
  if (unknown.length > 0)
    throw new InvalidPayloadError(
      `${what} has unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => `"${key}"`).join(', ')}`,
    );
  const missing = keys.filter((key) => !present.includes(key));
  if (missing.length > 0)
    throw new InvalidPayloadError(`${what} lacks ${missing.map((key) => `"${key}"`).join(', ')}`);
  return value;
}
