// A small deterministic tar writer: a directory becomes the same bytes on any machine, whatever the
// files' times, owners, umask or the order the file system lists them in.
//
// - entries depth-first, each directory's names sorted by their UTF-8 bytes, parents before children;
// - every mtime is the given epoch (SOURCE_DATE_EPOCH, or 0); uid and gid 0; no user or group names;
// - modes normalised: directories 0755, files 0644 or 0755 when any execute bit is set, symlinks 0777;
// - symlinks are kept as links; hard links are written as plain files (their content);
// - USTAR headers; a PAX header only when a path, link target or size does not fit USTAR's fields.
//
// Hand-written on purpose: the files builder's digests are a contract (build once matches on them, and
// `packages/build/test/tar.test.ts` pins them), and neither library writes these bytes. Measured on the same
// entries (same order, modes, epoch, uid/gid 0): tar-stream 3.3.0 and node-tar 7.5.24 (portable) both end
// numeric fields with a space (`000644 \0`, not `0000644\0`), split a long name's prefix at another `/`,
// and node-tar leaves uid, gid and mtime empty; every header differs, so each digest would change. Making
// either match would mean rewriting its headers, i.e. keeping this writer anyway.

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { SlipwayError } from '@slipway/errors';

const BLOCK = 512;
const MAX_OCTAL_SIZE = 0o77777777777; // 11 octal digits

export interface TarEntry {
  /** Path inside the archive, `/`-separated, no leading `/`, no trailing `/`. */
  readonly path: string;
  readonly type: 'file' | 'directory' | 'symlink';
  readonly mode: number;
  readonly size: number;
  /** Symlink target. */
  readonly linkTarget?: string;
  /** Where a file's bytes are read from. */
  readonly source?: string;
}

export interface CollectOptions {
  /** Directory inside the image the content lands in (`/app`); default the root. */
  readonly destination?: string;
}

/**
 * The entries for `dir`, in archive order. Throws a SlipwayError for a missing directory or for sockets,
 * pipes and devices (an image layer should not carry them).
 */
export async function collectEntries(dir: string, options: CollectOptions = {}): Promise<TarEntry[]> {
  const stat = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new SlipwayError(`build context ${dir} does not exist`, {
        where: dir,
        fix: 'check the context path (it is relative to the working directory)',
      });
    }
    throw error;
  });
  if (!stat.isDirectory()) {
    throw new SlipwayError(`build context ${dir} is not a directory`, { where: dir });
  }
  const entries: TarEntry[] = [];
  const prefix = normaliseDestination(options.destination ?? '/');
  // Parents of the destination, so the layer is complete on its own.
  const parts = prefix === '' ? [] : prefix.split('/');
  for (let i = 1; i <= parts.length; i++) {
    entries.push({ path: parts.slice(0, i).join('/'), type: 'directory', mode: 0o755, size: 0 });
  }
  await walk(dir, prefix, entries);
  return entries;
}

async function walk(dir: string, prefix: string, out: TarEntry[]): Promise<void> {
  const names = (await readdir(dir)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const full = join(dir, name);
    const path = prefix === '' ? name : `${prefix}/${name}`;
    const stat = await lstat(full);
    if (stat.isDirectory()) {
      out.push({ path, type: 'directory', mode: 0o755, size: 0 });
      await walk(full, path, out);
    } else if (stat.isSymbolicLink()) {
      out.push({ path, type: 'symlink', mode: 0o777, size: 0, linkTarget: await readlink(full) });
    } else if (stat.isFile()) {
      out.push({
        path,
        type: 'file',
        mode: (stat.mode & 0o111) !== 0 ? 0o755 : 0o644,
        size: stat.size,
        source: full,
      });
    } else {
      throw new SlipwayError(`${full} is a socket, pipe or device: it cannot go into an image layer`, {
        where: full,
        fix: 'remove it from the directory, or build from a directory without it',
      });
    }
  }
}

function normaliseDestination(destination: string): string {
  const parts = destination.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) {
    throw new SlipwayError(`destination "${destination}" must not contain ".."`, { where: 'files builder' });
  }
  return parts.join('/');
}

/** The archive's bytes, streamed: headers, contents padded to 512 bytes, and two zero blocks. */
export async function* tarStream(
  entries: readonly TarEntry[],
  mtime: number,
  onContent: (bytes: number) => void = () => {},
): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    yield* headers(entry, mtime);
    if (entry.type !== 'file' || entry.size === 0) continue;
    let read = 0;
    for await (const chunk of createReadStream(entry.source ?? '')) {
      const buffer = chunk as Buffer;
      read += buffer.length;
      if (read > entry.size) break;
      onContent(buffer.length);
      yield buffer;
    }
    if (read !== entry.size) {
      throw new SlipwayError(`${entry.source} changed while it was archived`, {
        where: entry.source ?? entry.path,
        fix: 'make sure nothing writes to the build directory during the build',
      });
    }
    const pad = padding(entry.size);
    if (pad > 0) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(BLOCK * 2);
}

function* headers(entry: TarEntry, mtime: number): Generator<Buffer> {
  const name = entry.type === 'directory' ? `${entry.path}/` : entry.path;
  const pax: [string, string][] = [];
  const split = splitName(name);
  if (split === undefined) pax.push(['path', name]);
  const link = entry.linkTarget ?? '';
  if (Buffer.byteLength(link) > 100) pax.push(['linkpath', link]);
  if (entry.size > MAX_OCTAL_SIZE) pax.push(['size', String(entry.size)]);
  if (pax.length > 0) {
    const body = Buffer.from(pax.map(([key, value]) => paxRecord(key, value)).join(''));
    yield header({
      name: 'PaxHeader',
      prefix: '',
      mode: 0o644,
      size: body.length,
      mtime,
      typeflag: 'x',
      linkname: '',
    });
    yield body;
    const pad = padding(body.length);
    if (pad > 0) yield Buffer.alloc(pad);
  }
  const fallback = truncateUtf8(name, 100);
  yield header({
    name: split?.name ?? fallback,
    prefix: split?.prefix ?? '',
    mode: entry.mode,
    size: entry.type === 'file' ? (entry.size > MAX_OCTAL_SIZE ? 0 : entry.size) : 0,
    mtime,
    typeflag: entry.type === 'file' ? '0' : entry.type === 'directory' ? '5' : '2',
    linkname: Buffer.byteLength(link) > 100 ? truncateUtf8(link, 100) : link,
  });
}

interface HeaderFields {
  readonly name: string;
  readonly prefix: string;
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly typeflag: string;
  readonly linkname: string;
}

function header(fields: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(fields.name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, fields.mode);
  writeOctal(block, 108, 8, 0); // uid
  writeOctal(block, 116, 8, 0); // gid
  writeOctal(block, 124, 12, fields.size);
  writeOctal(block, 136, 12, fields.mtime);
  block.fill(0x20, 148, 156); // checksum is computed over spaces
  block.write(fields.typeflag, 156, 1, 'ascii');
  block.write(fields.linkname, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 8, 'ascii');
  // uname and gname stay empty.
  writeOctal(block, 329, 8, 0); // devmajor
  writeOctal(block, 337, 8, 0); // devminor
  block.write(fields.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return block;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}

/** USTAR's name/prefix split, or undefined when the name needs a PAX `path`. */
function splitName(name: string): { name: string; prefix: string } | undefined {
  const bytes = Buffer.byteLength(name);
  if (bytes <= 100) return { name, prefix: '' };
  if (bytes > 256) return undefined;
  // The prefix ends at a `/`; a directory's trailing `/` stays with the name.
  const body = name.endsWith('/') ? name.slice(0, -1) : name;
  for (let i = body.lastIndexOf('/'); i > 0; i = body.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== '' && rest !== '/') {
      return { name: rest, prefix };
    }
    if (Buffer.byteLength(rest) > 100) return undefined;
  }
  return undefined;
}

function paxRecord(key: string, value: string): string {
  const payload = ` ${key}=${value}\n`;
  const base = Buffer.byteLength(payload);
  let length = base + String(base).length;
  if (String(length).length !== String(base).length) length = base + String(length).length;
  return `${length}${payload}`;
}

function truncateUtf8(text: string, bytes: number): string {
  let out = text;
  while (Buffer.byteLength(out) > bytes) out = out.slice(0, -1);
  return out;
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

export interface LayerFile {
  /** Where the compressed (or plain) layer was written. */
  readonly path: string;
  readonly mediaType: string;
  /** Digest and size of the blob as stored. */
  readonly digest: string;
  readonly size: number;
  /** Digest of the uncompressed tar: the config's `rootfs.diff_ids` entry. */
  readonly diffId: string;
}

export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const OCI_LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';

/** gzip level: fixed, so the same tar always deflates the same way with one zlib. */
export const GZIP_LEVEL = 9;

/**
 * Writes the layer for `entries` to `target`, hashing as it goes. gzip runs at a fixed level with no file
 * name and a zero mtime in its header (Node's zlib writes neither), and the header's OS byte fixed to 255
 * ("unknown"), which zlib would otherwise set per platform.
 */
export async function writeLayer(
  entries: readonly TarEntry[],
  target: string,
  options: {
    mtime: number;
    compression: 'gzip' | 'none';
    /** After each chunk of file content archived: the bytes so far, and the files' sizes added up. */
    onContent?: (done: number, total: number) => void;
  },
): Promise<LayerFile> {
  const diffHash = createHash('sha256');
  const blobHash = createHash('sha256');
  let size = 0;
  const tap = (hash: ReturnType<typeof createHash>, count: boolean) =>
    new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        hash.update(chunk);
        if (count) size += chunk.length;
        callback(null, chunk);
      },
    });
  const total = entries.reduce((sum, entry) => sum + (entry.type === 'file' ? entry.size : 0), 0);
  let archived = 0;
  const source = tarStream(entries, options.mtime, (bytes) => {
    archived += bytes;
    options.onContent?.(archived, total);
  });
  if (options.compression === 'none') {
    await pipeline(source, tap(diffHash, false), tap(blobHash, true), createWriteStream(target));
  } else {
    let seen = 0;
    const fixHeader = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        if (seen <= 9 && seen + chunk.length > 9) {
          const copy = Buffer.from(chunk);
          copy[9 - seen] = 0xff;
          seen += chunk.length;
          callback(null, copy);
          return;
        }
        seen += chunk.length;
        callback(null, chunk);
      },
    });
    await pipeline(
      source,
      tap(diffHash, false),
      createGzip({ level: GZIP_LEVEL }),
      fixHeader,
      tap(blobHash, true),
      createWriteStream(target),
    );
  }
  return {
    path: target,
    mediaType: options.compression === 'none' ? OCI_LAYER_TAR : OCI_LAYER_GZIP,
    digest: `sha256:${blobHash.digest('hex')}`,
    size,
    diffId: `sha256:${diffHash.digest('hex')}`,
  };
}

/** sha256 of the deterministic tar of a directory: a content key for directories outside git. */
export async function hashDirectory(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of tarStream(await collectEntries(dir), 0)) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}
