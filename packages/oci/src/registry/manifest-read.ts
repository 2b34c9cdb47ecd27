// Reading a manifest answer: the one path every manifest, index and signature manifest fetched from a
// registry takes (resolveDigest, ImageRepository.getManifest and resolve, hence copy, sign and verify).
// The body is read within MAX_MANIFEST_BYTES and its digest is computed from the bytes received, with the
// algorithm of the digest asked for (or announced): the `Docker-Content-Digest` header is only ever
// checked against that, never taken.

import { formatLimit, MAX_MANIFEST_BYTES } from './bounded-read.js';
import type { RegistryClient, RegistryRequest } from './client.js';
import { computeDigest, digestAlgorithm, isVerifiableDigest } from './digest.js';
import { RegistryError } from './errors.js';
import type { HttpResponse } from './http.js';

export interface ManifestBody {
  readonly bytes: Uint8Array;
  /** The digest of `bytes`, equal to the digest asked for when there was one. */
  readonly digest: string;
  /** The Content-Type, without parameters (may be empty). */
  readonly contentType: string;
}

/**
 * Reads and checks a 2xx manifest answer to `request`. `asked` is the digest the request named, if any.
 * Throws {@link RegistryError}: `invalid-response` for an oversized or malformed answer, `digest-mismatch`
 * when the bytes do not hash to the digest asked or announced, `unreachable` when the body breaks off.
 */
export async function readManifestBody(
  client: RegistryClient,
  response: HttpResponse,
  request: RegistryRequest,
  asked: string | undefined,
): Promise<ManifestBody> {
  const context = client.context(request.repository, request.reference);
  const registry = client.endpoint.domain;
  const header = response.headers.get('docker-content-digest');
  const announced = header === null || header === '' ? undefined : header;
  if (announced !== undefined && !isVerifiableDigest(announced)) {
    await response.discard();
    throw new RegistryError(
      'invalid-response',
      `registry ${registry} announced the digest "${announced.slice(0, 80)}" for ${request.what}, which is not sha256/sha512 hex`,
      context,
      { fix: 'check that the address is a container registry (distribution API /v2/)' },
    );
  }
  const bytes = await readBoundedAnswer(client, response, request);

  const algorithm = digestAlgorithm(asked ?? announced ?? 'sha256') ?? 'sha256';
  const digest = computeDigest(bytes, algorithm);
  const fix =
    'the registry or a proxy in front of it alters manifests: fix that, or pass a digest you trust (`repo:tag@sha256:…`)';
  if (asked !== undefined && digest !== asked) {
    throw new RegistryError(
      'digest-mismatch',
      `registry ${registry} answered ${request.what} with bytes that hash to ${digest}, not the ${asked} asked for`,
      context,
      { fix },
    );
  }
  if (announced !== undefined) {
    const announcedAlgorithm = digestAlgorithm(announced) ?? 'sha256';
    const hashed = announcedAlgorithm === algorithm ? digest : computeDigest(bytes, announcedAlgorithm);
    if (hashed !== announced) {
      throw new RegistryError(
        'digest-mismatch',
        `registry ${registry} announced Docker-Content-Digest ${announced} for ${request.what}, but its bytes hash to ${hashed}`,
        context,
        { fix },
      );
    }
  }
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  return { bytes, digest, contentType };
}

/** How much of one kind of answer is read, and what to say when an answer holds more. */
export interface AnswerBound {
  readonly limit: number;
  /** What may not be larger: `a manifest`. */
  readonly holder: string;
  readonly fix: string;
}

const MANIFEST_BOUND: AnswerBound = {
  limit: MAX_MANIFEST_BYTES,
  holder: 'a manifest',
  fix: 'check the reference: no image manifest is this large (distribution refuses them); if it is right, the registry or a proxy in front of it is misbehaving',
};

/**
 * Reads a registry answer whole within `bound` (Content-Length over it: refused unread; a longer body:
 * cut at the limit). Throws {@link RegistryError}: `invalid-response` when too large, `unreachable` when
 * the body breaks off.
 */
export async function readBoundedAnswer(
  client: RegistryClient,
  response: HttpResponse,
  request: RegistryRequest,
  bound: AnswerBound = MANIFEST_BOUND,
): Promise<Uint8Array> {
  const context = client.context(request.repository, request.reference);
  const registry = client.endpoint.domain;
  try {
    return await response.bytes({
      limit: bound.limit,
      tooLarge: (seen) =>
        new RegistryError(
          'invalid-response',
          `registry ${registry} answered ${request.what} with a body that ${seen}, more than the ${formatLimit(bound.limit)} ${bound.holder} may have`,
          context,
          { fix: bound.fix },
        ),
    });
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    throw new RegistryError(
      'unreachable',
      `the answer of registry ${registry} to ${request.what} broke off (${error instanceof Error ? error.message : String(error)})`,
      context,
      { fix: 'retry; check the network and any proxy between here and the registry', cause: error },
    );
  }
}
