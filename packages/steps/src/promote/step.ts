// The promote step as the CLI and the action load it: its inputs, flags and the opening of the config repo,
// light enough that the listing of the config repo (the promotion's first request) starts before the rest of
// the promotion loads (run.ts: the planner and YAML, the registry client, the policy's checks, the APIs), which
// then loads while the listing is on the wire (test/startup.cli.test.ts holds what is loaded by then).
import type { BranchOutcome } from '@slipway/gitops';
import { ConfigRepo } from '@slipway/gitops/access';
import { defineStep, type StepContext } from '../definition/step.js';
import { promoteInputs } from './inputs.js';
import { hostLane, laneDirectoryFrom, readAheadFreshForMs } from './lane.js';
import { type PromoteParams, promoteParams } from './params.js';
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

async function runPromote(params: PromoteParams, context: StepContext): Promise<PromoteResult> {
  // Opened before the config repo is read: a lane another promotion takes after that then shows (lane.ts).
  const lane = params.dryRun
    ? undefined
    : hostLane(laneDirectoryFrom(context.env), (message) => context.reporter.info(message));
  const freshForMs = readAheadFreshForMs(context.env, lane);
  const shared = params.via === 'git' ? await openSharedRepo(params, freshForMs) : undefined;
  try {
    // Loaded after the listing has started (openSharedRepo): the bundle loads a chunk as import() is called.
    const { promoteIn } = await import('./run.js');
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
 *
 * The policy's listing of the default branch starts here (ConfigRepo.listAhead), unless the flags themselves
 * may refuse the promotion before it reads anything: pull-request mode needs GitHub (run.ts says so first),
 * and a `--policy-ref` is checked against the branches promotions write (see policy/source.ts). This returns
 * once its git process runs: under `--path` that is the fetch that lists, after `git init`, and loading the
 * rest of the promotion any sooner would hold it up.
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
  if (params.mode !== 'pull-request' && params.policyRef === undefined) await shared.listAhead();
  return shared;
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
