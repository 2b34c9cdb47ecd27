import type { CiContext } from '@slipway/ci';
import { defineStep } from '../definition/step.js';

const FIELDS: ReadonlyArray<[output: string, key: keyof CiContext, description: string]> = [
  ['platform', 'platform', 'github-actions, codebuild or local.'],
  ['commit', 'commitSha', 'Commit being built.'],
  ['ref', 'ref', 'Git ref being built (refs/heads/…, refs/tags/…, refs/pull/N/head).'],
  ['run-url', 'runUrl', 'URL of the CI run.'],
  ['repository-url', 'repositoryUrl', 'Repository being built, without credentials.'],
  ['actor', 'actor', 'Who or what started the run.'],
  ['event', 'event', 'What triggered the run.'],
];

/** Prints what Slipway detected of where it runs: the same context every step uses for trailers and tags. */
export const contextStep = defineStep({
  name: 'context',
  title: 'Slipway context',
  description:
    'Show the CI context Slipway detects here (GitHub Actions, CodeBuild or local): commit, ref, run URL.',
  branding: { icon: 'info', color: 'gray-dark' },
  cliOnly: true,
  inputs: {},
  outputs: Object.fromEntries(FIELDS.map(([output, , description]) => [output, { description }])),
  prepare: () => undefined,
  run: async (_params, context) => context.ci,
  outputValues: (ci) =>
    Object.fromEntries(
      FIELDS.flatMap(([output, key]) => (ci[key] === undefined ? [] : [[output, String(ci[key])]])),
    ),
  json: (ci) => Object.fromEntries(FIELDS.map(([output, key]) => [output, ci[key] ?? null])),
  summary: (ci) =>
    `## Slipway context\n\n| | |\n| --- | --- |\n${FIELDS.map(([output, key]) => `| ${output} | ${ci[key] ?? ''} |`).join('\n')}\n`,
  text: (ci) => `${FIELDS.map(([output, key]) => `${output.padEnd(15)} ${ci[key] ?? '-'}`).join('\n')}\n`,
});
