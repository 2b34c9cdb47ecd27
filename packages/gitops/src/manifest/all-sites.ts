import { findSites } from './find.js';
import { toImageSite } from './raw-site.js';
import type { ImageSite, ScanContext } from './types.js';
import { loadFile } from './yaml.js';

/** A set that holds every repository: scanning with it finds the sites of any image. */
class EveryRepository extends Set<string> {
  override has(_value: string): boolean {
    return true;
  }
}

/**
 * Every image site in one file, whatever the image (for `slipway status`, which lists what runs rather than
 * looking for given images). Files that are not YAML, Go templates and files that do not parse give none.
 * Values paths do not apply; marker sites need `context.markerImages`.
 */
export function scanAllSites(file: string, text: string, context?: Partial<ScanContext>): ImageSite[] {
  const every = new EveryRepository();
  const loaded = loadFile(file, text, every);
  if (loaded.kind === 'skipped') return [];
  const { docs, lines } = loaded;
  const full: ScanContext = { valuesPaths: [], markerImages: context?.markerImages ?? new Map() };
  try {
    const raw = findSites({
      file,
      text,
      docs,
      lines,
      targets: every,
      context: full,
      onlyRepository: undefined,
    });
    return raw.map((site) => toImageSite(file, site, text, lines));
  } catch {
    // An alias of a value that is not an image, say: this file pins nothing status can show.
    return [];
  }
}
