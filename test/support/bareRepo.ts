import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gitSync, gitText } from './git.js';

/** A file in a fixture branch: text, bytes, or a symlink to `target` (stored as mode 120000). */
export type FixtureFile = string | Buffer | { symlink: string } | { executable: string | Buffer };

/** Files of one branch: repository path → content. */
export type FixtureFiles = Record<string, FixtureFile>;

/** A fixture repository on disk. */
export interface BareRepo {
  /** Absolute path of the bare repository. */
  path: string;
  /** `file://` URL of the repository. */
  url: string;
  /** Removes the repository (and its temp parent directory). */
  cleanup: () => void;
}

/**
 * Creates a bare repository in a temp dir with one commit per branch holding `files` (message
 * `init <branch>`), HEAD pointing at `defaultBranch` (default: the first branch, else `main`).
 * Example: `createBareRepo({ branches: { 'env/dev': { 'apps/cart/deployment.yaml': '…' } } })`.
 */
export function createBareRepo(
  options: {
    branches?: Record<string, FixtureFiles>;
    defaultBranch?: string;
    name?: string;
    tmpRoot?: string;
    /** Settings for the repo's own config, e.g. `{ 'uploadpack.allowFilter': 'true' }` to serve partial clones. */
    config?: Record<string, string>;
  } = {},
): BareRepo {
  const parent = mkdtempSync(path.join(options.tmpRoot ?? os.tmpdir(), 'slipway-fixture-'));
  const repo = path.join(parent, options.name ?? 'config.git');
  const branches = options.branches ?? {};
  const defaultBranch = options.defaultBranch ?? Object.keys(branches)[0] ?? 'main';
  gitSync(['init', '--bare', '--quiet', `--initial-branch=${defaultBranch}`, repo]);
  for (const [key, value] of Object.entries(options.config ?? {})) {
    gitSync(['config', key, value], { env: { GIT_DIR: repo } });
  }
  for (const [branch, files] of Object.entries(branches)) {
    commitFiles(repo, branch, files, `init ${branch}`);
  }
  return {
    path: repo,
    url: pathToFileURL(repo).href,
    cleanup: () => rmSync(parent, { recursive: true, force: true }),
  };
}

/**
 * Adds a commit to `branch` of the bare repo at `repoPath` writing `files` on top of the branch's tree (the
 * branch is created, without parent, when missing). `null` deletes a file. Returns the new commit id.
 */
export function commitFiles(
  repoPath: string,
  branch: string,
  files: Record<string, FixtureFile | null>,
  message = `update ${branch}`,
): string {
  const indexDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-index-'));
  const env = { GIT_DIR: repoPath, GIT_INDEX_FILE: path.join(indexDir, 'index') };
  try {
    const parent = branchTip(repoPath, branch);
    if (parent !== undefined) gitSync(['read-tree', parent], { env });
    for (const [file, content] of Object.entries(files)) {
      if (content === null) {
        gitSync(['update-index', '--force-remove', '--', file], { env });
        continue;
      }
      let mode = '100644';
      let bytes: string | Buffer;
      if (typeof content === 'string' || Buffer.isBuffer(content)) bytes = content;
      else if ('symlink' in content) {
        mode = '120000';
        bytes = content.symlink;
      } else {
        mode = '100755';
        bytes = content.executable;
      }
      const oid = gitText(['hash-object', '-w', '--stdin'], { env, input: bytes });
      gitSync(['update-index', '--add', '--cacheinfo', `${mode},${oid},${file}`], { env });
    }
    const tree = gitText(['write-tree'], { env });
    const commit = gitText(['commit-tree', tree, ...(parent === undefined ? [] : ['-p', parent])], {
      env,
      input: message,
    });
    gitSync(['update-ref', `refs/heads/${branch}`, commit], { env });
    return commit;
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

/** The commit `branch` points to, or undefined when the branch does not exist. */
export function branchTip(repoPath: string, branch: string): string | undefined {
  try {
    return gitText(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], {
      env: { GIT_DIR: repoPath },
    });
  } catch {
    return undefined;
  }
}

/** The bytes of `file` at `branch` (or any revision), or undefined when it does not exist there. */
export function readFileAt(repoPath: string, branch: string, file: string): Buffer | undefined {
  try {
    return gitSync(['cat-file', 'blob', `${branch}:${file}`], { env: { GIT_DIR: repoPath } });
  } catch {
    return undefined;
  }
}

/** One commit of a branch's history. */
export interface CommitInfo {
  sha: string;
  parents: string[];
  /** The full message, without the trailing newline. */
  message: string;
  author: string;
  committer: string;
}

/** The commits of `branch`, newest first. */
export function listCommits(repoPath: string, branch: string): CommitInfo[] {
  const out = gitSync(
    ['log', '-z', '--format=%H%x01%P%x01%an <%ae>%x01%cn <%ce>%x01%B', `refs/heads/${branch}`],
    {
      env: { GIT_DIR: repoPath },
    },
  ).toString('utf8');
  return out
    .split('\0')
    .filter((record) => record !== '')
    .map((record) => {
      const [sha = '', parents = '', author = '', committer = '', message = ''] = record.split('\x01');
      return {
        sha,
        parents: parents === '' ? [] : parents.split(' '),
        author,
        committer,
        message: message.replace(/\n+$/, ''),
      };
    });
}

/** How many commits `branch` has (0 when it does not exist). */
export function countCommits(repoPath: string, branch: string): number {
  if (branchTip(repoPath, branch) === undefined) return 0;
  return Number(gitText(['rev-list', '--count', `refs/heads/${branch}`], { env: { GIT_DIR: repoPath } }));
}

/** Installs a server-side hook (e.g. `pre-receive`) in the bare repo: `script` is a shell script body. */
export function installHook(repoPath: string, hook: string, script: string): void {
  mkdirSync(path.join(repoPath, 'hooks'), { recursive: true });
  const file = path.join(repoPath, 'hooks', hook);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
}
