import { getOctokit } from '@actions/github';
import { SlipwayError } from '@slipway/errors';

/** The Octokit instance `@actions/github` builds (REST methods, pagination, GraphQL). */
export type Octokit = ReturnType<typeof getOctokit>;

/** An authenticated connection to one GitHub API (github.com, GHE.com or a GitHub Enterprise Server). */
export interface GitHubClient {
  readonly octokit: Octokit;
  /** REST base URL, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  readonly apiUrl: string;
}

/**
 * A client for `apiUrl` (default `https://api.github.com`) authenticated with `token` (sent as
 * `Authorization: token …`; never logged nor put in error messages).
 */
export function createGitHubClient(options: {
  token: string;
  apiUrl?: string;
  userAgent?: string;
}): GitHubClient {
  if (options.token.trim() === '') {
    throw new SlipwayError('the GitHub token is empty', {
      fix: 'pass a token (in GitHub Actions the `github.token` of the run, or a secret) with the permissions the step needs',
    });
  }
  const apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const octokit = getOctokit(options.token.trim(), {
    baseUrl: apiUrl,
    userAgent: options.userAgent ?? 'slipway',
  });
  return { octokit, apiUrl };
}
