import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { branchTip, createBareRepo } from './support/bareRepo.js';
import { withCleanup } from './support/cleanup.js';
import { gitText, testGitEnv } from './support/git.js';
import { startGitHttpServer } from './support/gitHttpServer.js';
import { startLatencyProxy } from './support/latencyProxy.js';

const get = (url: string, agent: http.Agent | false): Promise<string> =>
  new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      })
      .on('error', reject);
  });

/** git run asynchronously: the proxy answers from this process, which a synchronous child would block. */
const git = (args: string[], cwd?: string): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: testGitEnv() }, (error, _stdout, stderr) =>
      error === null ? resolve() : reject(new Error(`git ${args.join(' ')} failed: ${stderr}`)),
    );
  });

describe('latency proxy', () => {
  it('holds each request before forwarding it: two sent at once both arrive before the first goes on', async () => {
    await withCleanup(async (defer) => {
      const seen: string[] = [];
      const origin = http.createServer((req, res) => {
        seen.push(req.url ?? '');
        res.end(`answer to ${req.url}`);
      });
      await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
      defer(() => new Promise((resolve) => origin.close(resolve)));
      const { port } = origin.address() as { port: number };
      const proxy = await startLatencyProxy({ target: `http://127.0.0.1:${port}`, delayMs: 300 });
      defer(proxy.stop);

      const answers = await Promise.all([get(`${proxy.url}/a`, false), get(`${proxy.url}/b?x=1`, false)]);
      expect(answers).toEqual(['answer to /a', 'answer to /b?x=1']);
      expect(proxy.calls.map((call) => `${call.method} ${call.url}`)).toEqual(['GET /a', 'GET /b?x=1']);
      const [a, b] = proxy.calls;
      // Held: the second arrived while the first still waited; nothing went on before its delay.
      expect(b?.arrived).toBeLessThan(a?.forwarded ?? 0);
      expect(a?.forwarded).toBeLessThan(a?.answered ?? 0);
      expect(seen.sort()).toEqual(['/a', '/b?x=1']);
      expect(proxy.connections()).toBe(2);
    });
  });

  it('keeps a connection alive when the client does, and counts one connection for it', async () => {
    await withCleanup(async (defer) => {
      const origin = http.createServer((_req, res) => res.end('ok'));
      await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
      defer(() => new Promise((resolve) => origin.close(resolve)));
      const { port } = origin.address() as { port: number };
      const proxy = await startLatencyProxy({ target: `http://127.0.0.1:${port}`, delayMs: 5 });
      defer(proxy.stop);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      defer(() => agent.destroy());
      for (const path of ['/1', '/2', '/3']) expect(await get(`${proxy.url}${path}`, agent)).toBe('ok');
      expect(proxy.calls.map((call) => call.connection)).toEqual([0, 0, 0]);
      expect(proxy.connections()).toBe(1);
      await get(`${proxy.url}/4`, false);
      expect(proxy.connections()).toBe(2);
    });
  });

  it('passes git smart HTTP through intact both ways: a clone and a push of a bare repo', async () => {
    await withCleanup(async (defer) => {
      const repo = createBareRepo({
        name: 'config.git',
        branches: { 'env/dev': { 'apps/cart/deployment.yaml': 'image: shop/cart:1.0.0\n' } },
      });
      defer(repo.cleanup);
      const server = await startGitHttpServer({ root: join(repo.path, '..'), recordHeaders: true });
      defer(server.close);
      const proxy = await startLatencyProxy({ target: server.url, delayMs: 20 });
      defer(proxy.stop);
      const work = mkdtempSync(join(tmpdir(), 'slipway-latency-proxy-'));
      defer(() => rmSync(work, { recursive: true, force: true }));
      const url = `${proxy.url.replace('http://', 'http://slipway:secret@')}/config.git`;

      const clone = join(work, 'clone');
      await git(['clone', '--quiet', '--branch', 'env/dev', url, clone]);
      expect(gitText(['rev-parse', 'HEAD'], { cwd: clone })).toBe(branchTip(repo.path, 'env/dev'));
      await git(['fsck', '--full', '--strict'], clone);

      await git(['commit', '--quiet', '--allow-empty', '-m', 'through the proxy'], clone);
      await git(['push', '--quiet', 'origin', 'HEAD:env/dev'], clone);
      expect(branchTip(repo.path, 'env/dev')).toBe(gitText(['rev-parse', 'HEAD'], { cwd: clone }));

      // Every request the server answered went through the proxy, in the same order.
      const paths = (list: readonly { method: string; url: string }[]) =>
        list.map((call) => `${call.method} ${call.url.split('?')[0]}`);
      expect(paths(proxy.calls)).toEqual(paths(server.requests));
      expect(paths(proxy.calls)).toContain('POST /config.git/git-upload-pack');
      expect(paths(proxy.calls)).toContain('POST /config.git/git-receive-pack');
      expect(proxy.calls.every((call) => call.status !== undefined && call.status < 500)).toBe(true);
    });
  });
});
