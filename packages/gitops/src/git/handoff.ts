// A commit handed from one temporary repository to another on the same machine, as a pack.
//
// Promotions from one machine take turns on a branch (promotion/lane.ts); the one whose turn comes next must
// read the commit the one before just pushed. Fetched by id from the remote, that is a whole fetch per turn
// (60 of a 155 ms turn under load, bench/promote/contention.ts over smart HTTP), and a local file:// fetch costs
// as much: the time is git's fetch machinery, not the link. Indexing a pack of the same objects takes 6 ms.
//
// The pack holds the commit, every tree of it (the next promotion's own tip may be many turns older, so the
// trees that changed in this turn are not enough) and the blobs its promotion wrote; other blobs stay with the
// remote, as in any partial clone. The receiving repository indexes it as a promisor pack and registers the
// commit as shallow: its parent is not there, and a push (which runs without lazy fetches) would otherwise walk
// into it and fail.

import path from 'node:path';
import { isFullObjectId } from './names.js';

/** The largest pack handed over: a bigger one (a repository of very many trees) goes by fetch, as before. */
export const MAX_HANDOFF_BYTES = 32 * 1024 * 1024;

/**
 * The id git gives a blob of `content` in a repository whose commit ids look like `commit` (SHA-1 or
 * SHA-256): what `git hash-object` prints, computed here because the commit is written by fast-import, which
 * does not print them, and one process more would cost more than the hand-over saves.
 */
export function blobId(content: Buffer, commit: string): string {
  // Loaded here, not at the top: configRepo.ts imports this module, and a promotion's first request goes out
  // before node:crypto is loaded (test/startup.cli.test.ts).
  const { createHash } = process.getBuiltinModule('node:crypto');
  const hash = createHash(commit.length === 64 ? 'sha256' : 'sha1');
  hash.update(`blob ${content.length}\0`);
  hash.update(content);
  return hash.digest('hex');
}

/**
 * What `git pack-objects --revs --filter=blob:none` reads to pack `commit` without its history: the commit as
 * shallow (so its parents are not walked), the commit (and so every tree), and `blobs`, which the filter
 * leaves in because they are named.
 */
export function handOverRevisions(commit: string, blobs: readonly string[]): string {
  return [`--shallow ${commit}`, commit, ...blobs].map((line) => `${line}\n`).join('');
}

/**
 * The content of git's `shallow` file with `commits` added: one id a line, each once. git has no command that
 * registers a shallow commit without a fetch.
 */
export function withShallow(current: string, commits: readonly string[]): string {
  const ids = current.split('\n').filter(isFullObjectId);
  return [...new Set([...ids, ...commits])].map((id) => `${id}\n`).join('');
}

/**
 * Adds `commits` to the shallow file of `gitDir` the way git writes it: under `shallow.lock` (created
 * exclusively, so a git process writing it at the same moment makes this fail rather than lose its write),
 * then renamed over the file. False when the lock is taken.
 */
export async function registerShallow(gitDir: string, commits: readonly string[]): Promise<boolean> {
  const fs = process.getBuiltinModule('node:fs/promises');
  const file = path.join(gitDir, 'shallow');
  const lock = `${file}.lock`;
  let handle: Awaited<ReturnType<typeof fs.open>>;
  try {
    handle = await fs.open(lock, 'wx', 0o600);
  } catch {
    return false;
  }
  try {
    const current = await fs.readFile(file, 'utf8').catch(() => '');
    await handle.writeFile(withShallow(current, commits));
    await handle.close();
    await fs.rename(lock, file);
    return true;
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(lock, { force: true });
    throw error;
  }
}
