import { SlipwayError } from '@slipway/errors';
import type { GitHubClient } from './client.js';
import { apiFailure, type CallContext, calling, gitHubError } from './errors.js';

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface UpsertPullRequestInput {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** The branch with the change (in the same repository; `owner:branch` is accepted too). */
  head: string;
  /** The branch it should land on. */
  base: string;
  title: string;
  body: string;
  /** Labels to add (existing labels are kept). */
  labels?: readonly string[];
  /** Ask GitHub to merge with this method once checks and reviews pass. */
  autoMerge?: MergeMethod;
}

export interface UpsertPullRequestResult {
  number: number;
  url: string;
  /** True when this call opened the pull request; false when it updated the open one. */
  created: boolean;
  /**
   * `enabled`: auto-merge is on; `not-requested`: no autoMerge asked; `not-allowed`: the repository does not
   * allow auto-merge; `unavailable`: GitHub declined for this pull request (e.g. it can be merged right away).
   */
  autoMerge: 'enabled' | 'not-requested' | 'not-allowed' | 'unavailable';
  /** Things the user should know that did not fail the step (e.g. auto-merge not allowed). */
  warnings: string[];
}

interface PullSummary {
  number: number;
  html_url: string;
  node_id: string;
  title: string;
  body: string | null;
  labels: Array<{ name?: string }>;
  auto_merge: { merge_method: string } | null;
}

const ENABLE_AUTO_MERGE = `mutation SlipwayEnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) {
    pullRequest { number autoMergeRequest { mergeMethod } }
  }
}`;

/**
 * Opens the pull request `head` → `base`, or updates the open one (title and body, only when they differ): one
 * pull request per head and base, even when two runs race to open it. Then adds `labels` and enables
 * auto-merge; a repository that does not allow auto-merge gives a warning, not a failure.
 */
export async function upsertPullRequest(input: UpsertPullRequestInput): Promise<UpsertPullRequestResult> {
  const { client, owner, repo, base, title, body } = input;
  const head = input.head.includes(':') ? input.head.slice(input.head.indexOf(':') + 1) : input.head;
  const headLabel = input.head.includes(':') ? input.head : `${owner}:${head}`;
  const context = (action: string, permission = 'pull-requests: write'): CallContext => ({
    owner,
    repo,
    branch: head,
    action,
    permission,
    apiUrl: client.apiUrl,
  });

  const findOpen = async (): Promise<PullSummary | undefined> => {
    const { data } = await calling(
      context(`looking for an open pull request ${head} → ${base}`, 'pull-requests: read'),
      async () =>
        (await client.api()).rest.pulls.list({
          owner,
          repo,
          head: headLabel,
          base,
          state: 'open',
          per_page: 10,
        }),
    );
    return data[0];
  };

  let pull = await findOpen();
  let created = false;
  if (pull === undefined) {
    try {
      const { data } = await (await client.api()).rest.pulls.create({ owner, repo, head, base, title, body });
      pull = data;
      created = true;
    } catch (error) {
      const failure = apiFailure(error);
      // Another run opened it between our look-up and create: use theirs.
      if (failure?.status === 422 && /already exists/i.test(failure.message)) pull = await findOpen();
      if (pull === undefined) {
        if (failure?.status === 422 && /no commits between/i.test(failure.message)) {
          throw new SlipwayError(`no commits between ${base} and ${head}: nothing to propose`, {
            where: `${owner}/${repo}`,
            cause: error,
          });
        }
        throw gitHubError(error, context(`opening a pull request ${head} → ${base}`));
      }
    }
  }
  const current = pull;
  if (!created && (current.title !== title || (current.body ?? '') !== body)) {
    await calling(context(`updating pull request #${current.number}`), async () =>
      (await client.api()).rest.pulls.update({ owner, repo, pull_number: current.number, title, body }),
    );
  }

  const have = new Set(current.labels.map((label) => label.name));
  const missing = [...new Set(input.labels ?? [])].filter((label) => !have.has(label));
  if (missing.length > 0) {
    await calling(context(`labelling pull request #${current.number}`), async () =>
      (await client.api()).rest.issues.addLabels({
        owner,
        repo,
        issue_number: current.number,
        labels: missing,
      }),
    );
  }

  const warnings: string[] = [];
  let autoMerge: UpsertPullRequestResult['autoMerge'] = 'not-requested';
  if (input.autoMerge !== undefined) {
    if (current.auto_merge?.merge_method === input.autoMerge) autoMerge = 'enabled';
    else {
      autoMerge = await enableAutoMerge(client, current, input.autoMerge, warnings, context);
    }
  }
  return { number: current.number, url: current.html_url, created, autoMerge, warnings };
}

async function enableAutoMerge(
  client: GitHubClient,
  pull: PullSummary,
  method: MergeMethod,
  warnings: string[],
  context: (action: string, permission?: string) => CallContext,
): Promise<UpsertPullRequestResult['autoMerge']> {
  const where = `${context('').owner}/${context('').repo}`;
  try {
    await (await client.api()).graphql(ENABLE_AUTO_MERGE, {
      pullRequestId: pull.node_id,
      mergeMethod: method.toUpperCase(),
    });
    return 'enabled';
  } catch (error) {
    const messages = graphqlMessages(error);
    const said = messages.join('; ');
    if (/auto.?merge is not allowed/i.test(said)) {
      warnings.push(
        `auto-merge is not enabled for pull request #${pull.number}: ${where} does not allow auto-merge (Settings → General → Allow auto-merge); merge ${pull.html_url} by hand`,
      );
      return 'not-allowed';
    }
    if (/clean status|unstable status|is in .* status/i.test(said)) {
      warnings.push(
        `auto-merge is not enabled for pull request #${pull.number}: GitHub says "${said}" (it enables auto-merge only while required checks or reviews are pending); merge ${pull.html_url} when ready`,
      );
      return 'unavailable';
    }
    if (messages.length > 0 && apiFailure(error) === undefined) {
      throw new SlipwayError(
        `GitHub refused to enable auto-merge for pull request #${pull.number} (${said})`,
        {
          where,
          fix: 'the token needs `pull-requests: write` and `contents: write` on the repository',
          cause: error,
        },
      );
    }
    throw gitHubError(
      error,
      context(
        `enabling auto-merge for pull request #${pull.number}`,
        'pull-requests: write and contents: write',
      ),
    );
  }
}

/** The `errors[].message` of a GraphQL answer (Octokit's GraphqlResponseError). */
function graphqlMessages(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .map((item: unknown) =>
      typeof item === 'object' && item !== null && typeof (item as { message?: unknown }).message === 'string'
        ? (item as { message: string }).message
        : '',
    )
    .filter((message) => message !== '');
}
