import { createHash } from 'node:crypto';
import type { GitHubClient } from './client.js';
import { type CallContext, calling } from './errors.js';

/** One entry of a git tree, with its full path from the root. */
export interface TreeEntry {
  path: string;
  /** `100644`, `100755`, `120000` (symlink), `040000` (tree) or `160000` (submodule). */
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  /** Blob size in bytes (absent for trees). */
  size?: number;
}

/** The git blob id of `content` (what GitHub answers for a blob with these bytes). */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const entryType = (type: string | undefined): TreeEntry['type'] =>
  type === 'tree' ? 'tree' : type === 'commit' ? 'commit' : 'blob';

/**
 * Entries of one tree (`recursive`: the whole tree below it; `truncated` when GitHub cut the list). `tree` may
 * name a commit: GitHub lists its root tree, whose id comes back as `sha`.
 */
export async function getTree(
  client: GitHubClient,
  context: CallContext,
  tree: string,
  recursive: boolean,
): Promise<{ sha: string; entries: TreeEntry[]; truncated: boolean }> {
  const { data } = await calling({ ...context, action: `reading tree ${tree.slice(0, 12)}` }, async () =>
    (await client.api()).rest.git.getTree({
      owner: context.owner,
      repo: context.repo,
      tree_sha: tree,
      ...(recursive ? { recursive: '1' } : {}),
    }),
  );
  const entries = data.tree
    .filter((entry) => typeof entry.path === 'string' && typeof entry.sha === 'string')
    .map((entry) => ({
      path: entry.path ?? '',
      mode: entry.mode ?? '100644',
      type: entryType(entry.type),
      sha: entry.sha ?? '',
      ...(typeof entry.size === 'number' ? { size: entry.size } : {}),
    }));
  return { sha: data.sha, entries, truncated: data.truncated };
}

/**
 * Every entry below `tree` (a tree, or a commit: its root tree) and the root tree's id: one recursive request,
 * or — when GitHub truncates the answer (over 100,000 entries or 7 MB) — a walk of the tree one directory at a
 * time, so nothing is ever silently missing.
 */
export async function listAllEntries(
  client: GitHubClient,
  context: CallContext,
  tree: string,
): Promise<{ tree: string; entries: TreeEntry[] }> {
  const whole = await getTree(client, context, tree, true);
  if (!whole.truncated) return { tree: whole.sha, entries: whole.entries };
  const all: TreeEntry[] = [];
  let level: Array<{ prefix: string; sha: string }> = [{ prefix: '', sha: whole.sha }];
  while (level.length > 0) {
    const listed = await mapLimit(level, 8, async (dir) => ({
      dir,
      entries: (await getTree(client, context, dir.sha, false)).entries,
    }));
    level = [];
    for (const { dir, entries } of listed) {
      for (const entry of entries) {
        const full = { ...entry, path: `${dir.prefix}${entry.path}` };
        all.push(full);
        if (entry.type === 'tree') level.push({ prefix: `${full.path}/`, sha: entry.sha });
      }
    }
  }
  return { tree: whole.sha, entries: all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/**
 * The entries at `paths` below `tree` (undefined where nothing is), found by walking only the directories on
 * those paths. A path that goes through a file throws PathThroughFileError, or with `throughFile: 'absent'`
 * is undefined (as `git cat-file <tree>:<path>` finds nothing there).
 */
export async function entriesAt(
  client: GitHubClient,
  context: CallContext,
  tree: string,
  paths: readonly string[],
  options: { throughFile?: 'throw' | 'absent' } = {},
): Promise<Map<string, TreeEntry | undefined>> {
  const listings = new Map<string, Promise<Map<string, TreeEntry>>>();
  const list = (sha: string) => {
    let listing = listings.get(sha);
    if (listing === undefined) {
      listing = getTree(client, context, sha, false).then(
        ({ entries }) => new Map(entries.map((entry) => [entry.path, entry])),
      );
      listings.set(sha, listing);
    }
    return listing;
  };
  const found = new Map<string, TreeEntry | undefined>();
  await mapLimit(paths, 8, async (file) => {
    const parts = file.split('/');
    let sha = tree;
    for (const [index, part] of parts.entries()) {
      const entry = (await list(sha)).get(part);
      const here = parts.slice(0, index + 1).join('/');
      if (index === parts.length - 1) {
        found.set(file, entry === undefined ? undefined : { ...entry, path: here });
        return;
      }
      if (entry === undefined) {
        found.set(file, undefined);
        return;
      }
      if (entry.type !== 'tree') {
        if (options.throughFile === 'absent') {
          found.set(file, undefined);
          return;
        }
        throw new PathThroughFileError(file, here);
      }
      sha = entry.sha;
    }
  });
  return found;
}

/** A path that would need a directory where the tree has a file. */
export class PathThroughFileError extends Error {
  constructor(
    readonly path: string,
    readonly file: string,
  ) {
    super(`${path}: ${file} is a file, not a directory`);
  }
}
