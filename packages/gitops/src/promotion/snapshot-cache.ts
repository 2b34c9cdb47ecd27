import type { BlobScope, BranchReader, TreeEntry } from '../git/index.js';
import { type ConfigPathspec, readConfigPathspec } from './config-pathspec.js';

/**
 * What has been read at one commit: file bytes (null: no blob there), tree listings, grep answers and the
 * folders whose blobs are here. Answers about paths a later tip did not change carry over to that tip.
 */
interface Snapshot {
  readonly files: Map<string, Buffer | null>;
  /** Keyed by folder and whether sizes were asked. */
  readonly listings: Map<string, { readonly under: string; readonly entries: readonly TreeEntry[] }>;
  /** Keyed by terms and pathspecs: the matching paths, and changed paths not searched again yet. */
  readonly greps: Map<string, GrepAnswer>;
  readonly prefetched: Set<string>;
}

interface GrepAnswer {
  readonly pathspecs: readonly string[];
  readonly paths: ReadonlySet<string>;
  /** Paths the tip changed that the pathspecs match: searched on the next question, and only they. */
  readonly recheck: ReadonlySet<string>;
}

/**
 * The planner's reads across the attempts of one promotion. A retry plans the same intent ("set image X to D")
 * on a new tip, and the new tip differs from the old one only in the paths other pipelines changed (one
 * `diff-tree`): everything read about the other paths (listings of untouched folders, which files match the
 * search, file bytes, blobs already fetched) is still true there, so only the changed paths are read again.
 * Without `changedPaths` (a transport that cannot tell), a new tip is read afresh.
 */
export class SnapshotCache {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly tips = new Map<string, string>();
  /** The same reads as the wrapped reader, answered from the snapshots where they can be. */
  readonly reader: BranchReader;

  constructor(
    private readonly base: BranchReader,
    private readonly changedPaths?: (from: string, to: string) => Promise<readonly string[]>,
  ) {
    this.reader = {
      url: base.url,
      listTree: (commit, under, options) => this.listTree(commit, under, options),
      grep: (commit, terms, pathspecs) => this.grep(commit, terms, pathspecs),
      readFiles: (commit, paths) => this.readFiles(commit, paths),
      prefetchBlobs: (scopes) => this.prefetchBlobs(scopes),
    };
  }

  /** Whether `branch` was read at an earlier tip (a retry's fetch can then ask only for what changed). */
  knows(branch: string): boolean {
    return this.tips.has(branch);
  }

  /**
   * Records that `branch` is now at `commit`: what was read at its previous tip carries over to this one,
   * except for the paths that changed in between. `changedBlobsHere`: the fetch of `commit` brought the
   * blobs of every changed path, so folders whose blobs were here stay complete.
   */
  async moveTo(branch: string, commit: string, options: { changedBlobsHere?: boolean } = {}): Promise<void> {
    const previous = this.tips.get(branch);
    this.tips.set(branch, commit);
    if (previous === undefined || previous === commit || this.snapshots.has(commit)) return;
    const from = this.snapshots.get(previous);
    if (from === undefined || this.changedPaths === undefined) return;
    const changed = await this.changedPaths(previous, commit);
    this.snapshots.set(commit, carryOver(from, changed, options.changedBlobsHere === true));
    // The old tip is read no more, unless another branch stands on it.
    if (![...this.tips.values()].includes(previous)) this.snapshots.delete(previous);
  }

  private snapshot(commit: string): Snapshot {
    let snapshot = this.snapshots.get(commit);
    if (snapshot === undefined) {
      snapshot = { files: new Map(), listings: new Map(), greps: new Map(), prefetched: new Set() };
      this.snapshots.set(commit, snapshot);
    }
    return snapshot;
  }

  private async listTree(
    commit: string,
    under?: string,
    options: { sizes?: boolean } = {},
  ): Promise<TreeEntry[]> {
    const folder = trimSlashes(under ?? '');
    const key = `${options.sizes === true ? 'sizes' : 'plain'}\0${folder}`;
    const snapshot = this.snapshot(commit);
    const known = snapshot.listings.get(key);
    if (known !== undefined) return known.entries.map((entry) => ({ ...entry }));
    const entries = await this.base.listTree(commit, under, options);
    snapshot.listings.set(key, { under: folder, entries: entries.map((entry) => ({ ...entry })) });
    return entries;
  }

  private async grep(commit: string, terms: string[], pathspecs: string[] = []): Promise<string[]> {
    const key = JSON.stringify([terms, pathspecs]);
    const snapshot = this.snapshot(commit);
    const known = snapshot.greps.get(key);
    if (known === undefined) {
      const paths = await this.base.grep(commit, terms, pathspecs);
      snapshot.greps.set(key, { pathspecs, paths: new Set(paths), recheck: new Set() });
      return paths;
    }
    if (known.recheck.size === 0) return [...known.paths].sort();
    const found = await this.base.grep(
      commit,
      terms,
      [...known.recheck].map((path) => `:(literal)${path}`),
    );
    const paths = new Set([...known.paths, ...found]);
    snapshot.greps.set(key, { pathspecs, paths, recheck: new Set() });
    return [...paths].sort();
  }

  private async readFiles(commit: string, paths: string[]): Promise<Map<string, Buffer>> {
    const snapshot = this.snapshot(commit);
    const unread = [...new Set(paths)].filter((path) => !snapshot.files.has(path));
    if (unread.length > 0) {
      const read = await this.base.readFiles(commit, unread);
      for (const path of unread) snapshot.files.set(path, read.get(path) ?? null);
    }
    const files = new Map<string, Buffer>();
    for (const path of paths) {
      const bytes = snapshot.files.get(path);
      if (bytes !== undefined && bytes !== null) files.set(path, bytes);
    }
    return files;
  }

  private async prefetchBlobs(scopes: readonly BlobScope[]): Promise<number> {
    const wanted = scopes
      .map((scope) => ({
        commit: scope.commit,
        under: scope.under.filter(
          (folder) => !this.snapshots.get(scope.commit)?.prefetched.has(trimSlashes(folder)),
        ),
      }))
      .filter((scope) => scope.under.length > 0);
    if (wanted.length === 0) return 0;
    const fetched = await this.base.prefetchBlobs(wanted);
    for (const scope of wanted) {
      const prefetched = this.snapshot(scope.commit).prefetched;
      for (const folder of scope.under) prefetched.add(trimSlashes(folder));
    }
    return fetched;
  }
}

/** What stays true at a commit that differs from `from`'s only in `changed`. */
function carryOver(from: Snapshot, changed: readonly string[], changedBlobsHere: boolean): Snapshot {
  const touched = new Set(changed);
  const touches = (folder: string) => changed.some((path) => isUnder(path, folder));
  const files = new Map([...from.files].filter(([path]) => !touched.has(path)));
  const listings = new Map([...from.listings].filter(([, listing]) => !touches(listing.under)));
  const prefetched = new Set(
    changedBlobsHere ? from.prefetched : [...from.prefetched].filter((f) => !touches(f)),
  );
  const greps = new Map<string, GrepAnswer>();
  for (const [key, answer] of from.greps) {
    const matchers = answer.pathspecs.map(readConfigPathspec);
    const known = (matcher: ConfigPathspec | undefined): matcher is ConfigPathspec => matcher !== undefined;
    if (!matchers.every(known)) {
      // A pathspec this cache cannot interpret: the answer stays only if nothing changed at all.
      if (changed.length === 0) greps.set(key, answer);
      continue;
    }
    const matching = changed.filter(
      (path) => matchers.length === 0 || matchers.some((matcher) => matcher.matches(path)),
    );
    greps.set(key, {
      pathspecs: answer.pathspecs,
      paths: new Set([...answer.paths].filter((path) => !touched.has(path))),
      recheck: new Set([...answer.recheck, ...matching]),
    });
  }
  return { files, listings, greps, prefetched };
}

function isUnder(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

function trimSlashes(folder: string): string {
  return folder.replace(/\/+$/, '');
}
