// The commits a clone-free transport has planned but not made. An API makes a commit and moves its branch in
// one call (at push or pushOwn), so until then a planned commit is an id handed out here (nothing is written,
// which is what makes a dry run write nothing at all), and afterwards it is the id the forge gave it.

import type { CommitInput } from '../git/index.js';
import { pendingDiff } from './api-reader.js';

const PENDING = 'pending-';

export class PendingCommits {
  private readonly inputs = new Map<string, CommitInput>();
  /** Pending id → the commit the forge made of it. */
  private readonly made = new Map<string, string>();
  private counter = 0;

  /** An id for a commit of `input`, written nowhere yet. */
  add(input: CommitInput): string {
    const id = `${PENDING}${++this.counter}`;
    this.inputs.set(id, input);
    return id;
  }

  /** What `id` was planned as; undefined for a commit that exists already (not pending). */
  input(id: string): CommitInput | undefined {
    return this.inputs.get(id);
  }

  /** The forge made `id` as `sha`. */
  record(id: string, sha: string): void {
    this.made.set(id, sha);
  }

  /** The commit id to report: an existing commit as is, a pending one once made, else null (a dry run). */
  published(commit: string): string | null {
    if (!commit.startsWith(PENDING)) return commit;
    return this.made.get(commit) ?? null;
  }

  /** The diff a dry run shows: each file of the pending commit `to` against its bytes at `from`. */
  async diff(
    reader: { readFiles(commit: string, paths: readonly string[]): Promise<Map<string, Buffer>> },
    from: string,
    to: string,
  ): Promise<string> {
    const input = this.inputs.get(to);
    if (input === undefined) return '';
    return pendingDiff(input.files, await reader.readFiles(from, [...input.files.keys()]));
  }
}
