import { SlipwayError } from '@slipway/errors';

/**
 * Whether `name` is a branch name git accepts (the rules of `git check-ref-format refs/heads/<name>`), checked
 * here so no branch can smuggle an option (`-…`), a force marker (`+…`) or a second refspec (`a:b`) onto argv.
 */
export function isValidBranchName(name: string): boolean {
  if (name === '' || name === '@' || /^[-+/]/.test(name) || name.endsWith('/')) {
    return false;
  }
  if (name.endsWith('.') || name.includes('..') || name.includes('@{') || name.includes('//')) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  return name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'));
}

export function assertBranch(name: string): void {
  if (!isValidBranchName(name)) {
    throw new SlipwayError(`"${name}" is not a valid branch name`, {
      where: 'config repository',
      fix: 'use a git branch name such as env/dev (no spaces, "..", ":", or leading "-")',
    });
  }
}

/**
 * A revision to fetch: a full commit id, or a ref name the remote resolves (`HEAD`, `env/dev`,
 * `origin/env/dev`). Checked like a branch name, so it cannot carry an option, a force marker or a second
 * refspec onto argv.
 */
export function assertRevision(revision: string): void {
  if (revision === 'HEAD' || isFullObjectId(revision) || isValidBranchName(revision)) return;
  throw new SlipwayError(`"${revision}" is not a ref name or a full commit id`, {
    where: 'config repository',
    fix: 'name a branch (env/dev), a ref (origin/env/dev, HEAD) or a full 40-hex commit id',
  });
}

/** Whether `text` is a whole object id as git prints it: 40 (SHA-1) or 64 (SHA-256) lowercase hex digits. */
export function isFullObjectId(text: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(text);
}

/** A commit id as returned by fetchBranches/commit: 40 (SHA-1) or 64 (SHA-256) hex digits, or a short prefix. */
export function assertObjectId(id: string): void {
  if (!/^[0-9a-f]{4,64}$/i.test(id)) {
    throw new SlipwayError(`"${id}" is not a commit id`, {
      where: 'config repository',
      fix: 'pass a commit id returned by fetchBranches() or commit()',
    });
  }
}

/** A path inside the repository as git stores it: relative, `/`-separated, no `.`/`..` parts. */
export function assertRepoPath(file: string): void {
  const bad =
    file === '' ||
    file.startsWith('/') ||
    file.endsWith('/') ||
    file.includes('\0') ||
    file.includes('\n') ||
    file.split('/').some((part) => part === '' || part === '.' || part === '..' || part === '.git');
  if (bad) {
    throw new SlipwayError(`"${file}" is not a valid path in the config repository`, {
      where: 'config repository',
      fix: 'use a relative path such as apps/cart/deployment.yaml',
    });
  }
}
