import { SlipwayError } from '@slipway/errors';
import {
  type BranchOutcome,
  checkReason,
  checkRunUrl,
  DEFAULT_RETRY,
  type EnvironmentTarget,
  type HistoryEntry,
  type Identity,
  promote,
  readHistory,
  TRAILER,
  type TrailerReference,
} from '@slipway/gitops';
import { shortDigest } from '@slipway/oci';
import { input } from '../definition/inputs.js';
import { defineStep, type StepContext } from '../definition/step.js';
import { hostLane, laneDirectoryFrom } from '../promote/lane.js';
import { recordedRunUrl } from '../promote/provenance.js';
import {
  identities,
  imageRepository,
  type RepoParams,
  repoInputs,
  repoParams,
  resolveTargets,
} from '../status/common.js';
import { rollbackTarget } from './target.js';

export const rollbackInputs = {
  ...repoInputs,
  env: input.requiredString('Environment to roll back.'),
  image: input.requiredString('Image (repository) to roll back.'),
  to: input.stringWithDefault(
    'What to go back to: how many versions back (1 = the one before the current; up to 4 digits), a digest (sha256:…), or the commit that promoted it (at least 5 hex digits).',
    '1',
  ),
  reason: input.checkedString('Why, recorded with the pin: one line, at most 200 characters.', checkReason),
  limit: input.integer('How many commits of the environment branch to search.', 100, { min: 1, max: 1000 }),
  author: input.string(
    'Commit author, "Name <email>" (default: github-actions[bot] on GitHub, else Slipway <slipway@localhost>).',
  ),
  committer: input.string('Commit committer, "Name <email>" (default: the author).'),
  'run-url': input.checkedString(
    'URL of the CI run (http or https, one line), for the Slipway-Run trailer (default: from the CI context).',
    checkRunUrl,
  ),
  'max-attempts': input.integer('Push attempts when other pipelines move the branch at the same time.', 30, {
    min: 1,
    max: 100,
  }),
  'dry-run': input.boolean('Print what would be committed; push nothing.', false),
};

interface RollbackParams extends RepoParams {
  readonly env: string;
  readonly repository: string;
  readonly to: string;
  readonly reason?: string;
  readonly limit: number;
  readonly author: Identity;
  readonly committer: Identity;
  readonly runUrl?: string;
  readonly maxAttempts: number;
  readonly dryRun: boolean;
}

export interface RollbackResult {
  readonly env: string;
  readonly branch: string;
  readonly image: string;
  readonly from: TrailerReference;
  readonly to: TrailerReference;
  /** The promotion commit undone (`Slipway-Rollback-Of`). */
  readonly rollbackOf: string;
  readonly outcome: BranchOutcome;
  readonly dryRun: boolean;
}

export const rollbackStep = defineStep({
  name: 'rollback',
  title: 'Slipway rollback',
  description:
    'Put an earlier version of an image back in an environment as a new commit (history is never rewritten), and pin it there until `slipway unpin`.',
  branding: { icon: 'rotate-ccw', color: 'orange' },
  inputs: rollbackInputs,
  outputs: {
    commit: { description: 'The rollback commit.' },
    digest: { description: 'The digest the environment runs again.' },
    'rollback-of': { description: 'The promotion commit undone.' },
  },
  prepare: (values, context): RollbackParams => {
    const runUrl = recordedRunUrl(values['run-url'], context.ci);
    return {
      ...repoParams(values),
      env: values.env,
      repository: imageRepository(values.image),
      to: values.to.trim(),
      ...(values.reason === undefined ? {} : { reason: values.reason }),
      limit: values.limit,
      ...identities(values.author, values.committer, context),
      ...(runUrl === undefined ? {} : { runUrl }),
      maxAttempts: values['max-attempts'],
      dryRun: values['dry-run'],
    };
  },
  run: runRollback,
  outputValues: (result) => ({
    commit: result.outcome.commit ?? '',
    digest: result.to.digest ?? '',
    'rollback-of': result.rollbackOf,
  }),
  json: (result) => ({
    env: result.env,
    branch: result.branch,
    image: result.image,
    from: result.from.reference,
    to: result.to.reference,
    rollbackOf: result.rollbackOf,
    commit: result.outcome.commit,
    changes: result.outcome.changes.map((c) => ({
      file: c.file,
      line: c.line,
      before: c.before,
      after: c.after,
    })),
    pinned: true,
    ...(result.dryRun ? { dryRun: true, diff: result.outcome.diff ?? '' } : {}),
  }),
  summary: (result) =>
    `## Slipway rollback of \`${result.env}\` (\`${result.branch}\`)\n\n\`${result.image}\`: \`${version(result.from)}\` → \`${version(result.to)}\`, undoing \`${result.rollbackOf.slice(0, 12)}\`${result.outcome.commit === null ? '' : ` in \`${result.outcome.commit.slice(0, 12)}\``}${result.dryRun ? ' (dry run, not pushed)' : ''}.\n\nThe image is pinned in ${result.env}: promotions of it are refused until \`slipway unpin --env ${result.env} --image ${result.image}\`.\n`,
  text: (result) =>
    `${result.branch}: ${result.dryRun ? 'would roll back' : 'rolled back'} ${result.image} ${version(result.from)} -> ${version(result.to)} (undoing ${result.rollbackOf.slice(0, 12)})${result.outcome.commit === null ? '' : ` in ${result.outcome.commit.slice(0, 12)}`}\n  pinned in ${result.env}: unpin with \`slipway unpin --env ${result.env} --image ${result.image}\`\n${result.dryRun && result.outcome.diff !== undefined ? `\n${result.outcome.diff}` : ''}`,
});

function version(ref: { tag?: string; digest?: string }): string {
  return `${ref.tag ?? '(no tag)'}${ref.digest === undefined ? '' : `@${shortDigest(ref.digest)}`}`;
}

async function runRollback(params: RollbackParams, context: StepContext): Promise<RollbackResult> {
  const lane = params.dryRun
    ? undefined
    : hostLane(laneDirectoryFrom(context.env), (message) => context.reporter.info(message));
  const [target] = await resolveTargets(params, [params.env], context);
  if (target === undefined) throw new Error('bug: no target');
  const history = await readHistory({
    configRepo: params.configRepo,
    ...(params.auth === undefined ? {} : { auth: params.auth }),
    target,
    limit: params.limit,
    repository: params.repository,
  });
  const { current, chosen, entry } = choose(history.entries, params, target);
  context.reporter.info(
    `${target.branch}: ${current.name} runs ${version(current)} (${entry.commit.slice(0, 12)}); rolling back to ${version(chosen)}`,
  );
  const at = new Date().toISOString();
  const [outcome] = await promote({
    configRepo: params.configRepo,
    ...(params.auth === undefined ? {} : { auth: params.auth }),
    targets: [target],
    images: [
      {
        name: current.name,
        repository: params.repository,
        ...(chosen.tag === undefined ? {} : { tag: chosen.tag }),
        ...(chosen.digest === undefined ? {} : { digest: chosen.digest }),
      },
    ],
    pin: chosen.tag === undefined ? 'digest' : 'tag+digest',
    valuesPaths: [],
    createBranch: false,
    dryRun: params.dryRun,
    author: params.author,
    committer: params.committer,
    source: params.runUrl === undefined ? {} : { runUrl: params.runUrl },
    retry: { ...DEFAULT_RETRY, maxAttempts: params.maxAttempts },
    trailers: [[TRAILER.rollbackOf, entry.commit]],
    pinAs: {
      reason: params.reason ?? `rollback of ${entry.commit.slice(0, 12)} (${version(current)})`,
      commit: entry.commit,
      by: `${params.author.name} <${params.author.email}>`,
      at,
    },
    ...(lane === undefined ? {} : { lane }),
    progress: (message) => context.reporter.info(message),
  });
  if (outcome === undefined) throw new Error('bug: no outcome');
  return {
    env: target.env,
    branch: target.branch,
    image: current.name,
    from: current,
    to: chosen,
    rollbackOf: entry.commit,
    outcome,
    dryRun: params.dryRun,
  };
}

/** The version `--to` names, from the image's promotions on the branch (newest first). */
function choose(
  entries: readonly HistoryEntry[],
  params: RollbackParams,
  target: EnvironmentTarget,
): { current: TrailerReference; chosen: TrailerReference; entry: HistoryEntry } {
  const promotions = entries.flatMap((entry) =>
    entry.images.filter((image) => image.repository === params.repository).map((image) => ({ entry, image })),
  );
  const latest = promotions[0];
  if (latest === undefined) {
    throw new SlipwayError(
      `nothing to roll back to: no Slipway promotion of ${params.repository} in the last ${params.limit} commits of ${target.branch}`,
      {
        fix: 'check --image and --env (or raise --limit); a version pinned by hand can only be changed with promote',
      },
    );
  }
  const current = latest.image;
  // Every version the environment ran, newest first: each promotion's, then what the oldest one replaced.
  const versions: TrailerReference[] = promotions.map((p) => p.image);
  const oldest = promotions.at(-1)?.image.previous;
  if (oldest !== undefined) versions.push(oldest);
  const same = (a: TrailerReference, b: TrailerReference) =>
    a.digest !== undefined && b.digest !== undefined
      ? a.digest === b.digest
      : a.tag === b.tag && a.digest === b.digest;
  const earlier = versions.filter((v) => !same(v, current));

  let chosen: TrailerReference | undefined;
  const to = params.to;
  const wanted = rollbackTarget(to);
  if (wanted.kind === 'count') {
    const { back } = wanted;
    if (back < 1)
      throw new SlipwayError('--to 0 is the current version', { fix: 'give 1 or more versions back' });
    // Distinct versions, skipping a repeat of the one just before.
    const distinct = earlier.filter((v, i) => i === 0 || !same(v, earlier[i - 1] ?? v));
    chosen = distinct[back - 1];
    if (chosen === undefined) {
      throw new SlipwayError(
        `nothing to roll back to: ${target.branch} shows ${distinct.length} earlier version${distinct.length === 1 ? '' : 's'} of ${params.repository}, not ${back}`,
        { fix: 'give a smaller --to, a digest, or a commit (see `slipway history`), or raise --limit' },
      );
    }
  } else if (wanted.kind === 'digest') {
    chosen = earlier.find((v) => v.digest?.startsWith(wanted.prefix));
    if (chosen === undefined) {
      if (current.digest?.startsWith(wanted.prefix)) {
        throw new SlipwayError(`${target.env} already runs ${version(current)}`, {
          fix: 'nothing to roll back',
        });
      }
      throw new SlipwayError(`${to} is not a version ${target.branch} ran (in the commits read)`, {
        fix: 'pick one from `slipway history`, or promote it explicitly',
      });
    }
  } else if (wanted.kind === 'commit') {
    const found = promotions.find((p) => p.entry.commit.startsWith(wanted.prefix));
    if (found === undefined) {
      throw new SlipwayError(
        `commit ${to} did not promote ${params.repository} on ${target.branch} (in the commits read)`,
        {
          fix: 'pick a commit from `slipway history --image …`',
        },
      );
    }
    if (same(found.image, current)) {
      throw new SlipwayError(`${target.env} already runs ${version(current)} (set by ${to})`, {
        fix: 'nothing to roll back',
      });
    }
    chosen = found.image;
  } else {
    throw new SlipwayError(`--to ${to} is neither a count, a digest nor a commit`, {
      fix: 'give 1, 2, … (up to 4 digits), sha256:<hex>, or a commit id (at least 5 hex digits)',
    });
  }
  if (chosen.digest === undefined) {
    throw new SlipwayError(`${version(chosen)} has no digest: a rollback pins a digest`, {
      fix: 'roll back to a version promoted with a digest, or promote it explicitly',
    });
  }
  return { current, chosen, entry: latest.entry };
}
