// Writing to a CodeCommit repository through the API: one commit on a branch with CreateCommit, whose
// `parentCommitId` is the tip the caller read (CodeCommit's compare-and-swap: a branch that moved answers
// ParentCommitIdOutdatedException, reported as stale so the caller re-plans on the new tip), and a branch
// created at a commit with CreateBranch.

import type { FileModeTypeEnum } from '@aws-sdk/client-codecommit';
import { SlipwayError } from '@slipway/errors';
import { codeCommitError, codeCommitErrorName } from './api-errors.js';
import type { CodeCommitRepo } from './client.js';

export interface CreateCommitInput {
  readonly branch: string;
  /** The tip the change was planned on. */
  readonly parent: string;
  /** Path → new bytes, or null to delete. Files not named are untouched. */
  readonly files: ReadonlyMap<string, Buffer | null>;
  /** Path → git mode of the files written, where they exist (`100755` stays executable). */
  readonly modes?: ReadonlyMap<string, string>;
  readonly message: string;
  /** CodeCommit makes the committer the author and dates the commit itself (there is no date to give). */
  readonly author: { readonly name: string; readonly email: string };
}

export type CreateCommitResult =
  /** The branch now points to `sha`; `changed` false: nothing differed (NoChangeException), `sha` is the parent. */
  | { readonly ok: true; readonly sha: string; readonly changed: boolean }
  /** The branch is no longer at `parent` (or, for a creation, exists already): re-apply on its tip. */
  | { readonly ok: false; readonly reason: 'stale' };

const STALE: CreateCommitResult = { ok: false, reason: 'stale' };

const API_MODES: Readonly<Record<string, FileModeTypeEnum>> = {
  '100644': 'NORMAL',
  '100755': 'EXECUTABLE',
  '120000': 'SYMLINK',
};

/** One commit of `files` on `parent`, moving `branch` only if it is still at `parent`. */
export async function createCommitViaApi(
  repo: CodeCommitRepo,
  input: CreateCommitInput,
): Promise<CreateCommitResult> {
  const { CreateCommitCommand } = await import('@aws-sdk/client-codecommit');
  const context = {
    repo,
    branch: input.branch,
    action: `committing to ${input.branch}`,
    permission: 'codecommit:CreateCommit',
  };
  const putFiles = [...input.files].flatMap(([filePath, content]) =>
    content === null
      ? []
      : [
          {
            filePath,
            fileContent: new Uint8Array(content),
            fileMode: API_MODES[input.modes?.get(filePath) ?? '100644'] ?? 'NORMAL',
          },
        ],
  );
  const deleteFiles = [...input.files].flatMap(([filePath, content]) =>
    content === null ? [{ filePath }] : [],
  );
  try {
    const answer = await repo.client.send(
      new CreateCommitCommand({
        repositoryName: repo.repositoryName,
        branchName: input.branch,
        parentCommitId: input.parent,
        authorName: input.author.name,
        email: input.author.email,
        commitMessage: input.message,
        ...(putFiles.length === 0 ? {} : { putFiles }),
        ...(deleteFiles.length === 0 ? {} : { deleteFiles }),
      }),
    );
    if (answer.commitId === undefined) throw new Error('CreateCommit answered no commit id');
    return { ok: true, sha: answer.commitId, changed: true };
  } catch (error) {
    switch (codeCommitErrorName(error)) {
      case 'ParentCommitIdOutdatedException':
        return STALE;
      case 'NoChangeException':
        return { ok: true, sha: input.parent, changed: false };
      case 'ParentCommitDoesNotExistException':
        throw new SlipwayError(
          `CodeCommit does not know the commit ${input.parent.slice(0, 12)} read as the tip of ${input.branch}`,
          {
            where: `${repo.display} (branch ${input.branch})`,
            fix: 'retry the promotion (the branch may have been rewritten meanwhile)',
            cause: error,
          },
        );
      default:
        throw codeCommitError(error, context);
    }
  }
}

/** Creates `branch` at `commit`; stale when the branch exists already (a concurrent creation). */
export async function createBranchViaApi(
  repo: CodeCommitRepo,
  branch: string,
  commit: string,
): Promise<CreateCommitResult> {
  const { CreateBranchCommand } = await import('@aws-sdk/client-codecommit');
  try {
    await repo.client.send(
      new CreateBranchCommand({ repositoryName: repo.repositoryName, branchName: branch, commitId: commit }),
    );
    return { ok: true, sha: commit, changed: false };
  } catch (error) {
    if (codeCommitErrorName(error) === 'BranchNameExistsException') return STALE;
    throw codeCommitError(error, {
      repo,
      branch,
      action: `creating branch ${branch}`,
      permission: 'codecommit:CreateBranch',
    });
  }
}
