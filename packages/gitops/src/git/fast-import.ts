// One commit as a `git fast-import` stream: the whole commit (blobs, trees along the changed paths, the commit)
// is written by one git process instead of six (hash-object, read-tree, update-index, write-tree,
// commit-tree, and a temporary index). Each git process costs this process a fork of itself (about 10 ms of
// its own CPU on a 2-core runner) besides git's start-up, and a promotion racing others makes a commit on
// every attempt, so the commit is most of what a retry spends.
//
// fast-import only loads the trees on the changed paths and checks only the objects the stream names, so in a
// partial clone (no blobs outside the prefetched folders) it writes the tree without fetching anything, as
// `write-tree --missing-ok` did.

import type { CommitInput, Identity } from './configRepo.js';

/** The mark the commit is given, read back with `get-mark`. */
const COMMIT_MARK = ':1';

/** What `git fast-import` must be run with to read `commitStream`'s output. */
export const FAST_IMPORT_ARGS = ['fast-import', '--quiet', '--done', '--force', '--date-format=raw'];

/**
 * The stream that makes `input` as a commit on `ref` (a scratch ref of the temporary repository) and prints its
 * id on stdout. `modes` holds the modes of the paths that exist at the parent: an executable file stays
 * executable, anything else is written as a regular file (callers refuse symlinks and submodules first).
 */
export function commitStream(
  input: CommitInput,
  ref: string,
  modes: ReadonlyMap<string, string>,
  now: Date = new Date(),
): Buffer {
  const parts: Buffer[] = [];
  const line = (text: string) => parts.push(Buffer.from(`${text}\n`, 'utf8'));
  const data = (bytes: Buffer) => {
    line(`data ${bytes.length}`);
    parts.push(bytes);
    parts.push(Buffer.from('\n'));
  };
  const when = rawDate(now);
  line('feature done');
  line(`commit ${ref}`);
  line(`mark ${COMMIT_MARK}`);
  line(`author ${person(input.author)} ${when}`);
  line(`committer ${person(input.committer)} ${when}`);
  data(Buffer.from(input.message, 'utf8'));
  line(`from ${input.parent}`);
  for (const file of new Set(input.deletions ?? [])) if (modes.has(file)) line(`D ${quotedPath(file)}`);
  for (const [file, content] of input.files) {
    const mode = modes.get(file) === '100755' ? '100755' : '100644';
    line(`M ${mode} inline ${quotedPath(file)}`);
    data(content);
  }
  line('');
  line(`get-mark ${COMMIT_MARK}`);
  line('done');
  return Buffer.concat(parts);
}

/** `Name <email>`: identities are checked before (no angle brackets, no control characters). */
function person(identity: Identity): string {
  return `${identity.name} <${identity.email}>`;
}

/** fast-import's raw date: seconds since the epoch and the local offset, as commit-tree would record it. */
export function rawDate(now: Date): string {
  const offset = -now.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${Math.floor(now.getTime() / 1000)} ${sign}${hours}${minutes}`;
}

/**
 * A path in fast-import's C-style quotes, every byte outside printable ASCII (and the quote and backslash)
 * as an octal escape: a path may hold spaces, quotes or non-ASCII names, and quoting is always accepted.
 */
export function quotedPath(file: string): string {
  let out = '"';
  for (const byte of Buffer.from(file, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}
