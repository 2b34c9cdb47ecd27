import { posix } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import type { BranchReader } from '../git/index.js';
import { collectMarkerImages, searchTerms, type ValuesPath } from '../manifest/index.js';
import type { EnvironmentTarget } from './target.js';

export interface CandidateFile {
  readonly path: string;
  readonly text: string;
}

export interface Candidates {
  readonly files: readonly CandidateFile[];
  readonly markerImages: ReadonlyMap<string, string>;
}

const SYMLINK_MODE = '120000';
/** Flux ImagePolicy objects do not name the image, but markers point at them. */
const MARKER_TERMS = ['ImagePolicy'];
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The YAML files of one branch snapshot that can refer to the given repositories: found with `git grep` in
 * the object store, so only they are read and parsed, whatever the size of the repo.
 */
export async function readCandidates(
  repo: BranchReader,
  commit: string,
  target: EnvironmentTarget,
  repositories: Iterable<string>,
  valuesPaths: readonly ValuesPath[],
): Promise<Candidates> {
  const entries = await repo.listTree(commit, target.path);
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
  const pathspecs = ['*.yaml', '*.yml'].map((glob) => `:(glob)${scope}**/${glob}`);
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
  const paths = [...new Set([...matched, ...named])].filter((p) => regular.has(p)).sort();
  const blobs = await repo.readFiles(commit, paths);

  const files: CandidateFile[] = [];
  const markerImages = new Map<string, string>();
  for (const path of paths) {
    const bytes = blobs.get(path);
    if (bytes === undefined) continue;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      continue; // not UTF-8 text: not a manifest
    }
    files.push({ path, text });
    for (const [policy, repository] of collectMarkerImages(path, text)) markerImages.set(policy, repository);
  }
  return { files, markerImages };
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
