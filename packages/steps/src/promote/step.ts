import { type BranchOutcome, type ImageRequest, promote } from '@slipway/gitops';
import { resolveDigest } from '@slipway/oci';
import { defineStep, type StepContext } from '../definition/step.js';
import { promoteInputs } from './inputs.js';
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
  }),
  json: (result) => {
    const objects = result.outcomes.map(outcomeJson);
    return objects.length === 1 ? objects[0] : objects;
  },
  summary: promoteSummary,
  text: promoteText,
});

async function runPromote(params: PromoteParams, context: StepContext): Promise<PromoteResult> {
  const { reporter } = context;
  const plan = await planWithPolicy(params, context);
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
    createBranch: params.createBranch,
    dryRun: params.dryRun,
    author: params.author,
    committer: params.committer,
    source: params.source,
    retry: params.retry,
    overridePin: params.overridePin,
    progress: (message) => reporter.info(message),
  });
  return { configRepo: params.configRepo, outcomes, dryRun: params.dryRun };
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
    ...(outcome.diff === undefined ? {} : { diff: outcome.diff }),
  };
}
