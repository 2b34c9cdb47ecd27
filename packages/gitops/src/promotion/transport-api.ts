import { SlipwayError } from '@slipway/errors';
import {
  type TreeEntry as ApiTreeEntry,
  type BranchMove,
  commitFilesViaApi,
  defaultBranchViaApi,
  readBlobsViaApi,
  readBranch,
  refTip,
} from '@slipway/github';
import {
  assertOwnBranch,
  type BranchReader,
  type BranchUpdate,
  type CommitInput,
  type PushResult,
  type TreeEntry,
} from '../git/index.js';
import type { GitHubRepo, OwnBranchUpdate, Transport } from './transport.js';

/**
 * The API has no grep: every YAML file under the searched folder is read (one request per blob not read before,
 * 8 at a time; blobs are cached by id, so a retry reads only files that changed). These bounds keep a
 * promotion over a huge folder from turning into thousands of requests: past them, narrow `--path` or use git.
 */
export const API_SCAN_LIMITS = { files: 2_000, bytes: 64 * 1024 * 1024 } as const;

const PENDING = 'pending-';

interface PendingCommit {
  readonly input: CommitInput;
}

/**
 * A promotion through the GitHub REST API: no clone; commits GitHub signs ("Verified"). Nothing is written before
 * push or pushOwn, so a dry run writes nothing at all.
 */
export function openApiTransport(github: GitHubRepo): Transport {
  return new ApiTransport(github);
}

class ApiTransport implements Transport {
  readonly via = 'github-api' as const;
  readonly url: string;
  readonly reader: BranchReader;
  readonly landed = new Map<string, string>();
  private readonly snapshots = new Map<string, readonly ApiTreeEntry[]>();
  private readonly blobs = new Map<string, Buffer>();
  private readonly missing = new Set<string>();
  private readonly pending = new Map<string, PendingCommit>();
  /** Pending id → the commit GitHub made of it. */
  private readonly made = new Map<string, string>();
  private counter = 0;

  constructor(private readonly github: GitHubRepo) {
    this.url = `${github.client.apiUrl} (${github.owner}/${github.repo})`;
    // The planner (plan.ts, candidates.ts, pins.ts, pinned.ts) reads through url, listTree, grep, readFiles and
    // prefetchBlobs (BranchReader): ApiReader answers those.
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
      this.snapshots.set(snapshot.sha, snapshot.entries);
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
    const id = `${PENDING}${++this.counter}`;
    this.pending.set(id, { input });
    return id;
  }

  published(commit: string): string | null {
    if (!commit.startsWith(PENDING)) return commit;
    return this.made.get(commit) ?? null;
  }

  async diff(from: string, to: string): Promise<string> {
    const pending = this.pending.get(to);
    if (pending === undefined) return '';
    const paths = [...pending.input.files.keys()].sort();
    const before = await this.readFiles(from, paths);
    return paths
      .map((file) =>
        unifiedDiff(
          file,
          before.get(file)?.toString('utf8') ?? '',
          pending.input.files.get(file)?.toString('utf8') ?? '',
        ),
      )
      .join('');
  }

  /**
   * Moves each branch in turn: the REST API cannot move several refs atomically, so with several environments
   * one may land while another turns out stale; `landed` remembers it and the retry leaves it be.
   */
  async push(updates: BranchUpdate[]): Promise<PushResult> {
    for (const update of updates) {
      // Without a pending commit: a new branch at an existing commit (created from the default branch).
      const result = await this.commitOnto(update.branch, update.commit, {
        move: this.missing.has(update.branch) || !this.pending.has(update.commit) ? 'create' : 'fast-forward',
      });
      if (!result.ok) return stale(update.branch);
      if (this.pending.has(update.commit)) this.landed.set(update.branch, result.sha);
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
    const input = this.pending.get(commit)?.input;
    const result = await commitFilesViaApi({
      ...this.github,
      branch,
      parent: input?.parent ?? commit,
      files: input?.files ?? new Map(),
      message: input?.message ?? '',
      ...(input === undefined ? {} : { author: input.author, committer: input.committer }),
      move: options.move,
    });
    if (result.ok && input !== undefined) this.made.set(commit, result.sha);
    return result;
  }

  async dispose(): Promise<void> {
    this.snapshots.clear();
    this.blobs.clear();
  }

  /** Entries of a commit fetched by fetchBranches. */
  entries(commit: string): readonly ApiTreeEntry[] {
    const entries = this.snapshots.get(commit);
    if (entries === undefined) throw new Error(`bug: commit ${commit} was not read through the API`);
    return entries;
  }

  async readBlobs(shas: readonly string[]): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(shas)].filter((sha) => !this.blobs.has(sha));
    const read = await readBlobsViaApi({ ...this.github, shas: wanted });
    for (const [sha, bytes] of read) this.blobs.set(sha, bytes);
    return new Map(
      shas.flatMap((sha) => (this.blobs.has(sha) ? [[sha, this.blobs.get(sha) as Buffer]] : [])),
    );
  }

  async readFiles(commit: string, paths: readonly string[]): Promise<Map<string, Buffer>> {
    const byPath = new Map(this.entries(commit).map((entry) => [entry.path, entry]));
    const found = paths.flatMap((file) => {
      const entry = byPath.get(file);
      return entry?.type === 'blob' ? [entry] : [];
    });
    const blobs = await this.readBlobs(found.map((entry) => entry.sha));
    const files = new Map<string, Buffer>();
    for (const entry of found) {
      const bytes = blobs.get(entry.sha);
      if (bytes !== undefined) files.set(entry.path, bytes);
    }
    return files;
  }
}

function stale(branch: string): PushResult {
  return { ok: false, kind: 'stale', branch, message: `${branch} moved (GitHub: not a fast forward)` };
}

/** The ConfigRepo reads the planner uses, answered from API tree listings and blobs. */
class ApiReader {
  constructor(private readonly transport: ApiTransport) {}

  get url(): string {
    return this.transport.url;
  }

  async listTree(commit: string, under?: string): Promise<TreeEntry[]> {
    const dir = under?.replace(/\/+$/, '') ?? '';
    return this.transport
      .entries(commit)
      .filter((entry) => entry.type !== 'tree')
      .filter((entry) => dir === '' || entry.path === dir || entry.path.startsWith(`${dir}/`))
      .map((entry) => ({
        path: entry.path,
        mode: entry.mode,
        oid: entry.sha,
        type: entry.type,
        ...(entry.size === undefined ? {} : { size: entry.size }),
      }));
  }

  /**
   * What `git grep -l -F -i` answers, over the regular files the pathspecs name. Only the pathspecs
   * readCandidates passes are understood: `:(glob)<folder/>**\/*.<ext>` and `:(literal)<file>`.
   */
  async grep(commit: string, terms: string[], pathspecs: string[] = []): Promise<string[]> {
    const patterns = terms.filter((term) => term !== '').map((term) => term.toLowerCase());
    if (patterns.length === 0) return [];
    const specs = pathspecs.map(parsePathspec);
    const files = this.transport
      .entries(commit)
      .filter((entry) => entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755'))
      .filter((entry) => specs.some((spec) => spec.matches(entry.path)));
    const bytes = files.reduce((sum, entry) => sum + (entry.size ?? 0), 0);
    if (files.length > API_SCAN_LIMITS.files || bytes > API_SCAN_LIMITS.bytes) {
      const where = specs[0]?.prefix === '' ? 'the branch' : `${specs[0]?.prefix ?? 'the branch'}`;
      throw new SlipwayError(
        `too many config files to scan through the GitHub API: ${files.length} files (${Math.round(bytes / 1024 / 1024)} MiB) under ${where}; the limit is ${API_SCAN_LIMITS.files} files or ${API_SCAN_LIMITS.bytes / 1024 / 1024} MiB`,
        { where: this.url, fix: 'narrow --path to the folder of the environment, or use --via git' },
      );
    }
    const blobs = await this.transport.readBlobs(files.map((entry) => entry.sha));
    return files
      .filter((entry) => {
        const text = blobs.get(entry.sha)?.toString('latin1').toLowerCase() ?? '';
        return patterns.some((pattern) => text.includes(Buffer.from(pattern, 'utf8').toString('latin1')));
      })
      .map((entry) => entry.path);
  }

  readFiles(commit: string, paths: string[]): Promise<Map<string, Buffer>> {
    return this.transport.readFiles(commit, paths);
  }

  /** Blobs are read on demand (and cached): nothing to fetch ahead. */
  async prefetchBlobs(): Promise<number> {
    return 0;
  }
}

function parsePathspec(spec: string): { prefix: string; matches: (path: string) => boolean } {
  if (spec.startsWith(':(literal)')) {
    const file = spec.slice(':(literal)'.length);
    return { prefix: file, matches: (path) => path === file };
  }
  // `**/*.yaml` (an extension at any depth) or `**/Kustomization` (a file name at any depth).
  const match = /^:\(glob\)(.*)\*\*\/(\*\.[A-Za-z0-9]+|[A-Za-z0-9._-]+)$/.exec(spec);
  if (match === null) throw new Error(`bug: the API transport cannot read the pathspec ${spec}`);
  const prefix = match[1] ?? '';
  const last = match[2] ?? '';
  const inScope = (path: string): boolean => path.startsWith(prefix);
  if (last.startsWith('*')) {
    const suffix = last.slice(1);
    return { prefix, matches: (path) => inScope(path) && path.endsWith(suffix) };
  }
  return {
    prefix,
    matches: (path) => inScope(path) && (path === `${prefix}${last}` || path.endsWith(`/${last}`)),
  };
}

/** A unified diff of one file (3 lines of context), as `git diff` prints it, for dry runs. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const header = `diff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n`;
  const range = (start: number, count: number) =>
    count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`;
  if (a.length !== b.length) {
    const body = [...a.map((line) => `-${line}`), ...b.map((line) => `+${line}`)].join('');
    return `${header}@@ -${range(0, a.length)} +${range(0, b.length)} @@\n${body}`;
  }
  const changed = a.flatMap((line, index) => (line === b[index] ? [] : [index]));
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - 3);
    const end = Math.min(a.length, index + 4);
    const last = hunks.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = hunks.map(([start, end]) => {
    const lines: string[] = [];
    for (let index = start; index < end; index += 1) {
      const old = a[index] ?? '';
      const next = b[index] ?? '';
      if (old === next) lines.push(` ${old}`);
      else lines.push(`-${old}`, `+${next}`);
    }
    return `@@ -${range(start, end - start)} +${range(start, end - start)} @@\n${lines.join('')}`;
  });
  return `${header}${out.join('')}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/(?<=\n)/);
  const last = lines.at(-1) ?? '';
  if (!last.endsWith('\n')) lines[lines.length - 1] = `${last}\n\\ No newline at end of file\n`;
  return lines;
}
