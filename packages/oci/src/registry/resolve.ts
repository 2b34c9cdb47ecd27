// Tag → manifest digest: what `promote --image repo:tag` needs before it writes anything.

import type { ImageReference } from '../reference.js';
import { RegistryClient, type RegistryClientOptions, type RegistryRequest } from './client.js';
import { computeDigest, digestAlgorithm, isVerifiableDigest } from './digest.js';
import { RegistryError } from './errors.js';
import type { HttpResponse } from './http.js';
import { MANIFEST_ACCEPT } from './media-types.js';

/** Manifests are small; anything bigger is not one (distribution itself refuses > 4 MiB). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface ResolveOptions extends RegistryClientOptions {
  /**
   * For a reference that carries a digest: ask the registry that the manifest exists (and learn its media
   * type). Off by default, so digest references resolve without any registry.
   */
  readonly verifyDigest?: boolean | undefined;
  /** A client to reuse (its options win over the ones here). */
  readonly client?: RegistryClient | undefined;
}

export interface ResolvedManifest {
  /** `sha256:…` of the manifest (or index) the reference names. */
  readonly digest: string;
  /**
   * The manifest's media type, as the registry answered it. Absent only when a digest reference was
   * returned without asking the registry (`verifyDigest` off).
   */
  readonly mediaType?: string;
}

/**
 * Resolves `ref` to the digest of its manifest. A reference with a digest answers it as is (or verified,
 * with `verifyDigest`); otherwise the tag (`latest` when none, as docker does) is looked up with `HEAD`,
 * and with `GET` plus hashing when the registry sends no `Docker-Content-Digest`.
 * Throws {@link RegistryError}.
 */
export async function resolveDigest(
  ref: ImageReference,
  options: ResolveOptions = {},
): Promise<ResolvedManifest> {
  if (ref.digest !== undefined && options.verifyDigest !== true) return { digest: ref.digest };
  const reference = ref.digest ?? ref.tag ?? 'latest';
  const client = options.client ?? new RegistryClient(ref.domain, options);
  const request: RegistryRequest = {
    method: 'HEAD',
    repository: ref.path,
    resource: `manifests/${reference}`,
    reference,
    headers: { Accept: MANIFEST_ACCEPT },
    what: `manifest ${reference}`,
  };

  const head = await client.request(request);
  await head.discard();
  if (head.ok) {
    const digest = head.headers.get('docker-content-digest');
    if (digest !== null && digest !== '') {
      checkDigest(client, request, digest, ref.digest);
      return { digest, mediaType: mediaTypeOf(head) };
    }
  }
  // No digest header, or a failed HEAD (which has no body to explain itself): GET tells all.
  const get = await client.request({ ...request, method: 'GET' });
  if (!get.ok) throw await client.errorFor(get, request);
  const bytes = await get.bytes();
  if (bytes.byteLength > MAX_MANIFEST_BYTES) {
    throw invalid(client, request, `the manifest is ${bytes.byteLength} bytes, more than a manifest can be`);
  }
  const announced = get.headers.get('docker-content-digest');
  const algorithm = announced === null ? 'sha256' : (digestAlgorithm(announced) ?? 'sha256');
  const computed = computeDigest(bytes, algorithm);
  if (announced !== null && announced !== '' && announced !== computed) {
    throw new RegistryError(
      'digest-mismatch',
      `registry ${client.endpoint.domain} announced digest ${announced} for ${request.what} but its bytes hash to ${computed}`,
      client.context(request.repository, reference),
      {
        fix: 'the registry or a proxy in between alters manifests: fix that, or pass a digest you trust (`repo:tag@sha256:…`)',
      },
    );
  }
  const digest = algorithm === 'sha256' ? computed : computeDigest(bytes, 'sha256');
  checkDigest(client, request, announced ?? computed, ref.digest);
  return { digest: ref.digest ?? digest, mediaType: mediaTypeOf(get) };
}

function checkDigest(
  client: RegistryClient,
  request: RegistryRequest,
  digest: string,
  asked: string | undefined,
): void {
  if (!isVerifiableDigest(digest)) {
    throw invalid(
      client,
      request,
      `the registry answered the digest "${digest.slice(0, 80)}", which is not sha256/sha512 hex`,
    );
  }
  if (asked !== undefined && digest !== asked) {
    throw new RegistryError(
      'digest-mismatch',
      `registry ${client.endpoint.domain} answered digest ${digest} when asked for ${asked}`,
      client.context(request.repository, request.reference),
      { fix: 'the registry or a proxy in between is misbehaving: fix that, or skip verification' },
    );
  }
}

function invalid(client: RegistryClient, request: RegistryRequest, message: string): RegistryError {
  return new RegistryError(
    'invalid-response',
    message,
    client.context(request.repository, request.reference),
    {
      fix: 'check that the address is a container registry (distribution API /v2/)',
    },
  );
}

function mediaTypeOf(response: HttpResponse): string {
  const contentType = response.headers.get('content-type') ?? '';
  return contentType.split(';')[0]?.trim() ?? '';
}
