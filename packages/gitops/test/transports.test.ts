// Which transports git may use for the config repo, and how long a git command may take.

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { createBareRepo } from '../../../test/support/bareRepo.js';
import { withCleanup } from '../../../test/support/cleanup.js';
import { startGitHttpServer } from '../../../test/support/gitHttpServer.js';
import { ConfigRepo, GitError, resolveRemote } from '../src/git/index.js';

const scratchDirs: string[] = [];
afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'slipway-transport-test-'));
  scratchDirs.push(dir);
  return dir;
}

/** Sets process variables for one test (git children read them through cleanEnvironment). */
async function withVariables<T>(variables: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(variables).map((key) => [key, process.env[key]]));
  Object.assign(process.env, variables);
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('transports', () => {
  it('refuses fd::3, ext:: and other remote helpers at once: no temp dir, no git command', async () => {
    const root = scratch();
    const marker = path.join(root, 'ext-ran');
    const commands: string[][] = [];
    for (const url of [
      'fd::3',
      `ext::sh -c touch% ${marker}`,
      'testgit::/tmp/x',
      'ftp://example.com/c.git',
    ]) {
      const opened = ConfigRepo.open(url, {}, { tmpRoot: root, onCommand: (argv) => commands.push(argv) });
      const error = await opened.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error, url).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).message, url).toMatch(
        /^config repository URL .* (asks for git's remote helper|uses ftp:\/\/)/,
      );
      expect((error as SlipwayError).fix).toMatch(/https:\/\/.*ssh:\/\/.*local path/);
    }
    expect(commands).toEqual([]);
    expect(readdirSync(root)).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });

  it('accepts http:// to a loopback host, and to another host only when allowed', () => {
    expect(resolveRemote('http://127.0.0.1:8080/c.git').protocol).toBe('http');
    expect(resolveRemote('http://localhost/c.git').protocol).toBe('http');
    expect(resolveRemote('http://[::1]:9/c.git').protocol).toBe('http');
    const refused = (() => {
      try {
        resolveRemote('http://git.example.com/c.git', { token: 'tok-123' });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(SlipwayError);
    expect((refused as SlipwayError).message).toMatch(/plain http:\/\/ to another host/);
    expect((refused as SlipwayError).fix).toMatch(/SLIPWAY_ALLOW_HTTP=1/);
    expect(resolveRemote('http://git.example.com/c.git', {}, { allowHttp: true }).protocol).toBe('http');
    expect(resolveRemote('https://git.example.com/c.git').protocol).toBe('https');
    expect(resolveRemote('git@github.com:org/config.git').protocol).toBe('ssh');
    expect(resolveRemote('./config.git').protocol).toBe('file');
  });

  it('an insteadOf rewrite to a remote helper cannot make git use it (protocol.allow)', async () => {
    const repo = createBareRepo({ branches: { 'env/dev': { 'a.yaml': 'a: 1\n' } } });
    const root = scratch();
    // A helper that would run if git were allowed to use it, and a global config that rewrites the allowed
    // file:// URL to it, as a hostile ~/.gitconfig or a URL handed over by a redirect would.
    const bin = path.join(root, 'bin');
    const marker = path.join(root, 'helper-ran');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'git-remote-sneaky'), `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(path.join(bin, 'git-remote-sneaky'), 0o755);
    const globalConfig = path.join(root, 'gitconfig');
    const url = `file://${repo.path}`;
    writeFileSync(globalConfig, `[url "sneaky::${repo.path}"]\n\tinsteadOf = ${url}\n`);
    try {
      await withVariables(
        { GIT_CONFIG_GLOBAL: globalConfig, PATH: `${bin}:${process.env.PATH ?? ''}` },
        async () => {
          const config = await ConfigRepo.open(url, {}, { tmpRoot: root });
          try {
            const error = await config.fetchBranches(['env/dev']).then(
              () => undefined,
              (caught: unknown) => caught,
            );
            expect(error).toBeInstanceOf(GitError);
            expect((error as GitError).stderr).toMatch(/transport 'sneaky' not allowed/);
          } finally {
            await config.dispose();
          }
        },
      );
      expect(existsSync(marker)).toBe(false);
    } finally {
      repo.cleanup();
    }
  });
});

describe('timeouts', () => {
  it('a server that holds its answer ends in a clean timeout error (SLIPWAY_GIT_TIMEOUT), not a hang', () =>
    withCleanup(async (defer) => {
      const repo = createBareRepo({ branches: { 'env/dev': { 'a.yaml': 'a: 1\n' } } });
      defer(() => repo.cleanup());
      const server = await startGitHttpServer({ root: path.dirname(repo.path), delayMs: 30_000 });
      defer(server.close);
      const root = scratch();
      const url = `${server.url}/${path.basename(repo.path)}`;
      const error = await withVariables({ SLIPWAY_GIT_TIMEOUT: '5' }, async () => {
        const config = await ConfigRepo.open(
          url,
          { username: 'slipway', token: 'secret' },
          { tmpRoot: root },
        );
        try {
          return await config.fetchBranches(['env/dev']).then(
            () => undefined,
            (caught: unknown) => caught,
          );
        } finally {
          await config.dispose();
        }
      });
      expect(error).toBeInstanceOf(GitError);
      expect((error as GitError).reason).toBe('timeout');
      expect((error as GitError).message).toBe('fetching env/dev timed out after 5 s');
      expect((error as GitError).fix).toMatch(/SLIPWAY_GIT_TIMEOUT/);
      expect(readdirSync(root)).toEqual([]);
    }));

  it('refuses a SLIPWAY_GIT_TIMEOUT that is not a number of seconds, before anything runs', async () => {
    const root = scratch();
    await withVariables({ SLIPWAY_GIT_TIMEOUT: '5m' }, async () => {
      await expect(ConfigRepo.open('/nonexistent/config.git', {}, { tmpRoot: root })).rejects.toThrow(
        /SLIPWAY_GIT_TIMEOUT=5m is not a number of seconds/,
      );
    });
    expect(readdirSync(root)).toEqual([]);
  });
});
