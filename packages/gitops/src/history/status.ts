import { SlipwayError } from '@slipway/errors';
import { ConfigRepo, type GitAuth } from '../git/index.js';
import { FILE_LIMITS, formatSize } from '../limits.js';
import {
  collectMarkerImages,
  type ImagePolicy,
  type ImageSite,
  isConfigFile,
  KustomizeGraph,
  scanAllSites,
} from '../manifest/index.js';
import { pinRepository, readPins } from '../promotion/pins.js';
import type { EnvironmentTarget } from '../promotion/target.js';
import { historyEntry } from './entry.js';

export interface StatusRequest {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  /** The columns, in promotion order. */
  readonly targets: readonly EnvironmentTarget[];
  /** Only these images (normalised repositories); default every image found. */
  readonly repositories?: readonly string[];
  /** Flux ImagePolicies tied to images (`--image-policy`), for markers whose ImagePolicy is not on the branch. */
  readonly imagePolicies?: readonly ImagePolicy[];
  /** How many commits per branch to search for the promotion of what runs (default 100). */
  readonly historyLimit?: number;
  readonly tmpRoot?: string;
  readonly onCommand?: (argv: string[]) => void;
  /** Told of each file status could not read (too large, not UTF-8, refused by the YAML bounds). */
  readonly warn?: (message: string) => void;
}

/** What one environment runs of one image. */
export interface StatusCell {
  readonly tag?: string;
  readonly digest?: string;
  /** The files pin several versions: tag and digest are then those of the first site. */
  readonly conflict: boolean;
  /** Where it is pinned (`file:line`). */
  readonly places: readonly string[];
  /** The commit that promoted it (its trailers name this version), when found. */
  readonly commit?: string;
  /** The committer date of that commit, ISO 8601; absent when unknown (pinned by hand). */
  readonly since?: string;
  /** The image is pinned here by `slipway rollback`. */
  readonly pinned: boolean;
  /** Same version as the previous environment (digest when both have one, else tag); absent for the first. */
  readonly matchesPrevious?: boolean;
}

export interface StatusRow {
  /** Normalised repository. */
  readonly repository: string;
  /** env → what runs there (null: not referenced there). */
  readonly cells: Readonly<Record<string, StatusCell | null>>;
}

export interface StatusEnvironment {
  readonly env: string;
  readonly branch: string;
  readonly path?: string;
  /** The branch tip read, or null when the branch does not exist. */
  readonly commit: string | null;
}

export interface Status {
  readonly environments: readonly StatusEnvironment[];
  readonly rows: readonly StatusRow[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * What runs where: every image referenced on each environment branch (read from the files, all of them),
 * with the promotion commit that put it there (from the trailers), newest history first.
 */
export async function readStatus(request: StatusRequest): Promise<Status> {
  const repo = await ConfigRepo.open(request.configRepo, request.auth, {
    tmpRoot: request.tmpRoot,
    onCommand: request.onCommand,
  });
  try {
    const tips = await repo.fetchBranches(request.targets.map((t) => t.branch));
    const wanted = request.repositories === undefined ? undefined : new Set(request.repositories);
    const perEnv = new Map<string, Map<string, StatusCell>>();
    for (const target of request.targets) {
      const tip = tips.get(target.branch) ?? null;
      const cells = new Map<string, StatusCell>();
      perEnv.set(target.env, cells);
      if (tip === null) continue;
      const sites = await sitesAt(
        repo,
        tip,
        {
          label: target.branch,
          where: `branch ${target.branch}`,
          reader: 'status',
          ...(target.path === undefined ? {} : { path: target.path }),
        },
        request.imagePolicies ?? [],
        request.warn ?? (() => {}),
      );
      let pinned = new Set<string>();
      try {
        pinned = new Set((await readPins(repo, tip)).map(pinRepository));
      } catch (error) {
        // A broken or oversized pins file does not stop status; promote refuses it.
        if (!(error instanceof SlipwayError)) throw error;
        request.warn?.(`${target.branch}: ${error.oneLine()}: status cannot tell what is pinned`);
      }
      const byRepository = new Map<string, ImageSite[]>();
      for (const site of sites) {
        if (wanted !== undefined && !wanted.has(site.repository)) continue;
        byRepository.set(site.repository, [...(byRepository.get(site.repository) ?? []), site]);
      }
      for (const [repository, found] of byRepository) {
        const tags = [...new Set(found.flatMap((s) => (s.tag === undefined ? [] : [s.tag])))];
        const digests = [...new Set(found.flatMap((s) => (s.digest === undefined ? [] : [s.digest])))];
        cells.set(repository, {
          ...(tags[0] === undefined ? {} : { tag: tags[0] }),
          ...(digests[0] === undefined ? {} : { digest: digests[0] }),
          conflict: tags.length > 1 || digests.length > 1,
          places: found.map((s) => `${s.file}:${s.line}`),
          pinned: pinned.has(repository),
        });
      }
      if (cells.size === 0) continue;
      // Which promotion put each version there: the newest commit whose trailers name this repository.
      const log = (await repo.log(target.branch, { limit: request.historyLimit ?? 100 })) ?? [];
      const pending = new Set(cells.keys());
      for (const entry of log.map((entry) => historyEntry(entry, target.env))) {
        if (pending.size === 0) break;
        for (const image of entry.images) {
          if (!pending.has(image.repository)) continue;
          pending.delete(image.repository);
          const cell = cells.get(image.repository);
          if (cell === undefined || cell.conflict || !sameVersion(cell, image)) continue;
          cells.set(image.repository, { ...cell, commit: entry.commit, since: entry.committerDate });
        }
      }
    }

    const repositories = [...new Set([...perEnv.values()].flatMap((cells) => [...cells.keys()]))].sort();
    const rows = repositories.map((repository): StatusRow => {
      const cells: Record<string, StatusCell | null> = {};
      let previous: StatusCell | null | undefined;
      for (const [index, target] of request.targets.entries()) {
        const cell = perEnv.get(target.env)?.get(repository) ?? null;
        cells[target.env] =
          cell === null || index === 0
            ? cell
            : {
                ...cell,
                matchesPrevious: previous !== null && previous !== undefined && sameVersion(cell, previous),
              };
        previous = cell;
      }
      return { repository, cells };
    });
    return {
      environments: request.targets.map((t) => ({
        env: t.env,
        branch: t.branch,
        ...(t.path === undefined ? {} : { path: t.path }),
        commit: tips.get(t.branch) ?? null,
      })),
      rows,
    };
  } finally {
    await repo.dispose();
  }
}

/** Same digest when both have one, else same tag. */
function sameVersion(a: { tag?: string; digest?: string }, b: { tag?: string; digest?: string }): boolean {
  if (a.digest !== undefined && b.digest !== undefined) return a.digest === b.digest;
  if (a.digest !== undefined || b.digest !== undefined) return false;
  return a.tag === b.tag;
}

/** What `sitesAt` reads, and how its messages name it. */
export interface TreeScope {
  /** Folder to read (default: the whole tree). */
  readonly path?: string;
  /** Starts each warning: the branch, or the revision as given. */
  readonly label: string;
  /** Where a refusal happened: `branch env/dev`, `--to HEAD`. */
  readonly where: string;
  /** The command whose output a file left out is missing from: `status`, `changed-images`. */
  readonly reader: string;
}

/**
 * Every image site in the YAML files under the scope's path at `commit` (symlinks and `.slipway/` left out).
 * Sizes are checked before anything is read, with the limits promote applies: a file over the limit is left
 * out with a warning (status only reads), and more YAML in all than promote would hold at once is refused.
 */
export async function sitesAt(
  repo: ConfigRepo,
  commit: string,
  scope: TreeScope,
  imagePolicies: readonly ImagePolicy[],
  warn: (message: string) => void,
): Promise<ImageSite[]> {
  const entries = await repo.listTree(commit, scope.path, { sizes: true });
  const files: string[] = [];
  let total = 0;
  for (const entry of entries.sort((a, b) => a.path.localeCompare(b.path))) {
    if (entry.type !== 'blob' || entry.mode === '120000' || !isConfigFile(entry.path)) continue;
    if (entry.path.startsWith('.slipway/')) continue;
    const size = entry.size ?? 0;
    if (size > FILE_LIMITS.file) {
      warn(
        `${scope.label}: ${entry.path} is ${formatSize(size)}, over Slipway's limit of ${formatSize(FILE_LIMITS.file)}: not read, so ${scope.reader} does not show what it references`,
      );
      continue;
    }
    total += size;
    if (total > FILE_LIMITS.candidates) {
      throw new SlipwayError(
        `the YAML files under ${scope.path ?? 'the root'} of ${scope.label} add up to more than ${formatSize(FILE_LIMITS.candidates)}`,
        {
          where: scope.where,
          fix: `narrow ${scope.reader} to a folder with --path, or keep fewer and smaller files per environment`,
        },
      );
    }
    files.push(entry.path);
  }
  const blobs = await repo.readFiles(commit, files);
  const texts: Array<[string, string]> = [];
  for (const file of files) {
    const bytes = blobs.get(file);
    if (bytes === undefined) continue;
    try {
      texts.push([file, utf8.decode(bytes)]);
    } catch {
      warn(
        `${scope.label}: ${file} is not UTF-8 text: not read, so ${scope.reader} does not show what it references`,
      );
    }
  }
  const markerImages = new Map<string, string>();
  for (const [file, text] of texts) {
    try {
      for (const [policy, repository] of collectMarkerImages(file, text))
        markerImages.set(policy, repository);
    } catch {
      // a file that does not parse names no policy
    }
  }
  // The user's word wins, as in promote.
  for (const { policy, repository } of imagePolicies) markerImages.set(policy, repository);
  // A site a Kustomize `images:` entry overrides in every render does not show what runs there.
  const graph = new KustomizeGraph(texts.map(([path, text]) => ({ path, text })));
  return texts.flatMap(([file, text]) => {
    try {
      return scanAllSites(file, text, { markerImages }).filter(
        (site) => graph.overriding(site) === undefined,
      );
    } catch (error) {
      // A file the YAML bounds refuse (an alias bomb) hides what it references; the rest still counts.
      if (!(error instanceof SlipwayError)) throw error;
      warn(
        `${scope.label}: ${error.oneLine()}: not read, so ${scope.reader} does not show what it references`,
      );
      return [];
    }
  });
}
