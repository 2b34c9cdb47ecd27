import { findSites } from './find.js';
import { toImageSite } from './raw-site.js';
import type { FileScan, ScanContext } from './types.js';
import { lastComponent, loadFile } from './yaml.js';

/** Every site in one file that refers to one of `repositories` (normalised), with what it pins now. */
export function scanFile(
  file: string,
  text: string,
  repositories: ReadonlySet<string>,
  context: ScanContext,
): FileScan {
  const loaded = loadFile(file, text, repositories);
  if (loaded.kind === 'skipped') return loaded;
  const onlyRepository = repositories.size === 1 ? [...repositories][0] : undefined;
  const { docs, lines } = loaded;
  const raw = findSites({ file, text, docs, lines, targets: repositories, context, onlyRepository });
  return { kind: 'scanned', sites: raw.map((site) => toImageSite(file, site, text, lines)) };
}

/**
 * Literal substrings (match case-insensitively) of which a file must contain at least one to refer to
 * `repositories`: each repository's last path component, which every way of writing it contains (full
 * references, Helm `repository:`, Kustomize `name:`), and `$imagepolicy` for Flux markers whose image is
 * named elsewhere. Files named by values paths need not contain any: the caller adds them itself.
 */
export function searchTerms(repositories: Iterable<string>): string[] {
  const terms = new Set<string>();
  for (const repository of repositories) {
    const component = lastComponent(repository).toLowerCase();
    terms.add(component);
    // ingress-nginx values name `<image>-chroot` as `image: …/controller` with `chroot: true` (see find.ts).
    if (component.endsWith('-chroot')) terms.add(component.slice(0, -'-chroot'.length));
  }
  terms.add('$imagepolicy');
  return [...terms];
}
