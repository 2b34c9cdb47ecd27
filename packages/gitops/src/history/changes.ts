import { SlipwayError } from '@slipway/errors';
import { ConfigRepo, type GitAuth } from '../git/index.js';
import { type ImagePolicy, type ImageSite, isPlaceholder, type SiteKind } from '../manifest/index.js';
import { sitesAt } from './status.js';

export interface ChangedImagesRequest {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  /** The revision compared from: a full commit id or a ref the remote resolves (`env/dev`, `origin/env/dev`). */
  readonly from: string;
  /** The revision compared to (`HEAD`, a branch, a commit id). */
  readonly to: string;
  /** Only this folder (default: the whole tree). */
  readonly path?: string;
  /** `--image-policy`: Flux policies tied to images, for markers whose ImagePolicy is not in the repo. */
  readonly imagePolicies?: readonly ImagePolicy[];
  readonly tmpRoot?: string;
  readonly onCommand?: (argv: string[]) => void;
  /** Told of each file that could not be read (too large, not UTF-8, refused by the YAML bounds). */
  readonly warn?: (message: string) => void;
}

/** One site as it reads at one of the two commits. */
export interface SiteVersion {
  readonly line: number;
  readonly tag?: string;
  readonly digest?: string;
  /** As a person reads it: `ghcr.io/shop/cart:1.0@sha256:…` or `newTag: 1.0, digest: sha256:…`. */
  readonly text: string;
}

/** One image site that the change adds, alters or removes. */
export interface ImageChange {
  readonly file: string;
  /** Normalised repository. */
  readonly repository: string;
  readonly kind: SiteKind;
  readonly change: 'added' | 'changed' | 'removed';
  /** Absent for an added site. */
  readonly before?: SiteVersion;
  /** Absent for a removed site. */
  readonly after?: SiteVersion;
  /**
   * What to verify: `repository[:tag]@digest` of the site after the change. Absent when the site is removed
   * or pins no digest (a tag can be moved after the check, so it proves nothing about what will run).
   */
  readonly reference?: string;
  /**
   * An untagged container image whose version is set elsewhere (a Kustomize `images:` entry or Helm values
   * in the same tree): nothing to verify here; the site that sets the version is listed when it changes.
   */
  readonly placeholder: boolean;
}

export interface ChangedImages {
  /** The commits compared. */
  readonly fromCommit: string;
  readonly toCommit: string;
  /** By file, then line. */
  readonly changes: readonly ImageChange[];
}

/**
 * The image sites that differ between two commits of a config repo, found as `status` finds them (every
 * layout the edit engine understands, Flux markers resolved across the tree) and read within the same bounds.
 * Sites are paired within a file by repository and kind, in order, so a site that only moved lines is not a
 * change. The comparison is of the two trees, like `git diff from to`: for what a pull request changes, pass
 * its merge base as `from`.
 */
export async function readChangedImages(request: ChangedImagesRequest): Promise<ChangedImages> {
  const repo = await ConfigRepo.open(request.configRepo, request.auth, {
    tmpRoot: request.tmpRoot,
    onCommand: request.onCommand,
  });
  try {
    const commits = await repo.fetchRevisions([request.from, request.to]);
    const commitOf = (revision: string, flag: string): string => {
      const commit = commits.get(revision) ?? null;
      if (commit !== null) return commit;
      throw new SlipwayError(`the config repository has no branch, ref or commit "${revision}"`, {
        where: `${flag} ${revision}`,
        fix: 'name a branch or ref the repository has, or a commit it holds (in a clone, fetch it first: actions/checkout with fetch-depth: 0)',
      });
    };
    const fromCommit = commitOf(request.from, '--from');
    const toCommit = commitOf(request.to, '--to');
    const warn = request.warn ?? (() => {});
    const path = request.path === undefined ? {} : { path: request.path };
    const before = await sitesAt(
      repo,
      fromCommit,
      { label: request.from, where: `--from ${request.from}`, reader: 'changed-images', ...path },
      request.imagePolicies ?? [],
      warn,
    );
    const after =
      toCommit === fromCommit
        ? before
        : await sitesAt(
            repo,
            toCommit,
            { label: request.to, where: `--to ${request.to}`, reader: 'changed-images', ...path },
            request.imagePolicies ?? [],
            warn,
          );
    return { fromCommit, toCommit, changes: compareSites(before, after) };
  } finally {
    await repo.dispose();
  }
}

/** The sites of `after` that are new or differ from their pair in `before`, and those of `before` now gone. */
export function compareSites(before: readonly ImageSite[], after: readonly ImageSite[]): ImageChange[] {
  const keyOf = (site: ImageSite) => `${site.file}\0${site.repository}\0${site.kind}`;
  const group = (sites: readonly ImageSite[]) => {
    const groups = new Map<string, ImageSite[]>();
    for (const site of [...sites].sort((a, b) => a.line - b.line)) {
      groups.set(keyOf(site), [...(groups.get(keyOf(site)) ?? []), site]);
    }
    return groups;
  };
  const old = group(before);
  const now = group(after);
  // Repositories whose version something other than a bare container image sets (see isPlaceholder).
  const setElsewhere = new Set(after.filter((site) => !isPlaceholder(site)).map((site) => site.repository));
  const changes: ImageChange[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const was = old.get(key) ?? [];
    const is = now.get(key) ?? [];
    for (let i = 0; i < Math.max(was.length, is.length); i++) {
      const a = was[i];
      const b = is[i];
      const site = b ?? a;
      if (site === undefined) continue;
      if (a !== undefined && b !== undefined && a.tag === b.tag && a.digest === b.digest && a.text === b.text)
        continue;
      changes.push({
        file: site.file,
        repository: site.repository,
        kind: site.kind,
        change: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
        ...(a === undefined ? {} : { before: version(a) }),
        ...(b === undefined ? {} : { after: version(b) }),
        ...(b?.digest === undefined
          ? {}
          : { reference: `${b.repository}${b.tag === undefined ? '' : `:${b.tag}`}@${b.digest}` }),
        placeholder: b !== undefined && isPlaceholder(b) && setElsewhere.has(b.repository),
      });
    }
  }
  const lineOf = (change: ImageChange) => change.after?.line ?? change.before?.line ?? 0;
  return changes.sort((x, y) => (x.file === y.file ? lineOf(x) - lineOf(y) : x.file < y.file ? -1 : 1));
}

function version(site: ImageSite): SiteVersion {
  return {
    line: site.line,
    ...(site.tag === undefined ? {} : { tag: site.tag }),
    ...(site.digest === undefined ? {} : { digest: site.digest }),
    text: site.text,
  };
}
