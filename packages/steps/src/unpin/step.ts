import { DEFAULT_RETRY, type Identity, type UnpinOutcome, unpin } from '@slipway/gitops';
import { shortDigest } from '@slipway/oci';
import { input } from '../definition/inputs.js';
import { defineStep } from '../definition/step.js';
import {
  identities,
  imageRepository,
  type RepoParams,
  repoInputs,
  repoParams,
  resolveTargets,
} from '../status/common.js';

export const unpinInputs = {
  ...repoInputs,
  env: input.requiredString('Environment to unpin the image in.'),
  image: input.requiredString('Image (repository) to unpin.'),
  author: input.string(
    'Commit author, "Name <email>" (default: github-actions[bot] on GitHub, else Slipway <slipway@localhost>).',
  ),
  committer: input.string('Commit committer, "Name <email>" (default: the author).'),
  'max-attempts': input.integer('Push attempts when other pipelines move the branch at the same time.', 30, {
    min: 1,
    max: 100,
  }),
  'dry-run': input.boolean('Create the commit but push nothing.', false),
};

interface UnpinParams extends RepoParams {
  readonly env: string;
  readonly repository: string;
  readonly author: Identity;
  readonly committer: Identity;
  readonly maxAttempts: number;
  readonly dryRun: boolean;
}

export const unpinStep = defineStep({
  name: 'unpin',
  title: 'Slipway unpin',
  description: 'Let promotions of an image into an environment through again, after a rollback pinned it.',
  branding: { icon: 'unlock', color: 'blue' },
  cliOnly: true,
  inputs: unpinInputs,
  outputs: { commit: { description: 'The commit that removed the pin.' } },
  prepare: (values, context): UnpinParams => ({
    ...repoParams(values),
    env: values.env,
    repository: imageRepository(values.image),
    ...identities(values.author, values.committer, context),
    maxAttempts: values['max-attempts'],
    dryRun: values['dry-run'],
  }),
  run: async (params, context): Promise<UnpinOutcome> => {
    const [target] = await resolveTargets(params, [params.env], context);
    if (target === undefined) throw new Error('bug: no target');
    return unpin({
      configRepo: params.configRepo,
      ...(params.auth === undefined ? {} : { auth: params.auth }),
      target,
      repository: params.repository,
      author: params.author,
      committer: params.committer,
      retry: { ...DEFAULT_RETRY, maxAttempts: params.maxAttempts },
      dryRun: params.dryRun,
      progress: (message) => context.reporter.info(message),
    });
  },
  outputValues: (outcome) => ({ commit: outcome.commit ?? '' }),
  json: (outcome) => ({
    env: outcome.env,
    branch: outcome.branch,
    commit: outcome.commit,
    unpinned: outcome.removed.image,
    digest: outcome.removed.digest,
    remaining: outcome.remaining,
  }),
  summary: (outcome) =>
    `## Slipway unpin\n\n\`${outcome.removed.image}\` (\`${shortDigest(outcome.removed.digest)}\`) is no longer pinned in \`${outcome.env}\`${outcome.commit === null ? '' : ` (\`${outcome.commit.slice(0, 12)}\`)`}.\n`,
  text: (outcome) =>
    `${outcome.branch}: unpinned ${outcome.removed.image} (${shortDigest(outcome.removed.digest)})${outcome.commit === null ? '' : ` in ${outcome.commit.slice(0, 12)}`}\n`,
});
