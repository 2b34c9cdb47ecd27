// The one spawning core, with real children (node itself, as a stand-in builder or credential helper).

import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cancelRun, childEnvironment, runProcess, STDERR_TAIL_BYTES } from '../src/index.js';

const NODE = process.execPath;

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
});
