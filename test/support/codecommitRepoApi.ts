// The repository half of the CodeCommit API, answered from a real bare git repo through git plumbing, for
// CodeCommitFake: GetRepository, GetBranch, GetDifferences (the files of a commit, under `afterPath`, paged with NextToken
// and MaxResults), GetFile, CreateBranch and CreateCommit. A commit moves its branch with
// `git update-ref <ref> <new> <old>`, so two CreateCommits on the same parent race as they do on CodeCommit:
// one lands, the other gets ParentCommitIdOutdatedException. Errors are the SDK's own exception classes.
// GetFolder and GetBlob are not answered: Slipway does not call them (an unregistered call fails loudly).

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BranchDoesNotExistException,
  BranchNameExistsException,
  CommitDoesNotExistException,
  FileDoesNotExistException,
  NoChangeException,
  ParentCommitIdOutdatedException,
  RepositoryDoesNotExistException,
} from '@aws-sdk/client-codecommit';
import type { CodeCommitFake, CodeCommitHandler } from './codecommitFake.js';
import { gitSync, gitText } from './git.js';

const ZERO = '0'.repeat(40);
const METADATA = { $metadata: { httpStatusCode: 400 } } as const;
const MODES: Readonly<Record<string, string>> = {
  NORMAL: '100644',
  EXECUTABLE: '100755',
  SYMLINK: '120000',
};

export interface CodeCommitRepoApiOptions {
  /** The bare repository that holds the CodeCommit repository's refs and objects. */
  readonly repoPath: string;
  readonly repositoryName: string;
}

/** The handlers registered, by action, so a test can wrap one (a barrier before CreateCommit). */
export type CodeCommitRepoHandlers = Readonly<Record<string, CodeCommitHandler>>;

/** Registers the repository handlers on `fake` and returns them. */
export function serveCodeCommitRepo(
  fake: CodeCommitFake,
  options: CodeCommitRepoApiOptions,
): CodeCommitRepoHandlers {
  const { repoPath, repositoryName } = options;
  const git = (args: string[], extra: { input?: string | Buffer; env?: Record<string, string> } = {}) =>
    gitSync(args, { ...extra, env: { GIT_DIR: repoPath, ...extra.env } });
  const text = (args: string[]) => gitText(args, { env: { GIT_DIR: repoPath } });

  const checkRepository = (input: Record<string, unknown>): void => {
    if (input.repositoryName !== repositoryName) {
      throw new RepositoryDoesNotExistException({
        ...METADATA,
        message: `${String(input.repositoryName)} does not exist`,
      });
    }
  };
  const tipOf = (branch: string): string | undefined => {
    try {
      return text(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
    } catch {
      return undefined;
    }
  };
  /** A commit id, branch name or ref, as CodeCommit's commit specifiers are. */
  const commitOf = (specifier: unknown): string => {
    const spec = String(specifier ?? '');
    const commit = tipOf(spec) ?? (/^[0-9a-f]{40}$/.test(spec) ? resolveCommit(spec) : undefined);
    if (commit === undefined) {
      throw new CommitDoesNotExistException({ ...METADATA, message: `commit ${spec} does not exist` });
    }
    return commit;
  };
  const resolveCommit = (id: string): string | undefined => {
    try {
      return text(['rev-parse', '--verify', '--quiet', `${id}^{commit}`]);
    } catch {
      return undefined;
    }
  };
  /** `mode type oid\tpath` entries of a tree, recursively. */
  const listing = (commit: string, only?: string) =>
    git(['ls-tree', '-r', '-z', '--full-tree', commit, ...(only === undefined ? [] : ['--', only])])
      .toString('utf8')
      .split('\0')
      .filter((line) => line !== '')
      .map((line) => {
        const [meta = '', file = ''] = line.split('\t');
        const [mode = '', type = '', oid = ''] = meta.split(' ');
        return { mode, type, oid, path: file };
      });

  const handlers: Record<string, CodeCommitHandler> = {
    GetRepository: (input) => {
      checkRepository(input);
      const head = text(['symbolic-ref', 'HEAD']).replace(/^refs\/heads\//, '');
      return {
        repositoryMetadata: {
          repositoryName,
          ...(tipOf(head) === undefined ? {} : { defaultBranch: head }),
        },
      };
    },
    GetBranch: (input) => {
      checkRepository(input);
      const branch = String(input.branchName);
      const commitId = tipOf(branch);
      if (commitId === undefined) {
        throw new BranchDoesNotExistException({ ...METADATA, message: `branch ${branch} does not exist` });
      }
      return { branch: { branchName: branch, commitId } };
    },
    GetDifferences: (input) => {
      checkRepository(input);
      if (input.beforeCommitSpecifier !== undefined) throw new Error('the fake lists whole commits only');
      const commit = commitOf(input.afterCommitSpecifier);
      // `afterPath` limits the answer to a folder or a file, as CodeCommit does.
      const under = typeof input.afterPath === 'string' ? input.afterPath.replace(/^\/+|\/+$/g, '') : '';
      // Files only (blobs): a tree's listing has no directories, and submodules are left out.
      const files = listing(commit, under === '' ? undefined : under).filter(
        (entry) =>
          entry.type === 'blob' &&
          (under === '' || entry.path === under || entry.path.startsWith(`${under}/`)),
      );
      const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
      const size = typeof input.MaxResults === 'number' ? input.MaxResults : 100;
      const page = files.slice(start, start + size);
      return {
        differences: page.map((entry) => ({
          afterBlob: { blobId: entry.oid, path: entry.path, mode: entry.mode },
          changeType: 'A',
        })),
        ...(start + size < files.length ? { NextToken: String(start + size) } : {}),
      };
    },
    GetFile: (input) => {
      checkRepository(input);
      const commit = commitOf(input.commitSpecifier ?? 'HEAD');
      const file = String(input.filePath).replace(/^\/+/, '');
      const [entry] = listing(commit, file).filter((e) => e.path === file && e.type === 'blob');
      if (entry === undefined) {
        throw new FileDoesNotExistException({ ...METADATA, message: `${file} does not exist at ${commit}` });
      }
      const content = git(['cat-file', 'blob', entry.oid]);
      return {
        commitId: commit,
        blobId: entry.oid,
        filePath: file,
        fileMode: Object.entries(MODES).find(([, mode]) => mode === entry.mode)?.[0] ?? 'NORMAL',
        fileSize: content.length,
        fileContent: new Uint8Array(content),
      };
    },
    CreateBranch: (input) => {
      checkRepository(input);
      const branch = String(input.branchName);
      const commit = commitOf(input.commitId);
      try {
        git(['update-ref', `refs/heads/${branch}`, commit, ZERO]);
      } catch {
        throw new BranchNameExistsException({ ...METADATA, message: `branch ${branch} already exists` });
      }
      return {};
    },
    CreateCommit: (input) => {
      checkRepository(input);
      const branch = String(input.branchName);
      const tip = tipOf(branch);
      if (tip === undefined) {
        throw new BranchDoesNotExistException({ ...METADATA, message: `branch ${branch} does not exist` });
      }
      const parent = String(input.parentCommitId ?? '');
      if (parent !== tip) {
        throw new ParentCommitIdOutdatedException({
          ...METADATA,
          message: `The parent commit ID ${parent} is not the tip of ${branch}`,
        });
      }
      const indexDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-cc-index-'));
      const env = { GIT_INDEX_FILE: path.join(indexDir, 'index') };
      try {
        git(['read-tree', parent], { env });
        const puts = (input.putFiles ?? []) as Array<{
          filePath: string;
          fileMode?: string;
          fileContent: Uint8Array;
        }>;
        for (const put of puts) {
          const oid = gitText(['hash-object', '-w', '--stdin'], {
            env: { GIT_DIR: repoPath, ...env },
            input: Buffer.from(put.fileContent),
          });
          const mode = MODES[put.fileMode ?? 'NORMAL'] ?? '100644';
          git(['update-index', '--add', '--cacheinfo', `${mode},${oid},${put.filePath}`], { env });
        }
        for (const removed of (input.deleteFiles ?? []) as Array<{ filePath: string }>) {
          git(['update-index', '--force-remove', '--', removed.filePath], { env });
        }
        const tree = gitText(['write-tree'], { env: { GIT_DIR: repoPath, ...env } });
        if (tree === text(['rev-parse', `${parent}^{tree}`])) {
          throw new NoChangeException({
            ...METADATA,
            message: 'The commit cannot be created because no changes will be made',
          });
        }
        const who = {
          GIT_AUTHOR_NAME: String(input.authorName ?? 'codecommit'),
          GIT_AUTHOR_EMAIL: String(input.email ?? ''),
          GIT_COMMITTER_NAME: String(input.authorName ?? 'codecommit'),
          GIT_COMMITTER_EMAIL: String(input.email ?? ''),
        };
        const commit = gitText(['commit-tree', tree, '-p', parent], {
          env: { GIT_DIR: repoPath, ...who },
          input: String(input.commitMessage ?? ''),
        });
        try {
          // Compare-and-swap: only if the branch is still at the parent, as CodeCommit does.
          git(['update-ref', `refs/heads/${branch}`, commit, parent]);
        } catch {
          throw new ParentCommitIdOutdatedException({
            ...METADATA,
            message: `The parent commit ID ${parent} is not the tip of ${branch}`,
          });
        }
        return { commitId: commit, treeId: tree, filesAdded: [], filesUpdated: [], filesDeleted: [] };
      } finally {
        rmSync(indexDir, { recursive: true, force: true });
      }
    },
  };
  for (const [action, handler] of Object.entries(handlers)) fake.on(action, handler);
  return handlers;
}
