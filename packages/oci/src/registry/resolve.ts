// Tag → manifest digest: what `promote --image repo:tag` needs before it writes anything.

import type { ImageReference } from '../reference.js';
import { RegistryClient, type RegistryClientOptions, type RegistryRequest } from './client.js';
import { readManifestBody } from './manifest-read.js';
import { MANIFEST_ACCEPT } from './media-types.js';

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
  /** The digest of the manifest (or index) bytes the reference names (`sha256:…`, or `sha512:…` when asked or announced so). */
  readonly digest: string;
  /**
   * The manifest's media type, as the registry answered it. Absent only when a digest reference was
   * returned without asking the registry (`verifyDigest` off).
   */
  readonly mediaType?: string;
}

/**
 * Resolves `ref` to the digest of its manifest. A reference with a digest answers it as is (or verified,
 * with `verifyDigest`); otherwise the tag (`latest` when none, as docker does) is read with one `GET` and
 * the digest computed from the bytes received (see {@link readManifestBody}): a `HEAD` would cost the
 * same round trip and leave the digest to the registry's word.
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
    method: 'GET',
    repository: ref.path,
    resource: `manifests/${reference}`,
    reference,
    headers: { Accept: MANIFEST_ACCEPT },
    what: `manifest ${reference}`,
  };
  const response = await client.request(request);
  if (!response.ok) throw await client.errorFor(response, request);
  const body = await readManifestBody(client, response, request, ref.digest);
  return { digest: body.digest, mediaType: body.contentType };
}
