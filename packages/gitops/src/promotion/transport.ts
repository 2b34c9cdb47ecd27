import type { CodeCommitRepo } from '@slipway/codecommit';
import { MissingTokenError, SlipwayError } from '@slipway/errors';
import {
  createGitHubClient,
  type GitHubClient,
  hostOf,
  redactUrlCredentials,
  repoFromUrl,
} from '@slipway/github';
import {
  assertOwnBranch,
  type BlobScope,
  type BranchReader,
  type BranchUpdate,
  type CommitInput,
  ConfigRepo,
  type FetchOptions,
  type GitAuth,
  type PushResult,
} from '../git/index.js';
import { openApiTransport } from './transport-api.js';
import { openCodeCommitTransport } from './transport-codecommit.js';

/** How a promotion reaches the config repo. */
export type Via = 'git' | 'github-api' | 'codecommit-api';

/** A GitHub repository and an authenticated client for its API (API mode and pull requests). */
export interface GitHubRepo {
  readonly client: GitHubClient;
  readonly owner: string;
  readonly repo: string;
}

/**
 * The config repo as a GitHub repository, with a client for its API, for API mode and pull requests (`why`
 * says which, in errors). The repository must be on github.com, a GHE.com subdomain or the GitHub of the run
 * (`GITHUB_SERVER_URL`), or `apiUrl` must be given (GitHub Enterprise Server): any other host is refused
 * rather than sent the token.
 */
export function gitHubRepoOf(
  configRepo: string,
  options: {
    token: string | undefined;
    apiUrl?: string;
    env?: Record<string, string | undefined>;
    why: string;
  },
): GitHubRepo {
  const env = options.env ?? process.env;
  const fix =
    'give the config repo as https://github.com/OWNER/REPO (or your GitHub Enterprise URL with --github-api-url), or use --mode push --via git';
  let ref: ReturnType<typeof repoFromUrl>;
  try {
    ref = repoFromUrl(configRepo, {
      ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }),
      env,
    });
  } catch (error) {
    throw new SlipwayError(
      `${options.why} needs the config repo on GitHub, and ${redactUrlCredentials(configRepo)} is not`,
      {
        where: '--config-repo',
        fix,
        cause: error,
      },
    );
  }
  const host = ref.host.replace(/:\d+$/, '');
  const serverHost = hostOf(env.GITHUB_SERVER_URL);
  const known =
    host === 'github.com' ||
    host.endsWith('.ghe.com') ||
    (serverHost !== undefined && serverHost === ref.host) ||
    options.apiUrl !== undefined;
  if (!known) {
    throw new SlipwayError(
      `${options.why} needs the config repo on GitHub, and ${ref.host} is not known to be GitHub`,
      {
        where: '--config-repo',
        fix: `for GitHub Enterprise Server pass --github-api-url (e.g. https://${ref.host}/api/v3); otherwise use --mode push --via git`,
      },
    );
  }
  if (options.token === undefined || options.token.trim() === '') {
    throw new MissingTokenError(`${options.why} needs a GitHub token`, {
      where: `${ref.owner}/${ref.repo}`,
      permissions: ['contents: write', 'pull-requests: write'],
    });
  }
  const client = createGitHubClient({ token: options.token, apiUrl: ref.apiUrl });
  return { client, owner: ref.owner, repo: ref.repo };
}

/** A push to a branch Slipway owns (a pull request's head): forced, but only over `expected`. */
export interface OwnBranchUpdate {
  readonly branch: string;
  readonly commit: string;
  /** What the branch held when the promotion read it; null: it did not exist. */
  readonly expected: string | null;
}

/**
 * What promote() needs from the config repo, whichever way it is reached: branch tips, files at those tips for
 * the planner (`reader`), commits, and pushes that never force an environment branch.
 */
export interface Transport {
  readonly via: Via;
  /** The config repo, without credentials, for messages. */
  readonly url: string;
  /**
   * What planBranch and readPinnedImages read (listTree, grep, readFiles at commits fetched here). For the API
   * transport it is an adapter with that surface: the planner is the same code in both modes.
   */
  readonly reader: BranchReader;
  fetchBranches(branches: string[], options?: FetchOptions): Promise<Map<string, string | null>>;
  prefetchBlobs(scopes: readonly BlobScope[]): Promise<number>;
  /** What the config repo's HEAD names; undefined when that branch does not exist (`git init --bare`). */
  defaultBranch(): Promise<string | undefined>;
  /** A commit on no branch yet (the API transport in a dry run writes nothing and returns a local id). */
  commit(input: CommitInput): Promise<string>;
  /** The commit id to report, or null when it exists nowhere but in this dry run. */
  published(commit: string): string | null;
  diff(from: string, to: string): Promise<string>;
  /**
   * The paths that differ between two commits read here, when the transport can tell cheaply (git: one
   * `diff-tree`): a retry then reads again only those. Absent: every new tip is read afresh.
   */
  changedPaths?(from: string, to: string): Promise<string[]>;
  /**
   * Tips another promotion on this machine just pushed (see lane.ts): the next fetch of these branches may ask
   * for them by id, saving a round trip, where the transport can.
   */
  noteTips?(tips: ReadonlyMap<string, string>): void;
  /**
   * `commit`, pushed from here, packed for the next promotion on this machine (see git/handoff.ts), where the
   * transport can; undefined when it cannot.
   */
  handOver?(commit: string): Promise<Buffer | undefined>;
  /**
   * Takes over what the promotion before pushed, packed (handOver), per branch: the next fetch of exactly these
   * branches returns them without asking the remote, and brings no blobs but those in the packs. False when
   * nothing was taken over: fetch as usual.
   */
  takeOver?(
    handed: ReadonlyMap<string, { readonly commit: string; readonly pack: Buffer }>,
  ): Promise<boolean>;
  /** Moves environment branches, fast-forward only (with `atomic`, all or none where the transport can). */
  push(updates: BranchUpdate[], options: { atomic?: boolean }): Promise<PushResult>;
  /** The tips of branches Slipway owns (null: missing). */
  ownTips(branches: readonly string[]): Promise<Map<string, string | null>>;
  /** Force-with-lease to a branch Slipway owns. */
  pushOwn(update: OwnBranchUpdate): Promise<PushResult>;
  /** Environment branches already moved by an earlier attempt of this promotion (API transport only). */
  readonly landed: ReadonlyMap<string, string>;
  dispose(): Promise<void>;
}

export interface TransportOptions {
  readonly via: Via;
  readonly configRepo: string;
  readonly auth?: GitAuth;
  /** Required for `github-api`. */
  readonly github?: GitHubRepo;
  /** Required for `codecommit-api`. */
  readonly codecommit?: CodeCommitRepo;
  readonly tmpRoot?: string;
  readonly onCommand?: (argv: string[]) => void;
  /** For `git`: a repository the caller opened and disposes of (dispose() leaves it open). */
  readonly repo?: ConfigRepo;
}

export async function openTransport(options: TransportOptions): Promise<Transport> {
  if (options.via === 'github-api') {
    if (options.github === undefined) throw new Error('bug: the github-api transport needs a GitHub repo');
    return openApiTransport(options.github);
  }
  if (options.via === 'codecommit-api') {
    if (options.codecommit === undefined) {
      throw new Error('bug: the codecommit-api transport needs a CodeCommit repo');
    }
    return openCodeCommitTransport(options.codecommit);
  }
  return GitTransport.open(options);
}

/**
 * Today's path: a temporary bare repo (ConfigRepo) with shallow, possibly blob-less fetches and atomic pushes;
 * Slipway's own pull-request branches move with a lease.
 */
class GitTransport implements Transport {
  readonly via = 'git' as const;
  readonly landed = new Map<string, string>();

  private constructor(
    readonly reader: ConfigRepo,
    private readonly owned: boolean,
  ) {}

  static async open(options: TransportOptions): Promise<GitTransport> {
    if (options.repo !== undefined) return new GitTransport(options.repo, false);
    const repo = await ConfigRepo.open(options.configRepo, options.auth, {
      tmpRoot: options.tmpRoot,
      onCommand: options.onCommand,
    });
    return new GitTransport(repo, true);
  }

  get url(): string {
    return this.reader.url;
  }
  fetchBranches(branches: string[], options?: FetchOptions): Promise<Map<string, string | null>> {
    return this.reader.fetchBranches(branches, options);
  }
  prefetchBlobs(scopes: readonly BlobScope[]): Promise<number> {
    return this.reader.prefetchBlobs(scopes);
  }
  defaultBranch(): Promise<string | undefined> {
    return this.reader.headBranch();
  }
  commit(input: CommitInput): Promise<string> {
    return this.reader.commit(input);
  }
  published(commit: string): string {
    return commit;
  }
  diff(from: string, to: string): Promise<string> {
    return this.reader.diff(from, to);
  }
  changedPaths(from: string, to: string): Promise<string[]> {
    return this.reader.changedPaths(from, to);
  }
  noteTips(tips: ReadonlyMap<string, string>): void {
    this.reader.noteTips(tips);
  }
  handOver(commit: string): Promise<Buffer | undefined> {
    return this.reader.handOver(commit);
  }
  takeOver(
    handed: ReadonlyMap<string, { readonly commit: string; readonly pack: Buffer }>,
  ): Promise<boolean> {
    return this.reader.takeOver(handed);
  }
  push(updates: BranchUpdate[], options: { atomic?: boolean }): Promise<PushResult> {
    return this.reader.push(updates, options);
  }
  ownTips(branches: readonly string[]): Promise<Map<string, string | null>> {
    branches.forEach(assertOwnBranch);
    return this.reader.remoteTips(branches);
  }
  pushOwn(update: OwnBranchUpdate): Promise<PushResult> {
    return this.reader.pushWithLease(update);
  }
  async dispose(): Promise<void> {
    if (this.owned) await this.reader.dispose();
  }
}
