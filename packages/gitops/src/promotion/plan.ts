import { SlipwayError } from '@slipway/errors';
import type { BranchReader } from '../git/index.js';
import {
  type Change,
  type DesiredImage,
  editFile,
  type ImagePolicy,
  type ImageSite,
  isPlaceholder,
  KustomizeGraph,
  type Override,
  type Pin,
  siteKey,
  type ValuesPath,
} from '../manifest/index.js';
import { type FileWarning, readCandidates } from './candidates.js';
import {
  applyPins,
  type EnvironmentPin,
  PINS_FILE,
  type PinOptions,
  pinRepository,
  readPins,
} from './pins.js';
import type { EnvironmentTarget } from './target.js';

/** What one branch needs: the new bytes of the files that change, and every change and site found. */
export interface BranchPlan {
  readonly files: Map<string, Buffer>;
  readonly changes: readonly Change[];
  readonly sites: readonly ImageSite[];
  readonly filesScanned: number;
  /** Pins `--override-pin` promoted over, of images this plan changes (the pins stay). */
  readonly overriddenPins: readonly EnvironmentPin[];
  /** Files left alone that may refer to an image (not UTF-8, too large but naming no image): say so. */
  readonly warnings: readonly FileWarning[];
}

export async function planBranch(
  repo: BranchReader,
  commit: string,
  target: EnvironmentTarget,
  images: readonly DesiredImage[],
  pin: Pin,
  valuesPaths: readonly ValuesPath[],
  imagePolicies: readonly ImagePolicy[],
  pins: PinOptions & { readonly names?: ReadonlyMap<string, string> } = {},
): Promise<BranchPlan> {
  // `.slipway/pins.yaml` at this very tip, on every attempt: a rollback may have pinned an image meanwhile.
  const applied = applyPins(
    await readPins(repo, commit),
    target,
    images.map((image) => ({ ...image, name: pins.names?.get(image.repository) ?? image.repository })),
    pins,
  );
  const candidates = await readCandidates(
    repo,
    commit,
    target,
    images.map((i) => i.repository),
    valuesPaths,
    imagePolicies,
  );
  const context = {
    valuesPaths: [...valuesPaths],
    markerImages: candidates.markerImages,
    imagePolicies: new Map(imagePolicies.map(({ policy, repository }) => [policy, repository])),
  };
  const edits = candidates.files.map((file) => ({
    file,
    edit: editFile(file.path, file.text, images, pin, context),
  }));

  // Untagged container images are placeholders when the version is set elsewhere (Kustomize, Helm values):
  // edit again, leaving them alone, only the few files that hold them.
  const allSites = edits.flatMap(({ edit }) => (edit.kind === 'edited' ? edit.sites : []));
  const placeholders = new Set(
    images
      .map((image) => image.repository)
      .filter((repository) => {
        const ofImage = allSites.filter((site) => site.repository === repository);
        return ofImage.some(isPlaceholder) && !ofImage.every(isPlaceholder);
      }),
  );
  if (placeholders.size > 0) {
    const again = { ...context, placeholders };
    for (const entry of edits) {
      if (
        entry.edit.kind === 'edited' &&
        entry.edit.sites.some((s) => isPlaceholder(s) && placeholders.has(s.repository))
      ) {
        entry.edit = editFile(entry.file.path, entry.file.text, images, pin, again);
      }
    }
  }

  // Sites a Kustomize `images:` entry overrides in every render do not decide what runs: edit the entry only.
  const graph = new KustomizeGraph(candidates.kustomizations);
  const overrides = new Map<string, Override>();
  for (const { edit } of edits) {
    if (edit.kind !== 'edited') continue;
    for (const site of edit.sites) {
      const override = graph.overriding(site);
      if (override !== undefined) overrides.set(siteKey(site), override);
    }
  }
  if (overrides.size > 0) {
    const shadowed = new Map([...overrides].map(([key, override]) => [key, override.at]));
    const again = { ...context, placeholders, shadowed };
    for (const entry of edits) {
      if (entry.edit.kind === 'edited' && entry.edit.sites.some((site) => shadowed.has(siteKey(site)))) {
        entry.edit = editFile(entry.file.path, entry.file.text, images, pin, again);
      }
    }
  }

  const files = new Map<string, Buffer>();
  const changes: Change[] = [];
  const sites: ImageSite[] = [];
  for (const { file, edit } of edits) {
    if (edit.kind === 'skipped') continue;
    sites.push(...edit.sites);
    changes.push(...edit.changes);
    if (edit.text !== file.text) files.set(file.path, Buffer.from(edit.text, 'utf8'));
  }
  if (applied.file !== undefined) files.set(PINS_FILE, applied.file);
  for (const image of images) {
    const ofImage = sites.filter((site) => site.repository === image.repository);
    if (ofImage.length > 0 && ofImage.every((site) => site.shadowedBy !== undefined)) {
      throw renamedAway(image.repository, ofImage, overrides, target.branch);
    }
    if (ofImage.length === 0) {
      const scope = target.path === undefined ? 'the whole branch' : `under ${target.path}/`;
      throw new SlipwayError(
        `image ${image.repository} is referenced nowhere on branch ${target.branch} (searched ${scope} of ${repo.url}: ${candidates.files.length} candidate YAML files)`,
        {
          fix: 'check the image name (it must match the repository in the manifests exactly) and --path',
        },
      );
    }
  }
  const overriddenPins = applied.overridden.filter((p) =>
    changes.some((change) => change.repository === pinRepository(p)),
  );
  return {
    files,
    changes,
    sites,
    filesScanned: candidates.files.length,
    overriddenPins,
    warnings: candidates.warnings,
  };
}

/**
 * Every site of the image is overridden by an entry that renames it to another image (`name: …/cart`,
 * `newName: …/cart-v2`): editing them would change nothing that runs, so the promotion is refused.
 */
function renamedAway(
  repository: string,
  sites: readonly ImageSite[],
  overrides: ReadonlyMap<string, Override>,
  branch: string,
): SlipwayError {
  const override = sites
    .map((site) => overrides.get(siteKey(site)))
    .find((found) => found?.renamedTo !== undefined);
  const first = sites[0];
  const where = override?.at ?? first?.shadowedBy ?? branch;
  return new SlipwayError(
    `every reference to ${repository} on branch ${branch} is overridden by a Kustomize images entry${override?.renamedTo === undefined ? '' : ` that renames it to ${override.renamedTo}`}, so promoting it changes nothing that runs`,
    {
      where,
      fix:
        override?.renamedTo === undefined
          ? 'promote the image that entry sets'
          : `promote ${override.renamedTo}, or remove newName from that entry`,
    },
  );
}
