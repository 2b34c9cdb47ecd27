import { SlipwayError } from '@slipway/errors';
import { ConfigRepo, type GitAuth, GitError } from '../git/index.js';
import { normaliseRepoPath } from './target.js';

export interface ConfigFilesRequest {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  /** Branch to read; default: the config repo's default branch (where its owners keep the policy). */
  readonly ref?: string;
  readonly tmpRoot?: string;
  readonly onCommand?: (argv: string[]) => void;
}

export interface ConfigFilesReader {
  readonly ref: string;
  readonly commit: string;
  /** The files that exist among `paths` (repo-relative), read from the ref's tip. */
  read(paths: readonly string[]): Promise<Map<string, Buffer>>;
}

/**
 * Gives `work` a reader of single files on one branch of the config repo (the policy and the keys it names),
 * fetching only the commit, its trees and the blobs asked for.
 */
export async function withConfigFiles<T>(
  request: ConfigFilesRequest,
  work: (reader: ConfigFilesReader) => Promise<T>,
): Promise<T> {
  const repo = await ConfigRepo.open(request.configRepo, request.auth, {
    tmpRoot: request.tmpRoot,
    onCommand: request.onCommand,
  });
  try {
    const ref = request.ref ?? (await repo.defaultBranch());
    let whole = false;
    const fetched = (await repo.fetchBranches([ref], { blobs: 'none' })).get(ref) ?? null;
    if (fetched === null) {
      throw new SlipwayError(`branch ${ref} does not exist`, {
        where: repo.url,
        fix: 'check --policy-ref (the policy is read from the default branch unless it names another)',
      });
    }
    let tip = fetched;
    const read = async (paths: readonly string[]): Promise<Map<string, Buffer>> => {
      const wanted = paths.flatMap((path) => {
        const normalised = normaliseRepoPath(path);
        return normalised === undefined ? [] : [normalised];
      });
      if (!whole) {
        try {
          await repo.prefetchBlobs([{ commit: tip, under: wanted }]);
        } catch (error) {
          if (!(error instanceof GitError)) throw error;
          whole = true; // the server will not send single blobs: take the branch whole, once
          tip = (await repo.fetchBranches([ref], { blobs: 'all' })).get(ref) ?? tip;
        }
      }
      return repo.readFiles(tip, wanted);
    };
    return await work({ ref, commit: tip, read });
  } finally {
    await repo.dispose();
  }
}
