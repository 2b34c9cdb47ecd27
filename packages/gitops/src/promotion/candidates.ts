import { posix } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import type { BranchReader } from '../git/index.js';
import { FILE_LIMITS, fileTooLarge, formatSize } from '../limits.js';
import {
  collectMarkerImages,
  configPathspecs,
  type ImagePolicy,
  isKustomizationFile,
  searchTerms,
  type ValuesPath,
} from '../manifest/index.js';
import type { EnvironmentTarget } from './target.js';

export interface CandidateFile {
  readonly path: string;
  readonly text: string;
}

/** A file planning left alone, and why: the user is told (a warning naming the file), never left guessing. */
export interface FileWarning {
  readonly file: string;
  readonly message: string;
}

export interface Candidates {
  readonly files: readonly CandidateFile[];
  /**
   * Every kustomization under the target's path (those among `files` too): which files each includes decides
   * which image sites an `images:` entry overrides (see KustomizeGraph). Small, so all are read.
   */
  readonly kustomizations: readonly CandidateFile[];
  readonly markerImages: ReadonlyMap<string, string>;
  readonly warnings: readonly FileWarning[];
}

const SYMLINK_MODE = '120000';
/** Flux ImagePolicy objects do not name the image, but markers point at them. */
const MARKER_TERMS = ['ImagePolicy'];
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The config files (YAML, JSON, kustomizations: see isConfigFile) of one branch snapshot that can refer to the given repositories: found with `git grep` in
 * the object store, so only they are read and parsed, whatever the size of the repo.
 */
export async function readCandidates(
  repo: BranchReader,
  commit: string,
  target: EnvironmentTarget,
  repositories: Iterable<string>,
  valuesPaths: readonly ValuesPath[],
  imagePolicies: readonly ImagePolicy[] = [],
): Promise<Candidates> {
  const entries = await repo.listTree(commit, target.path, { sizes: true });
  if (target.path !== undefined && entries.length === 0) {
    throw new SlipwayError(`path ${target.path} does not exist on branch ${target.branch}`, {
      where: repo.url,
      fix: 'check --path (it is relative to the config repo root)',
    });
  }
  await refuseEscapingSymlinks(
    repo,
    commit,
    target,
    entries.filter((e) => e.mode === SYMLINK_MODE).map((e) => e.path),
  );

  const regular = new Set(
    entries.filter((e) => e.type === 'blob' && e.mode !== SYMLINK_MODE).map((e) => e.path),
  );
  const scope = target.path === undefined ? '' : `${target.path}/`;
  const pathspecs = configPathspecs(scope);
  const matched = await repo.grep(commit, [...searchTerms(repositories), ...MARKER_TERMS], pathspecs);
  const named = valuesPaths.flatMap((v) => (v.file === undefined ? [] : [v.file]));
  for (const file of named) {
    if (!regular.has(file)) {
      throw new SlipwayError(
        `values file ${file} does not exist on branch ${target.branch}${target.path === undefined ? '' : ` under ${target.path}`}`,
        {
          where: repo.url,
          fix: 'check the file part of --values-path',
        },
      );
    }
  }
  const warnings: FileWarning[] = [];
  const sizes = new Map(entries.map((e) => [e.path, e.size ?? 0]));
  const wanted = [...new Set([...matched, ...named])].filter((p) => regular.has(p)).sort();
  const tooLarge = wanted.filter((p) => (sizes.get(p) ?? 0) > FILE_LIMITS.file);
  if (tooLarge.length > 0) {
    await refuseTooLarge(repo, commit, target, tooLarge, sizes, repositories, named, warnings);
  }
  const paths = wanted.filter((p) => (sizes.get(p) ?? 0) <= FILE_LIMITS.file);
  const graphOnly = [...regular].filter(
    (p) => isKustomizationFile(p) && !paths.includes(p) && (sizes.get(p) ?? 0) <= FILE_LIMITS.file,
  );
  const total = [...paths, ...graphOnly].reduce((sum, p) => sum + (sizes.get(p) ?? 0), 0);
  if (total > FILE_LIMITS.candidates) {
    throw new SlipwayError(
      `${paths.length} files that may refer to the image hold ${formatSize(total)} on branch ${target.branch}, over Slipway's limit of ${formatSize(FILE_LIMITS.candidates)} read at once`,
      { where: repo.url, fix: 'narrow --path to the folder of the environment' },
    );
  }
  const blobs = await repo.readFiles(commit, [...paths, ...graphOnly]);

  const files: CandidateFile[] = [];
  const markerImages = new Map<string, string>();
  for (const path of paths) {
    const bytes = blobs.get(path);
    if (bytes === undefined) continue;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      warnings.push({
        file: path,
        message: `${path} is not UTF-8 text (${encodingOf(bytes)}): skipped, although it may refer to the image; Kubernetes, Flux and Argo CD read YAML as UTF-8, so re-save it as UTF-8 for Slipway to edit it`,
      });
      continue;
    }
    files.push({ path, text });
    for (const [policy, repository] of collectMarkerImages(path, text)) markerImages.set(policy, repository);
  }
  // The user's word wins over what the branch's own Flux objects and markers say.
  for (const { policy, repository } of imagePolicies) markerImages.set(policy, repository);
  const kustomizations = [
    ...files.filter((file) => isKustomizationFile(file.path)),
    ...graphOnly.flatMap((path) => {
      const bytes = blobs.get(path);
      if (bytes === undefined) return [];
      try {
        return [{ path, text: utf8.decode(bytes) }];
      } catch {
        return []; // not UTF-8: kustomize cannot read it either
      }
    }),
  ];
  return { files, kustomizations, markerImages, warnings };
}

/**
 * Files over the size limit are never read. One that names a repository being promoted (or that a values path
 * names) may hold a reference Slipway would leave stale, so the promotion is refused: a half-promoted
 * environment is worse than none. One that only mentions Flux's `ImagePolicy` (a CRD bundle, say) is skipped
 * with a warning: it can only matter through a marker, and markers live beside the images they set.
 */
async function refuseTooLarge(
  repo: BranchReader,
  commit: string,
  target: EnvironmentTarget,
  tooLarge: readonly string[],
  sizes: ReadonlyMap<string, number>,
  repositories: Iterable<string>,
  named: readonly string[],
  warnings: FileWarning[],
): Promise<void> {
  const naming = new Set(
    await repo.grep(
      commit,
      searchTerms(repositories),
      tooLarge.map((p) => `:(literal)${p}`),
    ),
  );
  for (const file of tooLarge) {
    const size = sizes.get(file) ?? 0;
    if (naming.has(file) || named.includes(file)) {
      throw fileTooLarge(
        file,
        size,
        FILE_LIMITS.file,
        `branch ${target.branch}`,
        'split it into smaller files, or point --path at a folder without it (Slipway does not edit files this large)',
      );
    }
    warnings.push({
      file,
      message: `${file} is ${formatSize(size)}, over the ${formatSize(FILE_LIMITS.file)} limit: skipped (it mentions ImagePolicy but no image being promoted)`,
    });
  }
}

/** What the bytes seem to be instead of UTF-8, for the warning. */
function encodingOf(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE, byte order mark FF FE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE, byte order mark FE FF';
  return 'invalid UTF-8: Latin-1 or another 8-bit encoding?';
}
/** Symlinks are never followed; one that points out of the repo is reported, as it may be an attack. */
async function refuseEscapingSymlinks(
  repo: BranchReader,
  commit: string,
  target: EnvironmentTarget,
  links: string[],
): Promise<void> {
  if (links.length === 0) return;
  if (target.path !== undefined && links.includes(target.path)) {
    throw new SlipwayError(`path ${target.path} is a symlink on branch ${target.branch}`, {
      fix: 'give the real folder: Slipway never follows symlinks',
    });
  }
  const targets = await repo.readFiles(commit, links);
  for (const link of links) {
    const destination = targets.get(link)?.toString('utf8') ?? '';
    const resolved = posix.normalize(posix.join(posix.dirname(link), destination));
    if (posix.isAbsolute(destination) || resolved === '..' || resolved.startsWith('../')) {
      throw new SlipwayError(`${link} is a symlink to "${destination}", outside the config repo`, {
        where: `branch ${target.branch}`,
        fix: 'replace it with a regular file or remove it: Slipway never follows symlinks',
      });
    }
  }
}
