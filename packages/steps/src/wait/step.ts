import { MissingTokenError, SlipwayError } from '@slipway/errors';
import {
  branchTip,
  type CommitCheck,
  createGitHubClient,
  repoFromUrl,
  type WaitOutcome,
  waitForDeployment,
} from '@slipway/github';
import { input } from '../definition/inputs.js';
import { defineStep, type StepContext } from '../definition/step.js';
import { mdCell, textTable } from '../status/common.js';
import { formatDuration, parseDuration } from './duration.js';

/** What reading a commit's statuses and check runs needs of a token. */
export const STATUS_READ = ['statuses: read', 'checks: read'] as const;

export const waitInputs = {
  'config-repo': input.requiredString(
    'Config repo on GitHub (https://github.com/OWNER/REPO, git@github.com:OWNER/REPO or OWNER/REPO).',
    { env: ['SLIPWAY_CONFIG_REPO'], credentialsInUrl: true },
  ),
  env: input.string('Environment deployed; with no --commit, the tip of its branch is waited for.'),
  commit: input.string('Config repo commit the agent reports on (default: the tip of the env branch).'),
  'branch-template': input.stringWithDefault(
    'Branch of an environment; {env} stands for its name (used when --commit is not given).',
    'env/{env}',
  ),
  context: input.list(
    'Status contexts or check names to wait for, by prefix (e.g. kustomization/apps); each must show up. Default: every one present, and at least one.',
  ),
  timeout: input.stringWithDefault('How long to wait at most: 90s, 15m, 1h.', '15m'),
  interval: input.stringWithDefault('How often to read the statuses: 10s, 30s, 1m.', '10s'),
  token: input.string('GitHub token that may read commit statuses and checks of the config repo.', {
    secret: true,
    env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'],
  }),
  'github-api-url': input.string(
    'GitHub API of the config repo, e.g. https://ghe.example.com/api/v3 (default: derived from the config repo URL, or GITHUB_API_URL on the same host).',
  ),
};

interface WaitParams {
  readonly configRepo: string;
  readonly env?: string;
  readonly commit?: string;
  readonly branch?: string;
  readonly contexts: string[];
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly token: string;
  readonly apiUrl?: string;
}

export interface WaitResult {
  readonly repository: string;
  readonly env?: string;
  readonly commit: string;
  readonly outcome: WaitOutcome;
}

export const waitStep = defineStep({
  name: 'wait',
  title: 'Slipway wait',
  description:
    'Waits for the deployment feedback a pull-based agent (Flux notification-controller, Argo CD notifications) sets on a config repo commit: succeeds when its statuses and check runs are all success, fails when one fails, or times out.',
  branding: { icon: 'clock', color: 'blue' },
  inputs: waitInputs,
  outputs: {
    state: { description: 'success, failure or timeout.' },
    contexts: {
      description:
        'JSON array of the statuses and check runs last seen: context, state, description, url, updatedAt, source.',
    },
  },
  prepare: (values): WaitParams => {
    const token = values.token;
    if (token === undefined) {
      throw new MissingTokenError('no GitHub token to read the commit statuses with', {
        permissions: STATUS_READ,
      });
    }
    const env = values.env;
    if (values.commit === undefined && env === undefined) {
      throw new SlipwayError('--commit or --env is required', {
        fix: 'pass the config repo commit to wait for, or the environment whose branch tip to wait for',
      });
    }
    return {
      configRepo: values['config-repo'],
      ...(env === undefined ? {} : { env }),
      ...(values.commit === undefined
        ? { branch: values['branch-template'].replaceAll('{env}', env ?? '') }
        : { commit: values.commit }),
      contexts: values.context,
      timeoutMs: parseDuration(values.timeout, '--timeout'),
      intervalMs: parseDuration(values.interval, '--interval'),
      token,
      ...(values['github-api-url'] === undefined ? {} : { apiUrl: values['github-api-url'] }),
    };
  },
  run: async (params, context) => {
    const result = await waitForStatuses(params, context);
    if (result.outcome.state !== 'success') {
      // The step fails; its outputs still say how (an action's later steps may read them with `if: always()`).
      context.reporter.setOutput('state', result.outcome.state);
      context.reporter.setOutput('contexts', JSON.stringify(result.outcome.checks.map(checkJson)));
    }
    return deployed(result, params);
  },
  outputValues: (result) => ({
    state: result.outcome.state,
    contexts: JSON.stringify(result.outcome.checks.map(checkJson)),
  }),
  json: (result) => ({
    state: result.outcome.state,
    repository: result.repository,
    env: result.env ?? null,
    commit: result.commit,
    contexts: result.outcome.checks.map(checkJson),
  }),
  summary: (result) => {
    const rows = result.outcome.checks.map(
      (c) =>
        `| \`${mdCell(c.context)}\` | ${c.state} | ${mdCell(c.description ?? '')} | ${c.url === null ? '' : `[link](${c.url})`} |`,
    );
    return `## Slipway wait\n\n${where(result)} deployed: every status is success (${formatDuration(result.outcome.elapsedMs)}).\n\n| Context | State | Description | |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
  },
  text: (result) =>
    `${where(result)} deployed after ${formatDuration(result.outcome.elapsedMs)}\n${textTable(
      ['CONTEXT', 'STATE', 'DESCRIPTION'],
      result.outcome.checks.map((c) => [c.context, c.state, c.description ?? '']),
    )}`,
});

/**
 * Waits for the deployment of one commit (promote --wait reuses it): its result, or a SlipwayError when the
 * deployment failed or timed out. Sets no outputs: the wait step sets its own.
 */
export async function runWait(params: WaitParams, context: StepContext): Promise<WaitResult> {
  return deployed(await waitForStatuses(params, context), params);
}

/** Reads the statuses until they settle: success, failure or timeout. */
async function waitForStatuses(params: WaitParams, context: StepContext): Promise<WaitResult> {
  const { reporter } = context;
  const ref = repoFromUrl(params.configRepo, {
    ...(params.apiUrl === undefined ? {} : { apiUrl: params.apiUrl }),
    env: { ...context.env },
  });
  const client = createGitHubClient({ token: params.token, apiUrl: ref.apiUrl });
  const repository = `${ref.owner}/${ref.repo}`;
  let commit = params.commit;
  if (commit === undefined) {
    const branch = params.branch ?? '';
    commit = await branchTip({ client, owner: ref.owner, repo: ref.repo, branch });
    if (commit === undefined) {
      throw new SlipwayError(`branch ${branch} does not exist`, {
        where: repository,
        fix: 'promote to the environment first, or pass --commit',
      });
    }
    reporter.info(`${branch} is at ${commit}`);
  }
  const base = { repository, ...(params.env === undefined ? {} : { env: params.env }), commit };
  reporter.info(
    `Waiting up to ${formatDuration(params.timeoutMs)} for the statuses of ${repository}@${short(commit)}${params.env === undefined ? '' : ` (${params.env})`}${params.contexts.length === 0 ? '' : ` matching ${params.contexts.join(', ')}`}, every ${formatDuration(params.intervalMs)}`,
  );
  let lastRetry = '';
  const outcome = await waitForDeployment({
    client,
    owner: ref.owner,
    repo: ref.repo,
    sha: commit,
    contexts: params.contexts,
    timeoutMs: params.timeoutMs,
    intervalMs: params.intervalMs,
    onChange: ({ checks, changed }) => {
      if (checks.length === 0) reporter.info('no statuses or check runs yet');
      for (const check of changed) reporter.info(`${check.context}: ${describe(check)}`);
    },
    onRetry: (error) => {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastRetry) reporter.warning(`reading the statuses failed, retrying: ${message}`);
      lastRetry = message;
    },
  });
  return { ...base, outcome };
}

/** `result` when every status is success; else the SlipwayError saying how the deployment failed or timed out. */
function deployed(result: WaitResult, params: WaitParams): WaitResult {
  const { outcome } = result;
  if (outcome.state === 'success') return result;
  if (outcome.state === 'failure') {
    throw new SlipwayError(
      `deployment failed: ${outcome.failed.map((c) => `${c.context} is ${describe(c)}${c.url === null ? '' : ` (${c.url})`}`).join('; ')}`,
      { where: where(result) },
    );
  }
  const seen =
    outcome.checks.length === 0
      ? 'no statuses or check runs'
      : outcome.checks.map((c) => `${c.context} ${describe(c)}`).join(', ');
  const missing =
    outcome.missing.length === 0 ? '' : `; nothing yet for --context ${outcome.missing.join(', ')}`;
  throw new SlipwayError(
    `timed out after ${formatDuration(params.timeoutMs)} waiting for the deployment; last seen: ${seen}${missing}`,
    {
      where: where(result),
      fix: 'check the agent (Flux notification-controller provider, Argo CD notifications) reports to this repository, or raise --timeout',
    },
  );
}

function describe(check: CommitCheck): string {
  return check.description === null || check.description === ''
    ? check.state
    : `${check.state} (${check.description})`;
}

function where(result: { repository: string; env?: string; commit: string }): string {
  return `${result.repository}@${short(result.commit)}${result.env === undefined ? '' : ` (${result.env})`}`;
}

const short = (sha: string) => (/^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 7) : sha);

function checkJson(check: CommitCheck): object {
  return {
    context: check.context,
    state: check.state,
    description: check.description,
    url: check.url,
    updatedAt: check.updatedAt,
    source: check.source,
  };
}
