import { SlipwayError } from '@slipway/errors';
import { formatReference } from '@slipway/oci';
import type { BranchReader } from '../git/index.js';
import { type ImagePolicy, type ImageSite, scanFile, type ValuesPath } from '../manifest/index.js';
import { readCandidates } from './candidates.js';
import type { EnvironmentTarget, ImageRequest } from './target.js';

export interface PinnedImage {
  readonly tag?: string;
  readonly digest?: string;
}

/**
 * What an environment pins for each image right now. Every place must agree on the digest (and tag), or
 * promoting "what runs there" would be ambiguous. `strict` (for `--from`) also demands that each image is
 * pinned there by digest; otherwise such images are left out of the answer for the caller to judge.
 */
export async function readPinnedImages(
  repo: BranchReader,
  commit: string,
  source: EnvironmentTarget,
  images: readonly ImageRequest[],
  valuesPaths: readonly ValuesPath[],
  imagePolicies: readonly ImagePolicy[],
  strict = true,
): Promise<Map<string, PinnedImage>> {
  const repositories = new Set(images.map((i) => i.repository));
  const candidates = await readCandidates(repo, commit, source, repositories, valuesPaths, imagePolicies);
  const context = {
    valuesPaths: [...valuesPaths],
    markerImages: candidates.markerImages,
    imagePolicies: new Map(imagePolicies.map(({ policy, repository }) => [policy, repository])),
  };
  const sites: ImageSite[] = [];
  for (const file of candidates.files) {
    const scan = scanFile(file.path, file.text, repositories, context);
    if (scan.kind === 'scanned') sites.push(...scan.sites);
  }
  const pinned = new Map<string, PinnedImage>();
  for (const image of images) {
    const found = combine(sites.filter((s) => s.repository === image.repository));
    const where = `${source.env} (branch ${source.branch})`;
    if (!strict && (found === 'none' || (found !== 'conflict' && found.digest === undefined))) continue;
    if (found === 'none') {
      throw new SlipwayError(`image ${image.name} is not pinned in ${where}`, {
        fix: `promote it to ${source.env} first`,
      });
    }
    if (found === 'conflict') {
      const seen = sites
        .filter((s) => s.repository === image.repository)
        .map((s) => `${s.file}:${s.line} ${s.text}`)
        .join(', ');
      throw new SlipwayError(`image ${image.name} is pinned to different versions in ${where}: ${seen}`, {
        fix: `make ${source.env} consistent first, or promote an explicit tag or digest`,
      });
    }
    if (found.digest === undefined) {
      throw new SlipwayError(
        `image ${image.name} has no digest in ${where} (${formatReference(image.name, found.tag, undefined)})`,
        { fix: `promote a digest to ${source.env} first, or promote the tag explicitly` },
      );
    }
    pinned.set(image.repository, found);
  }
  return pinned;
}

/** Sites that carry only a tag or only a digest (Helm split values) complete each other. */
function combine(sites: readonly ImageSite[]): PinnedImage | 'none' | 'conflict' {
  if (sites.length === 0) return 'none';
  const tags = new Set(sites.flatMap((s) => (s.tag === undefined ? [] : [s.tag])));
  const digests = new Set(sites.flatMap((s) => (s.digest === undefined ? [] : [s.digest])));
  if (tags.size > 1 || digests.size > 1) return 'conflict';
  const [tag] = tags;
  const [digest] = digests;
  return { ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}
