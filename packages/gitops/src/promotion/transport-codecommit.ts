// `--via codecommit-api`: a promotion to a CodeCommit config repo with no clone and no git. Tips come from
// GetBranch, a commit's files from GetDifferences, their bytes from GetFile (cached by blob id, so an attempt
// after a race re-reads only files that changed), and the promotion is one CreateCommit whose parentCommitId is
// the tip that was read: a branch that moved answers ParentCommitIdOutdatedException, which promote() treats
// like a stale push and re-plans on the new tip. Nothing is written before push or pushOwn, so a dry run
// writes nothing at all.

import {
  branchTipViaApi,
  type CodeCommitRepo,
  type CreateCommitResult,
  createBranchViaApi,
  createCommitViaApi,
  defaultBranchViaApi,
  listFilesViaApi,
  openCodeCommitRepo,
  parseCodeCommitRemote,
  readFilesViaApi,
} from '@slipway/codecommit';
import { SlipwayError } from '@slipway/errors';
import { redactUrlCredentials } from '@slipway/github';
import { assertOwnBranch, type BranchUpdate, type CommitInput, type PushResult } from '../git/index.js';
import { ApiReader, type ApiTreeSource, type ListedEntry } from './api-reader.js';
import { PendingCommits } from './pending-commits.js';
import type { OwnBranchUpdate, Transport } from './transport.js';

export type { CodeCommitRepo } from '@slipway/codecommit';

const SYMLINK_MODE = '120000';

/**
 * The config repo as a CodeCommit repository with an API client, for `--via codecommit-api` (`why` says so in
 * errors). Any other address is refused before anything is read.
 */
export async function codeCommitRepoOf(
  configRepo: string,
  options: { env?: Record<string, string | undefined>; why: string },
): Promise<CodeCommitRepo> {
  const remote = parseCodeCommitRemote(configRepo);
  if (remote === undefined) {
    throw new SlipwayError(
      `${options.why} needs the config repo on AWS CodeCommit, and ${redactUrlCredentials(configRepo)} is not`,
      {
        where: '--config-repo',
        fix: 'give the config repo as codecommit::<region>://<repository> (or its https://git-codecommit.<region>.amazonaws.com/v1/repos/<repository> URL), or use --via git',
      },
    );
  }
  return openCodeCommitRepo(remote, options.env ?? process.env);
}

export function openCodeCommitTransport(repo: CodeCommitRepo): Transport {
  return new CodeCommitTransport(repo);
}

class CodeCommitTransport implements Transport, ApiTreeSource {
  readonly via = 'codecommit-api' as const;
  readonly service = 'the CodeCommit API';
  readonly url: string;
  readonly reader: ApiReader;
  readonly landed = new Map<string, string>();
  /** By commit: the branch it was read as (for messages) and the scopes listed so far, with their files. */
  private readonly listings = new Map<
    string,
    { readonly branch: string; readonly scopes: Map<string, readonly ListedEntry[]> }
  >();
  private readonly blobs = new Map<string, Buffer>();
  private readonly missing = new Set<string>();
  /** Planned commits, and what CodeCommit made of them. */
  private readonly pending = new PendingCommits();

  constructor(private readonly repo: CodeCommitRepo) {
    this.url = repo.display;
    this.reader = new ApiReader(this);
  }

  async fetchBranches(branches: string[]): Promise<Map<string, string | null>> {
    const tips = new Map<string, string | null>();
    for (const branch of branches) {
      const tip = await branchTipViaApi(this.repo, branch);
      if (tip === undefined) {
        tips.set(branch, null);
        this.missing.add(branch);
        continue;
      }
      this.missing.delete(branch);
      // Listed on demand, by scope (entries): a promotion with --path lists that folder only.
      if (!this.listings.has(tip)) this.listings.set(tip, { branch, scopes: new Map() });
      tips.set(branch, tip);
    }
    return tips;
  }

  async prefetchBlobs(): Promise<number> {
    return 0;
  }

  defaultBranch(): Promise<string | undefined> {
    return defaultBranchViaApi(this.repo);
  }

  /** Nothing is written yet: the commit is made by push or pushOwn (CreateCommit). */
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
   * Moves each branch in turn: CodeCommit cannot commit to several branches atomically, so with several
   * environments one may land while another turns out stale; `landed` remembers it and the retry leaves it be.
   * A missing branch (--create-branch) is created at the commit the promotion was planned on, then committed to.
   */
  async push(updates: BranchUpdate[]): Promise<PushResult> {
    for (const update of updates) {
      const input = this.pending.input(update.commit);
      if (this.missing.has(update.branch)) {
        const created = await createBranchViaApi(this.repo, update.branch, input?.parent ?? update.commit);
        if (!created.ok) return stale(update.branch);
        this.missing.delete(update.branch);
      }
      if (input === undefined) continue;
      const result = await this.commitOnto(update.branch, update.commit, input, input.parent);
      if (!result.ok) return stale(update.branch);
      this.landed.set(update.branch, result.sha);
    }
    return { ok: true };
  }

  async ownTips(branches: readonly string[]): Promise<Map<string, string | null>> {
    const tips = new Map<string, string | null>();
    for (const branch of branches) {
      assertOwnBranch(branch);
      tips.set(branch, (await branchTipViaApi(this.repo, branch)) ?? null);
    }
    return tips;
  }

  /**
   * CodeCommit's API cannot force a branch to a commit, so Slipway's own pull-request branch moves by commits:
   * missing, it is created at the planned commit's parent (the environment branch's tip) and committed to;
   * at `expected`, the planned files are committed on top of `expected` (parentCommitId = expected, so a
   * branch that moved meanwhile is stale). The head then holds the files as planned; the pull request is
   * merged three-way, so the older commits below it change nothing that lands. Both calls are CodeCommit's own
   * compare-and-swap (CreateBranch refuses an existing branch, CreateCommit an outdated parent): the tip needs
   * no second read after ownTips.
   */
  async pushOwn(update: OwnBranchUpdate): Promise<PushResult> {
    assertOwnBranch(update.branch);
    const input = this.pending.input(update.commit);
    if (input === undefined) throw new Error(`bug: ${update.commit} is not a commit of this promotion`);
    let parent = update.expected;
    if (parent === null) {
      const created = await createBranchViaApi(this.repo, update.branch, input.parent);
      if (!created.ok) return stale(update.branch);
      parent = input.parent;
    }
    const result = await this.commitOnto(update.branch, update.commit, input, parent);
    return result.ok ? { ok: true } : stale(update.branch);
  }

  /** CreateCommit of the pending commit `id` on `parent`; remembers what CodeCommit made of it. */
  private async commitOnto(
    branch: string,
    id: string,
    input: CommitInput,
    parent: string,
  ): Promise<CreateCommitResult> {
    // The files written were read, so their scopes are listed already: this costs no call.
    const listed = await this.entries(input.parent, [...input.files.keys(), ...(input.deletions ?? [])]);
    const modes = new Map(listed.map((entry) => [entry.path, entry.mode]));
    for (const file of input.files.keys()) {
      // As in git mode: a symlink is never written through.
      if (modes.get(file) === SYMLINK_MODE) {
        throw new SlipwayError(`refusing to write ${file}: it is a symlink`, {
          where: `${this.url} (branch ${branch})`,
          fix: 'write the file it points to, or replace the link by hand',
        });
      }
    }
    const files = new Map<string, Buffer | null>(input.files);
    for (const file of input.deletions ?? []) files.set(file, null);
    const result = await createCommitViaApi(this.repo, {
      branch,
      parent,
      files,
      modes,
      message: input.message,
      author: input.author,
    });
    if (result.ok) this.pending.record(id, result.sha);
    return result;
  }

  async dispose(): Promise<void> {
    this.listings.clear();
    this.blobs.clear();
  }

  /**
   * The files of `commit` under `scopes`, each scope listed once (GetDifferences with `afterPath`; a commit's
   * listing never changes, so a retry on a tip listed before costs no call) unless a listed scope covers it.
   */
  async entries(commit: string, scopes: readonly string[]): Promise<readonly ListedEntry[]> {
    const listing = this.listings.get(commit);
    if (listing === undefined)
      throw new Error(`bug: commit ${commit} was not read through the CodeCommit API`);
    const covered = (scope: string): boolean =>
      [...listing.scopes.keys()].some(
        (done) => done === '' || scope === done || scope.startsWith(`${done}/`),
      );
    const wanted = [...new Set(scopes.map((scope) => scope.replace(/^\/+|\/+$/g, '')))];
    // The whole tree, when asked for, makes every other scope redundant.
    for (const scope of wanted.includes('') ? [''] : wanted.sort()) {
      if (covered(scope)) continue;
      const files = await listFilesViaApi(this.repo, commit, {
        branch: listing.branch,
        ...(scope === '' ? {} : { under: scope }),
      });
      listing.scopes.set(
        scope,
        files.map((file) => ({
          path: file.path,
          mode: file.mode,
          type: file.mode === '160000' ? 'commit' : 'blob',
          sha: file.blobId,
        })),
      );
    }
    const byPath = new Map<string, ListedEntry>();
    for (const entries of listing.scopes.values()) for (const entry of entries) byPath.set(entry.path, entry);
    return [...byPath.values()];
  }

  /** GetFile for each blob not read before (by id: the same bytes at another commit or path cost nothing). */
  async readBlobs(
    commit: string,
    entries: readonly ListedEntry[],
    budget?: { readonly bytes: number; readonly overBudget: (bytes: number) => Error },
  ): Promise<Map<string, Buffer>> {
    const unread = new Map<string, string>();
    for (const entry of entries) if (!this.blobs.has(entry.sha)) unread.set(entry.sha, entry.path);
    const read = await readFilesViaApi(this.repo, commit, [...unread.values()], {
      ...(budget === undefined ? {} : { budget }),
    });
    const listed = new Map(entries.map((entry) => [entry.path, entry.sha]));
    for (const [path, file] of read) {
      const expected = listed.get(path);
      if (file.blobId !== expected) {
        throw new Error(
          `CodeCommit answered blob ${file.blobId} for ${path} at ${commit}, listed as ${expected}`,
        );
      }
      this.blobs.set(file.blobId, file.bytes);
    }
    return new Map(
      entries.flatMap((entry) => {
        const bytes = this.blobs.get(entry.sha);
        return bytes === undefined ? [] : [[entry.sha, bytes]];
      }),
    );
  }
}

function stale(branch: string): PushResult {
  return {
    ok: false,
    kind: 'stale',
    branch,
    message: `${branch} moved (CodeCommit: ParentCommitIdOutdatedException)`,
  };
}
