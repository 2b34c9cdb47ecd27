import type { getOctokit } from '@actions/github';
import { SlipwayError } from '@slipway/errors';
import { timeoutFromEnvironment } from '@slipway/process';

/** The Octokit instance `@actions/github` builds (REST methods, pagination, GraphQL). */
export type Octokit = ReturnType<typeof getOctokit>;

/** An authenticated connection to one GitHub API (github.com, GHE.com or a GitHub Enterprise Server). */
export interface GitHubClient {
  /**
   * The Octokit, built at first use: `@actions/github` brings undici and Octokit (about 1.2 MB of bundle), which
   * a promotion by git, or any step that never calls GitHub, should not load before its first request.
   */
  api(): Promise<Octokit>;
  /** REST base URL, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  readonly apiUrl: string;
}

/** The variable that overrides how long one GitHub API request may take. */
export const GITHUB_TIMEOUT_VARIABLE = 'SLIPWAY_GITHUB_TIMEOUT';

/** How long one GitHub API request (answer and body) may take by default: GitHub answers in seconds. */
export const DEFAULT_GITHUB_TIMEOUT_MS = 60_000;

/** The timeout `SLIPWAY_GITHUB_TIMEOUT` (whole seconds) sets, or the default. */
export function gitHubTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return timeoutFromEnvironment(GITHUB_TIMEOUT_VARIABLE, DEFAULT_GITHUB_TIMEOUT_MS, env);
}

/** A GitHub API request that got no full answer in time. */
export class GitHubTimeoutError extends SlipwayError {
  constructor(
    /** `GET https://api.github.com/repos/…`. */
    readonly request: string,
    readonly apiUrl: string,
    readonly timeoutMs: number,
  ) {
    super(`the GitHub API gave no full answer to ${request} within ${timeoutMs / 1000} s`, {
      where: apiUrl,
      fix: `check the network and the API URL (GITHUB_API_URL for GitHub Enterprise Server), or allow more time with ${GITHUB_TIMEOUT_VARIABLE} (seconds)`,
    });
    this.name = 'GitHubTimeoutError';
  }
}

/**
 * A client for `apiUrl` (default `https://api.github.com`) authenticated with `token` (sent as
 * `Authorization: token …`; never logged nor put in error messages). Every request, REST, paginated
 * or GraphQL, gives up after `SLIPWAY_GITHUB_TIMEOUT` seconds (default 60) with a {@link GitHubTimeoutError}.
 */
export function createGitHubClient(options: {
  token: string;
  apiUrl?: string;
  userAgent?: string;
  /** Where `SLIPWAY_GITHUB_TIMEOUT` is read; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}): GitHubClient {
  if (options.token.trim() === '') {
    throw new SlipwayError('the GitHub token is empty', {
      fix: 'pass a token (in GitHub Actions the `github.token` of the run, or a secret) with the permissions the step needs',
    });
  }
  const timeoutMs = gitHubTimeoutMs(options.env);
  const apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const token = options.token.trim();
  let built: Promise<Octokit> | undefined;
  const api = (): Promise<Octokit> => {
    built ??= buildOctokit({ token, apiUrl, timeoutMs, userAgent: options.userAgent ?? 'slipway' });
    return built;
  };
  return { api, apiUrl };
}

async function buildOctokit(options: {
  token: string;
  apiUrl: string;
  timeoutMs: number;
  userAgent: string;
}): Promise<Octokit> {
  const { apiUrl, timeoutMs } = options;
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(options.token, {
    baseUrl: apiUrl,
    userAgent: options.userAgent,
  });
  // The hook wraps the whole request, body included (a fetch wrapper would let the body read run on
  // unbounded), and every path to it: REST methods, pagination and GraphQL all go through `request`.
  // The abort frees the connection where the fetch honours it; the race ends the call even where it
  // does not (the undici fetch @actions/github brings, with its proxy dispatcher, was seen to ignore it).
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const controller = new AbortController();
    const given = requestOptions.request?.signal;
    const signal = given === undefined ? controller.signal : AbortSignal.any([given, controller.signal]);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const { method, url } = octokit.request.endpoint.parse(requestOptions);
        const error = new GitHubTimeoutError(`${method} ${url}`, apiUrl, timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      return await Promise.race([
        request({ ...requestOptions, request: { ...requestOptions.request, signal } }),
        expired,
      ]);
    } finally {
      clearTimeout(timer);
    }
  });
  return octokit;
}
