// The commit time a build reads from the context's checkout, through the process runner with git's
// allow-listed environment.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGitFacts } from '../src/index.js';

describe('readGitFacts', () => {
  it("reads the commit's time, and nothing outside a checkout", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-git-facts-'));
    try {
      const git = (...args: string[]) =>
        execFileSync('git', args, {
          cwd: dir,
          encoding: 'utf8',
          env: {
            ...process.env,
            GIT_COMMITTER_DATE: '@1700000000 +0000',
            GIT_AUTHOR_DATE: '@1600000000 +0000',
          },
        }).trim();
      expect(await readGitFacts(dir, undefined, { PATH: process.env.PATH })).toEqual({});
      git('init', '-q', '-b', 'main');
      git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'x');
      const env = { PATH: process.env.PATH, HOME: dir, GIT_DIR: '/elsewhere.git' };
      expect(await readGitFacts(dir, undefined, env)).toEqual({ commitTime: 1_700_000_000 });
      expect(await readGitFacts(dir, git('rev-parse', 'HEAD'), env)).toEqual({ commitTime: 1_700_000_000 });
      expect(await readGitFacts(dir, 'f'.repeat(40), env)).toEqual({});
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
