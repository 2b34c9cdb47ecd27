// The one spawning core, with real children (node itself, as a stand-in builder or credential helper).

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  cancelRun,
  childEnvironment,
  type RunningChild,
  runProcess,
  runProcessBytes,
  runProcessSync,
  STDERR_TAIL_BYTES,
  STDOUT_TAIL_BYTES,
} from '../src/index.js';

const NODE = process.execPath;

/** Whether `pid` is a live process (a zombie waiting for its parent to reap it counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * A child that starts a grandchild on its own stdout and stderr (as git starts git-remote-http), prints the
 * grandchild's pid and waits: the pipes stay open as long as the grandchild lives (two minutes, past the
 * test's own timeout).
 */
const HOLDS_PIPES = `const g=require('child_process').spawn(process.execPath,['-e','setTimeout(()=>{},120000)'],{stdio:['ignore','inherit','inherit']});process.stdout.write('grandchild '+g.pid+'\\n');setInterval(()=>{},1000)`;

function grandchildOf(lines: readonly string[]): number | undefined {
  const line = lines.find((text) => text.startsWith('grandchild '));
  return line === undefined ? undefined : Number(line.slice('grandchild '.length));
}

describe('runProcess', () => {
  it('gives the child its input on stdin and exactly the allow-listed environment', async () => {
    const env = childEnvironment('credential-helper', {
      PATH: process.env.PATH,
      HOME: '/home/ci',
      SLIPWAY_TOKEN: 'must-not-reach-the-child',
      AWS_REGION: 'eu-west-1',
    });
    const script = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{process.stdout.write(JSON.stringify({input:s,env:process.env}))})`;
    const result = await runProcess(NODE, ['-e', script], { env, input: 'registry.example.com' });
    expect(result.code).toBe(0);
    const seen = JSON.parse(result.stdout) as { input: string; env: Record<string, string> };
    expect(seen.input).toBe('registry.example.com');
    expect(seen.env.SLIPWAY_TOKEN).toBeUndefined();
    expect(seen.env.AWS_REGION).toBe('eu-west-1');
    expect(Object.keys(seen.env).sort()).toEqual(Object.keys(env).sort());
  });

  it('streams stdout and stderr line by line and keeps the last 64 KiB of stderr', async () => {
    const lines: string[] = [];
    const script = `process.stdout.write('one\\ntwo');process.stderr.write('x'.repeat(${STDERR_TAIL_BYTES + 10}) + 'END\\n');process.exitCode=3`;
    const result = await runProcess(NODE, ['-e', script], { env: {}, onLine: (line) => lines.push(line) });
    expect(result.code).toBe(3);
    expect(result.stderr).toHaveLength(STDERR_TAIL_BYTES);
    expect(result.stderr.endsWith('END\n')).toBe(true);
    expect(lines).toContain('one');
    expect(lines).toContain('two');
  });

  it('kills a child that outlives its timeout and says so', async () => {
    const result = await runProcess(NODE, ['-e', 'setTimeout(() => {}, 60000)'], { env: {}, timeoutMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
  });

  it('stops the child with the cancel signal when the run is cancelled', async () => {
    const script = `process.on('SIGTERM',()=>{process.stdout.write('cleaned up');process.exit(0)});process.stdout.write('ready\\n');setInterval(()=>{},1000)`;
    const lines: string[] = [];
    const running = runProcess(NODE, ['-e', script], { env: {}, onLine: (line) => lines.push(line) });
    while (!lines.includes('ready')) await sleep(20);
    await cancelRun();
    const result = await running;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cleaned up');
  });

  it('reports a program that cannot start', async () => {
    const result = await runProcess('/nonexistent/docker-credential-x', ['get'], { env: {}, input: 'x' });
    expect(result.spawnError?.code).toBe('ENOENT');
  });

  it('keeps the end of stdout by default, in bytes', async () => {
    const script = `process.stdout.write('a'.repeat(${STDOUT_TAIL_BYTES}));process.stdout.write('END')`;
    const result = await runProcess(NODE, ['-e', script], { env: {} });
    expect(result.stdout).toHaveLength(STDOUT_TAIL_BYTES);
    expect(result.stdout.endsWith('aaEND')).toBe(true);
  });
});

describe('runProcessBytes', () => {
  it('returns binary stdout whole and byte for byte, past the default limit and across chunks', async () => {
    // Every byte value, invalid UTF-8 included, 5,000 times: 1.25 MiB, many pipe chunks.
    const script = `const b=Buffer.alloc(256);for(let i=0;i<256;i++)b[i]=i;for(let n=0;n<5000;n++)process.stdout.write(b)`;
    const result = await runProcessBytes(NODE, ['-e', script], {
      env: {},
      stdoutLimit: Number.POSITIVE_INFINITY,
    });
    const block = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const expected = Buffer.concat(Array.from({ length: 5000 }, () => block));
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBe(expected.length);
    expect(result.stdout.equals(expected)).toBe(true);
  });

  it('takes binary input on stdin', async () => {
    const input = Buffer.from([0, 255, 10, 128, 1]);
    const script = `const c=[];process.stdin.on('data',d=>c.push(d)).on('end',()=>process.stdout.write(Buffer.concat(c).reverse()))`;
    const result = await runProcessBytes(NODE, ['-e', script], { env: {}, input });
    expect([...result.stdout]).toEqual([1, 128, 10, 255, 0]);
  });

  it('with processGroup, a timeout also kills the grandchild that holds the pipes, so the run ends', async () => {
    const lines: string[] = [];
    let grandchild: number | undefined;
    try {
      const result = await runProcessBytes(NODE, ['-e', HOLDS_PIPES], {
        env: {},
        processGroup: true,
        timeoutMs: 1000,
        onLine: (line) => {
          lines.push(line);
          grandchild ??= grandchildOf(lines);
        },
      });
      expect(result.timedOut).toBe(true);
      expect(grandchild).toBeDefined();
      expect(alive(grandchild ?? 0)).toBe(false);
    } finally {
      if (grandchild !== undefined && alive(grandchild)) process.kill(grandchild, 'SIGKILL');
    }
  }, 20_000);

  it("hands the child to the owner's registry instead of the cancelled run's, and forgets it once gone", async () => {
    const registry = new Set<RunningChild>();
    const lines: string[] = [];
    let grandchild: number | undefined;
    try {
      const running = runProcessBytes(NODE, ['-e', HOLDS_PIPES], {
        env: {},
        processGroup: true,
        onLine: (line) => lines.push(line),
        register: (child) => {
          registry.add(child);
          return () => registry.delete(child);
        },
      });
      while (grandchildOf(lines) === undefined) await sleep(20);
      grandchild = grandchildOf(lines) ?? 0;
      // The owner stops its children itself (in its own order): a cancelled run leaves this one alone.
      await cancelRun();
      expect(registry.size).toBe(1);
      expect(alive(grandchild)).toBe(true);
      const [child] = [...registry];
      child?.kill('SIGKILL');
      await child?.exited;
      const result = await running;
      expect(result.signal).toBe('SIGKILL');
      expect(registry.size).toBe(0);
      expect(alive(grandchild)).toBe(false);
    } finally {
      if (grandchild !== undefined && alive(grandchild)) process.kill(grandchild, 'SIGKILL');
    }
  }, 20_000);
});

describe('runProcessSync', () => {
  it('gives the child exactly the allow-listed environment and returns its stdout', () => {
    const env = childEnvironment('git', {
      PATH: process.env.PATH,
      HOME: '/home/ci',
      SLIPWAY_TOKEN: 'must-not-reach-the-child',
    });
    const result = runProcessSync(NODE, ['-e', 'process.stdout.write(JSON.stringify(process.env))'], {
      env,
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(0);
    const seen = JSON.parse(result.stdout) as Record<string, string>;
    expect(seen.SLIPWAY_TOKEN).toBeUndefined();
    expect(seen.HOME).toBe('/home/ci');
    expect(Object.keys(seen).sort()).toEqual(Object.keys(env).sort());
  });

  it('kills a child that outlives its timeout and says so; reports a program that cannot start', () => {
    const slow = runProcessSync(NODE, ['-e', 'setTimeout(() => {}, 60000)'], { env: {}, timeoutMs: 300 });
    expect(slow.timedOut).toBe(true);
    expect(slow.signal).toBe('SIGKILL');
    expect(slow.spawnError).toBeUndefined();
    const missing = runProcessSync('/nonexistent/git', ['rev-parse'], { env: {}, timeoutMs: 30_000 });
    expect(missing.spawnError?.code).toBe('ENOENT');
    expect(missing.timedOut).toBe(false);
  });
});
