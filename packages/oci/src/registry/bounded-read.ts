// The one reader for documents Slipway parses whole (manifests, indexes, signature manifests, configs,
// payloads): it refuses before reading when the announced length is over the limit, and stops reading
// at the limit when the length is unannounced or false, so a hostile answer costs at most `limit` bytes.

/** Manifests, indexes and signature manifests: distribution itself refuses to store more than 4 MiB. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/**
 * Other JSON blobs read whole and parsed (image configs): configs with a long history run to hundreds of
 * KiB; the manifest bound leaves room for those and still keeps a lie from costing more than it.
 */
export const MAX_JSON_BLOB_BYTES = MAX_MANIFEST_BYTES;

export interface ReadBound {
  readonly limit: number;
  /** The length the source announced (Content-Length, a file's size), when it did. */
  readonly announced?: number | undefined;
  /** The error to throw, given what was seen: `announces 2147483648 bytes` or `holds more than …`. */
  readonly tooLarge: (seen: string) => Error;
}

/**
 * Reads `source` whole, never more than `bound.limit` bytes. A refusal before reading leaves `source`
 * unread (the caller closes it); one while reading returns from the iterator, which closes the source.
 */
export async function readBounded(source: AsyncIterable<Uint8Array>, bound: ReadBound): Promise<Uint8Array> {
  const { limit, announced } = bound;
  if (announced !== undefined && Number.isFinite(announced) && announced > limit) {
    throw bound.tooLarge(`announces ${announced} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > limit) throw bound.tooLarge(`holds more than ${limit} bytes`);
    chunks.push(chunk);
  }
  const all = Buffer.concat(chunks, size);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/** `4 MiB`, for messages. */
export function formatLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
