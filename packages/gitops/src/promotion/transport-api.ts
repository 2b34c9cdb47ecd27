import {
  type TreeEntry as ApiTreeEntry,
  type BranchMove,
  commitFilesViaApi,
  defaultBranchViaApi,
  readBlobsViaApi,
  readBranch,
  refTip,
} from '@slipway/github';
import { assertOwnBranch, type BranchUpdate, type CommitInput, type PushResult } from '../git/index.js';
import { ApiReader, type ApiTreeSource, type ListedEntry } from './api-reader.js';
import { PendingCommits } from './pending-commits.js';
import type { GitHubRepo, OwnBranchUpdate, Transport } from './transport.js';

/**
 * A promotion through the GitHub REST API: no clone; commits GitHub signs ("Verified"). Nothing is written before
 * push or pushOwn, so a dry run writes nothing at all.
 */
export function openApiTransport(github: GitHubRepo): Transport {
  return new ApiTransport(github);
}

class ApiTransport implements Transport, ApiTreeSource {
  readonly via = 'github-api' as const;
  readonly service = 'the GitHub API';
  readonly url: string;
  readonly reader: ApiReader;
  readonly landed = new Map<string, string>();
  /** Each commit fetchBranches read: its root tree and every entry (the planner's listing, the commit's base). */
  private readonly snapshots = new Map<
    string,
    { readonly tree: string; readonly entries: readonly ApiTreeEntry[] }
  >();
  private readonly blobs = new Map<string, Buffer>();
  private readonly missing = new Set<string>();
  /** Planned commits, and what GitHub made of them. */
  private readonly pending = new PendingCommits();

  constructor(private readonly github: GitHubRepo) {
    this.url = `${github.client.apiUrl} (${github.owner}/${github.repo})`;
    // The planner (plan.ts, candidates.ts, pins.ts, pinned.ts) reads through url, listTree, grep, readFiles and
    // prefetchBlobs (BranchReader): ApiReader answers those from this listing and these blobs.
    this.reader = new ApiReader(this);
  }

  async fetchBranches(branches: string[]): Promise<Map<string, string | null>> {
    const tips = new Map<string, string | null>();
    for (const branch of branches) {
      const snapshot = await readBranch({ ...this.github, branch });
      if (snapshot === undefined) {
        tips.set(branch, null);
        this.missing.add(branch);
        continue;
      }
      this.missing.delete(branch);
      this.snapshots.set(snapshot.sha, { tree: snapshot.tree, entries: snapshot.entries });
      tips.set(branch, snapshot.sha);
    }
    return tips;
  }

  async prefetchBlobs(): Promise<number> {
    return 0;
  }

  defaultBranch(): Promise<string | undefined> {
    return defaultBranchViaApi(this.github);
  }

  /** Nothing is written yet: the commit is made by push or pushOwn (commitFilesViaApi). */
  async commit(input: CommitInput): Promise<string> {
    return this.pending.add(input);
  }

  published(commit: string): string | null {
    return this.pending.published(commit);
  }

  diff(from: string, to: string): Promise<string> {
    return this.pending.diff(this.reader, from, to);
  }

  /**
   * Moves each branch in turn: the REST API cannot move several refs atomically, so with several environments
   * one may land while another turns out stale; `landed` remembers it and the retry leaves it be.
   */
  async push(updates: BranchUpdate[]): Promise<PushResult> {
    for (const update of updates) {
      // Without a pending commit: a new branch at an existing commit (created from the default branch).
      const result = await this.commitOnto(update.branch, update.commit, {
        move:
          this.missing.has(update.branch) || this.pending.input(update.commit) === undefined
            ? 'create'
            : 'fast-forward',
      });
      if (!result.ok) return stale(update.branch);
      if (this.pending.input(update.commit) !== undefined) this.landed.set(update.branch, result.sha);
    }
    return { ok: true };
  }

  async ownTips(branches: readonly string[]): Promise<Map<string, string | null>> {
    const tips = new Map<string, string | null>();
    for (const branch of branches) tips.set(branch, (await refTip({ ...this.github, branch })) ?? null);
    return tips;
  }

  async pushOwn(update: OwnBranchUpdate): Promise<PushResult> {
    assertOwnBranch(update.branch);
    const result = await this.commitOnto(update.branch, update.commit, { move: { lease: update.expected } });
    return result.ok ? { ok: true } : stale(update.branch);
  }

  /**
   * Makes the pending commit `commit` (an existing commit: nothing to make) through the API and moves `branch`
   * to it as `move` says; remembers what GitHub made of it.
   */
  private async commitOnto(branch: string, commit: string, options: { move: BranchMove }) {
    const input = this.pending.input(commit);
    const parent = input?.parent ?? commit;
    // The parent was listed whole by fetchBranches: its tree and entries are not read again.
    const base = this.snapshots.get(parent);
    const result = await commitFilesViaApi({
      ...this.github,
      branch,
      parent,
      ...(base === undefined ? {} : { base }),
      files: input?.files ?? new Map(),
      message: input?.message ?? '',
      ...(input === undefined ? {} : { author: input.author, committer: input.committer }),
      move: options.move,
    });
    if (result.ok && input !== undefined) this.pending.record(commit, result.sha);
    return result;
  }

  async dispose(): Promise<void> {
    this.snapshots.clear();
    this.blobs.clear();
  }

  /** Entries of a commit fetched by fetchBranches: GitHub lists a whole tree in one call, so every scope. */
  async entries(commit: string): Promise<readonly ApiTreeEntry[]> {
    const snapshot = this.snapshots.get(commit);
    if (snapshot === undefined) throw new Error(`bug: commit ${commit} was not read through the API`);
    return snapshot.entries;
  }

  async readBlobs(_commit: string, entries: readonly ListedEntry[]): Promise<Map<string, Buffer>> {
    const shas = entries.map((entry) => entry.sha);
    const wanted = [...new Set(shas)].filter((sha) => !this.blobs.has(sha));
    const read = await readBlobsViaApi({ ...this.github, shas: wanted });
    for (const [sha, bytes] of read) this.blobs.set(sha, bytes);
    return new Map(
      shas.flatMap((sha) => (this.blobs.has(sha) ? [[sha, this.blobs.get(sha) as Buffer]] : [])),
    );
  }
}

function stale(branch: string): PushResult {
  return { ok: false, kind: 'stale', branch, message: `${branch} moved (GitHub: not a fast forward)` };
}
