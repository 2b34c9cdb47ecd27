import {
  type ConfigRepoWebLinks,
  type ImagePolicy,
  readStatus,
  type Status,
  type StatusCell,
} from '@slipway/gitops';
import { shortDigest } from '@slipway/oci';
import { configRepoLinks } from '../config-repo-links.js';
import { input } from '../definition/inputs.js';
import { defineStep } from '../definition/step.js';
import { parseImagePolicies } from '../images/policies.js';
import {
  age,
  displayRepo,
  imageRepository,
  mdCell,
  type RepoParams,
  repoInputs,
  repoParams,
  resolveTargets,
  textTable,
} from './common.js';

export const statusInputs = {
  ...repoInputs,
  env: input.list(
    'Environments (columns), in promotion order (default: those of .slipway.yaml, else dev, staging, prod).',
  ),
  image: input.list('Only these images (repositories); default every image referenced.'),
  'image-policy': input.list(
    'Flux ImagePolicy whose $imagepolicy markers hold an image: <namespace>:<name>=<image repo> (the repo may be left out when one image is given). For markers whose ImagePolicy is not on the branch.',
  ),
};

interface StatusParams extends RepoParams {
  readonly envs: string[];
  readonly repositories: string[];
  readonly imagePolicies: ImagePolicy[];
}

export interface StatusResult {
  readonly status: Status;
  /** When the matrix was read, for ages. */
  readonly at: Date;
  /** The config repo's commit and branch pages (GitHub, the CodeCommit console), for the summary's links. */
  readonly links?: ConfigRepoWebLinks;
}

export const statusStep = defineStep({
  name: 'status',
  title: 'Slipway status',
  description:
    'What runs where: a matrix of images × environments (tag, digest, age, same as the previous environment), read from the env branches of a GitOps config repo.',
  branding: { icon: 'grid', color: 'blue' },
  inputs: statusInputs,
  outputs: {
    matrix: {
      description: 'JSON: the environments and, per image, what each runs (as `slipway status --json`).',
    },
    drift: { description: 'true when some environment runs another version than the one before it.' },
  },
  prepare: (values): StatusParams => ({
    ...repoParams(values),
    envs: values.env,
    repositories: values.image.map(imageRepository),
    imagePolicies: parseImagePolicies(
      values['image-policy'],
      values.image.map((text) => ({ name: text.trim(), repository: imageRepository(text) })),
      { anyRepository: true },
    ),
  }),
  run: async (params, context): Promise<StatusResult> => {
    const targets = await resolveTargets(params, params.envs, context);
    context.reporter.info(
      `Reading ${targets.map((t) => t.branch).join(', ')} from ${displayRepo(params.configRepo)}`,
    );
    const status = await readStatus({
      configRepo: params.configRepo,
      ...(params.auth === undefined ? {} : { auth: params.auth }),
      targets,
      ...(params.repositories.length === 0 ? {} : { repositories: params.repositories }),
      imagePolicies: params.imagePolicies,
      warn: (message) => context.reporter.warning(message),
    });
    for (const environment of status.environments) {
      if (environment.commit === null)
        context.reporter.warning(`branch ${environment.branch} (${environment.env}) does not exist`);
    }
    const links = configRepoLinks(params.configRepo, context);
    return { status, at: new Date(), ...(links === undefined ? {} : { links }) };
  },
  outputValues: (result) => ({
    matrix: JSON.stringify(statusJson(result)),
    drift: String(
      result.status.rows.some((row) =>
        Object.values(row.cells).some((cell) => cell?.matchesPrevious === false),
      ),
    ),
  }),
  json: statusJson,
  summary: statusSummary,
  text: statusText,
});

function statusJson(result: StatusResult): object {
  const { status } = result;
  return {
    environments: status.environments,
    images: status.rows.map((row) => ({
      image: row.repository,
      environments: Object.fromEntries(
        Object.entries(row.cells).map(([env, cell]) => [env, cell === null ? null : cellJson(cell)]),
      ),
    })),
  };
}

function cellJson(cell: StatusCell): object {
  return {
    tag: cell.tag ?? null,
    digest: cell.digest ?? null,
    since: cell.since ?? null,
    commit: cell.commit ?? null,
    matchesPrevious: cell.matchesPrevious ?? null,
    pinned: cell.pinned,
    conflict: cell.conflict,
    places: cell.places,
  };
}

/** `1.4.2 sha256:1a2b3c4d5e6f 3d ✓` */
function cellText(cell: StatusCell | null, now: Date): string {
  if (cell === null) return '-';
  const parts = [
    cell.tag ?? '(no tag)',
    cell.digest === undefined ? '(no digest)' : shortDigest(cell.digest),
    age(cell.since, now),
  ];
  if (cell.matchesPrevious !== undefined) parts.push(cell.matchesPrevious ? '✓' : '≠');
  if (cell.pinned) parts.push('pinned');
  if (cell.conflict) parts.push('(several versions)');
  return parts.join(' ');
}

function statusText(result: StatusResult): string {
  const { status, at } = result;
  const envs = status.environments.map((e) => e.env);
  if (status.rows.length === 0)
    return `No image references found on ${status.environments.map((e) => e.branch).join(', ')}\n`;
  return textTable(
    ['IMAGE', ...envs],
    status.rows.map((row) => [row.repository, ...envs.map((env) => cellText(row.cells[env] ?? null, at))]),
  );
}

/** The step summary: a Markdown matrix, each version linked to its promotion commit where the host has pages. */
export function statusSummary(result: StatusResult): string {
  const { status, at, links } = result;
  const envs = status.environments;
  const link = (text: string, url: string | undefined): string =>
    url === undefined ? text : `[${text}](${url})`;
  const header = `| Image | ${envs.map((e) => `${mdCell(e.env)} (${link(`\`${mdCell(e.branch)}\``, links?.branch(e.branch))})`).join(' | ')} |`;
  const rule = `| --- | ${envs.map(() => '---').join(' | ')} |`;
  const rows = status.rows.map((row) => {
    const cells = envs.map((e) => {
      const cell = row.cells[e.env] ?? null;
      if (cell === null) return '—';
      const text = `\`${mdCell(cell.tag ?? '(no tag)')}\` ${cell.digest === undefined ? '' : `\`${shortDigest(cell.digest).slice(7)}\``}`;
      // The version links to the commit that promoted it, when the trailers name one.
      const version = link(
        text.trimEnd(),
        cell.commit === undefined ? undefined : links?.commit(cell.commit),
      );
      const mark = cell.matchesPrevious === undefined ? '' : cell.matchesPrevious ? ' ✓' : ' ≠';
      return `${version} · ${age(cell.since, at)}${mark}${cell.pinned ? ' 📌' : ''}${cell.conflict ? ' ⚠' : ''}`;
    });
    return `| \`${mdCell(row.repository)}\` | ${cells.join(' | ')} |`;
  });
  const missing = envs.filter((e) => e.commit === null).map((e) => `\`${e.branch}\``);
  const note = missing.length === 0 ? '' : `\n\nMissing branches: ${missing.join(', ')}.`;
  return `## Slipway status\n\n${rows.length === 0 ? 'No image references found.' : [header, rule, ...rows].join('\n')}\n\n✓ same version as the environment before, ≠ another one, — age unknown (pinned by hand), 📌 pinned by a rollback.${note}\n`;
}
