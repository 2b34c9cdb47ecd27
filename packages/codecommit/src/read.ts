// What a clone-free promotion reads through the CodeCommit API: a branch's tip, the repository's default
// branch, every file of a commit (path, blob id, mode) and the bytes of files. Each call's failure becomes a
// SlipwayError naming the IAM action it needs (api-errors.ts).

import type { GetFileCommandOutput } from '@aws-sdk/client-codecommit';
import { callingCodeCommit, codeCommitError, codeCommitErrorName } from './api-errors.js';
import type { CodeCommitRepo } from './client.js';

/** A file of a commit, as the API lists it. */
export interface CodeCommitFileEntry {
  readonly path: string;
  /** The git mode: `100644`, `100755`, `120000` (symlink), `160000` (submodule). */
  readonly mode: string;
  readonly blobId: string;
}

/** The commit `branch` points to, or undefined when the branch does not exist (the repository must). */
export async function branchTipViaApi(repo: CodeCommitRepo, branch: string): Promise<string | undefined> {
  const context = { repo, branch, action: `reading branch ${branch}`, permission: 'codecommit:GetBranch' };
  const { GetBranchCommand } = await import('@aws-sdk/client-codecommit');
  try {
    const answer = await repo.client.send(
      new GetBranchCommand({ repositoryName: repo.repositoryName, branchName: branch }),
    );
    const commit = answer.branch?.commitId;
    if (commit === undefined) throw new Error(`GetBranch answered no commit for ${branch}`);
    return commit;
  } catch (error) {
    if (codeCommitErrorName(error) === 'BranchDoesNotExistException') return undefined;
    throw codeCommitError(error, context);
  }
}

/** The repository's default branch (where its owners keep `.slipway.yaml`); undefined in an empty repository. */
export async function defaultBranchViaApi(repo: CodeCommitRepo): Promise<string | undefined> {
  const { GetRepositoryCommand } = await import('@aws-sdk/client-codecommit');
  const answer = await callingCodeCommit(
    { repo, action: 'reading the repository', permission: 'codecommit:GetRepository' },
    () => repo.client.send(new GetRepositoryCommand({ repositoryName: repo.repositoryName })),
  );
  const branch = answer.repositoryMetadata?.defaultBranch;
  return branch === undefined || branch === '' ? undefined : branch;
}

/** Differences per page: the API's own page size, said out loud so a test can page. */
const LISTING_PAGE = 100;

/**
 * Every file of `commit` (under the folder or file `under`, when given) with its blob id and mode, sorted by
 * path. GetDifferences with only
 * `afterCommitSpecifier` lists the whole tree as added files, one page of 100 per call whatever the folder
 * shape, with git's modes as they are (100644, 100755, 120000). GetFolder would need one call per folder (a
 * config repo has many small ones) and reports modes as NORMAL/EXECUTABLE/SYMLINK, so it is not used.
 */
export async function listFilesViaApi(
  repo: CodeCommitRepo,
  commit: string,
  options: { branch?: string; pageSize?: number; under?: string } = {},
): Promise<CodeCommitFileEntry[]> {
  const { GetDifferencesCommand } = await import('@aws-sdk/client-codecommit');
  const context = {
    repo,
    ...(options.branch === undefined ? {} : { branch: options.branch }),
    action: `listing the files of commit ${commit.slice(0, 12)}`,
    permission: 'codecommit:GetDifferences',
  };
  const files: CodeCommitFileEntry[] = [];
  let token: string | undefined;
  do {
    const page = await callingCodeCommit(context, () =>
      repo.client.send(
        new GetDifferencesCommand({
          repositoryName: repo.repositoryName,
          afterCommitSpecifier: commit,
          // A folder (or file) alone: `--path apps/cart` lists that folder, not a repository of thousands.
          ...(options.under === undefined ? {} : { afterPath: options.under }),
          MaxResults: options.pageSize ?? LISTING_PAGE,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      ),
    );
    for (const difference of page.differences ?? []) {
      const blob = difference.afterBlob;
      if (blob?.path === undefined || blob.blobId === undefined) continue;
      files.push({ path: blob.path, mode: blob.mode ?? '100644', blobId: blob.blobId });
    }
    token = page.NextToken === '' ? undefined : page.NextToken;
  } while (token !== undefined);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The bytes and blob ids of `paths` at `commit` (GetFile, a few at a time); a path with no file is absent.
 * GetFile is what the least-privilege policy allows (GetBlob is not in it), and CodeCommit answers at most
 * 6 MB per file (FileTooLargeException past it).
 */
export async function readFilesViaApi(
  repo: CodeCommitRepo,
  commit: string,
  paths: readonly string[],
  options: {
    branch?: string;
    concurrency?: number;
    /**
     * How many bytes the files may hold together: GetFile tells a size only with the bytes, so the reads stop
     * (and `overBudget` is thrown) as soon as the total passes it, holding at most `concurrency` more files.
     */
    budget?: { readonly bytes: number; readonly overBudget: (bytes: number) => Error };
  } = {},
): Promise<Map<string, { readonly blobId: string; readonly bytes: Buffer }>> {
  const { GetFileCommand } = await import('@aws-sdk/client-codecommit');
  const files = new Map<string, { blobId: string; bytes: Buffer }>();
  const queue = [...new Set(paths)];
  let total = 0;
  const worker = async (): Promise<void> => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      if (options.budget !== undefined && total > options.budget.bytes) return;
      const file = path;
      const context = {
        repo,
        ...(options.branch === undefined ? {} : { branch: options.branch }),
        action: `reading ${file} at ${commit.slice(0, 12)}`,
        permission: 'codecommit:GetFile',
      };
      let answer: GetFileCommandOutput;
      try {
        answer = await repo.client.send(
          new GetFileCommand({
            repositoryName: repo.repositoryName,
            commitSpecifier: commit,
            filePath: file,
          }),
        );
      } catch (error) {
        // As `git cat-file <commit>:<path>` finds nothing there: the file is absent.
        if (codeCommitErrorName(error) === 'FileDoesNotExistException') continue;
        throw codeCommitError(error, context);
      }
      const bytes = Buffer.from(answer.fileContent ?? new Uint8Array());
      total += bytes.length;
      files.set(file, { blobId: answer.blobId ?? '', bytes });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, worker));
  if (options.budget !== undefined && total > options.budget.bytes) throw options.budget.overBudget(total);
  return files;
}
