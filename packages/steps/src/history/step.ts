import { type HistoryEntry, type HistoryImage, readHistory } from '@slipway/gitops';
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
import { unheldClaims, type Verdict, type VerifiedHistory, verifyHistory } from './verify.js';

export const historyInputs = {
  ...repoInputs,
  env: input.requiredString('Environment whose promotions to list.'),
  image: input.string('Only promotions of this image (repository); commits without trailers are listed too.'),
  limit: input.integer('How many commits of the environment branch to read, newest first.', 20, {
    min: 1,
    max: 1000,
  }),
  verify: input.boolean(
    'Re-check each Slipway-Verified-By claim: the registry must hold a valid signature of the digest by each key claimed, and the policy must trust that key for the environment. Fails when a claim does not hold.',
    false,
  ),
  'insecure-registry': input.list('Registries to reach over plain HTTP with --verify (localhost always is).'),
};

interface HistoryParams extends RepoParams {
  readonly env: string;
  readonly repository?: string;
  readonly limit: number;
  readonly verify: boolean;
  readonly insecureRegistries: readonly string[];
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
      verify: values.verify,
      insecureRegistries: values['insecure-registry'],
    };
  },
  run: async (params, context): Promise<VerifiedHistory> => {
    const [target] = await resolveTargets(params, [params.env], context);
    if (target === undefined) throw new Error('bug: no target');
    context.reporter.info(`Reading the history of ${target.branch} from ${displayRepo(params.configRepo)}`);
    const history = await readHistory({
      configRepo: params.configRepo,
      ...(params.auth === undefined ? {} : { auth: params.auth }),
      target,
      limit: params.limit,
      ...(params.repository === undefined ? {} : { repository: params.repository }),
    });
    if (!params.verify) return history;
    return verifyHistory(
      history,
      target,
      {
        configRepo: params.configRepo,
        ...(params.auth === undefined ? {} : { auth: params.auth }),
        ...(params.policyRef === undefined ? {} : { policyRef: params.policyRef }),
        ...(params.branchTemplate === undefined ? {} : { branchTemplate: params.branchTemplate }),
        insecureRegistries: params.insecureRegistries,
      },
      context,
    );
  },
  outputValues: (history) => ({ history: JSON.stringify(historyJson(history)) }),
  json: historyJson,
  summary: historySummary,
  text: historyText,
  failure: unheldClaims,
});

function historyJson(history: VerifiedHistory): object[] {
  return history.entries.map((entry) => {
    const verdicts = history.verdicts?.get(entry);
    if (verdicts === undefined) return entryJson(entry);
    const json = entryJson(entry) as { images: object[] };
    return {
      ...json,
      images: json.images.map((image, index) => ({ ...image, verification: verdictJson(verdicts[index]) })),
      verification: verdictJson(worst(verdicts)),
    };
  });
}

function verdictJson(verdict: Verdict | undefined): object | null {
  if (verdict === undefined) return null;
  return {
    verdict: verdict.verdict,
    reason: 'reason' in verdict ? verdict.reason : null,
    ...('keys' in verdict ? { keys: verdict.keys } : {}),
  };
}

const SEVERITY: Record<Verdict['verdict'], number> = {
  'claim not upheld': 3,
  unverified: 2,
  'no claim': 1,
  verified: 0,
};

/** The verdict that says most about an entry: a claim not upheld over anything else. */
function worst(verdicts: readonly Verdict[]): Verdict | undefined {
  return [...verdicts].sort((a, b) => SEVERITY[b.verdict] - SEVERITY[a.verdict])[0];
}

function verdictText(verdict: Verdict | undefined): string {
  if (verdict === undefined) return '';
  return 'reason' in verdict ? `${verdict.verdict}: ${verdict.reason}` : verdict.verdict;
}

function verdictCounts(history: VerifiedHistory): string {
  const counts = new Map<string, number>();
  for (const list of history.verdicts?.values() ?? []) {
    for (const verdict of list) counts.set(verdict.verdict, (counts.get(verdict.verdict) ?? 0) + 1);
  }
  const order: Verdict['verdict'][] = ['verified', 'claim not upheld', 'unverified', 'no claim'];
  return order.map((verdict) => `${counts.get(verdict) ?? 0} ${verdict}`).join(', ');
}

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

interface Row {
  readonly entry: HistoryEntry;
  readonly image: HistoryImage | undefined;
  readonly verdict: Verdict | undefined;
}

function rowsOf(history: VerifiedHistory): Row[] {
  return history.entries.flatMap((entry): Row[] => {
    const verdicts = history.verdicts?.get(entry) ?? [];
    return entry.images.length === 0
      ? [{ entry, image: undefined, verdict: verdicts[0] }]
      : entry.images.map((image, index) => ({ entry, image, verdict: verdicts[index] }));
  });
}

function historyText(history: VerifiedHistory): string {
  if (history.entries.length === 0) return `No commits on ${history.branch}\n`;
  const verify = history.verdicts !== undefined;
  const lines = rowsOf(history).map(({ entry, image, verdict }) => [
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
    ...(verify ? [verdictText(verdict)] : []),
  ]);
  const more = history.truncated ? `(older commits not read: raise --limit)\n` : '';
  const heads = ['WHEN', 'KIND', 'IMAGE', 'VERSION', 'PREVIOUS', 'RUN', 'VERIFIED BY', 'COMMIT'];
  const table = textTable(verify ? [...heads, 'VERDICT'] : heads, lines);
  return `${table}${more}${verify ? `Verified claims: ${verdictCounts(history)}\n` : ''}`;
}

function historySummary(history: VerifiedHistory): string {
  const verify = history.verdicts !== undefined;
  const lines = rowsOf(history).map(({ entry, image, verdict }) => {
    const what =
      image === undefined
        ? mdCell(entry.subject)
        : `\`${mdCell(image.name)}\` \`${mdCell(version(image))}\`${overrode(entry, image) ? ' (pin overridden)' : ''}`;
    const previous = image?.previous === undefined ? '' : `\`${mdCell(version(image.previous))}\``;
    const run = entry.run === undefined ? '' : `[run](${entry.run})`;
    const check = verify ? ` ${mdCell(verdictText(verdict))} |` : '';
    return `| ${entry.committerDate} | ${entry.kind} | ${what} | ${previous} | ${run} | ${mdCell(image?.verifiedBy ?? '')} | \`${entry.commit.slice(0, 12)}\` |${check}`;
  });
  const head = `| When | Kind | Image | Previous | Run | Verified by | Commit |${verify ? ' Verdict |' : ''}\n| --- | --- | --- | --- | --- | --- | --- |${verify ? ' --- |' : ''}`;
  const counts = verify ? `\nVerified claims: ${verdictCounts(history)}.\n` : '';
  return `## Slipway history of \`${history.env}\` (\`${history.branch}\`)\n\n${head}\n${lines.join('\n')}\n${counts}`;
}
