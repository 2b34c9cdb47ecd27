// What the planner reads (BranchReader: listTree, grep, readFiles) answered without git, from a forge API's
// listing of a commit plus a reader of its blobs. Shared by every clone-free transport (`--via github-api`,
// `--via codecommit-api`): only how a listing and a blob are fetched differs between forges.

import { SlipwayError } from '@slipway/errors';
import type { TreeEntry } from '../git/index.js';
import { isConfigFile } from '../manifest/index.js';
import { readConfigPathspec } from './config-pathspec.js';

/**
 * An API has no grep: every config file under the searched folder is read (one request per blob not read
 * before; blobs are cached by id, so a retry reads only files that changed). These bounds keep a promotion over
 * a huge folder from turning into thousands of requests: past them, narrow `--path` or use git.
 */
export const API_SCAN_LIMITS = { files: 2_000, bytes: 64 * 1024 * 1024 } as const;

/** One entry of a commit's listing, with its full path from the root. */
export interface ListedEntry {
  readonly path: string;
  /** `100644`, `100755`, `120000` (symlink), `040000` (tree) or `160000` (submodule). */
  readonly mode: string;
  readonly type: 'blob' | 'tree' | 'commit';
  /** The git object id (the blob id for files). */
  readonly sha: string;
  /** Blob size in bytes when the listing gives it (GitHub's does, CodeCommit's does not). */
  readonly size?: number;
}

/** A forge API seen as a listing of commits and a reader of their blobs. */
export interface ApiTreeSource {
  /** The config repo, without credentials, for messages. */
  readonly url: string;
  /** `the GitHub API`, for messages. */
  readonly service: string;
  /**
   * The entries of a commit whose tip the transport's fetchBranches read, at least those under `scopes`
   * (folders or files, `''` for the whole tree): a source may list only what is asked for (CodeCommit lists by
   * path, so `--path apps/cart` costs a listing of that folder, not of the whole repository); throws for a
   * commit not read through it.
   */
  entries(commit: string, scopes: readonly string[]): Promise<readonly ListedEntry[]>;
  /**
   * The bytes of `entries` of `commit`, by blob id; each blob is read once per promotion (cached by id). A
   * source whose listing gives no sizes stops reading past `budget` (the bytes not yet read may hold) and
   * throws its `overBudget`.
   */
  readBlobs(
    commit: string,
    entries: readonly ListedEntry[],
    budget?: { readonly bytes: number; readonly overBudget: (bytes: number) => Error },
  ): Promise<Map<string, Buffer>>;
}

const REGULAR = new Set(['100644', '100755']);

/** The ConfigRepo reads the planner uses, answered from an API listing and blobs. */
export class ApiReader {
  /** Blob sizes learnt by reading them, for listings that give none. */
  private readonly sizes = new Map<string, number>();

  constructor(private readonly source: ApiTreeSource) {}

  get url(): string {
    return this.source.url;
  }

  /**
   * The files under `under`. With `sizes`, a listing that gives no sizes has the config files under `under`
   * read first (the very files grep would read next, so no request is wasted): the planner's size limits are
   * then checked against real sizes before anything is parsed.
   */
  async listTree(commit: string, under?: string, options: { sizes?: boolean } = {}): Promise<TreeEntry[]> {
    const dir = under?.replace(/\/+$/, '') ?? '';
    const listed = (await this.source.entries(commit, [dir]))
      .filter((entry) => entry.type !== 'tree')
      .filter((entry) => dir === '' || entry.path === dir || entry.path.startsWith(`${dir}/`));
    if (options.sizes === true) {
      const unsized = listed.filter(
        (entry) =>
          entry.size === undefined &&
          REGULAR.has(entry.mode) &&
          (entry.path === dir || isConfigFile(entry.path)) &&
          !this.sizes.has(entry.sha),
      );
      if (unsized.length > 0) await this.read(commit, unsized, dir);
    }
    return listed.map((entry) => {
      const size = entry.size ?? this.sizes.get(entry.sha);
      return {
        path: entry.path,
        mode: entry.mode,
        oid: entry.sha,
        type: entry.type,
        ...(size === undefined ? {} : { size }),
      };
    });
  }

  /**
   * What `git grep -l -F -i` answers, over the regular files the pathspecs name. Only the pathspecs
   * readCandidates passes are understood: `:(glob)<folder/>**\/*.<ext>` and `:(literal)<file>`.
   */
  async grep(commit: string, terms: string[], pathspecs: string[] = []): Promise<string[]> {
    const patterns = terms.filter((term) => term !== '').map((term) => term.toLowerCase());
    if (patterns.length === 0) return [];
    const specs = pathspecs.map((spec) => {
      const read = readConfigPathspec(spec);
      if (read === undefined) throw new Error(`bug: the API transport cannot read the pathspec ${spec}`);
      return read;
    });
    const files = (
      await this.source.entries(
        commit,
        specs.map((spec) => spec.prefix.replace(/\/+$/, '')),
      )
    )
      .filter((entry) => entry.type === 'blob' && REGULAR.has(entry.mode))
      .filter((entry) => specs.some((spec) => spec.matches(entry.path)));
    const where = specs[0]?.prefix === '' ? 'the branch' : `${specs[0]?.prefix ?? 'the branch'}`;
    const blobs = await this.read(commit, files, where);
    return files
      .filter((entry) => {
        const text = blobs.get(entry.sha)?.toString('latin1').toLowerCase() ?? '';
        return patterns.some((pattern) => text.includes(Buffer.from(pattern, 'utf8').toString('latin1')));
      })
      .map((entry) => entry.path);
  }

  /** The blobs at `paths` of `commit` (symlinks included: their bytes are the target; nothing is followed). */
  async readFiles(commit: string, paths: readonly string[]): Promise<Map<string, Buffer>> {
    const byPath = new Map((await this.source.entries(commit, paths)).map((entry) => [entry.path, entry]));
    const found = paths.flatMap((file) => {
      const entry = byPath.get(file);
      return entry?.type === 'blob' ? [entry] : [];
    });
    const blobs = await this.source.readBlobs(commit, found);
    const files = new Map<string, Buffer>();
    for (const entry of found) {
      const bytes = blobs.get(entry.sha);
      if (bytes !== undefined) files.set(entry.path, bytes);
    }
    return files;
  }

  /** Blobs are read on demand (and cached): nothing to fetch ahead. */
  async prefetchBlobs(): Promise<number> {
    return 0;
  }

  /** Reads `entries` within API_SCAN_LIMITS (sizes the listing gives are checked before any request). */
  private async read(
    commit: string,
    entries: readonly ListedEntry[],
    where: string,
  ): Promise<Map<string, Buffer>> {
    const known = entries.reduce((sum, entry) => sum + (entry.size ?? this.sizes.get(entry.sha) ?? 0), 0);
    if (entries.length > API_SCAN_LIMITS.files || known > API_SCAN_LIMITS.bytes) {
      throw this.tooMany(entries.length, known, where);
    }
    // A listing without sizes is bounded as the bytes arrive: the source stops reading past the budget.
    const blobs = await this.source.readBlobs(commit, entries, {
      bytes: API_SCAN_LIMITS.bytes - known,
      overBudget: (read) => this.tooMany(entries.length, known + read, where),
    });
    for (const [sha, content] of blobs) this.sizes.set(sha, content.length);
    return blobs;
  }

  private tooMany(files: number, bytes: number, where: string): SlipwayError {
    return new SlipwayError(
      `too many config files to scan through ${this.source.service}: ${files} files (${Math.round(bytes / 1024 / 1024)} MiB) under ${where || 'the branch'}; the limit is ${API_SCAN_LIMITS.files} files or ${API_SCAN_LIMITS.bytes / 1024 / 1024} MiB`,
      { where: this.url, fix: 'narrow --path to the folder of the environment, or use --via git' },
    );
  }
}

/** The diff a dry run shows for a pending commit: each written file against `before` (its bytes at the parent). */
export function pendingDiff(
  files: ReadonlyMap<string, Buffer | null>,
  before: ReadonlyMap<string, Buffer>,
): string {
  return [...files.keys()]
    .sort()
    .map((file) =>
      unifiedDiff(file, before.get(file)?.toString('utf8') ?? '', files.get(file)?.toString('utf8') ?? ''),
    )
    .join('');
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
