import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { looksLikeCodeCommit } from '@slipway/codecommit/remote';
import { SlipwayError } from '@slipway/errors';
import { onCancel } from '@slipway/process';
import { GitError } from './errors.js';
import { commitStream, FAST_IMPORT_ARGS } from './fast-import.js';
import { blobId, handOverRevisions, MAX_HANDOFF_BYTES, registerShallow } from './handoff.js';
import {
  assertBranch,
  assertObjectId,
  assertRepoPath,
  assertRevision,
  isFullObjectId,
  isValidBranchName,
} from './names.js';
import { listingFromPacketTrace, takePacketTrace } from './packet-trace.js';
import { classifyPush, type PushResult } from './push.js';
import { ReadAhead, type ReadAheadPlan, type Tip } from './read-ahead.js';
import { redactor, secretForms } from './redact.js';
import { allowsHttp, type GitAuth, resolveRemote } from './remote.js';
import { cleanEnvironment, GitRunner, gitTimeoutMs, withConfig } from './run.js';

/** One entry of a tree listing. `mode` 120000 is a symlink (its blob is the link target); 160000 a submodule. */
export interface TreeEntry {
  path: string;
  mode: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
  /** A blob's size in bytes, known before it is read (absent for trees and submodules). */
  size?: number;
}

export interface BranchUpdate {
  branch: string;
  commit: string;
}

export interface Identity {
  name: string;
  email: string;
}

export interface CommitInput {
  parent: string;
  /** Files to write (created or replaced); everything else is kept from the parent. */
  files: Map<string, Buffer>;
  /** Paths to remove (optional extension). */
  deletions?: string[];
  message: string;
  author: Identity;
  committer: Identity;
}

export interface OpenOptions {
  /** Where the temp directory goes (default: the OS temp dir). */
  tmpRoot?: string;
  /** Called with the argv of every git command before it runs (argv never carries secrets). */
  onCommand?: (argv: string[]) => void;
  /** Kill any git command after this long (default: SLIPWAY_GIT_TIMEOUT seconds, else 10 minutes). */
  timeoutMs?: number;
  /** Accept `http://` to any host (default: SLIPWAY_ALLOW_HTTP; loopback hosts always). */
  allowHttp?: boolean;
  /** The git executable (default `git` from PATH). */
  git?: string;
}

/** What fetchBranches downloads. */
export interface FetchOptions {
  /**
   * `all` (default): the tips' whole trees, every blob. `none`: commits and trees only
   * (`--filter=blob:none`), and the temp repo becomes a partial clone of the remote: call prefetchBlobs for
   * the folders you will read, and read nothing else. A server without filter support sends everything.
   * `new`: over an earlier fetch, the blobs this repository does not hold through it, and no others: after a
   * fetch of commits and trees, the blobs of what changed since those tips (a retry on a branch that moved
   * needs exactly those, in the same fetch). Without an earlier fetch of the branch it is `all`. Right after
   * takeOver, the fetch of the branches taken over brings no blobs but those in their packs, whatever this says.
   */
  blobs?: 'all' | 'none' | 'new';
}

/** Folders (or files) of one commit whose blobs prefetchBlobs fetches. */
export interface BlobScope {
  commit: string;
  /** Repo-relative paths; `''` is the whole tree. */
  under: readonly string[];
}

/** One commit as `ConfigRepo.log` reads it. */
export interface LogEntry {
  readonly commit: string;
  readonly parents: readonly string[];
  readonly author: Identity;
  /** ISO 8601 (strict), with the offset it was written in. */
  readonly authorDate: string;
  readonly committer: Identity;
  readonly committerDate: string;
  /** The raw message (subject, body, trailers). */
  readonly message: string;
}

/**
 * Every push: machine-readable, no local hooks or submodules, and no thin pack: a thin pack deltas the new
 * files against the remote's copies, which in a partial clone are missing. A promotion sends a commit, a few
 * trees and a few small files, so the pack is as small either way.
 */
const PUSH_OPTIONS = ['--porcelain', '--no-verify', '--no-recurse-submodules', '--no-thin'];
/** The bare repository inside the temp directory. */
const GIT_DIR_NAME = 'repo.git';
/** A path in the temp directory that is never created: the GIT_DIR of a command that needs no repository. */
const NO_GIT_DIR_NAME = 'no-repository';
/** Where the fetched branch tips live in the temp repo. */
const TRACKING_PREFIX = 'refs/slipway/';
/** Where the fetch that lists HEAD (fetchWithListing) keeps its tip, before its branch is known. */
const LISTED_HEAD_REF = 'refs/slipway-head/HEAD';
/** The packet trace of that fetch, in the temp directory, removed once read. */
const PACKET_TRACE_NAME = 'listing.trace';
/** Where `fetchRevisions` keeps what it fetched. */
const REVISION_PREFIX = 'refs/slipway-rev/';
/** Where `log` keeps what it fetched (deeper than the tips, commits only). */
const LOG_PREFIX = 'refs/slipway-log/';
/** Where the commits this repository makes are kept (one scratch ref each), outside the fetched branches. */
const SCRATCH_PREFIX = 'refs/slipway-made/';

/**
 * The remote a partial clone fetches missing objects from. It is configured through the environment
 * (`GIT_CONFIG_*`), like the credential header, so every command (and the fetches git starts by itself for
 * missing objects) sees it and nothing is written to the temp repo's config.
 */
const PROMISOR_REMOTE = 'slipway';

const CODECOMMIT_REFUSAL_FIX =
  "check the IAM permission of the AWS identity: it needs codecommit:GitPush on the repository for this branch (Slipway's promote-git policy allows refs/heads/env/* only), or use pull-request mode";

const ENTRY_TYPES = new Set(['blob', 'tree', 'commit']);

/** What git says when the server will not send an object asked for by id, or lacks a ref. */
const NOT_SENT_BY_ID = /couldn't find remote ref|not our ref|unadvertised object/i;

/**
 * One temporary bare repository that talks to one config repository: shallow fetches of branches, reads
 * without a checkout, commits through a temporary index, pushes that never force. The token only ever travels
 * in the environment of network commands, as an `http.<origin>/.extraHeader` scoped to the remote's origin.
 * Always `dispose()` it (try/finally or `await using`).
 */
export class ConfigRepo {
  /** The remote URL without credentials (local paths made absolute). */
  readonly url: string;
  /** The temp directory holding the bare repo; removed by dispose(). */
  readonly tempDir: string;
  private readonly git: GitRunner;
  private disposed = false;
  private commitCounter = 0;
  private partial = false;
  private ahead = new ReadAhead();
  /** The default branch's listing started by listAhead(), until headBranch() takes it. */
  private listing: Promise<string | undefined> | undefined;
  /** Per commit this repository made, the blobs it wrote (what handOver packs besides the trees). */
  private readonly written = new Map<string, readonly string[]>();
  /** Branch → commit taken over from another promotion (takeOver), for the next fetch of exactly them. */
  private handed = new Map<string, string>();

  private constructor(
    url: string,
    tempDir: string,
    git: GitRunner,
    private readonly removeOnCancel: () => void,
  ) {
    this.url = url;
    this.tempDir = tempDir;
    this.git = git;
  }

  /**
   * Opens a temp directory for `url`. Nothing is run yet: the bare repository in it is created (`git init`) by
   * the first command that needs it, or beside the first listing of the default branch, which needs none.
   */
  static async open(url: string, auth: GitAuth = {}, options: OpenOptions = {}): Promise<ConfigRepo> {
    // A CodeCommit address gets its HTTPS URL and a SigV4 git credential from the AWS credential chain; from
    // here on it is sent exactly as a token is (the AWS secret key itself never reaches git).
    const codecommit = looksLikeCodeCommit(url)
      ? await (await import('@slipway/codecommit')).codeCommitGitAccess(url)
      : undefined;
    // Both refuse before anything is created or run: a URL git may not use, a timeout that makes no sense.
    const remote = resolveRemote(
      codecommit?.url ?? url,
      codecommit === undefined ? auth : { username: codecommit.username, token: codecommit.password },
      { allowHttp: options.allowHttp ?? allowsHttp() },
    );
    if (codecommit !== undefined) remote.secrets.push(...codecommit.secrets);
    const timeoutMs = options.timeoutMs ?? gitTimeoutMs();
    // Grows with each fresh CodeCommit signature, so every credential ever sent stays masked.
    let masked = redactor(remote.secrets);
    const redact = (text: string) => masked(text);
    // Two system calls: synchronous, so node:fs/promises (which brings readline and the fs watchers along)
    // loads after a promotion's first request, with the first read or removal (files()).
    const tempDir = mkdtempSync(path.join(options.tmpRoot ?? os.tmpdir(), 'slipway-'));
    // A cancelled run (SIGTERM, Ctrl-C) removes the temp repo; dispose() unregisters this.
    let git: GitRunner | undefined;
    let repo: ConfigRepo | undefined;
    const removeOnCancel = onCancel(async () => {
      if (repo !== undefined) return repo.dispose();
      await git?.killAll();
      await files().rm(tempDir, { recursive: true, force: true });
    });
    try {
      const gitDir = path.join(tempDir, GIT_DIR_NAME);
      const hooksDir = path.join(tempDir, 'no-hooks');
      mkdirSync(hooksDir);
      const base = cleanEnvironment();
      const common: [string, string][] = [
        ['core.hooksPath', hooksDir],
        ['gc.auto', '0'],
        ['maintenance.auto', 'false'],
        ['fetch.writeCommitGraph', 'false'],
        // The remote's own transport only, for every command (a lazy fetch of a partial clone too): an
        // `insteadOf` rewrite, a redirect or a submodule URL cannot take git anywhere else (ext::, fd::, an
        // https remote redirected to http).
        ['protocol.allow', 'never'],
        [`protocol.${remote.protocol}.allow`, 'always'],
        ['core.askPass', ''],
      ];
      const network: [string, string][] = [...common];
      if (remote.basic !== undefined && remote.httpOrigin !== undefined) {
        const pair = `${remote.basic.username}:${remote.basic.token}`;
        const header = `Authorization: Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
        // No helper may answer for (or store) credentials: the token is the only credential.
        network.push(['credential.helper', '']);
        // An empty value resets extra headers from other config; then ours, for this origin only.
        network.push([`http.${remote.httpOrigin}.extraHeader`, '']);
        network.push([`http.${remote.httpOrigin}.extraHeader`, header]);
      }
      const localEnv = withConfig({ ...base, GIT_DIR: gitDir }, common);
      const networkEnv = withConfig({ ...base, GIT_DIR: gitDir }, network);
      git = new GitRunner({
        cwd: tempDir,
        localEnv,
        networkEnv,
        redact,
        where: remote.url,
        onCommand: options.onCommand,
        timeoutMs,
        git: options.git ?? 'git',
        create: {
          args: ['init', '--bare', '--quiet', '--template=', '--initial-branch=slipway', gitDir],
          action: 'creating the temporary repository',
        },
        noRepository: path.join(tempDir, NO_GIT_DIR_NAME),
        credential: codecommit !== undefined ? 'aws' : remote.basic !== undefined ? 'token' : 'none',
        // A SigV4 git credential is accepted only within minutes of its timestamp, and a promotion with
        // retries (or a slow fetch) outlives that: each command that talks to CodeCommit signs anew.
        freshCredential:
          codecommit === undefined || remote.httpOrigin === undefined
            ? undefined
            : async () => {
                const fresh = await codecommit.fresh();
                remote.secrets.push(...fresh.secrets, ...secretForms(fresh.username, fresh.password));
                masked = redactor(remote.secrets);
                const pair = `${fresh.username}:${fresh.password}`;
                const key = `http.${remote.httpOrigin}.extraHeader`;
                return [
                  [key, ''],
                  [key, `Authorization: Basic ${Buffer.from(pair, 'utf8').toString('base64')}`],
                ];
              },
      });
      repo = new ConfigRepo(remote.url, tempDir, git, removeOnCancel);
      return repo;
    } catch (error) {
      removeOnCancel();
      await git?.killAll();
      await files().rm(tempDir, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Names what a later reader of this repository will ask for (see read-ahead.ts): the listing of the default
   * branch names these branches' tips too, the next fetch without blobs brings their commits and trees, and
   * the blob fetch after it their files under the given folders. Call it before anything is read.
   */
  planReads(plan: ReadAheadPlan): void {
    this.ahead = new ReadAhead(plan);
  }

  /**
   * Tips learned elsewhere than from the remote (another promotion on this machine that just pushed them): the
   * next fetch of exactly these branches asks for them by commit id, without git's own listing. A tip that
   * moved since is refused as stale by the push, as any.
   */
  noteTips(tips: ReadonlyMap<string, string>): void {
    this.assertOpen();
    for (const [branch, commit] of tips) {
      assertBranch(branch);
      assertObjectId(commit);
    }
    this.ahead.recordListing(tips);
  }

  /**
   * Starts the listing of the default branch now (with the branches planReads named: call that first); the
   * next headBranch() or defaultBranch() takes its answer. For a caller with other work to do while the
   * listing is on the wire: a promotion loads most of its code then. Resolves once the listing's git process
   * runs (or the listing ended first): code loaded before that would hold up its start, which may wait for
   * `git init` (see fetchWithListing). Its failure is headBranch()'s.
   */
  listAhead(): Promise<void> {
    this.assertOpen();
    let started = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    this.listing ??= this.listDefaultBranch(started);
    // Handled here, so a listing nobody takes (a run that failed first) is no unhandled rejection.
    this.listing.then(started, started);
    return running;
  }

  /**
   * Whether the temp repo is a partial clone (something was fetched with `blobs: 'none'`): blobs outside the
   * prefetched folders may be missing, and reading one would make git fetch it.
   */
  get isPartial(): boolean {
    return this.partial;
  }

  /**
   * Fetches the tips of `branches` (depth 1, one fetch for all). Returns branch → commit id, or null for a
   * branch the remote does not have. With `blobs: 'none'`, only commits and trees come (see FetchOptions).
   * Fetching every blob after a fetch without blobs refetches the tips in full (`--refetch`): git would
   * otherwise take the commits it already has for complete.
   */
  async fetchBranches(branches: string[], options: FetchOptions = {}): Promise<Map<string, string | null>> {
    this.assertOpen();
    const wanted = [...new Set(branches)];
    wanted.forEach(assertBranch);
    const result = new Map<string, string | null>(wanted.map((branch) => [branch, null]));
    if (wanted.length === 0) return result;

    const handed = this.handed;
    this.handed = new Map();
    if (wanted.every((branch) => handed.has(branch))) {
      for (const branch of wanted) result.set(branch, handed.get(branch) ?? null);
      return result;
    }
    const withoutBlobs = options.blobs === 'none';
    const along = withoutBlobs ? this.ahead.takeAlong(wanted) : undefined;
    if (along !== undefined) return along;
    // In a partial clone without `--refetch`, git negotiates from the tips it has, so the server sends what
    // changed since then, blobs included, and nothing it sent before (nor the blobs it left out then).
    const newBlobs = options.blobs === 'new' && this.partial;
    if (withoutBlobs) this.becomePartial();
    let filter: string[] = [];
    if (withoutBlobs) filter = ['--filter=blob:none'];
    else if (newBlobs) filter = ['--no-filter'];
    else if (this.partial) filter = ['--no-filter', '--refetch'];
    // A filter can only be used with the promisor remote (the URL is the same), and what completes a partial
    // clone must come from it too, to be taken for the rest of what the clone leaves out.
    const remote = withoutBlobs || newBlobs ? PROMISOR_REMOTE : this.url;
    const fetchRefspecs = (refspecs: string[], action: string) =>
      this.git.spawn(
        [
          'fetch',
          '--depth=1',
          ...filter,
          '--no-tags',
          '--no-write-fetch-head',
          '--no-recurse-submodules',
          '--quiet',
          remote,
          ...refspecs,
        ],
        { network: true, action },
      );
    const fetch = (list: string[]) =>
      fetchRefspecs(
        list.map((branch) => `+refs/heads/${branch}:${TRACKING_PREFIX}${branch}`),
        `fetching ${list.join(', ')}`,
      );

    // Right after a listing that named every branch: by commit id, so git skips a listing of its own (one
    // round trip less); a branch listed as absent is not fetched. A server that will not send a commit by id
    // (protocol v0, for a tip that moved since the listing) is asked by name below.
    const plan = this.ahead.fetchPlan(wanted, withoutBlobs);
    if (plan.listed !== undefined) {
      const listed = plan.listed;
      const present = [...listed].filter((entry): entry is [string, string] => entry[1] !== null);
      for (const [, commit] of present) assertObjectId(commit);
      const byId =
        present.length === 0
          ? undefined
          : await fetchRefspecs(
              present.map(([branch, commit]) => `+${commit}:${TRACKING_PREFIX}${branch}`),
              `fetching ${present.map(([branch]) => branch).join(', ')}`,
            );
      if (byId !== undefined && byId.code !== 0 && !NOT_SENT_BY_ID.test(byId.stderr)) {
        throw this.git.failure(['fetch'], byId, `fetching ${present.map(([branch]) => branch).join(', ')}`);
      }
      if (byId === undefined || byId.code === 0) {
        this.ahead.fetched(new Map(plan.along.map((branch) => [branch, listed.get(branch) ?? null])));
        for (const branch of wanted) result.set(branch, listed.get(branch) ?? null);
        return result;
      }
    }

    let present = wanted;
    let fetched = await fetch(present);
    if (fetched.code !== 0 && /couldn't find remote ref/i.test(fetched.stderr)) {
      // Some branch is missing: ask which ones exist (one round trip), then fetch those.
      const tips = await this.lsRemote(wanted.map((branch) => `refs/heads/${branch}`));
      present = wanted.filter((branch) => tips.has(`refs/heads/${branch}`));
      if (present.length === 0) return result;
      fetched = await fetch(present);
    }
    if (fetched.code !== 0) {
      throw this.git.failure(['fetch'], fetched, `fetching ${present.join(', ')}`);
    }

    for (const [branch, commit] of await this.trackedTips(present)) result.set(branch, commit);
    return result;
  }

  /**
   * Where the fetch left `branches`. A fetch into this fresh repository writes each ref as a loose file, which
   * is read directly: a retry under contention fetches on every attempt, and a `for-each-ref` would cost a
   * process each time. Any other ref storage (packed refs, reftable from the user's git config) is asked
   * through git.
   */
  private async trackedTips(branches: readonly string[]): Promise<Map<string, string>> {
    const refs = await this.localTips(branches.map((branch) => `${TRACKING_PREFIX}${branch}`));
    const tips = new Map<string, string>();
    for (const [ref, commit] of refs) tips.set(ref.slice(TRACKING_PREFIX.length), commit);
    return tips;
  }

  /** Ref name → commit for the given refs of this repository (those it has), loose files first (trackedTips). */
  private async localTips(refs: readonly string[]): Promise<Map<string, string>> {
    const tips = new Map<string, string>();
    for (const ref of refs) {
      const loose = await files()
        .readFile(path.join(this.tempDir, GIT_DIR_NAME, ...ref.split('/')), 'utf8')
        .catch(() => '');
      const commit = loose.trim();
      if (!isFullObjectId(commit)) break;
      tips.set(ref, commit);
    }
    if (tips.size === refs.length) return tips;
    tips.clear();
    const listed = await this.git.run(['for-each-ref', '--format=%(objectname) %(refname)', ...refs], {
      action: 'reading fetched branches',
    });
    for (const line of listed.stdout.toString('utf8').split('\n')) {
      const space = line.indexOf(' ');
      if (space === -1) continue;
      tips.set(line.slice(space + 1), line.slice(0, space));
    }
    return tips;
  }

  /**
   * Fetches the commits `revisions` name on the remote (depth 1, one fetch for all): each a full commit id or
   * a ref as the remote spells it (`env/dev`, `HEAD`, `origin/env/dev` in a clone, `refs/pull/1/head`).
   * Returns revision → commit id, or null for one the remote does not have.
   */
  async fetchRevisions(revisions: readonly string[]): Promise<Map<string, string | null>> {
    this.assertOpen();
    const wanted = [...new Set(revisions)];
    for (const revision of wanted) assertRevision(revision);
    const result = new Map<string, string | null>(wanted.map((revision) => [revision, null]));
    if (wanted.length === 0) return result;
    const refOf = (index: number) => `${REVISION_PREFIX}${index}`;
    const fetch = (list: readonly string[]) =>
      this.git.spawn(
        [
          'fetch',
          '--depth=1',
          ...(this.partial ? ['--no-filter', '--refetch'] : []),
          '--no-tags',
          '--no-write-fetch-head',
          '--no-recurse-submodules',
          '--quiet',
          this.url,
          ...list.map((revision) => `+${revision}:${refOf(wanted.indexOf(revision))}`),
        ],
        { network: true, action: `fetching ${list.join(', ')}` },
      );
    let present: readonly string[] = wanted;
    const fetched = await fetch(present);
    if (fetched.code !== 0) {
      if (!NOT_SENT_BY_ID.test(fetched.stderr))
        throw this.git.failure(['fetch'], fetched, `fetching ${present.join(', ')}`);
      // Some revision is missing: fetch each alone, so the others still come and any other failure shows.
      const found: string[] = [];
      for (const revision of wanted) {
        const alone = wanted.length === 1 ? fetched : await fetch([revision]);
        if (alone.code === 0) found.push(revision);
        else if (!NOT_SENT_BY_ID.test(alone.stderr))
          throw this.git.failure(['fetch'], alone, `fetching ${revision}`);
      }
      present = found;
      if (present.length === 0) return result;
    }
    const refs = await this.git.run(
      [
        'for-each-ref',
        '--format=%(objectname) %(refname)',
        ...present.map((revision) => refOf(wanted.indexOf(revision))),
      ],
      { action: 'reading fetched revisions' },
    );
    for (const line of refs.stdout.toString('utf8').split('\n')) {
      const space = line.indexOf(' ');
      if (space === -1) continue;
      const revision = wanted[Number(line.slice(space + 1 + REVISION_PREFIX.length))];
      if (revision !== undefined) result.set(revision, line.slice(0, space));
    }
    return result;
  }

  /**
   * Fetches, in one request, every blob under `scope.under` at `scope.commit` that is not here yet (after a
   * fetch with `blobs: 'none'`; symlinks included, submodules not). Returns how many were fetched: 0 when
   * nothing was missing (a full fetch, or a server that ignored the filter). Throws a GitError when the server
   * refuses to send them (a protocol v0 server without `uploadpack.allowAnySHA1InWant`, say) or sent fewer:
   * fetch the branches with every blob then.
   */
  async prefetchBlobs(scopes: readonly BlobScope[]): Promise<number> {
    this.assertOpen();
    const byCommit = new Map<string, Set<string>>();
    for (const scope of scopes) {
      assertObjectId(scope.commit);
      const dirs = byCommit.get(scope.commit) ?? new Set<string>();
      for (const under of scope.under) {
        const dir = under.replace(/\/+$/, '');
        if (dir !== '') assertRepoPath(dir);
        dirs.add(dir);
      }
      byCommit.set(scope.commit, dirs);
    }
    // The folders of branches fetched along (see planReads) come in the same request.
    for (const scope of this.ahead.takeScopes()) {
      const dirs = byCommit.get(scope.commit) ?? new Set<string>();
      for (const under of scope.under) dirs.add(under.replace(/\/+$/, ''));
      byCommit.set(scope.commit, dirs);
    }
    if (!this.partial) return 0;
    const missing = await this.missingBlobs(byCommit);
    if (missing.length === 0) return 0;
    // What git itself runs to fetch missing objects of a partial clone, for all of them at once.
    const args = [
      '-c',
      'fetch.negotiationAlgorithm=noop',
      'fetch',
      PROMISOR_REMOTE,
      '--no-tags',
      '--no-write-fetch-head',
      '--recurse-submodules=no',
      '--filter=blob:none',
      '--quiet',
      '--stdin',
    ];
    const action = `fetching ${missing.length} file${missing.length === 1 ? '' : 's'}`;
    const fetched = await this.git.spawn(args, { network: true, input: `${missing.join('\n')}\n`, action });
    if (fetched.code !== 0) throw this.git.failure(args, fetched, action);
    const still = await this.missingBlobs(byCommit);
    if (still.length > 0) {
      throw new GitError(`${action} failed (the server sent ${missing.length - still.length})`, {
        command: ['git', ...args],
        exitCode: fetched.code,
        stderr: fetched.stderr,
        reason: 'other',
        where: this.url,
      });
    }
    return missing.length;
  }

  /** The remote's default branch (what its HEAD points to). */
  async defaultBranch(): Promise<string> {
    const head = await this.headBranch();
    if (head === undefined) {
      throw new SlipwayError('cannot tell the default branch of the config repository', {
        where: this.url,
        fix: 'name the branch explicitly',
      });
    }
    return head;
  }

  /** What the remote's HEAD points to; undefined when it names no existing branch (git then shows no HEAD). */
  async headBranch(): Promise<string | undefined> {
    this.assertOpen();
    const listing = this.listing ?? this.listDefaultBranch();
    this.listing = undefined;
    return listing;
  }

  /**
   * What HEAD names, and its tip. With reads planned (planReads), the fetch of the default branch's commits and
   * trees lists it, with the planned branches (fetchWithListing); otherwise, or when that cannot tell,
   * `ls-remote --symref <url> HEAD`, which needs no repository, so it starts at once, and the temporary
   * repository is created while it is on the wire.
   */
  private async listDefaultBranch(started?: () => void): Promise<string | undefined> {
    // The branches planned for a later read are listed in the same request (see planReads).
    const planned = this.ahead.listingPatterns();
    if (planned.length > 0) {
      const listed = await this.fetchWithListing(planned, started);
      if (listed !== undefined) return listed;
    }
    const args = ['ls-remote', '--symref', this.url, 'HEAD', ...planned];
    const listed = this.git.run(args, {
      network: true,
      repository: false,
      action: 'reading the default branch',
      started,
    });
    // The next command needs the repository; a failure to create it is that command's.
    this.git.createRepository().catch(() => {});
    const out = await listed;
    const text = out.stdout.toString('utf8');
    const head = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(text)?.[1];
    const tips = new Map<string, Tip>(planned.map((ref) => [ref.slice('refs/heads/'.length), null]));
    for (const line of text.split('\n')) {
      const [oid = '', ref] = line.split('\t');
      if (!isFullObjectId(oid)) continue;
      const branch = ref === 'HEAD' ? head : ref?.startsWith('refs/heads/') ? ref.slice(11) : undefined;
      if (branch !== undefined && (ref === 'HEAD' || tips.has(branch))) tips.set(branch, oid);
    }
    this.ahead.recordListing(tips);
    return head;
  }

  /**
   * One fetch, without blobs, of HEAD and the planned branches (`refs/heads/...` in `planned`), by name: its own
   * listing of the remote says what HEAD names, read from its packet trace (see packet-trace.ts). Every branch
   * it brings is handed to the next fetch without blobs (ReadAhead.fetched), so the policy's read of the
   * default branch runs nothing more. A fetch that fails on a missing branch still listed the remote: its
   * trace says which branches exist, and the next fetch goes by commit id (ReadAhead.recordListing).
   * Undefined when it cannot tell: HEAD missing or naming no branch, a trace it cannot read or that
   * contradicts the fetch. What it fetched stays here.
   */
  private async fetchWithListing(
    planned: readonly string[],
    started?: () => void,
  ): Promise<string | undefined> {
    const branches = planned.map((ref) => ref.slice('refs/heads/'.length));
    branches.forEach(assertBranch);
    this.becomePartial();
    this.ahead.listingStarts();
    const trace = path.join(path.resolve(this.tempDir), PACKET_TRACE_NAME);
    const args = [
      'fetch',
      '--depth=1',
      '--filter=blob:none',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-recurse-submodules',
      '--quiet',
      PROMISOR_REMOTE,
      `+HEAD:${LISTED_HEAD_REF}`,
      ...branches.map((branch) => `+refs/heads/${branch}:${TRACKING_PREFIX}${branch}`),
    ];
    const action = 'reading the default branch';
    const fetched = await this.git.spawn(args, {
      network: true,
      env: { GIT_TRACE_PACKET: trace },
      action,
      started,
    });
    const listing = listingFromPacketTrace(await takePacketTrace(trace));
    const head = listing?.head;
    if (fetched.code !== 0) {
      if (!/couldn't find remote ref/i.test(fetched.stderr)) throw this.git.failure(args, fetched, action);
      // A branch is missing, and the listing the fetch made says which: the next fetch goes by commit id.
      if (listing === undefined || head === undefined) return undefined;
      const tips = new Map<string, Tip>(
        branches.map((branch) => [branch, listing.branches.get(branch) ?? null]),
      );
      if (![...tips.values()].includes(null)) return undefined; // the listing contradicts the failure
      tips.set(head.branch, head.commit);
      this.ahead.recordListing(tips);
      return head.branch;
    }
    const tips = await this.localTips([
      LISTED_HEAD_REF,
      ...branches.map((branch) => `${TRACKING_PREFIX}${branch}`),
    ]);
    if (head === undefined || tips.get(LISTED_HEAD_REF) !== head.commit) return undefined;
    const along = new Map<string, Tip>([[head.branch, head.commit]]);
    for (const branch of branches) {
      const tip = tips.get(`${TRACKING_PREFIX}${branch}`);
      if (tip === undefined) return undefined;
      along.set(branch, tip);
    }
    this.ahead.fetched(along);
    return head.branch;
  }

  /** The names of the remote's branches. */
  async branches(): Promise<string[]> {
    this.assertOpen();
    const tips = await this.lsRemote(['refs/heads/*']);
    return [...tips.keys()].map((ref) => ref.replace(/^refs\/heads\//, ''));
  }

  /**
   * Every file (blob, symlink, submodule) under `under` (default: the whole tree) at `commit`. With `sizes`,
   * each blob's size too (`ls-tree -l`): in a partial clone git fetches every missing blob to tell it, so ask
   * only for folders whose blobs were prefetched.
   */
  async listTree(commit: string, under?: string, options: { sizes?: boolean } = {}): Promise<TreeEntry[]> {
    this.assertOpen();
    assertObjectId(commit);
    const args = ['ls-tree', '-r', '-z', ...(options.sizes === true ? ['-l'] : []), '--full-tree', commit];
    if (under !== undefined && under.replace(/\/+$/, '') !== '') {
      const dir = under.replace(/\/+$/, '');
      assertRepoPath(dir);
      args.push('--', dir);
    }
    const out = await this.git.run(args, { action: `listing files at ${commit}` });
    return parseLsTree(out.stdout);
  }

  /** Paths (among `pathspecs`, default all) whose content contains any of `terms` (fixed strings, any case). */
  async grep(commit: string, terms: string[], pathspecs: string[] = []): Promise<string[]> {
    this.assertOpen();
    assertObjectId(commit);
    const patterns = terms.filter((term) => term !== '');
    if (patterns.length === 0) return [];
    const args = ['grep', '-l', '-z', '-F', '-i', '--no-color', '--no-textconv'];
    for (const term of patterns) args.push('-e', term);
    args.push(commit);
    if (pathspecs.length > 0) args.push('--', ...pathspecs);
    const out = await this.git.run(args, { okCodes: [0, 1], action: `searching files at ${commit}` });
    if (out.code === 1) return [];
    const prefix = `${commit}:`;
    return out.stdout
      .toString('utf8')
      .split('\0')
      .filter((line) => line !== '')
      .map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : line));
  }

  /**
   * The bytes of `paths` at `commit`, read in one `cat-file --batch`. Paths that do not exist or are not
   * blobs are left out. A symlink's bytes are its target: nothing is ever followed.
   */
  async readFiles(commit: string, paths: string[]): Promise<Map<string, Buffer>> {
    this.assertOpen();
    assertObjectId(commit);
    const files = new Map<string, Buffer>();
    const wanted = [...new Set(paths)];
    wanted.forEach(assertRepoPath);
    if (wanted.length === 0) return files;
    const names = wanted.map((file) => `${commit}:${file}`);
    const out = await this.git.run(['cat-file', '--batch', '-z'], {
      input: `${names.join('\0')}\0`,
      action: `reading files at ${commit}`,
    });
    const buffer = out.stdout;
    let at = 0;
    for (const [index, name] of names.entries()) {
      const file = wanted[index]!;
      const lineEnd = buffer.indexOf(0x0a, at);
      if (lineEnd === -1) break;
      const header = buffer.subarray(at, lineEnd).toString('utf8');
      const object = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(header);
      if (object === null) {
        // `<name> missing` / `<name> ambiguous`: the name may hold newlines, so skip it by its known length.
        const missing = Buffer.byteLength(name, 'utf8');
        const rest = buffer.indexOf(0x0a, at + missing);
        at = rest === -1 ? buffer.length : rest + 1;
        continue;
      }
      const size = Number(object[3]);
      const start = lineEnd + 1;
      if (object[2] === 'blob') files.set(file, Buffer.from(buffer.subarray(start, start + size)));
      at = start + size + 1;
    }
    return files;
  }

  /**
   * A new commit whose tree is `parent`'s with `files` written (modes of existing regular files kept, new files
   * 100644) and `deletions` removed. Writing over a symlink or submodule is refused. Returns the commit id;
   * nothing is pushed.
   */
  async commit(input: CommitInput): Promise<string> {
    this.assertOpen();
    assertObjectId(input.parent);
    const deletions = [...new Set(input.deletions ?? [])];
    for (const file of [...input.files.keys(), ...deletions]) assertRepoPath(file);
    for (const identity of [input.author, input.committer]) assertIdentity(identity);

    const changed = [...input.files.keys()];
    const existing = await this.modesOf(input.parent, [...changed, ...deletions]);
    for (const file of changed) {
      const mode = existing.get(file);
      if (mode === '120000' || mode === '160000') {
        throw new SlipwayError(
          `refusing to write ${file}: it is a ${mode === '120000' ? 'symlink' : 'submodule'}`,
          { where: this.url, fix: 'write the file it points to, or replace the link by hand' },
        );
      }
    }

    // One fast-import for the whole commit (see fast-import.ts). Each commit gets its own scratch ref, so a
    // retry's commit never has to replace an earlier attempt's.
    const ref = `${SCRATCH_PREFIX}${++this.commitCounter}`;
    const out = await this.git.run(FAST_IMPORT_ARGS, {
      input: commitStream({ ...input, deletions }, ref, existing),
      action: 'creating the commit',
    });
    const commit = out.stdout.toString('utf8').trim();
    assertObjectId(commit);
    this.written.set(
      commit,
      [...input.files.values()].map((content) => blobId(content, commit)),
    );
    return commit;
  }

  /**
   * `commit` (made or fetched here), every tree of it and the blobs this repository wrote for it, as a pack
   * another promotion on this machine can take over (takeOver; see handoff.ts). Undefined when git cannot
   * pack it from what is here, or it is bigger than MAX_HANDOFF_BYTES.
   */
  async handOver(commit: string): Promise<Buffer | undefined> {
    this.assertOpen();
    assertObjectId(commit);
    const packed = await this.git.spawn(
      ['pack-objects', '--revs', '--stdout', '--quiet', '--filter=blob:none'],
      {
        input: handOverRevisions(commit, this.written.get(commit) ?? []),
        lazyFetch: false,
        action: 'packing the commit for the next promotion',
      },
    );
    if (packed.code !== 0 || packed.stdout.length > MAX_HANDOFF_BYTES) return undefined;
    return packed.stdout;
  }

  /**
   * Takes over commits another promotion on this machine pushed and packed (handOver): per branch, the commit
   * and its pack. Each pack is indexed as a promisor pack (git checks every object against its id), each
   * commit must then be here as a commit, and is registered as shallow. The next fetch of exactly these
   * branches returns them without asking the remote; it brings no blobs but those in the packs. False when
   * anything is missing or refused, or this repository is no partial clone (it must then hold every blob):
   * fetch as usual then.
   */
  async takeOver(
    handed: ReadonlyMap<string, { readonly commit: string; readonly pack: Buffer }>,
  ): Promise<boolean> {
    this.assertOpen();
    for (const [branch, { commit }] of handed) {
      assertBranch(branch);
      assertObjectId(commit);
    }
    this.handed = new Map();
    if (!this.partial || handed.size === 0) return false;
    for (const { pack } of handed.values()) {
      const indexed = await this.git.spawn(['index-pack', '--stdin', '--promisor'], {
        input: pack,
        lazyFetch: false,
        action: 'indexing the commit the previous promotion handed over',
      });
      if (indexed.code !== 0) return false;
    }
    const commits = [...new Set([...handed.values()].map(({ commit }) => commit))];
    const checked = await this.git.spawn(['cat-file', '--batch-check=%(objecttype)'], {
      input: commits.map((commit) => `${commit}\n`).join(''),
      lazyFetch: false,
      action: 'checking the handed-over commits',
    });
    const types = checked.stdout.toString('utf8').split('\n');
    if (checked.code !== 0 || commits.some((_, index) => types[index] !== 'commit')) return false;
    if (!(await registerShallow(path.join(this.tempDir, GIT_DIR_NAME), commits))) return false;
    this.handed = new Map([...handed].map(([branch, { commit }]) => [branch, commit]));
    return true;
  }

  /**
   * The paths (files, symlinks, submodules) added, changed or removed from one commit to another, both already
   * here. Compares trees only (`diff-tree --name-only`), so in a partial clone no blob is fetched.
   */
  async changedPaths(from: string, to: string): Promise<string[]> {
    this.assertOpen();
    assertObjectId(from);
    assertObjectId(to);
    const out = await this.git.run(['diff-tree', '-r', '-z', '--no-renames', '--name-only', from, to, '--'], {
      action: `comparing ${from} with ${to}`,
    });
    return out.stdout
      .toString('utf8')
      .split('\0')
      .filter((name) => name !== '');
  }

  /** The unified diff from one commit to another (both already here), for dry runs. */
  async diff(from: string, to: string): Promise<string> {
    this.assertOpen();
    assertObjectId(from);
    assertObjectId(to);
    const out = await this.git.run(
      ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', from, to, '--'],
      { action: `comparing ${from} with ${to}` },
    );
    return out.stdout.toString('utf8');
  }

  /**
   * Pushes commits to branches, never forcing: the server only accepts fast-forwards (or creations). With
   * `atomic`, either every branch moves or none does. A rejection comes back as `{ ok: false, kind }`;
   * transport failures throw a GitError.
   */
  async push(updates: BranchUpdate[], options: { atomic?: boolean } = {}): Promise<PushResult> {
    this.assertOpen();
    if (updates.length === 0) return { ok: true };
    for (const update of updates) {
      assertBranch(update.branch);
      assertObjectId(update.commit);
    }
    const args = ['push', ...PUSH_OPTIONS];
    if (options.atomic === true) args.push('--atomic');
    args.push(this.url, ...updates.map((update) => `${update.commit}:refs/heads/${update.branch}`));
    return this.runPush(args, 'pushing');
  }

  /** The tips of `branches` on the remote (`ls-remote`); null for a branch it does not have. */
  async remoteTips(branches: readonly string[]): Promise<Map<string, string | null>> {
    this.assertOpen();
    if (branches.length === 0) return new Map();
    branches.forEach(assertBranch);
    const refs = await this.lsRemote(
      branches.map((b) => `refs/heads/${b}`),
      `reading ${branches.join(', ')}`,
    );
    return new Map(branches.map((b) => [b, refs.get(`refs/heads/${b}`) ?? null]));
  }

  /**
   * Moves one of Slipway's own branches (`slipway/…`: pull-request heads) to `commit`, only while it still
   * points at `expected` (null: it must not exist yet): `--force-with-lease`. The only forced push Slipway
   * makes; environment branches go through {@link push}, which never forces.
   */
  async pushWithLease(update: {
    branch: string;
    commit: string;
    expected: string | null;
  }): Promise<PushResult> {
    this.assertOpen();
    assertOwnBranch(update.branch);
    assertObjectId(update.commit);
    if (update.expected !== null) assertObjectId(update.expected);
    const ref = `refs/heads/${update.branch}`;
    const args = [
      'push',
      ...PUSH_OPTIONS,
      `--force-with-lease=${ref}:${update.expected ?? ''}`,
      this.url,
      `${update.commit}:${ref}`,
    ];
    return this.runPush(args, `pushing ${update.branch}`);
  }

  /** Runs `git push --porcelain …` and classifies the answer; a failure that is not a rejection throws. */
  private async runPush(args: string[], action: string): Promise<PushResult> {
    // Without lazy fetches: when the branch moved, the remote's new tip is not here, and git would download it
    // (with every tree, and every blob where the server ignores the filter) only to refuse the push as stale.
    // Without it, git refuses at once ("fetch first"), which is stale too; a push never needs a missing blob.
    const result = await this.git.spawn(args, { network: true, action, lazyFetch: false });
    const stdout = this.git.redact(result.stdout.toString('utf8'));
    const outcome = classifyPush(result.code, stdout, result.stderr);
    if (outcome === undefined) {
      throw this.git.failure(args, { ...result, stderr: `${result.stderr}\n${stdout}`.trim() }, 'pushing');
    }
    // CodeCommit refuses a push by IAM (codecommit:GitPush, codecommit:References), not by branch protection.
    if (!outcome.ok && outcome.kind === 'refused' && this.git.credential === 'aws') {
      return { ...outcome, fix: CODECOMMIT_REFUSAL_FIX };
    }
    return outcome;
  }

  /**
   * The newest `limit` (default 50) commits of `branch`, newest first, or null when the remote has no such
   * branch. Only commits come (`--depth <limit+1> --filter=tree:0`: no trees, no blobs; the temp repo becomes a
   * partial clone, as with `fetchBranches(…, { blobs: 'none' })`); a server without filter support sends
   * everything. Reading the messages and dates needs nothing else.
   */
  async log(branch: string, options: { limit?: number } = {}): Promise<LogEntry[] | null> {
    this.assertOpen();
    assertBranch(branch);
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`log limit must be a positive integer`);
    this.becomePartial();
    const ref = `${LOG_PREFIX}${branch}`;
    const args = [
      'fetch',
      `--depth=${limit + 1}`,
      '--filter=tree:0',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-recurse-submodules',
      '--quiet',
      PROMISOR_REMOTE,
      `+refs/heads/${branch}:${ref}`,
    ];
    const action = `fetching the history of ${branch}`;
    const fetched = await this.git.spawn(args, { network: true, action });
    if (fetched.code !== 0) {
      if (/couldn't find remote ref/i.test(fetched.stderr)) return null;
      throw this.git.failure(args, fetched, action);
    }
    const format = ['%H', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x1f');
    const out = await this.git.run(['log', '-z', `--max-count=${limit}`, `--format=${format}`, ref, '--'], {
      action: `reading the history of ${branch}`,
    });
    return parseLog(out.stdout);
  }

  /** Stops running git processes and removes the temp directory. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.git.killAll();
    await files().rm(this.tempDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    this.removeOnCancel();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  private assertOpen(): void {
    if (this.disposed)
      throw new SlipwayError('the config repository was already disposed', { where: this.url });
  }

  /**
   * Makes the temp repo a partial clone of the remote (`blob:none`). A remote with `promisor = true` is a
   * promisor remote for git 2.24 and later, without `extensions.partialClone` in the repo's config (which git
   * only reads from the file); with a `partialCloneFilter` already set, `fetch --filter` registers nothing in
   * the file either. From then on every command carries the credential header and these settings, since any
   * command reading a missing object would fetch it.
   */
  private becomePartial(): void {
    if (this.partial) return;
    this.git.usePromisor([
      [`remote.${PROMISOR_REMOTE}.url`, this.url],
      [`remote.${PROMISOR_REMOTE}.promisor`, 'true'],
      [`remote.${PROMISOR_REMOTE}.partialCloneFilter`, 'blob:none'],
    ]);
    this.partial = true;
  }

  /** Blobs under the given folders of each commit that are not here (`rev-list --missing=print` never fetches). */
  private async missingBlobs(byCommit: Map<string, Set<string>>): Promise<string[]> {
    const missing = new Set<string>();
    for (const [commit, dirs] of byCommit) {
      if (dirs.size === 0) continue;
      const args = ['rev-list', '--objects', '--no-walk', '--missing=print', commit];
      if (!dirs.has('')) args.push('--', ...dirs);
      const out = await this.git.run(args, {
        env: { GIT_LITERAL_PATHSPECS: '1' },
        action: `listing missing files at ${commit}`,
      });
      for (const line of out.stdout.toString('utf8').split('\n')) {
        if (line.startsWith('?')) missing.add(line.slice(1).trim());
      }
    }
    return [...missing];
  }

  /** refname → tip, from `git ls-remote <url> <patterns>`. */
  private async lsRemote(
    patterns: string[],
    action = 'listing remote branches',
  ): Promise<Map<string, string>> {
    const out = await this.git.run(['ls-remote', this.url, ...patterns], { network: true, action });
    const tips = new Map<string, string>();
    for (const line of out.stdout.toString('utf8').split('\n')) {
      const [oid, ref] = line.split('\t');
      if (oid !== undefined && ref !== undefined) tips.set(ref, oid);
    }
    return tips;
  }

  /** Modes of the given paths at `commit` (absent paths are left out). */
  private async modesOf(commit: string, paths: string[]): Promise<Map<string, string>> {
    const modes = new Map<string, string>();
    for (let start = 0; start < paths.length; start += 500) {
      const chunk = paths.slice(start, start + 500);
      const out = await this.git.run(['ls-tree', '-z', '--full-tree', commit, '--', ...chunk], {
        action: `reading file modes at ${commit}`,
      });
      const wanted = new Set(chunk);
      for (const entry of parseLsTree(out.stdout))
        if (wanted.has(entry.path)) modes.set(entry.path, entry.mode);
    }
    return modes;
  }
}

/** node:fs/promises, loaded on first use (see ConfigRepo.open). */
function files(): typeof import('node:fs/promises') {
  return process.getBuiltinModule('node:fs/promises');
}

function assertIdentity(identity: Identity): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  const bad = (text: string) => text.trim() === '' || /[<>\x00-\x1f]/.test(text);
  if (bad(identity.name) || bad(identity.email)) {
    throw new SlipwayError(`"${identity.name} <${identity.email}>" is not a usable commit identity`, {
      where: 'commit author',
      fix: 'set a name and an email without "<", ">" or line breaks',
    });
  }
}

/** Parses `git ls-tree -z [-l]` output: `<mode> <type> <oid>[ <size>]\t<path>\0` (size `-` for non-blobs). */
export function parseLsTree(stdout: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of stdout.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
    if (mode === undefined || type === undefined || oid === undefined || !ENTRY_TYPES.has(type)) continue;
    const bytes = size === undefined || !/^\d+$/.test(size) ? undefined : Number(size);
    entries.push({
      path: record.slice(tab + 1),
      mode,
      oid,
      type: type as TreeEntry['type'],
      ...(bytes === undefined ? {} : { size: bytes }),
    });
  }
  return entries;
}

/** Parses `git log -z` output in the format `log` asks for (fields separated by 0x1f). */
export function parseLog(stdout: Buffer): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const record of stdout.toString('utf8').split('\0')) {
    const fields = record.split('\x1f');
    if (fields.length < 9) continue;
    const [commit = '', parents = '', an = '', ae = '', ad = '', cn = '', ce = '', cd = ''] = fields;
    entries.push({
      commit: commit.trim(),
      parents: parents === '' ? [] : parents.split(' '),
      author: { name: an, email: ae },
      authorDate: ad,
      committer: { name: cn, email: ce },
      committerDate: cd,
      message: fields.slice(8).join('\x1f'),
    });
  }
  return entries;
}

export { GitError };

/** Slipway force-pushes only under `slipway/`: a guard against ever forcing anything else. */
export function assertOwnBranch(branch: string): void {
  if (!branch.startsWith('slipway/') || !isValidBranchName(branch)) {
    throw new SlipwayError(`bug: refusing to force-push ${branch}, which is not a branch Slipway owns`);
  }
}

/** What planning reads of a branch snapshot: a ConfigRepo, or the GitHub API reader of API mode. */
export type BranchReader = Pick<ConfigRepo, 'url' | 'listTree' | 'grep' | 'readFiles' | 'prefetchBlobs'>;
