import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { branchTip, createBareRepo, readFileAt } from '../../../test/support/bareRepo.js';
import { withCleanup } from '../../../test/support/cleanup.js';
import { startGitHttpServer } from '../../../test/support/gitHttpServer.js';
import { ConfigRepo, GitError } from '../src/git/index.js';

const USER = 'x-access-token';
const TOKEN = 'ghs_S3cr3tT0kenValue_9f8e7d6c5b4a';
const PAIR = `${USER}:${TOKEN}`;
const BASE64 = Buffer.from(PAIR).toString('base64');
const FORMS = [TOKEN, PAIR, BASE64];
const bot = { name: 'Slipway Bot', email: 'bot@slipway.test' };

function expectNoSecret(text: string): void {
  for (const form of FORMS) expect(text).not.toContain(form);
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** argv of every process whose command line mentions `needle` (Linux /proc). */
function processesMentioning(needles: string[]): string[] {
  const found: string[] = [];
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const pid of pids) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ');
    } catch {
      continue;
    }
    if (needles.some((needle) => cmdline.includes(needle))) found.push(cmdline);
  }
  return found;
}

function fixture() {
  return createBareRepo({
    defaultBranch: 'main',
    branches: {
      main: { 'README.md': 'hi\n' },
      'env/dev': { 'apps/cart/deployment.yaml': 'image: ghcr.io/acme/cart:1.0.0\n' },
    },
  });
}

describe('ConfigRepo over HTTP with basic auth (git http-backend)', () => {
  it('fetches, commits and pushes with a token; the token reaches git only through the environment', () =>
    withCleanup(async (defer) => {
      const remote = fixture();
      defer(remote.cleanup);
      const server = await startGitHttpServer({
        root: path.dirname(remote.path),
        username: USER,
        password: TOKEN,
        recordHeaders: true,
      });
      defer(server.close);
      const url = `${server.url}/config.git`;
      const argv: string[][] = [];
      const repo = await ConfigRepo.open(url, { token: TOKEN }, { onCommand: (args) => argv.push(args) });
      defer(() => repo.dispose());

      const tips = await repo.fetchBranches(['env/dev', 'env/missing']);
      const dev = tips.get('env/dev')!;
      expect(dev).toBe(branchTip(remote.path, 'env/dev'));
      expect(tips.get('env/missing')).toBeNull();
      expect(await repo.defaultBranch()).toBe('main');
      const commit = await repo.commit({
        parent: dev,
        files: new Map([['apps/cart/deployment.yaml', Buffer.from('image: ghcr.io/acme/cart:2.0.0\n')]]),
        message: 'promote over http',
        author: bot,
        committer: bot,
      });
      expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });
      expect(branchTip(remote.path, 'env/dev')).toBe(commit);
      expect(readFileAt(remote.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain('2.0.0');

      // The server saw the header; git's argv never carried it.
      expect(server.requests.some((request) => request.headers.authorization === `Basic ${BASE64}`)).toBe(
        true,
      );
      expect(argv.length).toBeGreaterThan(0);
      for (const args of argv) expectNoSecret(args.join(' '));
      // Nothing under the temp dir (config, shallow, packs, refs, indexes) holds it.
      const files = filesUnder(repo.tempDir);
      expect(files.some((file) => file.endsWith(`${path.sep}config`))).toBe(true);
      for (const file of files) expectNoSecret(readFileSync(file, 'latin1'));
      expect(readFileSync(path.join(repo.tempDir, 'repo.git', 'config'), 'utf8')).not.toContain('127.0.0.1');

      const tempDir = repo.tempDir;
      await repo.dispose();
      expect(() => statSync(tempDir)).toThrow();
    }));

  it('keeps the token off every command line while git runs (/proc/*/cmdline)', () =>
    withCleanup(async (defer) => {
      const remote = fixture();
      defer(remote.cleanup);
      const server = await startGitHttpServer({
        root: path.dirname(remote.path),
        username: USER,
        password: TOKEN,
        delayMs: 400,
      });
      defer(server.close);
      const repo = await ConfigRepo.open(`${server.url}/config.git`, { token: TOKEN });
      defer(() => repo.dispose());

      let done = false;
      const fetching = repo.fetchBranches(['env/dev']).finally(() => {
        done = true;
      });
      const leaked: string[] = [];
      let gitSeen = 0;
      while (!done) {
        leaked.push(...processesMentioning(FORMS));
        gitSeen += processesMentioning([server.url]).filter((cmd) => /\bgit\b|remote-http/.test(cmd)).length;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await fetching;
      expect(leaked).toEqual([]);
      // The scan did look at the running git client (only meaningful where /proc exists).
      if (process.platform === 'linux') expect(gitSeen).toBeGreaterThan(0);
    }));

  it('dispose during a running fetch stops git and still removes the temp dir', () =>
    withCleanup(async (defer) => {
      const remote = fixture();
      defer(remote.cleanup);
      const server = await startGitHttpServer({
        root: path.dirname(remote.path),
        username: USER,
        password: TOKEN,
        delayMs: 300,
      });
      defer(server.close);
      const repo = await ConfigRepo.open(`${server.url}/config.git`, { token: TOKEN });
      const fetching = repo.fetchBranches(['env/dev']).then(
        () => 'done',
        (error: unknown) => error,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await repo.dispose();
      const outcome = await fetching;
      expect(() => statSync(repo.tempDir)).toThrow();
      if (outcome instanceof Error)
        expectNoSecret(`${outcome.message} ${(outcome as GitError).stderr ?? ''}`);
    }));

  it('fails with a clear, redacted error for a wrong token', () =>
    withCleanup(async (defer) => {
      const remote = fixture();
      defer(remote.cleanup);
      const server = await startGitHttpServer({
        root: path.dirname(remote.path),
        username: USER,
        password: 'right',
      });
      defer(server.close);
      const repo = await ConfigRepo.open(`${server.url}/config.git`, { token: TOKEN });
      defer(() => repo.dispose());

      const error = await repo.fetchBranches(['env/dev']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitError);
      const gitError = error as GitError;
      expect(gitError.reason).toBe('auth');
      expect(gitError.message).toMatch(/authentication/i);
      expect(gitError.fix).toMatch(/token/);
      expect(gitError.where).toBe(`${server.url}/config.git`);
      for (const text of [
        gitError.message,
        gitError.stderr,
        gitError.oneLine(),
        gitError.command.join(' '),
      ]) {
        expectNoSecret(text);
      }
      expectNoSecret(String(gitError.stack));

      expect(gitError.message).toContain('the server refused the token');

      // Push with a wrong token: a refusal (not a transport error), also redacted.
      const result = await repo.push([{ branch: 'env/dev', commit: 'a'.repeat(40) }]);
      expect(result).toMatchObject({ ok: false, kind: 'refused' });
      expectNoSecret(JSON.stringify(result));
    }));

  it('fails clearly without a token', () =>
    withCleanup(async (defer) => {
      const remote = fixture();
      defer(remote.cleanup);
      const server = await startGitHttpServer({
        root: path.dirname(remote.path),
        username: USER,
        password: TOKEN,
      });
      defer(server.close);
      const repo = await ConfigRepo.open(`${server.url}/config.git`);
      defer(() => repo.dispose());
      const error = await repo.fetchBranches(['env/dev']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitError);
      expect((error as GitError).reason).toBe('auth');
    }));

  it('uses credentials embedded in the URL and strips them', () =>
    withCleanup(async (defer) => {
      const remote = fixture();
      defer(remote.cleanup);
      const server = await startGitHttpServer({
        root: path.dirname(remote.path),
        username: 'alice',
        password: 'p@ss:w/rd',
      });
      defer(server.close);
      const host = server.url.replace('http://', '');
      const argv: string[][] = [];
      const repo = await ConfigRepo.open(
        `http://alice:${encodeURIComponent('p@ss:w/rd')}@${host}/config.git`,
        {},
        {
          onCommand: (args) => argv.push(args),
        },
      );
      defer(() => repo.dispose());
      expect(repo.url).toBe(`${server.url}/config.git`);
      const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
      const commit = await repo.commit({
        parent: dev,
        files: new Map([['y', Buffer.from('y')]]),
        message: 'y',
        author: bot,
        committer: bot,
      });
      expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });
      for (const args of argv) {
        expect(args.join(' ')).not.toContain('p@ss');
        expect(args.join(' ')).not.toContain(encodeURIComponent('p@ss:w/rd'));
        expect(args.join(' ')).not.toContain('alice');
      }
      for (const file of filesUnder(repo.tempDir)) expect(readFileSync(file, 'latin1')).not.toContain('p@ss');
    }));

  it('never sends the token to another origin, even when redirected there', () =>
    withCleanup(async (defer) => {
      const remote = fixture();
      defer(remote.cleanup);
      const target = await startGitHttpServer({
        root: path.dirname(remote.path),
        username: USER,
        password: TOKEN,
        recordHeaders: true,
      });
      defer(target.close);
      const redirector = http.createServer((req, res) => {
        res.writeHead(302, { Location: `${target.url}${req.url ?? '/'}` });
        res.end();
      });
      await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
      defer(
        () =>
          new Promise<void>((resolve) => {
            redirector.closeAllConnections();
            redirector.close(() => resolve());
          }),
      );
      const port = (redirector.address() as AddressInfo).port;
      const repo = await ConfigRepo.open(`http://127.0.0.1:${port}/config.git`, { token: TOKEN });
      defer(() => repo.dispose());
      const error = await repo.fetchBranches(['env/dev']).catch((e: unknown) => e);
      // git followed the redirect to the other origin, but without our header there.
      expect(target.requests.length).toBeGreaterThan(0);
      for (const request of target.requests) {
        expect(request.headers.authorization).toBeUndefined();
        expectNoSecret(JSON.stringify(request.headers));
      }
      expect(error).toBeInstanceOf(GitError);
      if (error instanceof Error) expectNoSecret(`${error.message} ${(error as GitError).stderr ?? ''}`);
    }));
});
