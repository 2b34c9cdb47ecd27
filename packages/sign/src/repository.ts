// What signing and verification need of a repository: a structural subset of @slipway/oci's
// `ImageRepository`, so any implementation of it (registry, OCI layout) works here as it is.

import { formatLimit, readBounded } from '@slipway/oci';

export interface RepositoryDescriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly artifactType?: string;
}

export interface RepositoryManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

export interface RepositoryBlob {
  readonly size: number;
  readonly stream: AsyncIterable<Uint8Array>;
}

/** An upload session opened before its blob is known; see {@link SignatureRepository.startUpload}. */
export interface RepositoryPendingUpload {
  put(descriptor: RepositoryDescriptor, open: () => Promise<RepositoryBlob>): Promise<void>;
  /** Best effort, never throws. */
  cancel(): Promise<void>;
}

export interface SignatureRepository {
  /** `registry.example.com/shop/cart` or `oci:/path`. */
  readonly name: string;
  /** Registry domain, or undefined for an OCI layout. */
  readonly registry: string | undefined;
  resolve(reference: string): Promise<RepositoryDescriptor | undefined>;
  getManifest(reference: string): Promise<RepositoryManifest | undefined>;
  putManifest(manifest: RepositoryManifest, tags: readonly string[]): Promise<void>;
  getBlob(digest: string): Promise<RepositoryBlob>;
  putBlob(descriptor: RepositoryDescriptor, open: () => Promise<RepositoryBlob>): Promise<void>;
  /** Opens an upload session now, so its round trip overlaps others (registries; else putBlob). */
  startUpload?(): Promise<RepositoryPendingUpload>;
  referrers(digest: string, artifactType?: string): Promise<RepositoryDescriptor[]>;
}

/**
 * Reads a whole blob, cut off past `limit` bytes. The refusal is a plain Error: a caller judging
 * signatures one by one rejects that one signature.
 */
export async function readBlob(
  repository: SignatureRepository,
  digest: string,
  limit: number,
): Promise<Uint8Array> {
  const blob = await repository.getBlob(digest);
  // Read, not refused on its announced size: reading to the limit ends the stream and frees its connection.
  return readBounded(blob.stream, {
    limit,
    tooLarge: (seen) => new Error(`blob ${digest} ${seen}, more than the ${formatLimit(limit)} allowed`),
  });
}

/** A blob body for `putBlob` from bytes in memory. */
export function bytesBlob(bytes: Uint8Array): () => Promise<RepositoryBlob> {
  return async () => ({
    size: bytes.length,
    stream: (async function* () {
      yield bytes;
    })(),
  });
}
