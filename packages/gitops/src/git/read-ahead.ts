// What a later reader of the same temporary repository will ask for, brought along by the reads before it.
// A promotion reads the policy (the default branch's listing, its tip, `.slipway.yaml`) and then the
// environment branches under `--path`: five git round trips of their own when each starts from nothing. With
// the flags' branches and folders known up front, the policy's listing is the fetch of the default branch's
// commits and trees (see packet-trace.ts), which brings theirs too, and its blob fetch their files: the
// promotion's first attempt then finds them here and goes straight to its push (one fetch that lists, one
// blob fetch and one push in all). Where that fetch cannot tell what HEAD names, a listing names their tips
// and the fetch after it goes by commit id: one listing more.
//
// Tips read ahead are as old as the listing that named them, and a first attempt on a tip that moved since is
// rejected and costs a whole attempt more. So they are used only while fresh (`freshForMs`, 1 s by default):
// enough for the policy's reads on a slow link, less than the policy phase of pipelines that start together.
// Measured (bench/promote/contention.ts, 16 racers over smart HTTP, 2 cores, two rounds each): used however
// old, median 4 attempts and 40.9 / 43.3 s racing; fetched again instead, median 2–3 and 37.2 / 30.4 s.

import type { BlobScope } from './configRepo.js';
import { assertBranch, assertRepoPath } from './names.js';

/** The branches a later fetch without blobs asks for, and the folders a later blob fetch reads at their tips. */
export interface ReadAheadPlan {
  /** Per branch, the repo-relative folders (or files) whose blobs will be read at its tip. */
  readonly branches: ReadonlyMap<string, readonly string[]>;
  /** How long after their listing tips read ahead are handed over; older, they are fetched again. */
  readonly freshForMs?: number;
  /** Milliseconds from any fixed origin; injected by tests. Default `performance.now`. */
  readonly now?: () => number;
}

/** The default of {@link ReadAheadPlan.freshForMs}. */
export const READ_AHEAD_FRESH_MS = 1000;

/** A branch's tip as a listing or a fetch saw it; null: the remote has no such branch. */
export type Tip = string | null;

/**
 * The read-ahead state of one temporary repository. Each piece is used once: tips fetched along are handed to
 * the first fetch that asks for them, and a listing's tips to the fetch right after it; every later fetch goes
 * to the remote again, so a retry always sees where a branch moved.
 */
export class ReadAhead {
  /** Branch → tip from the last listing, until a fetch uses it. */
  private listed: Map<string, Tip> | undefined;
  /** When the last listing was made. */
  private listedAt = 0;
  /** When the listing that named the tips fetched along was made: they are as old as it. */
  private alongListedAt = 0;
  /** Branches brought along by a fetch and not asked for yet. */
  private readonly along = new Map<string, Tip>();
  /** Folders of branches fetched along whose blobs no blob fetch has brought yet. */
  private scopes: BlobScope[] = [];
  private fetchedAlong = false;

  constructor(private readonly plan: ReadAheadPlan = { branches: new Map() }) {
    for (const [branch, under] of plan.branches) {
      assertBranch(branch);
      for (const path of under) if (path.replace(/\/+$/, '') !== '') assertRepoPath(path.replace(/\/+$/, ''));
    }
  }

  /** What a listing of the default branch also asks for: the planned branches not listed yet. */
  listingPatterns(): string[] {
    if (this.fetchedAlong) return [];
    return [...this.plan.branches.keys()].map((branch) => `refs/heads/${branch}`);
  }

  /**
   * A fetch that makes its own listing starts: the tips it brings along (see {@link fetched}) are as old as
   * this moment, and no earlier listing is used any more.
   */
  listingStarts(): void {
    this.listed = undefined;
    this.listedAt = this.now();
  }

  /**
   * Records a listing: the default branch's name and tip (`HEAD`), and every branch it was asked for with its
   * tip or null when it is absent.
   */
  recordListing(tips: ReadonlyMap<string, Tip>): void {
    this.listed = new Map(tips);
    this.listedAt = this.now();
  }

  /**
   * For a fetch of `wanted` without blobs: the tips fetched along earlier, when every one of them was (taken:
   * the next fetch of them goes to the remote).
   */
  takeAlong(wanted: readonly string[]): Map<string, Tip> | undefined {
    if (wanted.length === 0 || !wanted.every((branch) => this.along.has(branch))) return undefined;
    if (this.now() - this.alongListedAt >= (this.plan.freshForMs ?? READ_AHEAD_FRESH_MS)) {
      this.along.clear();
      return undefined;
    }
    const tips = new Map<string, Tip>();
    for (const branch of wanted) {
      tips.set(branch, this.along.get(branch) ?? null);
      this.along.delete(branch);
    }
    return tips;
  }

  /**
   * How to fetch `wanted`: the planned branches to bring along (only into a fetch without blobs, once), and,
   * when the listing just before named every branch of the fetch, their tips, to be fetched by id (no second
   * listing). The listing is used up either way.
   */
  fetchPlan(
    wanted: readonly string[],
    withoutBlobs: boolean,
  ): { along: string[]; listed: Map<string, Tip> | undefined } {
    const listed = this.listed;
    this.listed = undefined;
    const along =
      withoutBlobs && !this.fetchedAlong
        ? [...this.plan.branches.keys()].filter((branch) => !wanted.includes(branch))
        : [];
    const all = [...wanted, ...along];
    if (listed === undefined || !all.every((branch) => listed.has(branch))) {
      // Without the tips of every branch, bring nothing along: a missing one would fail the whole fetch.
      return { along: [], listed: undefined };
    }
    return { along, listed: new Map(all.map((branch) => [branch, listed.get(branch) ?? null])) };
  }

  /** Records the tips of the branches fetched along, and the folders to fill at them. */
  fetched(along: ReadonlyMap<string, Tip>): void {
    this.fetchedAlong = true;
    this.alongListedAt = this.listedAt;
    for (const [branch, tip] of along) {
      this.along.set(branch, tip);
      const under = this.plan.branches.get(branch) ?? [];
      if (tip !== null && under.length > 0) this.scopes.push({ commit: tip, under });
    }
  }

  /** The folders of branches fetched along, for the next blob fetch (once). */
  takeScopes(): BlobScope[] {
    const scopes = this.scopes;
    this.scopes = [];
    return scopes;
  }

  private now(): number {
    return (this.plan.now ?? (() => performance.now()))();
  }
}
