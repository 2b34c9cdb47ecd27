// An OCI image layout directory (image-spec `image-layout.md`): `oci-layout`, `index.json` naming the
// tagged manifests (tag = `org.opencontainers.image.ref.name` annotation), and `blobs/<alg>/<hex>`.
//
// Writes are atomic: every file is written to a temporary name in the layout and renamed into place, blobs
// are hashed while written and refused when the digest differs. `index.json` is rewritten under a lock: an
// in-process queue per layout, plus a lock file (`index.json.lock`, created exclusively) against other
// processes; a lock older than a minute is taken to be left by a dead process and broken.

import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { isTag } from '../reference.js';
import { formatLimit, MAX_MANIFEST_BYTES, readBounded } from '../registry/bounded-read.js';
import { computeDigest, createDigestHash, digestAlgorithm, isVerifiableDigest } from '../registry/digest.js';
import { OCI_IMAGE_INDEX } from '../registry/media-types.js';
import {
  isRecord,
  type ParsedManifest,
  parseManifest,
  referrerDescriptor,
  referrersTag,
  requiredBlobs,
} from './manifest.js';
import type { BlobContent, BlobReadOptions, Descriptor, ImageRepository, StoredManifest } from './types.js';

export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';
const LAYOUT_VERSION = '1.0.0';
const LOCK_STALE_MS = 60_000;
const LOCK_WAIT_MS = 30_000;

interface IndexDocument {
  schemaVersion?: number;
  mediaType?: string;
  manifests: Descriptor[];
  [key: string]: unknown;
}

/**
 * node:fs/promises (readline and the fs watchers load behind it) when a layout is first read or written, not with
 * this module: every registry command imports it, and a copy between registries need not wait for it.
 */
function files(): typeof import('node:fs/promises') {
  return process.getBuiltinModule('node:fs/promises');
}

/** In-process queues, one per layout directory: writers of one process never race on index.json. */
const indexQueues = new Map<string, Promise<unknown>>();

export class LayoutRepository implements ImageRepository {
  readonly name: string;
  readonly registry: undefined = undefined;
  /** The layout directory, absolute. */
  readonly path: string;

  /** `name` overrides `oci:<path>` when the layout stands in for a registry repository (a local store). */
  constructor(path: string, name?: string) {
    this.path = resolve(path);
    this.name = name ?? `oci:${path}`;
  }

  async resolve(reference: string): Promise<Descriptor | undefined> {
    const index = await this.#readIndex();
    if (reference.includes(':')) {
      const digest = this.#checkDigest(reference);
      const entry = index.manifests.find((candidate) => candidate.digest === digest);
      if (entry !== undefined) return plainDescriptor(entry);
      const bytes = await this.#readManifestBlob(digest);
      if (bytes === undefined) return undefined;
      let parsed: ParsedManifest;
      try {
        parsed = parseManifest(bytes);
      } catch {
        return undefined;
      }
      return { mediaType: parsed.mediaType, digest, size: bytes.byteLength };
    }
    this.#checkTag(reference);
    const entry = findTagged(index, reference);
    return entry === undefined ? undefined : plainDescriptor(entry);
  }

  async getManifest(reference: string): Promise<StoredManifest | undefined> {
    const descriptor = await this.resolve(reference);
    if (descriptor === undefined) return undefined;
    const bytes = await this.#readManifestBlob(descriptor.digest);
    if (bytes === undefined) {
      throw this.#error(
        `index.json names ${reference} as ${descriptor.digest}, but that blob is missing`,
        'the layout is incomplete: copy the image into it again',
      );
    }
    const parsed = parseManifest(bytes, descriptor.mediaType, `${this.name}@${descriptor.digest}`);
    return { digest: descriptor.digest, mediaType: parsed.mediaType, bytes };
  }

  async putManifest(manifest: StoredManifest, tags: readonly string[]): Promise<void> {
    for (const tag of tags) this.#checkTag(tag);
    const digest = this.#checkDigest(manifest.digest);
    const algorithm = digestAlgorithm(digest) ?? 'sha256';
    const actual = computeDigest(manifest.bytes, algorithm);
    if (actual !== digest) {
      throw this.#error(
        `manifest bytes hash to ${actual}, not ${digest}`,
        'pass the manifest bytes unchanged (a digest names exact bytes)',
      );
    }
    const parsed = parseManifest(manifest.bytes, manifest.mediaType, `${this.name}@${digest}`);
    const needed = parsed.kind === 'index' ? parsed.manifests : requiredBlobs(parsed);
    const missing: string[] = [];
    for (const blob of needed) if (!(await this.hasBlob(blob.digest))) missing.push(blob.digest);
    if (missing.length > 0) {
      throw this.#error(
        `cannot store manifest ${digest}: ${missing.length} ${parsed.kind === 'index' ? 'child manifest' : 'blob'}${missing.length === 1 ? ' is' : 's are'} missing (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})`,
        parsed.kind === 'index'
          ? 'store every child manifest before the index'
          : 'store the config and every layer blob before the manifest',
      );
    }
    await this.#ensureLayout();
    if (!(await this.hasBlob(digest))) await this.#writeBlobBytes(digest, manifest.bytes);
    if (tags.length === 0 && parsed.subject === undefined) return;

    const entry: Descriptor = {
      mediaType: parsed.mediaType,
      digest,
      size: manifest.bytes.byteLength,
      ...(parsed.artifactType === undefined ? {} : { artifactType: parsed.artifactType }),
    };
    await this.#updateIndex((index) => {
      const moving = new Set(tags);
      const kept = index.manifests.filter((candidate) => {
        const name = candidate.annotations?.[REF_NAME_ANNOTATION];
        if (name !== undefined) return !moving.has(name);
        // An untagged entry for this digest is replaced by the tagged ones.
        return !(candidate.digest === digest && tags.length > 0);
      });
      const added: Descriptor[] =
        tags.length > 0
          ? tags.map((tag) => ({ ...entry, annotations: { [REF_NAME_ANNOTATION]: tag } }))
          : kept.some((candidate) => candidate.digest === digest)
            ? []
            : [entry];
      return { ...index, manifests: [...kept, ...added] };
    });
  }

  async hasBlob(digest: string): Promise<boolean> {
    try {
      return (await files().stat(this.#blobPath(digest))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async getBlob(digest: string, options: BlobReadOptions = {}): Promise<BlobContent> {
    const path = this.#blobPath(digest);
    let size: number;
    try {
      size = (await files().stat(path)).size;
    } catch (error) {
      if (isNotFound(error)) {
        throw this.#error(
          `blob ${digest} is not in the layout`,
          'copy the image into the layout first',
          error,
        );
      }
      throw error;
    }
    return { size, stream: this.#verifiedRead(path, digest, size, options.verify ?? true) };
  }

  async putBlob(descriptor: Descriptor, open: () => Promise<BlobContent>): Promise<void> {
    const digest = this.#checkDigest(descriptor.digest);
    const path = this.#blobPath(digest);
    try {
      if ((await files().stat(path)).size === descriptor.size) return;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    await this.#ensureLayout();
    const content = await open();
    await this.#writeAtomically(path, async (handle) => {
      const hash = createDigestHash(digestAlgorithm(digest) ?? 'sha256');
      let written = 0;
      for await (const chunk of content.stream) {
        hash.update(chunk);
        written += chunk.byteLength;
        await handle.write(chunk);
      }
      const actual = `${digestAlgorithm(digest) ?? 'sha256'}:${hash.digest('hex')}`;
      if (actual !== digest || written !== descriptor.size) {
        throw this.#error(
          `blob ${digest} arrived as ${written} bytes hashing to ${actual} (expected ${descriptor.size} bytes)`,
          'the source sent other bytes than its descriptor names: check the source image',
        );
      }
    });
  }

  /** Layouts cannot mount from anywhere: the caller copies the bytes. */
  async mountBlob(): Promise<boolean> {
    return false;
  }

  async listTags(): Promise<string[]> {
    const index = await this.#readIndex();
    const tags = new Set<string>();
    for (const entry of index.manifests) {
      const name = entry.annotations?.[REF_NAME_ANNOTATION];
      if (name !== undefined) tags.add(name);
    }
    return [...tags].sort();
  }

  /**
   * Scans the manifests index.json names for a `subject` of `digest`, and adds the children of the
   * `sha256-<hex>` tag index, where tools without referrers support keep them.
   */
  async referrers(digest: string, artifactType?: string): Promise<Descriptor[]> {
    this.#checkDigest(digest);
    const index = await this.#readIndex();
    const found = new Map<string, Descriptor>();
    const fallbackTag = referrersTag(digest);
    for (const entry of index.manifests) {
      if (entry.annotations?.[REF_NAME_ANNOTATION] === fallbackTag) continue;
      if (entry.size > MAX_MANIFEST_BYTES || found.has(entry.digest)) continue;
      const bytes = await this.#readManifestBlob(entry.digest);
      if (bytes === undefined) continue;
      let parsed: ParsedManifest;
      try {
        parsed = parseManifest(bytes, entry.mediaType);
      } catch {
        continue;
      }
      if (parsed.subject?.digest === digest) {
        found.set(entry.digest, referrerDescriptor(entry.digest, bytes.byteLength, parsed));
      }
    }
    const fallback = await this.getManifest(fallbackTag).catch(() => undefined);
    if (fallback !== undefined) {
      const parsed = parseManifest(fallback.bytes, fallback.mediaType);
      if (parsed.kind === 'index') {
        for (const child of parsed.manifests) if (!found.has(child.digest)) found.set(child.digest, child);
      }
    }
    const all = [...found.values()];
    return artifactType === undefined ? all : all.filter((entry) => entry.artifactType === artifactType);
  }

  #blobPath(digest: string): string {
    const checked = this.#checkDigest(digest);
    const colon = checked.indexOf(':');
    return join(this.path, 'blobs', checked.slice(0, colon), checked.slice(colon + 1));
  }

  #checkDigest(digest: string): string {
    if (!isVerifiableDigest(digest)) {
      throw this.#error(
        `"${digest.slice(0, 80)}" is not a sha256 or sha512 digest`,
        'pass a digest as `sha256:` followed by 64 lowercase hex digits',
      );
    }
    return digest;
  }

  #checkTag(tag: string): void {
    if (!isTag(tag)) {
      throw this.#error(
        `"${tag.slice(0, 80)}" is not a valid tag`,
        'a tag is 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-"',
      );
    }
  }

  /** The manifest blob's bytes, read within the manifest bound and checked against `digest`. */
  async #readManifestBlob(digest: string): Promise<Uint8Array | undefined> {
    const path = this.#blobPath(digest);
    try {
      const info = await files().stat(path);
      if (!info.isFile()) return undefined;
      const bytes = await readBounded(createReadStream(path, { highWaterMark: 64 * 1024 }), {
        limit: MAX_MANIFEST_BYTES,
        announced: info.size,
        tooLarge: (seen) =>
          this.#error(
            `blob ${digest}, read as a manifest, ${seen}: more than the ${formatLimit(MAX_MANIFEST_BYTES)} a manifest may have`,
            'check the digest: it names no manifest (a layer, or a damaged layout)',
          ),
      });
      const actual = computeDigest(bytes, digestAlgorithm(digest) ?? 'sha256');
      if (actual !== digest) {
        throw this.#error(
          `blob ${digest} is damaged: its bytes hash to ${actual}`,
          'remove the blob and copy the image into the layout again',
        );
      }
      return bytes;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async *#verifiedRead(
    path: string,
    digest: string,
    size: number,
    verify: boolean,
  ): AsyncGenerator<Uint8Array> {
    const algorithm = digestAlgorithm(digest) ?? 'sha256';
    const hash = verify ? createDigestHash(algorithm) : undefined;
    let read = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      const bytes = chunk as Buffer;
      hash?.update(bytes);
      read += bytes.byteLength;
      yield bytes;
    }
    const actual = hash === undefined ? digest : `${algorithm}:${hash.digest('hex')}`;
    if (actual !== digest || read !== size) {
      throw this.#error(
        hash === undefined
          ? `blob ${digest} is damaged: it holds ${read} bytes, not ${size}`
          : `blob ${digest} is damaged: its ${read} bytes hash to ${actual}`,
        'remove the blob and copy the image into the layout again',
      );
    }
  }

  async #readIndex(): Promise<IndexDocument> {
    const path = join(this.path, 'index.json');
    let text: string;
    try {
      text = await files().readFile(path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return emptyIndex();
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw this.#error('index.json is not JSON', 'repair or remove the layout', error, 'index.json');
    }
    if (!isRecord(parsed) || !Array.isArray(parsed.manifests)) {
      throw this.#error(
        'index.json has no "manifests" list',
        'repair or remove the layout',
        undefined,
        'index.json',
      );
    }
    return parsed as IndexDocument;
  }

  async #ensureLayout(): Promise<void> {
    await files().mkdir(join(this.path, 'blobs', 'sha256'), { recursive: true });
    const layoutFile = join(this.path, 'oci-layout');
    try {
      const text = await files().readFile(layoutFile, 'utf8');
      const parsed: unknown = JSON.parse(text);
      const version = isRecord(parsed) ? parsed.imageLayoutVersion : undefined;
      if (typeof version !== 'string' || !version.startsWith('1.')) {
        throw this.#error(
          `oci-layout declares imageLayoutVersion ${JSON.stringify(version)}, not 1.x`,
          'use an empty directory or an OCI image layout 1.x',
          undefined,
          'oci-layout',
        );
      }
    } catch (error) {
      if (error instanceof SlipwayError) throw error;
      if (!isNotFound(error)) {
        throw this.#error('oci-layout is unreadable', 'repair or remove the layout', error, 'oci-layout');
      }
      await this.#writeAtomically(layoutFile, async (handle) => {
        await handle.write(JSON.stringify({ imageLayoutVersion: LAYOUT_VERSION }));
      });
    }
    const indexFile = join(this.path, 'index.json');
    try {
      await files().stat(indexFile);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.#updateIndex((index) => index);
    }
  }

  async #writeBlobBytes(digest: string, bytes: Uint8Array): Promise<void> {
    await this.#writeAtomically(this.#blobPath(digest), async (handle) => {
      await handle.write(bytes);
    });
  }

  /** Writes `target` through a temp file in the layout, renamed into place once complete. */
  async #writeAtomically(
    target: string,
    write: (handle: FileHandle) => Promise<void>,
    sync = false,
  ): Promise<void> {
    await files().mkdir(resolve(target, '..'), { recursive: true });
    // node:crypto on first use, as digest.ts loads it.
    const { randomBytes } = process.getBuiltinModule('node:crypto');
    const temp = join(this.path, `.slipway-${randomBytes(8).toString('hex')}.tmp`);
    const handle = await files().open(temp, 'wx', 0o644);
    try {
      await write(handle);
      if (sync) await handle.sync();
      await handle.close();
      await files().rename(temp, target);
    } catch (error) {
      await handle.close().catch(() => {});
      await files().rm(temp, { force: true });
      throw error;
    }
  }

  /** Read-modify-write of index.json, serialised within the process and, by a lock file, across. */
  #updateIndex(change: (index: IndexDocument) => IndexDocument): Promise<void> {
    const previous = indexQueues.get(this.path) ?? Promise.resolve();
    const next = previous
      .catch(() => {})
      .then(async () => {
        const release = await this.#lock();
        try {
          const updated = change(await this.#readIndex());
          const document = {
            ...updated,
            schemaVersion: 2,
            mediaType: OCI_IMAGE_INDEX,
            manifests: updated.manifests,
          };
          await this.#writeAtomically(
            join(this.path, 'index.json'),
            async (handle) => {
              await handle.write(`${JSON.stringify(document)}\n`);
            },
            true,
          );
        } finally {
          await release();
        }
      });
    indexQueues.set(this.path, next);
    void next.finally(() => {
      if (indexQueues.get(this.path) === next) indexQueues.delete(this.path);
    });
    return next;
  }

  async #lock(): Promise<() => Promise<void>> {
    const lockPath = join(this.path, 'index.json.lock');
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
      try {
        const handle = await files().open(lockPath, 'wx');
        await handle.write(`${process.pid}\n`);
        await handle.close();
        return () => files().rm(lockPath, { force: true });
      } catch (error) {
        if (!isExists(error)) throw error;
      }
      const age = await files()
        .stat(lockPath)
        .then(
          (info) => Date.now() - info.mtimeMs,
          () => 0,
        );
      if (age > LOCK_STALE_MS) {
        await files().rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw this.#error(
          'index.json is locked by another writer',
          `wait for the other process to finish, or remove ${lockPath} if none is running`,
        );
      }
      await new Promise((done) => setTimeout(done, delay));
    }
  }

  #error(message: string, fix: string, cause?: unknown, file?: string): SlipwayError {
    return new SlipwayError(message, {
      where: file === undefined ? this.name : `${this.name}/${file}`,
      fix,
      cause,
    });
  }
}

function findTagged(index: IndexDocument, tag: string): Descriptor | undefined {
  let found: Descriptor | undefined;
  for (const entry of index.manifests) if (entry.annotations?.[REF_NAME_ANNOTATION] === tag) found = entry;
  return found;
}

function plainDescriptor(entry: Descriptor): Descriptor {
  return {
    mediaType: entry.mediaType,
    digest: entry.digest,
    size: entry.size,
    ...(entry.artifactType === undefined ? {} : { artifactType: entry.artifactType }),
    ...(entry.platform === undefined ? {} : { platform: entry.platform }),
  };
}

function emptyIndex(): IndexDocument {
  return { schemaVersion: 2, mediaType: OCI_IMAGE_INDEX, manifests: [] };
}

function isNotFound(error: unknown): boolean {
  return isRecord(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

function isExists(error: unknown): boolean {
  return isRecord(error) && error.code === 'EEXIST';
}
