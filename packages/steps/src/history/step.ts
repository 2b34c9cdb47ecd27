import { type History, type HistoryEntry, type HistoryImage, readHistory } from '@slipway/gitops';
import { shortDigest } from '@slipway/oci';
import { input } from '../definition/inputs.js';
import { defineStep } from '../definition/step.js';
import {
  displayRepo,
  imageRepository,
  mdCell,
  type RepoParams,
  repoInputs,
  repoParams,
  resolveTargets,
  textTable,
} from '../status/common.js';

export const historyInputs = {
  ...repoInputs,
  env: input.requiredString('Environment whose promotions to list.'),
  image: input.string('Only promotions of this image (repository); commits without trailers are listed too.'),
  limit: input.integer('How many commits of the environment branch to read, newest first.', 20, {
    min: 1,
    max: 1000,
  }),
};

interface HistoryParams extends RepoParams {
  readonly env: string;
  readonly repository?: string;
  readonly limit: number;
}

export const historyStep = defineStep({
  name: 'history',
  title: 'Slipway history',
  description:
    'The promotions of one environment, newest first: when, which image and version, what it replaced, by which run, verified by whom; from the env branch’s commits alone.',
  branding: { icon: 'clock', color: 'blue' },
  cliOnly: true,
  inputs: historyInputs,
  outputs: { history: { description: 'JSON array of the entries, as `slipway history --json` prints.' } },
  prepare: (values): HistoryParams => {
    const image = values.image;
    return {
      ...repoParams(values),
      env: values.env,
      ...(image === undefined ? {} : { repository: imageRepository(image) }),
      limit: values.limit,
    };
  },
  run: async (params, context): Promise<History> => {
    const [target] = await resolveTargets(params, [params.env], context);
    if (target === undefined) throw new Error('bug: no target');
    context.reporter.info(`Reading the history of ${target.branch} from ${displayRepo(params.configRepo)}`);
    return readHistory({
      configRepo: params.configRepo,
      ...(params.auth === undefined ? {} : { auth: params.auth }),
      target,
      limit: params.limit,
      ...(params.repository === undefined ? {} : { repository: params.repository }),
    });
  },
  outputValues: (history) => ({ history: JSON.stringify(history.entries.map(entryJson)) }),
  json: (history) => history.entries.map(entryJson),
  summary: historySummary,
  text: historyText,
});

export function entryJson(entry: HistoryEntry): object {
  return {
    kind: entry.kind,
    commit: entry.commit,
    date: entry.committerDate,
    author: `${entry.author.name} <${entry.author.email}>`,
    subject: entry.subject,
    images: entry.images.map((image) => ({
      image: image.reference,
      repository: image.repository,
      tag: image.tag ?? null,
      digest: image.digest ?? null,
      previous: image.previous?.reference ?? null,
      verifiedBy: image.verifiedBy ?? null,
    })),
    run: entry.run ?? null,
    sourceCommit: entry.sourceCommit ?? null,
    rollbackOf: entry.rollbackOf ?? null,
    ...(entry.unpinned === undefined ? {} : { unpinned: entry.unpinned.reference }),
    ...(entry.pinOverridden === undefined
      ? {}
      : { pinOverridden: entry.pinOverridden.map((pin) => pin.reference) }),
  };
}

function version(image: { tag?: string; digest?: string } | undefined): string {
  if (image === undefined) return '-';
  return `${image.tag ?? '(no tag)'}${image.digest === undefined ? '' : `@${shortDigest(image.digest).slice(7)}`}`;
}

/** Whether this promotion of `image` went past a rollback's pin (`--override-pin`). */
function overrode(entry: HistoryEntry, image: HistoryImage): boolean {
  return entry.pinOverridden?.some((pin) => pin.repository === image.repository) === true;
}

function rows(entry: HistoryEntry): Array<{ entry: HistoryEntry; image: HistoryImage | undefined }> {
  return entry.images.length === 0
    ? [{ entry, image: undefined }]
    : entry.images.map((image) => ({ entry, image }));
}

function historyText(history: History): string {
  if (history.entries.length === 0) return `No commits on ${history.branch}\n`;
  const lines = history.entries
    .flatMap(rows)
    .map(({ entry, image }) => [
      entry.committerDate.replace('T', ' ').replace(/(:\d\d)([+-]\d\d:\d\d|Z)$/, '$1'),
      entry.kind,
      image === undefined
        ? entry.unpinned === undefined
          ? entry.subject
          : `unpin ${entry.unpinned.name}`
        : `${image.name}${overrode(entry, image) ? ' (pin overridden)' : ''}`,
      image === undefined ? '' : version(image),
      image?.previous === undefined ? '' : version(image.previous),
      entry.run ?? '',
      image?.verifiedBy ?? '',
      entry.commit.slice(0, 12),
    ]);
  const more = history.truncated ? `(older commits not read: raise --limit)\n` : '';
  return `${textTable(['WHEN', 'KIND', 'IMAGE', 'VERSION', 'PREVIOUS', 'RUN', 'VERIFIED BY', 'COMMIT'], lines)}${more}`;
}

function historySummary(history: History): string {
  const lines = history.entries.flatMap(rows).map(({ entry, image }) => {
    const what =
      image === undefined
        ? mdCell(entry.subject)
        : `\`${mdCell(image.name)}\` \`${mdCell(version(image))}\`${overrode(entry, image) ? ' (pin overridden)' : ''}`;
    const previous = image?.previous === undefined ? '' : `\`${mdCell(version(image.previous))}\``;
    const run = entry.run === undefined ? '' : `[run](${entry.run})`;
    return `| ${entry.committerDate} | ${entry.kind} | ${what} | ${previous} | ${run} | ${mdCell(image?.verifiedBy ?? '')} | \`${entry.commit.slice(0, 12)}\` |`;
  });
  return `## Slipway history of \`${history.env}\` (\`${history.branch}\`)\n\n| When | Kind | Image | Previous | Run | Verified by | Commit |\n| --- | --- | --- | --- | --- | --- | --- |\n${lines.join('\n')}\n`;
}
