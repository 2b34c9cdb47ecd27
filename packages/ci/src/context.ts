import { readFileSync } from 'node:fs';
import { LOCAL_GIT_TIMEOUT_MS, localGitEnvironment, runProcessSync } from '@slipway/process';

export type Platform = 'github-actions' | 'codebuild' | 'local';

/** Where a step runs and what triggered it, read once from the environment. */
export interface CiContext {
  readonly platform: Platform;
  /** Web or clone URL of the repository being built, without credentials. */
  readonly repositoryUrl?: string;
  /** `owner/name` when the repository is on GitHub. */
  readonly githubRepository?: string;
  readonly serverUrl?: string;
  readonly commitSha?: string;
  readonly ref?: string;
  readonly runUrl?: string;
  readonly actor?: string;
  readonly event?: string;
  /** The repository's default branch (`main`), when the platform says it: for `type=edge` tags. */
  readonly defaultBranch?: string;
  /**
   * Where `commitSha` and `runUrl` came from (`GITHUB_SHA`, …), so a step that refuses a malformed one can
   * name the variable to fix.
   */
  readonly sources?: { readonly commitSha?: string; readonly runUrl?: string };
  /**
   * On GitHub Actions: the run as build provenance records it (GitHub's workflow build type), or, when a
   * variable it needs is missing or malformed, which one, for a step that needs the run to name.
   */
  readonly workflowRun?: { readonly run: GitHubWorkflowRun } | { readonly problem: string };
}

/** A GitHub Actions workflow run, each value checked against the form GitHub gives it. */
export interface GitHubWorkflowRun {
  /** `GITHUB_SERVER_URL`: `https://github.com`, or a GitHub Enterprise Server's URL. */
  readonly serverUrl: string;
  /** `GITHUB_REPOSITORY`: `owner/name`. */
  readonly repository: string;
  /** `GITHUB_REPOSITORY_ID`, digits. */
  readonly repositoryId: string;
  /** `GITHUB_REPOSITORY_OWNER_ID`, digits. */
  readonly repositoryOwnerId: string;
  /** `GITHUB_WORKFLOW_REF`: `owner/name/.github/workflows/<file>@<ref>`, the workflow the run started. */
  readonly workflowRef: string;
  /** `GITHUB_REF`: `refs/heads/main`. */
  readonly ref: string;
  /** `GITHUB_SHA`: the commit, 40 (or 64) hex digits. */
  readonly sha: string;
  /** `GITHUB_EVENT_NAME`: `push`, `workflow_dispatch`, … */
  readonly eventName: string;
  /** `GITHUB_RUN_ID`, digits. */
  readonly runId: string;
  /** `GITHUB_RUN_ATTEMPT`, digits. */
  readonly runAttempt: string;
  /** `RUNNER_ENVIRONMENT`: `github-hosted` or `self-hosted`. */
  readonly runnerEnvironment: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function detectContext(env: Env = process.env, cwd: string = process.cwd()): CiContext {
  if (env.GITHUB_ACTIONS === 'true') return githubContext(env);
  if (env.CODEBUILD_BUILD_ID !== undefined || env.CODEBUILD_BUILD_ARN !== undefined)
    return codebuildContext(env);
  return localContext(env, cwd);
}

function githubContext(env: Env): CiContext {
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repo = env.GITHUB_REPOSITORY;
  const runUrl =
    repo !== undefined && env.GITHUB_RUN_ID !== undefined
      ? `${serverUrl}/${repo}/actions/runs/${env.GITHUB_RUN_ID}${attemptSuffix(env.GITHUB_RUN_ATTEMPT)}`
      : undefined;
  return compact({
    platform: 'github-actions',
    serverUrl,
    githubRepository: repo,
    repositoryUrl: repo === undefined ? undefined : `${serverUrl}/${repo}`,
    commitSha: env.GITHUB_SHA,
    ref: env.GITHUB_REF,
    runUrl,
    actor: env.GITHUB_TRIGGERING_ACTOR ?? env.GITHUB_ACTOR,
    event: env.GITHUB_EVENT_NAME,
    defaultBranch: githubDefaultBranch(env),
    sources: {
      commitSha: 'GITHUB_SHA',
      runUrl: `GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID${env.GITHUB_RUN_ATTEMPT === undefined ? '' : ' and GITHUB_RUN_ATTEMPT'}`,
    },
    workflowRun: githubWorkflowRun(env, serverUrl),
  });
}

/**
 * `repository.default_branch` of the event that started the run (GITHUB_EVENT_PATH), which no variable holds.
 * An unreadable or odd payload leaves it unknown: only `type=edge` tags need it, and they say so.
 */
function githubDefaultBranch(env: Env): string | undefined {
  const path = env.GITHUB_EVENT_PATH;
  if (path === undefined || path === '') return undefined;
  try {
    const payload: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const repository = isRecord(payload) ? payload.repository : undefined;
    const branch = isRecord(repository) ? repository.default_branch : undefined;
    return typeof branch === 'string' && branch !== '' ? branch : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DIGITS = { pattern: /^[0-9]{1,20}$/, form: 'a number' };

/** Each variable the run needs, the form GitHub gives it and how that reads in a message. */
const RUN_VARIABLES = {
  repository: {
    name: 'GITHUB_REPOSITORY',
    pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
    form: 'owner/name',
  },
  repositoryId: { name: 'GITHUB_REPOSITORY_ID', ...DIGITS },
  repositoryOwnerId: { name: 'GITHUB_REPOSITORY_OWNER_ID', ...DIGITS },
  workflowRef: {
    name: 'GITHUB_WORKFLOW_REF',
    pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/\.github\/workflows\/[^\s@]+@\S+$/,
    form: 'owner/name/.github/workflows/<file>@<ref>',
  },
  ref: { name: 'GITHUB_REF', pattern: /^refs\/\S+$/, form: 'a full ref (refs/…)' },
  sha: { name: 'GITHUB_SHA', pattern: /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, form: 'a commit id' },
  eventName: { name: 'GITHUB_EVENT_NAME', pattern: /^[a-z_]+$/, form: 'an event name' },
  runId: { name: 'GITHUB_RUN_ID', ...DIGITS },
  runAttempt: { name: 'GITHUB_RUN_ATTEMPT', ...DIGITS },
  runnerEnvironment: {
    name: 'RUNNER_ENVIRONMENT',
    pattern: /^(?:github-hosted|self-hosted)$/,
    form: 'github-hosted or self-hosted',
  },
} as const;

function githubWorkflowRun(env: Env, serverUrl: string): CiContext['workflowRun'] {
  if (!/^https?:\/\/[^/\s]+(?:\/[^\s]*)?$/.test(serverUrl)) {
    return { problem: `GITHUB_SERVER_URL "${serverUrl}" is not a URL` };
  }
  const run: Record<string, string> = { serverUrl: serverUrl.replace(/\/+$/, '') };
  for (const [field, variable] of Object.entries(RUN_VARIABLES)) {
    const value = env[variable.name];
    if (value === undefined || value === '') return { problem: `${variable.name} is not set` };
    if (!variable.pattern.test(value)) {
      return { problem: `${variable.name} "${value}" is not ${variable.form}` };
    }
    run[field] = value;
  }
  // The workflow GitHub starts is always in the repository the run belongs to.
  if (!run.workflowRef?.startsWith(`${run.repository}/`)) {
    return {
      problem: `GITHUB_WORKFLOW_REF "${run.workflowRef}" is not a workflow of GITHUB_REPOSITORY ${run.repository}`,
    };
  }
  return { run: run as unknown as GitHubWorkflowRun };
}

function attemptSuffix(attempt: string | undefined): string {
  return attempt !== undefined && attempt !== '1' ? `/attempts/${attempt}` : '';
}

function codebuildContext(env: Env): CiContext {
  const trigger = env.CODEBUILD_WEBHOOK_TRIGGER; // branch/<name>, tag/<name>, pr/<n>
  const ref = trigger?.startsWith('branch/')
    ? `refs/heads/${trigger.slice('branch/'.length)}`
    : trigger?.startsWith('tag/')
      ? `refs/tags/${trigger.slice('tag/'.length)}`
      : trigger?.startsWith('pr/')
        ? `refs/pull/${trigger.slice('pr/'.length)}/head`
        : (env.CODEBUILD_WEBHOOK_HEAD_REF ?? sourceVersionRef(env.CODEBUILD_SOURCE_VERSION));
  return compact({
    platform: 'codebuild',
    repositoryUrl: stripCredentials(env.CODEBUILD_SOURCE_REPO_URL),
    commitSha: env.CODEBUILD_RESOLVED_SOURCE_VERSION ?? commitLike(env.CODEBUILD_SOURCE_VERSION),
    ref,
    runUrl: env.CODEBUILD_BUILD_URL ?? codebuildConsoleUrl(env.CODEBUILD_BUILD_ARN),
    actor: env.CODEBUILD_INITIATOR,
    event: env.CODEBUILD_WEBHOOK_EVENT ?? (trigger === undefined ? 'manual' : 'webhook'),
    sources: {
      commitSha:
        env.CODEBUILD_RESOLVED_SOURCE_VERSION === undefined
          ? 'CODEBUILD_SOURCE_VERSION'
          : 'CODEBUILD_RESOLVED_SOURCE_VERSION',
      runUrl: env.CODEBUILD_BUILD_URL === undefined ? 'CODEBUILD_BUILD_ARN' : 'CODEBUILD_BUILD_URL',
    },
  });
}

function sourceVersionRef(version: string | undefined): string | undefined {
  if (version === undefined || commitLike(version) !== undefined) return undefined;
  return version.startsWith('refs/') ? version : undefined;
}

function commitLike(value: string | undefined): string | undefined {
  return value !== undefined && /^[0-9a-f]{40}$/.test(value) ? value : undefined;
}

/** `arn:aws:codebuild:<region>:<account>:build/<project>:<id>` → the build's page in the console. */
function codebuildConsoleUrl(arn: string | undefined): string | undefined {
  const match = arn?.match(/^arn:aws[\w-]*:codebuild:([\w-]+):(\d+):build\/([^:]+):(.+)$/);
  if (match === null || match === undefined) return undefined;
  const [, region, account, project, id] = match;
  return `https://${region}.console.aws.amazon.com/codesuite/codebuild/${account}/projects/${project}/build/${project}%3A${id}/?region=${region}`;
}

/**
 * Outside CI the commit, ref and remote come from the local checkout. Each costs a `git` process, so they
 * are read on first use only: most steps (copy, sign, verify) never ask.
 */
function localContext(env: Env, cwd: string): CiContext {
  // Through the spawning core's synchronous form: the context's fields are plain (lazy) properties. git sees
  // its allow-list of `env` only, never the secrets a step was given.
  const git = (args: string[]): string | undefined => {
    const result = runProcessSync('git', args, {
      cwd,
      env: localGitEnvironment(env),
      timeoutMs: LOCAL_GIT_TIMEOUT_MS,
    });
    if (result.code !== 0) return undefined;
    return result.stdout.trim() || undefined;
  };
  const context: Record<string, unknown> = {
    platform: 'local',
    event: 'local',
    sources: { commitSha: 'the local checkout (git rev-parse HEAD)' },
  };
  const actor = env.USER ?? env.LOGNAME;
  if (actor !== undefined) context.actor = actor;
  const lazy = (key: keyof CiContext, read: () => string | undefined): void => {
    let value: string | undefined;
    let known = false;
    Object.defineProperty(context, key, {
      enumerable: true,
      get: () => {
        if (!known) {
          value = read();
          known = true;
        }
        return value;
      },
    });
  };
  lazy('commitSha', () => git(['rev-parse', '--verify', '-q', 'HEAD']));
  lazy('ref', () => git(['symbolic-ref', '-q', 'HEAD']));
  lazy('repositoryUrl', () => stripCredentials(git(['config', '--get', 'remote.origin.url'])));
  return context as unknown as CiContext;
}

function stripCredentials(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  return url.replace(/^(\w[\w+.-]*:\/\/)[^/@]*@/, '$1');
}

function compact<T extends { platform: Platform }>(
  value: { [K in keyof CiContext]: CiContext[K] | undefined } & T,
): CiContext {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as unknown as CiContext;
}
