// What signing and verification need of a repository: a structural subset of @slipway/oci's
// `ImageRepository`, so any implementation of it (registry, OCI layout) works here as it is.

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

/** Reads a whole blob, refusing more than `limit` bytes. */
export async function readBlob(
  repository: SignatureRepository,
  digest: string,
  limit: number,
): Promise<Uint8Array> {
  const blob = await repository.getBlob(digest);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of blob.stream) {
    size += chunk.length;
    if (size > limit) throw new Error(`blob ${digest} is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
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
