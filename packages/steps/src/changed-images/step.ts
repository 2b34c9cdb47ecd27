import {
  type ChangedImages,
  type ImageChange,
  type ImagePolicy,
  readChangedImages,
  type SiteVersion,
} from '@slipway/gitops';
import { input } from '../definition/inputs.js';
import { defineStep } from '../definition/step.js';
import { parseImagePolicies } from '../images/policies.js';
import { displayRepo, mdCell, repoInputs, textTable } from '../status/common.js';

export const changedImagesInputs = {
  'config-repo': repoInputs['config-repo'],
  from: input.requiredString(
    'Revision compared from: a branch or ref of the config repo (env/dev, origin/env/dev in a clone) or a full commit id. For what a pull request changes, pass its merge base (git merge-base).',
  ),
  to: input.stringWithDefault('Revision compared to (a branch, ref or full commit id).', 'HEAD'),
  path: input.string('Folder of the config repo to compare (default: the whole tree).'),
  'image-policy': input.list(
    'Flux ImagePolicy whose $imagepolicy markers hold an image: <namespace>:<name>=<image repo>. For markers whose ImagePolicy is not in the config repo (as in promote and status).',
  ),
  token: repoInputs.token,
  'token-username': repoInputs['token-username'],
};

interface ChangedImagesParams {
  readonly configRepo: string;
  readonly auth?: { token: string; username: string };
  readonly from: string;
  readonly to: string;
  readonly path?: string;
  readonly imagePolicies: ImagePolicy[];
}

export interface ChangedImagesResult extends ChangedImages {
  readonly from: string;
  readonly to: string;
}

export const changedImagesStep = defineStep({
  name: 'changed-images',
  title: 'Slipway changed images',
  description:
    'The image references a commit range of a config repo adds, changes or removes, in every layout promote edits (manifests, Kustomize images, Helm values, Flux markers): file, line, before and after, and the repo:tag@digest to verify.',
  branding: { icon: 'git-pull-request', color: 'blue' },
  // Checks run it from a shell loop over its --json; an action would add a bundle and nothing a check needs.
  cliOnly: true,
  inputs: changedImagesInputs,
  outputs: {
    images: { description: 'JSON array of the changed sites, as `slipway changed-images --json` prints.' },
  },
  prepare: (values): ChangedImagesParams => ({
    configRepo: values['config-repo'],
    ...(values.token === undefined
      ? {}
      : { auth: { token: values.token, username: values['token-username'] } }),
    from: values.from,
    to: values.to,
    ...(values.path === undefined ? {} : { path: values.path }),
    imagePolicies: parseImagePolicies(values['image-policy'], [], { anyRepository: true }),
  }),
  run: async (params, context): Promise<ChangedImagesResult> => {
    context.reporter.info(
      `Comparing ${params.from} with ${params.to} in ${displayRepo(params.configRepo)}${params.path === undefined ? '' : ` (${params.path})`}`,
    );
    const changed = await readChangedImages({
      configRepo: params.configRepo,
      ...(params.auth === undefined ? {} : { auth: params.auth }),
      from: params.from,
      to: params.to,
      ...(params.path === undefined ? {} : { path: params.path }),
      imagePolicies: params.imagePolicies,
      warn: (message) => context.reporter.warning(message),
    });
    return { ...changed, from: params.from, to: params.to };
  },
  outputValues: (result) => ({ images: JSON.stringify(imagesJson(result.changes)) }),
  json: (result) => ({
    from: result.from,
    to: result.to,
    fromCommit: result.fromCommit,
    toCommit: result.toCommit,
    images: imagesJson(result.changes),
  }),
  summary: changedSummary,
  text: changedText,
});

function versionJson(version: SiteVersion | undefined): object | null {
  if (version === undefined) return null;
  return { line: version.line, tag: version.tag ?? null, digest: version.digest ?? null, text: version.text };
}

/**
 * Each site with what a check needs at the top: `line`, `tag` and `digest` after the change (before it, for
 * a removed site), and `reference` (null when there is nothing to verify: removed, a placeholder, no digest).
 */
function imagesJson(changes: readonly ImageChange[]): object[] {
  return changes.map((change) => {
    const current = change.after ?? change.before;
    return {
      file: change.file,
      line: current?.line ?? null,
      repository: change.repository,
      kind: change.kind,
      change: change.change,
      tag: current?.tag ?? null,
      digest: current?.digest ?? null,
      reference: change.reference ?? null,
      placeholder: change.placeholder,
      before: versionJson(change.before),
      after: versionJson(change.after),
    };
  });
}

/** What a person needs to know about verifying the site. */
function note(change: ImageChange): string {
  if (change.change === 'removed') return 'removed';
  if (change.placeholder) return 'placeholder (version set elsewhere)';
  if (change.reference === undefined) return 'no digest: cannot be verified';
  return '';
}

function changedText(result: ChangedImagesResult): string {
  if (result.changes.length === 0)
    return `No image reference changed between ${result.from} and ${result.to}\n`;
  return textTable(
    ['FILE:LINE', 'IMAGE', 'BEFORE', 'AFTER', 'NOTE'],
    result.changes.map((change) => [
      `${change.file}:${(change.after ?? change.before)?.line ?? ''}`,
      change.repository,
      change.before?.text ?? '-',
      change.after?.text ?? '-',
      note(change),
    ]),
  );
}

function changedSummary(result: ChangedImagesResult): string {
  const title = `## Images changed from \`${mdCell(result.from)}\` to \`${mdCell(result.to)}\``;
  if (result.changes.length === 0) return `${title}\n\nNo image reference changed.\n`;
  const rows = result.changes.map(
    (change) =>
      `| \`${mdCell(change.file)}:${(change.after ?? change.before)?.line ?? ''}\` | \`${mdCell(change.repository)}\` | ${change.before === undefined ? '—' : `\`${mdCell(change.before.text)}\``} | ${change.after === undefined ? '—' : `\`${mdCell(change.after.text)}\``} | ${mdCell(note(change))} |`,
  );
  return `${title}\n\n| Where | Image | Before | After | Note |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}
