import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, createBareRepo, listCommits } from './support/bareRepo.js';
import { type GitHttpServer, startGitHttpServer } from './support/gitHttpServer.js';
import { runSlipway } from './support/slipway.js';

const TOKEN = 'ghs_S3cr3tT0kenThatMustNeverLeak0123456789';
const DIGEST = `sha256:${'c'.repeat(64)}`;

let repo: BareRepo;
let server: GitHttpServer;
let scratch: string;
let gitLog: string;
let wrapperDir: string;

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
  scratch = mkdtempSync(join(tmpdir(), 'slipway-https-'));
  // A git wrapper first on PATH records every argv Slipway passes to git.
  wrapperDir = join(scratch, 'bin');
  gitLog = join(scratch, 'git-argv.log');
  const realGit = '/usr/bin/git';
  mkdirSync(wrapperDir);
  writeFileSync(
    join(wrapperDir, 'git'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${gitLog}'\nexec ${realGit} "$@"\n`,
  );
  chmodSync(join(wrapperDir, 'git'), 0o755);
});

afterAll(async () => {
  await server?.close();
  repo?.cleanup();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('promote over HTTPS-style auth (git http-backend behind basic auth)', () => {
  it('pushes with a token from the environment that never reaches argv, files, or output', async () => {
    const tmp = mkdtempSync(join(scratch, 'tmp-'));
    const url = `${server.url}/${repo.path.split('/').at(-1)}`;
    const result = await runSlipway(
      [
        'promote',
        '--config-repo',
        url,
        '--env',
        'dev',
        '--image',
        `registry.example.com/shop/cart:1.1.0@${DIGEST}`,
        '--json',
      ],
      { env: { SLIPWAY_TOKEN: TOKEN, PATH: `${wrapperDir}:${process.env.PATH ?? ''}`, TMPDIR: tmp } },
    );
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ noop: false, branch: 'env/dev' });
    expect(listCommits(repo.path, 'env/dev')[0]?.message).toContain(
      `Slipway-Image: registry.example.com/shop/cart:1.1.0@${DIGEST}`,
    );

    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    const argv = readFileSync(gitLog, 'utf8');
    expect(argv).toMatch(/fetch/);
    expect(argv).toMatch(/push/);
    for (const secret of [TOKEN, basic]) {
      expect(argv).not.toContain(secret);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    // Nothing left behind in the temp dir: no repo, no config, no credential file.
    expect(filesUnder(tmp)).toEqual([]);
    // The server's own repo config never learns the token either.
    expect(readFileSync(join(repo.path, 'config'), 'utf8')).not.toContain(TOKEN);
  });

  it('a wrong token fails with a clear error that does not print the token', async () => {
    const wrong = 'ghs_WrongTokenAlsoSecret987654321';
    const tip = branchTip(repo.path, 'env/dev');
    const url = `${server.url}/${repo.path.split('/').at(-1)}`;
    const result = await runSlipway(
      [
        'promote',
        '--config-repo',
        url,
        '--env',
        'dev',
        '--image',
        `registry.example.com/shop/cart:1.2.0@${DIGEST}`,
      ],
      { env: { SLIPWAY_TOKEN: wrong } },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/slipway promote: error: .*token/i);
    expect(result.stderr).not.toContain(wrong);
    expect(result.stderr).not.toContain(Buffer.from(`x-access-token:${wrong}`).toString('base64'));
    expect(branchTip(repo.path, 'env/dev')).toBe(tip);
  });

  it('credentials embedded in a --config-repo URL on argv are refused before anything runs, without echoing them', async () => {
    // A server of its own that records every request: none may arrive.
    const watched = await startGitHttpServer({
      root: dirname(repo.path),
      username: 'x-access-token',
      password: TOKEN,
      recordHeaders: true,
    });
    try {
      const name = repo.path.split('/').at(-1);
      const tip = branchTip(repo.path, 'env/dev');
      for (const url of [
        `${watched.url.replace('http://', `http://x-access-token:${TOKEN}@`)}/${name}`,
        `${watched.url.replace('http://', `http://${TOKEN}@`)}/${name}`,
      ]) {
        for (const flag of [['--config-repo', url], [`--config-repo=${url}`]]) {
          const result = await runSlipway([
            'promote',
            ...flag,
            '--env',
            'dev',
            '--image',
            `registry.example.com/shop/cart:1.3.0@${DIGEST}`,
          ]);
          expect(result.code).toBe(2);
          expect(result.stdout).toBe('');
          expect(result.stderr).toMatch(
            /^slipway promote: --config-repo carries credentials in its URL, .*readable by every user.*set SLIPWAY_TOKEN or GITHUB_TOKEN, or set SLIPWAY_CONFIG_REPO to the URL in the environment instead/,
          );
          expect(result.stderr).not.toContain(TOKEN);
        }
      }
      expect(watched.requests).toEqual([]);
      expect(branchTip(repo.path, 'env/dev')).toBe(tip);
    } finally {
      await watched.close();
    }
  });

  it('credentials embedded in the URL in SLIPWAY_CONFIG_REPO are used and never printed', async () => {
    const url = `${server.url.replace('http://', `http://x-access-token:${TOKEN}@`)}/${repo.path.split('/').at(-1)}`;
    const result = await runSlipway(
      ['promote', '--env', 'dev', '--image', `registry.example.com/shop/cart:1.3.0@${DIGEST}`, '--json'],
      { env: { SLIPWAY_CONFIG_REPO: url } },
    );
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { commit: string }).commit).toBe(branchTip(repo.path, 'env/dev'));
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });
});
