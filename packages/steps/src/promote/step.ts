import { MissingTokenError } from '@slipway/errors';
import {
  type BranchOutcome,
  ConfigRepo,
  codeCommitRepoOf,
  type GitHubRepo,
  gitHubRepoOf,
  type HostLaneOptions,
  type ImageRequest,
  isCodeCommitConfigRepo,
  promote,
  READ_AHEAD_FRESH_MS,
} from '@slipway/gitops';
import { resolveDigest } from '@slipway/oci';
import { timeoutFromEnvironment } from '@slipway/process';
import type { Policy } from '@slipway/sign';
import { defineStep, type StepContext } from '../definition/step.js';
import { runWait, STATUS_READ } from '../wait/step.js';
import { promoteInputs } from './inputs.js';
import { hostLane, laneDirectoryFrom } from './lane.js';
import { type PromoteParams, promoteParams, type RequestedImage } from './params.js';
import { type PolicyPlan, planWithPolicy } from './policy.js';
import { promoteSummary, promoteText } from './render.js';

export interface PromoteResult {
  readonly configRepo: string;
  readonly outcomes: readonly BranchOutcome[];
  readonly dryRun: boolean;
}

export const promoteStep = defineStep({
  name: 'promote',
  title: 'Slipway promote',
  description:
    'Pin images (tag and digest) on environment branches of a GitOps config repo: edits only the image scalars, one commit per branch, safe when pipelines race.',
  branding: { icon: 'git-commit', color: 'blue' },
  inputs: promoteInputs,
  outputs: {
    commit: { description: 'The promotion commit (one line per environment; empty when nothing changed).' },
    branch: { description: 'The environment branch (one line per environment).' },
    noop: { description: 'true when every environment already pinned these images.' },
    changes: { description: 'JSON array of {file, line, before, after} (all environments).' },
    attempts: { description: 'Push attempts the promotion took.' },
    results: {
      description: 'JSON array with one object per environment, as `slipway promote --json` prints.',
    },
    'pull-request-url': {
      description:
        'In pull-request mode: the pull request opened or updated (one line per environment; empty for one pushed or unchanged).',
    },
    'pull-request-number': {
      description:
        'In pull-request mode: its number (one line per environment; empty for one pushed or unchanged).',
    },
  },
  prepare: promoteParams,
  run: runPromote,
  outputValues: (result) => ({
    commit: result.outcomes.map((o) => o.commit ?? '').join('\n'),
    branch: result.outcomes.map((o) => o.branch).join('\n'),
    noop: String(result.outcomes.every((o) => o.noop)),
    changes: JSON.stringify(result.outcomes.flatMap((o) => o.changes.map(changeJson))),
    attempts: String(Math.max(...result.outcomes.map((o) => o.attempts))),
    results: JSON.stringify(result.outcomes.map(outcomeJson)),
    'pull-request-url': result.outcomes.map((o) => o.pullRequest?.url ?? '').join('\n'),
    'pull-request-number': result.outcomes.map((o) => String(o.pullRequest?.number ?? '')).join('\n'),
  }),
  json: (result) => {
    const objects = result.outcomes.map(outcomeJson);
    return objects.length === 1 ? objects[0] : objects;
  },
  summary: promoteSummary,
  text: promoteText,
});

/** How many seconds tips read ahead with the policy stay usable by the first attempt (see read-ahead.ts). */
const READ_AHEAD_VARIABLE = 'SLIPWAY_READ_AHEAD_SECONDS';

async function runPromote(params: PromoteParams, context: StepContext): Promise<PromoteResult> {
  const freshForMs = timeoutFromEnvironment(READ_AHEAD_VARIABLE, READ_AHEAD_FRESH_MS, context.env);
  const lane = params.dryRun
    ? undefined
    : await hostLane(laneDirectoryFrom(context.env), (message) => context.reporter.info(message));
  const shared = params.via === 'git' ? await openSharedRepo(params, freshForMs) : undefined;
  try {
    return await promoteIn(shared, params, context, lane);
  } finally {
    await shared?.dispose();
  }
}

/**
 * Through git, the policy and the promotion share one temporary repository: the branches and folders the flags
 * name are listed, fetched and read along with the policy (see ConfigRepo.planReads), and the first attempt
 * goes straight to its push when the policy keeps them and they are fresh (`SLIPWAY_READ_AHEAD_SECONDS`).
 * Only for a promotion under `--path`: without one the promotion reads whole branches, which a fetch without
 * blobs does not bring.
 */
async function openSharedRepo(params: PromoteParams, freshForMs: number): Promise<ConfigRepo> {
  const shared = await ConfigRepo.open(
    params.configRepo,
    params.token === undefined ? {} : { token: params.token, username: params.tokenUsername },
  );
  const read = [...params.targets, ...(params.from === undefined ? [] : [params.from])];
  if (read.every((target) => target.path !== undefined)) {
    shared.planReads({
      branches: new Map(read.map((target) => [target.branch, [target.path ?? '']])),
      freshForMs,
    });
  }
  return shared;
}

async function promoteIn(
  shared: ConfigRepo | undefined,
  params: PromoteParams,
  context: StepContext,
  lane: HostLaneOptions | undefined,
): Promise<PromoteResult> {
  const { reporter } = context;
  const github = (why: string): GitHubRepo =>
    gitHubRepoOf(params.configRepo, {
      token: params.token,
      ...(params.githubApiUrl === undefined ? {} : { apiUrl: params.githubApiUrl }),
      env: context.env,
      why,
    });
  // When the flags alone need GitHub, say so before anything is read. Pull requests on CodeCommit need none.
  const onCodeCommit = isCodeCommitConfigRepo(params.configRepo);
  let repo =
    params.via === 'github-api'
      ? github('promoting through the GitHub API (--via github-api)')
      : params.mode === 'pull-request' && !onCodeCommit
        ? github('pull-request mode')
        : undefined;
  const codecommit =
    params.via === 'codecommit-api'
      ? await codeCommitRepoOf(params.configRepo, {
          env: context.env,
          why: 'promoting through the CodeCommit API (--via codecommit-api)',
        })
      : undefined;
  const plan = await planWithPolicy(params, context, {
    ...(params.via === 'github-api' && repo !== undefined ? { github: repo } : {}),
    ...(codecommit === undefined ? {} : { codecommit }),
    ...(shared === undefined ? {} : { repo: shared }),
  });
  // The policy's `mode: pull-request` for an environment wins over the flag.
  const byPullRequest = plan.targets
    .filter(
      (target) =>
        params.mode === 'pull-request' ||
        plan.policy?.environments.find((e) => e.name === target.env)?.mode === 'pull-request',
    )
    .map((target) => target.env);
  if (byPullRequest.length > 0 && repo === undefined && !onCodeCommit) {
    repo = github(`.slipway.yaml's mode: pull-request for ${byPullRequest.join(', ')}`);
  }
  const images =
    params.from === undefined
      ? await resolveImages(params, plan, context)
      : params.images.map((i) => i.request);
  const outcomes = await promote({
    configRepo: params.configRepo,
    ...(params.token === undefined ? {} : { auth: { token: params.token, username: params.tokenUsername } }),
    targets: plan.targets,
    images,
    ...(plan.from === undefined ? {} : { from: plan.from }),
    ...(plan.gate === undefined ? {} : { gate: plan.gate }),
    pin: params.pin,
    valuesPaths: params.valuesPaths,
    imagePolicies: params.imagePolicies,
    createBranch: params.createBranch,
    dryRun: params.dryRun,
    author: params.author,
    committer: params.committer,
    source: params.source,
    retry: params.retry,
    via: params.via,
    ...(shared === undefined ? {} : { repo: shared }),
    ...(repo === undefined ? {} : { github: repo }),
    ...(codecommit === undefined ? {} : { codecommit }),
    ...(byPullRequest.length === 0
      ? {}
      : {
          pullRequests: {
            envs: new Set(byPullRequest),
            ...(params.prLabels.length === 0 ? {} : { labels: params.prLabels }),
            ...(params.autoMerge === undefined ? {} : { autoMerge: params.autoMerge }),
            approvalRuleTemplates: approvalRuleTemplates(plan.policy, byPullRequest),
          },
        }),
    overridePin: params.overridePin,
    ...(plan.pinOverrideRefusal === undefined ? {} : { pinOverrideRefusal: plan.pinOverrideRefusal }),
    ...(lane === undefined ? {} : { lane }),
    progress: (message) => reporter.info(message),
    warn: (message, location) => reporter.warning(message, location),
  });
  if (params.wait !== undefined && !params.dryRun)
    await waitForDeployments(params, params.wait, outcomes, context);
  return { configRepo: params.configRepo, outcomes, dryRun: params.dryRun };
}

/** Per environment promoted by pull request, the approval-rule template the policy names for it. */
function approvalRuleTemplates(
  policy: Policy | undefined,
  envs: readonly string[],
): Map<string, { name: string; declaredAt: string }> {
  const templates = new Map<string, { name: string; declaredAt: string }>();
  if (policy === undefined) return templates;
  for (const environment of policy.environments) {
    const template = environment.pullRequest.approvalRuleTemplate;
    if (template === undefined || !envs.includes(environment.name)) continue;
    templates.set(environment.name, { name: template.name, declaredAt: `${policy.file}:${template.line}` });
  }
  return templates;
}

/**
 * A tag alone is resolved to the digest the registry serves for it now, so what is written is pinned (and,
 * where the policy checks signatures or promoteFrom, so that there is a digest to check).
 */
async function resolveImages(
  params: PromoteParams,
  plan: PolicyPlan,
  context: StepContext,
): Promise<ImageRequest[]> {
  return Promise.all(
    params.images.map(async (image: RequestedImage) => {
      if (image.request.digest !== undefined || (params.pin === 'tag' && plan.gate === undefined)) {
        return image.request;
      }
      context.reporter.info(
        `Resolving ${image.request.name}:${image.request.tag ?? ''} through the registry`,
      );
      const { digest } = await resolveDigest(image.reference, {
        insecureRegistries: params.insecureRegistries,
      });
      return { ...image.request, digest };
    }),
  );
}

function changeJson(change: BranchOutcome['changes'][number]): object {
  return { file: change.file, line: change.line, before: change.before, after: change.after };
}

function outcomeJson(outcome: BranchOutcome): object {
  return {
    env: outcome.env,
    branch: outcome.branch,
    commit: outcome.commit,
    noop: outcome.noop,
    changes: outcome.changes.map(changeJson),
    attempts: outcome.attempts,
    ...(outcome.created ? { created: true } : {}),
    ...(outcome.pullRequest === undefined
      ? {}
      : {
          pullRequest: {
            number: outcome.pullRequest.number,
            url: outcome.pullRequest.url,
            created: outcome.pullRequest.created,
            ...(outcome.pullRequest.approvalRule === undefined
              ? {}
              : { approvalRuleTemplate: outcome.pullRequest.approvalRule.template }),
          },
        }),
    ...(outcome.diff === undefined ? {} : { diff: outcome.diff }),
  };
}

/** `--wait`: each pushed commit must be reported deployed by the agent, or the step fails with its message. */
async function waitForDeployments(
  params: PromoteParams,
  wait: { readonly timeoutMs: number; readonly intervalMs: number; readonly contexts: string[] },
  outcomes: readonly BranchOutcome[],
  context: StepContext,
): Promise<void> {
  if (params.token === undefined) {
    throw new MissingTokenError(
      '--wait reads the commit statuses through the GitHub API, and no token is set',
      {
        permissions: STATUS_READ,
      },
    );
  }
  for (const outcome of outcomes) {
    if (outcome.commit === null || outcome.pullRequest !== undefined) continue;
    await runWait(
      {
        configRepo: params.configRepo,
        env: outcome.env,
        commit: outcome.commit,
        contexts: wait.contexts,
        timeoutMs: wait.timeoutMs,
        intervalMs: wait.intervalMs,
        token: params.token,
        ...(params.githubApiUrl === undefined ? {} : { apiUrl: params.githubApiUrl }),
      },
      context,
    );
  }
}
