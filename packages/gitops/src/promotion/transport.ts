import path from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { createGitHubClient, type GitHubClient, repoFromUrl } from '@slipway/github';
import {
  type BlobScope,
  type BranchUpdate,
  type CommitInput,
  ConfigRepo,
  classifyPush,
  type FetchOptions,
  type GitAuth,
  isValidBranchName,
  type PushResult,
  redactor,
  resolveRemote,
} from '../git/index.js';
import { cleanEnvironment, GitRunner, withConfig } from '../git/run.js';
import { openApiTransport } from './transport-api.js';

/** How a promotion reaches the config repo. */
export type Via = 'git' | 'github-api';

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
      `${options.why} needs the config repo on GitHub, and ${redactUrl(configRepo)} is not`,
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
    throw new SlipwayError(`${options.why} needs a GitHub token`, {
      where: `${ref.owner}/${ref.repo}`,
      fix: 'pass --token (or set SLIPWAY_TOKEN or GITHUB_TOKEN) with contents: write and pull-requests: write on the config repo',
    });
  }
  const client = createGitHubClient({ token: options.token, apiUrl: ref.apiUrl });
  return { client, owner: ref.owner, repo: ref.repo };
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@\s]*@/, '//***@');
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
  readonly reader: ConfigRepo;
  fetchBranches(branches: string[], options?: FetchOptions): Promise<Map<string, string | null>>;
  prefetchBlobs(scopes: readonly BlobScope[]): Promise<number>;
  defaultBranch(): Promise<string>;
  /** A commit on no branch yet (the API transport in a dry run writes nothing and returns a local id). */
  commit(input: CommitInput): Promise<string>;
  /** The commit id to report, or null when it exists nowhere but in this dry run. */
  published(commit: string): string | null;
  diff(from: string, to: string): Promise<string>;
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
  readonly tmpRoot?: string;
  readonly onCommand?: (argv: string[]) => void;
}

export async function openTransport(options: TransportOptions): Promise<Transport> {
  if (options.via === 'github-api') {
    if (options.github === undefined) throw new Error('bug: the github-api transport needs a GitHub repo');
    return openApiTransport(options.github);
  }
  return GitTransport.open(options);
}

/**
 * Today's path: a temporary bare repo (ConfigRepo) with shallow, possibly blob-less fetches and atomic pushes.
 * Pushes to Slipway's own branches (`--force-with-lease=<ref>:<expected>`) run git directly with the same
 * credential header, as ConfigRepo never forces.
 */
class GitTransport implements Transport {
  readonly via = 'git' as const;
  readonly landed = new Map<string, string>();

  private constructor(
    readonly reader: ConfigRepo,
    private readonly own: GitRunner,
    private readonly ownEnv: Record<string, string>,
  ) {}

  static async open(options: TransportOptions): Promise<GitTransport> {
    const repo = await ConfigRepo.open(options.configRepo, options.auth, {
      tmpRoot: options.tmpRoot,
      onCommand: options.onCommand,
    });
    const remote = resolveRemote(options.configRepo, options.auth);
    const network: [string, string][] = [
      ['core.hooksPath', path.join(repo.tempDir, 'no-hooks')],
      ['protocol.ext.allow', 'never'],
      ['core.askPass', ''],
    ];
    if (remote.basic !== undefined && remote.httpOrigin !== undefined) {
      const pair = `${remote.basic.username}:${remote.basic.token}`;
      network.push(['credential.helper', '']);
      network.push([`http.${remote.httpOrigin}.extraHeader`, '']);
      network.push([
        `http.${remote.httpOrigin}.extraHeader`,
        `Authorization: Basic ${Buffer.from(pair, 'utf8').toString('base64')}`,
      ]);
    }
    const env = withConfig({ ...cleanEnvironment(), GIT_DIR: path.join(repo.tempDir, 'repo.git') }, network);
    const own = new GitRunner({
      cwd: repo.tempDir,
      localEnv: env,
      networkEnv: env,
      redact: redactor(remote.secrets),
      where: remote.url,
      onCommand: options.onCommand,
      timeoutMs: undefined,
      git: 'git',
      hasToken: remote.basic !== undefined,
    });
    return new GitTransport(repo, own, env);
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
  defaultBranch(): Promise<string> {
    return this.reader.defaultBranch();
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
  push(updates: BranchUpdate[], options: { atomic?: boolean }): Promise<PushResult> {
    return this.reader.push(updates, options);
  }

  async ownTips(branches: readonly string[]): Promise<Map<string, string | null>> {
    const tips = new Map<string, string | null>(branches.map((b) => [b, null]));
    if (branches.length === 0) return tips;
    branches.forEach(assertOwnBranch);
    const out = await this.own.run(['ls-remote', this.url, ...branches.map((b) => `refs/heads/${b}`)], {
      network: true,
      action: `reading ${branches.join(', ')}`,
    });
    for (const line of out.stdout.toString('utf8').split('\n')) {
      const [sha, ref] = line.split('\t');
      if (sha !== undefined && ref?.startsWith('refs/heads/') === true) {
        const branch = ref.slice('refs/heads/'.length);
        if (tips.has(branch)) tips.set(branch, sha);
      }
    }
    return tips;
  }

  async pushOwn(update: OwnBranchUpdate): Promise<PushResult> {
    assertOwnBranch(update.branch);
    const ref = `refs/heads/${update.branch}`;
    const args = [
      'push',
      '--porcelain',
      '--no-verify',
      '--no-recurse-submodules',
      `--force-with-lease=${ref}:${update.expected ?? ''}`,
      this.url,
      `${update.commit}:${ref}`,
    ];
    // In a partial clone, git may look for objects it does not have: let it fetch them as ConfigRepo would.
    const env = this.reader.isPartial
      ? withConfig(this.ownEnv, [
          ['remote.slipway.url', this.url],
          ['remote.slipway.promisor', 'true'],
          ['remote.slipway.partialCloneFilter', 'blob:none'],
        ])
      : {};
    const result = await this.own.spawn(args, { network: true, env, action: `pushing ${update.branch}` });
    const stdout = this.own.redact(result.stdout.toString('utf8'));
    const outcome = classifyPush(result.code, stdout, result.stderr);
    if (outcome === undefined) {
      throw this.own.failure(args, { ...result, stderr: `${result.stderr}\n${stdout}`.trim() }, 'pushing');
    }
    return outcome;
  }

  async dispose(): Promise<void> {
    await this.own.killAll();
    await this.reader.dispose();
  }
}

/** Slipway force-pushes only under `slipway/`: a guard against ever forcing anything else. */
export function assertOwnBranch(branch: string): void {
  if (!branch.startsWith('slipway/') || !isValidBranchName(branch)) {
    throw new SlipwayError(`bug: refusing to force-push ${branch}, which is not a branch Slipway owns`);
  }
}
