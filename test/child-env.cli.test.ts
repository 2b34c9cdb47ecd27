// What a promotion's git children see of Slipway's environment: a `git` wrapper first on PATH records the
// environment of every git command Slipway starts, and GIT_EXEC_PATH (a variable git is allowed to keep)
// points git at a directory whose `git-remote-http` wrapper records the environment git hands its HTTP
// helper. Slipway runs with a token and five other secrets in its environment; none may reach either.

import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareRepo, createBareRepo, listCommits } from './support/bareRepo.js';
import { gitText } from './support/git.js';
import { type GitHttpServer, startGitHttpServer } from './support/gitHttpServer.js';
import { runSlipway } from './support/slipway.js';

const TOKEN = 'ghs_ConfigRepoToken0123456789abcdef';
const DIGEST = `sha256:${'e'.repeat(64)}`;
/** Secrets Slipway's own environment holds during a promotion, none of which a git child needs. */
const OTHER_SECRETS = {
  GITHUB_TOKEN: 'ghs_GithubTokenNotForGit0123456789',
  SLIPWAY_KEY_PASSWORD: 'key-password-not-for-git-4711',
  COSIGN_PASSWORD: 'cosign-password-not-for-git-0815',
  AWS_SECRET_ACCESS_KEY: 'aws/secret+access/key/not/for/git/42',
  AWS_SESSION_TOKEN: 'aws-session-token-not-for-git-FQoGZXIvYXdzE',
};

let repo: BareRepo;
let server: GitHttpServer;
let scratch: string;

beforeAll(async () => {
  repo = createBareRepo({
    branches: {
      'env/dev': {
        'apps/cart/deployment.yaml':
          'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: registry.example.com/shop/cart:1.0.0\n',
      },
    },
  });
  server = await startGitHttpServer({
    root: dirname(repo.path),
    username: 'x-access-token',
    password: TOKEN,
  });
  scratch = mkdtempSync(join(tmpdir(), 'slipway-child-env-'));
});

afterAll(async () => {
  await server?.close();
  repo?.cleanup();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

/** A shell script that writes its environment (NUL-separated, values may hold newlines) and execs `real`. */
function recorder(file: string, logDir: string, real: string): void {
  writeFileSync(file, `#!/bin/sh\nenv -0 > "${logDir}/$(basename "$0").$$.env"\nexec '${real}' "$@"\n`);
  chmodSync(file, 0o755);
}

describe('child environments', () => {
  it('a promotion over http gives git and git-remote-http no secret of Slipway’s environment', async () => {
    const realGit = gitText(['--exec-path'], {}).trim();
    const bin = join(scratch, 'bin');
    const execPath = join(scratch, 'exec-path');
    const logs = join(scratch, 'env-logs');
    const tmp = join(scratch, 'tmp');
    for (const dir of [bin, execPath, logs, tmp]) mkdirSync(dir);
    recorder(join(bin, 'git'), logs, '/usr/bin/git');
    recorder(join(execPath, 'git-remote-http'), logs, join(realGit, 'git-remote-http'));

    const result = await runSlipway(
      [
        'promote',
        '--config-repo',
        `${server.url}/${repo.path.split('/').at(-1)}`,
        '--env',
        'dev',
        '--image',
        `registry.example.com/shop/cart:1.1.0@${DIGEST}`,
        '--json',
      ],
      {
        env: {
          SLIPWAY_TOKEN: TOKEN,
          ...OTHER_SECRETS,
          PATH: `${bin}:${process.env.PATH ?? ''}`,
          GIT_EXEC_PATH: execPath,
          TMPDIR: tmp,
        },
      },
    );
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(listCommits(repo.path, 'env/dev')[0]?.message).toContain(`@${DIGEST}`);

    const recorded = readdirSync(logs).map((name) => ({ name, env: readFileSync(join(logs, name), 'utf8') }));
    // Both kinds of child were caught: git itself, and the helper git runs for the http transport.
    expect(recorded.filter((r) => r.name.startsWith('git.')).length).toBeGreaterThan(3);
    expect(recorded.filter((r) => r.name.startsWith('git-remote-http.')).length).toBeGreaterThan(1);
    for (const { name, env } of recorded) {
      const variables = env.split('\0').map((entry) => entry.slice(0, entry.indexOf('=')));
      // The token travels only as the Authorization header git is configured with, never as itself.
      expect(env, name).not.toContain(TOKEN);
      expect(variables, name).not.toContain('SLIPWAY_TOKEN');
      for (const [variable, secret] of Object.entries(OTHER_SECRETS)) {
        expect(variables, name).not.toContain(variable);
        expect(env, name).not.toContain(secret);
        expect(env, name).not.toContain(Buffer.from(secret).toString('base64'));
      }
      // What git needs did arrive.
      expect(variables, name).toContain('PATH');
      expect(variables, name).toContain('HOME');
    }
  });
});
