// The one interface over "a place images live": a repository of a registry (distribution API) or an OCI
// image layout directory (`oci:<path>`). Copy, build, sign and verify are written against it, so every
// one of them works the same on a registry and on the local store the demo uses.

/** An OCI descriptor: what a manifest or index says of a blob or a child manifest. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly artifactType?: string;
  readonly platform?: {
    readonly architecture: string;
    readonly os: string;
    readonly variant?: string;
    readonly 'os.version'?: string;
  };
}

/** A manifest or index as stored: the exact bytes (its digest is theirs) and its media type. */
export interface StoredManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

export interface BlobReadOptions {
  /**
   * `false` reads without hashing, for a consumer that checks the digest itself as `putBlob` does: a copy
   * then hashes each byte once, not twice. The length is checked either way. Default `true`.
   */
  readonly verify?: boolean | undefined;
}

/** A blob's content, streamed: consumed once. */
export interface BlobContent {
  readonly size: number;
  readonly stream: AsyncIterable<Uint8Array>;
}

/** An upload session opened ahead of its content (see {@link ImageRepository.startUpload}); used once. */
export interface PendingUpload {
  /** Uploads the blob into the opened session (falling back to fresh sessions on retry, like putBlob). */
  put(descriptor: Descriptor, open: () => Promise<BlobContent>): Promise<void>;
  /** Gives the session back (DELETE); best effort, never throws. */
  cancel(): Promise<void>;
}

export interface ImageRepository {
  /** How users name it, for messages: `registry.example.com/shop/cart` or `oci:/path/to/layout`. */
  readonly name: string;
  /** Registry domain, or `undefined` for a layout; two repositories of one registry can mount blobs. */
  readonly registry: string | undefined;

  /** The manifest's digest, media type and size, or undefined when the tag or digest is unknown. */
  resolve(reference: string): Promise<Descriptor | undefined>;
  /** The manifest or index behind a tag or digest (bytes checked against the digest), or undefined. */
  getManifest(reference: string): Promise<StoredManifest | undefined>;
  /**
   * Stores a manifest by digest and, for each tag, points the tag at it. Every blob and child manifest it
   * names must already be present (registries refuse otherwise; layouts check).
   */
  putManifest(manifest: StoredManifest, tags: readonly string[]): Promise<void>;

  hasBlob(digest: string): Promise<boolean>;
  /** Throws when the blob is missing. */
  getBlob(digest: string, options?: BlobReadOptions): Promise<BlobContent>;
  /** Uploads a blob, verifying its digest; `open` may be called again on a retry. */
  putBlob(descriptor: Descriptor, open: () => Promise<BlobContent>): Promise<void>;
  /** Opens an upload now, so its round trip overlaps other work; `put` sends the blob into it later. */
  startUpload?(): Promise<PendingUpload>;
  /**
   * Makes a blob of another repository of the same registry available here without moving bytes.
   * Answers false when the registry could not mount it (the caller then uploads).
   */
  mountBlob(descriptor: Descriptor, from: ImageRepository): Promise<boolean>;

  /** Every tag, following pagination. */
  listTags(): Promise<string[]>;
  /** Manifests whose `subject` is `digest` (OCI 1.1 referrers API, else the `sha256-<hex>` tag index). */
  referrers(digest: string, artifactType?: string): Promise<Descriptor[]>;
}
