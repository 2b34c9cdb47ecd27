// The promotion past its first request: the policy (its checks of signatures and provenance), tags resolved
// through the registry, the planner and the push (`promote` of @slipway/gitops), pull requests and `--wait`.
// step.ts loads this while the config repo's listing is on the wire.
import { MissingTokenError } from '@slipway/errors';
import {
  type BranchOutcome,
  type ConfigRepo,
  codeCommitRepoOf,
  type GitHubRepo,
  gitHubRepoOf,
  type ImageRequest,
  isCodeCommitConfigRepo,
  promote,
} from '@slipway/gitops';
import type { HostLaneOptions } from '@slipway/gitops/access';
import { resolveDigest } from '@slipway/oci';
import type { Policy } from '@slipway/sign';
import type { StepContext } from '../definition/step.js';
import { runWait, STATUS_READ } from '../wait/step.js';
import type { PromoteParams, RequestedImage } from './params.js';
import { type PolicyPlan, planWithPolicy } from './policy.js';
import type { PromoteResult } from './step.js';

/** The promotion `params` ask for, in `shared` through git (its listing already started, or not). */
export async function promoteIn(
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
    source: params.source(),
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
