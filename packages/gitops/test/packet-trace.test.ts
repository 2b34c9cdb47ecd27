import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { branchTip, createBareRepo } from '../../../test/support/bareRepo.js';
import { testGitEnv } from '../../../test/support/git.js';
import { listingFromPacketTrace, PACKET_TRACE_LIMIT, takePacketTrace } from '../src/git/packet-trace.js';

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'slipway-trace-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const line = (who: string, payload: string) =>
  `00:00:00.000000 pkt-line.c:80           packet: ${who.padStart(12)}< ${payload}\n`;

/** The trace the real git writes for one fetch by name of HEAD and env/dev over file:// (both sides trace). */
function realTrace(): { trace: string; main: string; dev: string } {
  const remote = createBareRepo({
    defaultBranch: 'main',
    branches: { main: { 'README.md': 'main\n' }, 'env/dev': { 'a.yaml': 'dev\n' } },
  });
  cleanups.push(remote.cleanup);
  const dir = scratch();
  const gitDir = path.join(dir, 'repo.git');
  const file = path.join(dir, 'trace');
  const env = { ...testGitEnv(), GIT_DIR: gitDir };
  execFileSync('git', ['init', '--bare', '--quiet', gitDir], { env });
  execFileSync(
    'git',
    ['fetch', '--depth=1', '--quiet', '--no-tags', remote.url, '+HEAD:refs/h', '+refs/heads/env/dev:refs/d'],
    { env: { ...env, GIT_TRACE_PACKET: file } },
  );
  return {
    trace: readFileSync(file, 'latin1'),
    main: branchTip(remote.path, 'main')!,
    dev: branchTip(remote.path, 'env/dev')!,
  };
}

describe('listingFromPacketTrace', () => {
  it("reads HEAD's branch and the branches from the trace of a real fetch, and only the fetching side's lines", () => {
    const { trace, main, dev } = realTrace();
    expect(listingFromPacketTrace(trace)).toEqual({
      head: { commit: main, branch: 'main' },
      branches: new Map([['env/dev', dev]]),
    });
    // Over file:// the server traces the same listing as `upload-pack>`: those lines alone say nothing.
    const serverSide = trace
      .split('\n')
      .filter((l) => !/ packet: +fetch</.test(l))
      .join('\n');
    expect(serverSide).toMatch(/upload-pack> [0-9a-f]{40} HEAD symref-target:refs\/heads\/main/);
    expect(listingFromPacketTrace(`${serverSide}\n`)).toEqual({ head: undefined, branches: new Map() });
  });

  it('takes only complete lines: a trace cut inside a name cannot shorten it', () => {
    const cut = `${line('fetch', `${A} refs/heads/env/dev`)}${line('fetch', `${B} HEAD symref-target:refs/heads/main`).slice(0, -3)}`;
    expect(listingFromPacketTrace(cut)).toEqual({ head: undefined, branches: new Map([['env/dev', A]]) });
    expect(listingFromPacketTrace(line('fetch', `${A} refs/heads/env/dev`).trimEnd())).toEqual({
      head: undefined,
      branches: new Map(),
    });
  });

  it('refuses lines that contradict each other, or a name no branch has (escaped bytes, "..")', () => {
    const head = (commit: string, branch: string) =>
      line('fetch', `${commit} HEAD symref-target:refs/heads/${branch}`);
    expect(listingFromPacketTrace(head(A, 'main') + head(A, 'main'))?.head).toEqual({
      commit: A,
      branch: 'main',
    });
    expect(listingFromPacketTrace(head(A, 'main') + head(B, 'main'))).toBeUndefined();
    expect(listingFromPacketTrace(head(A, 'main') + head(A, 'trunk'))).toBeUndefined();
    expect(
      listingFromPacketTrace(line('fetch', `${A} refs/heads/x`) + line('fetch', `${B} refs/heads/x`)),
    ).toBeUndefined();
    expect(listingFromPacketTrace(head(A, 'caf\\303\\251'))).toBeUndefined();
    expect(listingFromPacketTrace(head(A, 'a..b'))).toBeUndefined();
  });

  it('does not take an unborn HEAD, a HEAD naming something but a branch, or other packets for a listing', () => {
    const trace = [
      line('fetch', 'unborn HEAD symref-target:refs/heads/main'),
      line('fetch', `${A} HEAD symref-target:refs/tags/v1`),
      line('fetch', `shallow ${A}`),
      line('fetch', `${A} refs/tags/v1 peeled:${B}`),
      line('fetch', '\\2remote: HEAD symref-target:refs/heads/evil'),
      line('git', `${A} HEAD symref-target:refs/heads/evil`),
    ].join('');
    expect(listingFromPacketTrace(trace)).toEqual({ head: undefined, branches: new Map() });
  });
});

describe('takePacketTrace', () => {
  it('reads at most PACKET_TRACE_LIMIT bytes, then removes the file; no file reads as nothing', async () => {
    const dir = scratch();
    const file = path.join(dir, 'trace');
    writeFileSync(file, Buffer.alloc(PACKET_TRACE_LIMIT + 4096, 0x61));
    expect(await takePacketTrace(file)).toHaveLength(PACKET_TRACE_LIMIT);
    expect(existsSync(file)).toBe(false);
    expect(await takePacketTrace(file)).toBe('');
  });
});
