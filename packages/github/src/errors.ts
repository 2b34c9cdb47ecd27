import { SlipwayError } from '@slipway/errors';
import { GitHubTimeoutError } from './client.js';

/** What an Octokit error says, read structurally (HTTP status, GitHub's message, rate limiting). */
export interface ApiFailure {
  status: number;
  /** GitHub's `message`, with the `errors[].message` details of a "Validation Failed" appended. */
  message: string;
  rateLimited: boolean;
}

/** The HTTP failure inside an Octokit `RequestError`, or undefined for anything else. */
export function apiFailure(error: unknown): ApiFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, response } = error as {
    status?: unknown;
    response?: { data?: unknown; headers?: Record<string, unknown> };
  };
  if (typeof status !== 'number') return undefined;
  const data = response?.data;
  let message = error instanceof Error ? error.message : '';
  if (typeof data === 'object' && data !== null) {
    const body = data as { message?: unknown; errors?: unknown };
    if (typeof body.message === 'string') message = body.message;
    if (Array.isArray(body.errors)) {
      const details = body.errors
        .map((item: unknown) =>
          typeof item === 'object' &&
          item !== null &&
          typeof (item as { message?: unknown }).message === 'string'
            ? (item as { message: string }).message
            : undefined,
        )
        .filter((item): item is string => item !== undefined);
      if (details.length > 0) message = `${message}: ${details.join('; ')}`;
    }
  }
  const remaining = response?.headers?.['x-ratelimit-remaining'];
  const rateLimited =
    (status === 403 || status === 429) &&
    (remaining === '0' || remaining === 0 || /rate limit/i.test(message));
  return { status, message, rateLimited };
}

/** Where a call went and what the token needed for it, for the error message. */
export interface CallContext {
  owner: string;
  repo: string;
  branch?: string;
  /** What Slipway was doing, e.g. `updating branch env/dev`. */
  action: string;
  /** The token permission the call needs, e.g. `contents: write`. */
  permission: string;
  apiUrl: string;
}

/** The one error a user sees for a failed GitHub call: what, where, and the permission to grant. */
export function gitHubError(error: unknown, context: CallContext): SlipwayError {
  const where = `${context.owner}/${context.repo}${context.branch === undefined ? '' : ` (branch ${context.branch})`}`;
  if (error instanceof GitHubTimeoutError) {
    return new SlipwayError(`${error.message} while ${context.action}`, {
      where,
      fix: error.fix,
      cause: error,
    });
  }
  const failure = apiFailure(error);
  const grant = `the token needs \`${context.permission}\` on ${context.owner}/${context.repo}`;
  if (failure === undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    return new SlipwayError(
      `cannot reach the GitHub API at ${context.apiUrl} while ${context.action}: ${reason}`,
      {
        where,
        fix: 'check the network and the API URL (GITHUB_API_URL for GitHub Enterprise Server)',
        cause: error,
      },
    );
  }
  const said = `${failure.status} ${failure.message}`;
  if (failure.status === 401) {
    return new SlipwayError(`GitHub rejected the token (${said}) while ${context.action}`, {
      where,
      fix: `use a valid, unexpired token; ${grant}`,
      cause: error,
    });
  }
  if (failure.rateLimited) {
    return new SlipwayError(`GitHub API rate limit exceeded (${said}) while ${context.action}`, {
      where,
      fix: 'wait for the limit to reset, or use a token with a higher limit (a GitHub App token or GITHUB_TOKEN)',
      cause: error,
    });
  }
  if (failure.status === 403) {
    return new SlipwayError(`GitHub refused ${context.action} (${said})`, {
      where,
      fix: `${grant} (workflow \`permissions: ${context.permission.replace(/ and .*/, '')}\`, or a fine-grained token or GitHub App with that permission)`,
      cause: error,
    });
  }
  if (failure.status === 404) {
    return new SlipwayError(
      `not found (${said}) while ${context.action}: the repository or object does not exist, or the token cannot see it`,
      {
        where,
        fix: `check the repository URL and the API URL (${context.apiUrl}); ${grant}`,
        cause: error,
      },
    );
  }
  return new SlipwayError(`GitHub answered ${said} while ${context.action}`, { where, cause: error });
}

/** Runs `call`, turning its failure into gitHubError. */
export async function calling<T>(context: CallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw gitHubError(error, context);
  }
}
