// The one reader for bodies Slipway holds whole (manifests, indexes, signature manifests, configs,
// payloads, token answers, tag lists, error bodies): it refuses before reading when the announced length
// is over the limit, and stops reading at the limit when the length is unannounced or false, so a hostile
// answer costs at most `limit` bytes. An error body is cut at its limit instead: its status is the news.

/** Manifests, indexes and signature manifests: distribution itself refuses to store more than 4 MiB. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/**
 * Other JSON blobs read whole and parsed (image configs): configs with a long history run to hundreds of
 * KiB; the manifest bound leaves room for those and still keeps a lie from costing more than it.
 */
export const MAX_JSON_BLOB_BYTES = MAX_MANIFEST_BYTES;

/**
 * A token server's answer: real tokens (JWTs with their claims) run to a few KiB; the bound leaves room
 * for a large one and keeps an endless answer from costing more than this.
 */
export const MAX_TOKEN_ANSWER_BYTES = 1024 * 1024;

/**
 * One page of a tag list. Registries that do not paginate answer every tag at once: 16 MiB holds some
 * 300,000 tags of 50 characters.
 */
export const MAX_TAG_LIST_BYTES = 16 * 1024 * 1024;

/** The part of an error body read for its message; the rest is cut (a distribution error is a few lines). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface ReadBound {
  readonly limit: number;
  /** The length the source announced (Content-Length, a file's size), when it did. */
  readonly announced?: number | undefined;
  /**
   * The error to throw, given what was seen: `announces 2147483648 bytes` or `holds more than …`; or
   * `'cut'`: the first `limit` bytes are the answer, whatever follows is left unread.
   */
  readonly tooLarge: ((seen: string) => Error) | 'cut';
}

/**
 * Reads `source` whole, never more than `bound.limit` bytes. A refusal before reading leaves `source`
 * unread (the caller closes it); one while reading, or a cut, returns from the iterator, which closes
 * the source.
 */
export async function readBounded(source: AsyncIterable<Uint8Array>, bound: ReadBound): Promise<Uint8Array> {
  const { limit, announced, tooLarge } = bound;
  if (tooLarge !== 'cut' && announced !== undefined && Number.isFinite(announced) && announced > limit) {
    throw tooLarge(`announces ${announced} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    if (size + chunk.byteLength > limit) {
      if (tooLarge !== 'cut') throw tooLarge(`holds more than ${limit} bytes`);
      chunks.push(chunk.subarray(0, limit - size));
      size = limit;
    } else {
      chunks.push(chunk);
      size += chunk.byteLength;
    }
    // Cut at the limit without waiting for more: a trickling body would hold the answer back.
    if (tooLarge === 'cut' && size === limit) break;
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
