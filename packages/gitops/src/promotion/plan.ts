import { SlipwayError } from '@slipway/errors';
import type { BranchReader } from '../git/index.js';
import {
  type Change,
  type DesiredImage,
  editFile,
  type ImagePolicy,
  type ImageSite,
  isPlaceholder,
  type Pin,
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
    if (!sites.some((site) => site.repository === image.repository)) {
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
