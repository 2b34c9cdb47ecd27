// Cancelling a promotion (the CI runner's SIGTERM, a terminal's Ctrl-C) while git waits on the server: the
// CLI stops git, removes its temporary repository and exits with 128 + the signal's number.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, createBareRepo } from './support/bareRepo.js';
import { type GitHttpServer, startGitHttpServer } from './support/gitHttpServer.js';
import { baseEnv, CLI_BUNDLE, ROOT } from './support/slipway.js';

const TOKEN = 'ghs_CancelTestToken0123456789';
const DIGEST = `sha256:${'f'.repeat(64)}`;

let repo: BareRepo;
let server: GitHttpServer;
let scratch: string;

beforeAll(async () => {
  repo = createBareRepo({
    branches: { 'env/dev': { 'app.yaml': 'image: registry.example.com/shop/cart:1.0.0\n' } },
  });
  // Every answer is held far longer than the test waits: the promotion is always mid-fetch when cancelled.
  server = await startGitHttpServer({
    root: dirname(repo.path),
    username: 'x-access-token',
    password: TOKEN,
    delayMs: 120_000,
  });
  scratch = mkdtempSync(join(tmpdir(), 'slipway-cancel-'));
});

afterAll(async () => {
  await server?.close();
  repo?.cleanup();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

/** Polls (no timed assertion: the test's own timeout bounds it) until `ready` holds. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function cancelMidPromotion(
  signal: 'SIGTERM' | 'SIGINT',
): Promise<{ code: number | null; tmp: string }> {
  const tmp = mkdtempSync(join(scratch, `${signal}-`));
  const child = spawn(
    process.execPath,
    [
      CLI_BUNDLE,
      'promote',
      '--config-repo',
      `${server.url}/${repo.path.split('/').at(-1)}`,
      '--env',
      'dev',
      '--image',
      `registry.example.com/shop/cart:1.1.0@${DIGEST}`,
    ],
    {
      cwd: ROOT,
      env: { ...baseEnv(), SLIPWAY_TOKEN: TOKEN, TMPDIR: tmp },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    // The temp repo exists and git is fetching (held by the server).
    await until(() => readdirSync(tmp).some((name) => existsSync(join(tmp, name, 'repo.git', 'HEAD'))));
    child.kill(signal);
    const code = await exited;
    expect(stderr).toContain(`cancelled by ${signal}`);
    return { code, tmp };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('cancelling a promotion', () => {
  it('SIGTERM stops git, removes the temporary repo and exits 143', async () => {
    const tip = branchTip(repo.path, 'env/dev');
    const { code, tmp } = await cancelMidPromotion('SIGTERM');
    expect(code).toBe(143);
    expect(readdirSync(tmp)).toEqual([]);
    expect(branchTip(repo.path, 'env/dev')).toBe(tip);
  });

  it('SIGINT (Ctrl-C) does the same and exits 130', async () => {
    const { code, tmp } = await cancelMidPromotion('SIGINT');
    expect(code).toBe(130);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
