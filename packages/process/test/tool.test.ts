// The builders' runner over @actions/exec, with real children: small shell scripts on a temporary PATH stand
// in for buildah and docker.

import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cancelRun, childEnvironment, findProgram, runTool } from '../src/index.js';

const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A directory holding `name`, an executable shell script with `body`. */
async function tool(name: string, body: string): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-tool-'));
  dirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return { dir, path };
}

/** Whether `pid` is a live process (a zombie waiting for its parent to reap it counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitForFile(path: string): Promise<string> {
  for (;;) {
    try {
      const text = await readFile(path, 'utf8');
      if (text.endsWith('\n')) return text.trim();
    } catch {
      // not yet written
    }
    await sleep(20);
  }
}

describe('runTool', () => {
  it('streams stdout and stderr to the log line by line, writes nothing to stdout, gives exactly the allow-listed environment', async () => {
    const { dir } = await tool(
      'fake-builder',
      [
        'env > "$(dirname "$0")/env.txt"',
        "printf 'STEP 1/2: FROM scratch\\n'",
        "printf 'warning: on stderr\\n' >&2",
        // A line in two writes, the second without its newline: one line for the log.
        "printf 'STEP 2/2: '; printf 'COPY . /'",
        'exit 3',
      ].join('\n'),
    );
    const env = childEnvironment('builder', {
      PATH: `${dir}:/usr/bin:/bin`,
      HOME: '/home/ci',
      RUNNER_TRACKING_ID: 'github_job-tracking-id',
      SLIPWAY_TOKEN: 'slipway-token-not-for-builders',
      GITHUB_TOKEN: 'ghs_github-token-not-for-builders',
      AWS_SECRET_ACCESS_KEY: 'aws-secret-not-for-builders',
    });
    const written = vi.spyOn(process.stdout, 'write');
    const lines: string[] = [];
    const result = await runTool('fake-builder', ['bud', '--tag', 'it'], {
      env,
      onLine: (line) => lines.push(line),
    });
    expect(written).not.toHaveBeenCalled();
    expect(result.code).toBe(3);
    expect(result.spawnError).toBeUndefined();
    // stdout's lines in their order; stderr's comes through its own pipe, so anywhere among them.
    expect(lines.filter((line) => line !== 'warning: on stderr')).toEqual([
      'STEP 1/2: FROM scratch',
      'STEP 2/2: COPY . /',
    ]);
    expect(lines.filter((line) => line === 'warning: on stderr')).toHaveLength(1);
    expect(result.stderr).toBe('warning: on stderr\n');
    expect(result.stdout).toBe('STEP 1/2: FROM scratch\nSTEP 2/2: COPY . /');
    const seen = Object.fromEntries(
      (await readFile(join(dir, 'env.txt'), 'utf8'))
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    // sh adds PWD (and may add SHLVL, OLDPWD) itself; everything else is what the allow-list let through.
    const added = new Set(['PWD', 'SHLVL', 'OLDPWD', '_']);
    expect(
      Object.keys(seen)
        .filter((name) => !added.has(name))
        .sort(),
    ).toEqual(Object.keys(env).sort());
    expect(seen.RUNNER_TRACKING_ID).toBe('github_job-tracking-id');
    expect(JSON.stringify(seen)).not.toMatch(/not-for-builders/);
  });

  it('passes arguments as they are, never through a shell', async () => {
    const { path } = await tool('fake-builder', `for a in "$@"; do printf '[%s]\\n' "$a"; done`);
    const args = ['--label', 'a=b c', '$(touch /tmp/slipway-never)', '"quoted"', "it's", '*', ''];
    const result = await runTool(path, args, { env: {} });
    expect(result.stdout.split('\n').filter((line) => line !== '')).toEqual(args.map((arg) => `[${arg}]`));
  });

  it('looks the program up on the PATH of the environment it is given, not on Slipway’s own', async () => {
    const { dir } = await tool('slipway-only-here', 'echo found');
    expect(findProgram('slipway-only-here', process.env)).toBeUndefined();
    const found = await runTool('slipway-only-here', [], { env: { PATH: dir } });
    expect(found.stdout).toBe('found\n');
    const missing = await runTool('slipway-only-here', [], { env: { PATH: '/usr/bin:/bin' } });
    expect(missing.spawnError?.code).toBe('ENOENT');
    expect(missing.code).toBeNull();
  });

  it('says why a program found on the PATH could not start', async () => {
    // The kernel answers ENOENT for the missing interpreter: not "not installed", the file is there.
    const { path } = await tool('broken-builder', '');
    await writeFile(path, '#!/nonexistent/interpreter\n');
    const result = await runTool(path, [], { env: {} });
    expect(result.spawnError?.code).toBe('ENOENT');
    expect(result.spawnError?.message).toContain(`cannot start ${path}`);
  });

  it('never crashes on a tool that exits at once without reading its stdin (docker without buildx)', async () => {
    // With an input, @actions/exec ends stdin with no error listener: an uncaught EPIPE about one run in three.
    const { path } = await tool('docker', "echo 'docker: unknown command: docker buildx' >&2; exit 1");
    for (let run = 0; run < 30; run++) {
      const result = await runTool(path, ['buildx', 'build'], { env: {} });
      expect(result.code).toBe(1);
    }
  });

  it('returns once the tool has exited, though a process it left behind holds its output', async () => {
    // runProcess waits for the pipes to close, which would be when the sleep ends; @actions/exec stops
    // waiting for them at most 10 s after the tool exits.
    const { dir, path } = await tool(
      'leaves-a-daemon',
      'sleep 600 & echo "$!" > "$(dirname "$0")/daemon.pid"\necho built',
    );
    let daemon: number | undefined;
    try {
      const result = await runTool(path, [], { env: {} });
      daemon = Number(await readFile(join(dir, 'daemon.pid'), 'utf8'));
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('built\n');
      expect(alive(daemon)).toBe(true);
    } finally {
      if (daemon !== undefined && alive(daemon)) process.kill(daemon, 'SIGKILL');
    }
  }, 40_000);

  it('a cancelled run waits for the tool, which the terminal’s Ctrl-C reached too, to stop', async () => {
    const { dir, path } = await tool(
      'slow-builder',
      [
        'sleep 600 & work=$!',
        `trap 'kill "$work"; sleep 0.3; echo cleaned > "$(dirname "$0")/cleaned"; exit 130' INT`,
        'echo "$$" > "$(dirname "$0")/pid"',
        // The builtin wait, so that the trap runs as soon as the signal comes.
        'wait "$work"',
      ].join('\n'),
    );
    const running = runTool(path, [], { env: {} });
    const pid = Number(await waitForFile(join(dir, 'pid')));
    const cancelled = cancelRun();
    process.kill(pid, 'SIGINT');
    await cancelled;
    // cancelRun came back only after the tool had cleaned up and exited.
    expect(await readFile(join(dir, 'cleaned'), 'utf8')).toBe('cleaned\n');
    expect((await running).code).toBe(130);
  });
});

describe('one adapter over @actions/exec', () => {
  const root = new URL('../../..', import.meta.url).pathname;
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sources(join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [relative(root, join(dir, entry.name))]
          : [],
    );
  const all = readdirSync(join(root, 'packages')).flatMap((pkg) => {
    try {
      return sources(join(root, 'packages', pkg, 'src'));
    } catch {
      return [];
    }
  });
  const read = (file: string) => readFileSync(join(root, file), 'utf8');

  it('only tool.ts imports it, and the builders run through it', () => {
    expect(all.filter((file) => /['"]@actions\/exec['"]/.test(read(file)))).toEqual([
      'packages/process/src/tool.ts',
    ]);
    for (const builder of [
      'packages/build/src/builders/buildah.ts',
      'packages/build/src/builders/buildx.ts',
    ]) {
      expect(read(builder), builder).toMatch(/\brunTool\(/);
      expect(read(builder), builder).not.toMatch(/\brunProcess\(/);
    }
  });
});
