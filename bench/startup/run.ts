// Start-up benchmark: how much a `slipway` process costs before it does anything, next to `node -e 0` in
// the same run. Whole-process wall time for `--version` and `<command> --help`; for `copy` and `promote`,
// the time from spawn to the first request a loopback server receives from them. Medians, round-robin.
//
//   node --import tsx bench/startup/run.ts [--iterations 20] [--baseline <other slipway.js>]
//
// `--baseline` runs every slipway case with another build too, in the same round-robin (rows named
// `baseline: …`), for a before/after on a noisy machine.
//
// Targets (issue 16): `slipway --version` within 15 ms of `node -e 0`, and every command within 40 ms of it
// before its first network request.

import { type ChildProcess, spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoopbackServer } from '../../test/support/registry.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The file npm links `slipway` to; run by `node`, as its `#!/usr/bin/env node` line does. */
const BIN = process.env.SLIPWAY_BIN ?? join(ROOT, 'packages', 'cli', 'bin', 'slipway.js');
/** pnpm's shell wrapper at the repository root (a `sh` that runs `dirname`, `sed` and `uname` first). */
const PNPM_SHIM = join(ROOT, 'node_modules', '.bin', 'slipway');
/** Preloaded into every node case: its CPU time at exit (see the file). */
const CPU_AT_EXIT = join(ROOT, 'bench', 'startup', 'cpu-at-exit.cjs');

const VERSION_TARGET_MS = 15;
const FIRST_REQUEST_TARGET_MS = 40;

// This machine sets NODE_EXTRA_CA_CERTS to the system bundle OpenSSL reads anyway; Node parses that file
// at every start (about 45 ms here), which a stock machine does not. Every case runs without it.
const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env };
delete CHILD_ENV.NODE_EXTRA_CA_CERTS;
for (const name of Object.keys(CHILD_ENV)) {
  if (name.startsWith('GITHUB_') || name.startsWith('CODEBUILD_') || name === 'CI') delete CHILD_ENV[name];
}

interface Case {
  readonly name: string;
  readonly argv: readonly string[];
  /** `exit`: spawn to exit (must exit 0); `first-request`: spawn to the first request the server receives. */
  readonly until: 'exit' | 'first-request';
  /** The target's allowance over `node -e 0`, in ms; none for cases shown for reference. */
  readonly targetMs?: number;
  /** What stdout must hold, checked on every run: a fast wrong answer is not a start-up figure. */
  readonly stdout?: RegExp;
}

function parseArgs(argv: readonly string[]): { iterations: number; baseline?: string } {
  let iterations = 20;
  let baseline: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--iterations') iterations = Number(argv[++i]);
    else if (argv[i] === '--baseline') baseline = argv[++i];
    else if (argv[i] === '--help') {
      console.log('node --import tsx bench/startup/run.ts [--iterations 20] [--baseline <other slipway.js>]');
      process.exit(0);
    } else throw new Error(`unknown flag ${argv[i]}`);
  }
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new Error('--iterations takes a positive integer');
  return { iterations, ...(baseline === undefined ? {} : { baseline }) };
}

/** The server every first-request case talks to: it notes when a request arrives and answers 404. */
interface Listener {
  arrived?: bigint;
}

function spawnTimed(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): {
  child: ChildProcess;
  start: bigint;
  done: Promise<number>;
  stdout: () => string;
} {
  const [cmd = '', ...args] = argv;
  const start = process.hrtime.bigint();
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: Buffer[] = [];
  const stdout: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) {
        reject(
          new Error(`${argv.join(' ')} exited ${code}: ${Buffer.concat(stderr).toString().slice(-800)}`),
        );
      }
      resolve(code ?? 1);
    });
  });
  return { child, start, done, stdout: () => Buffer.concat(stdout).toString('utf8') };
}

interface Sample {
  readonly ms: number;
  /** The process's own CPU time, spawn to exit; for node cases only. */
  readonly cpuMs?: number;
  /** Its CPU time when it started its first HTTP request; for first-request cases whose node process sends it. */
  readonly cpuToRequestMs?: number;
}

async function once(which: Case, listener: Listener, scratch: string): Promise<Sample> {
  listener.arrived = undefined;
  const node = which.argv[0] === process.execPath;
  const cpuFile = join(scratch, 'cpu');
  await rm(cpuFile, { force: true });
  const argv = node ? [process.execPath, '--require', CPU_AT_EXIT, ...which.argv.slice(1)] : which.argv;
  const atRequest = which.until === 'first-request' ? { BENCH_CPU_AT_REQUEST: '1' } : {};
  const { start, done, stdout } = spawnTimed(
    argv,
    node ? { ...CHILD_ENV, BENCH_CPU_FILE: cpuFile, ...atRequest } : CHILD_ENV,
  );
  const code = await done;
  const [cpuText, requestText] = node ? (await readFile(cpuFile, 'utf8')).split('\n') : [];
  const cpuMs = cpuText === undefined ? undefined : Number(cpuText);
  if (node && !Number.isFinite(cpuMs)) throw new Error(`${which.name}: no CPU time written`);
  const cpuToRequestMs = requestText === undefined ? undefined : Number(requestText);
  const cpu = {
    ...(cpuMs === undefined ? {} : { cpuMs }),
    ...(cpuToRequestMs === undefined ? {} : { cpuToRequestMs }),
  };
  if (which.until === 'exit') {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (code !== 0) throw new Error(`${which.argv.join(' ')} exited ${code}`);
    if (which.stdout !== undefined && !which.stdout.test(stdout())) {
      throw new Error(`${which.name}: stdout does not match ${which.stdout}: ${stdout().slice(0, 200)}`);
    }
    return { ms, ...cpu };
  }
  if (listener.arrived === undefined) throw new Error(`${which.name}: no request reached the server`);
  return { ms: Number(listener.arrived - start) / 1e6, ...cpu };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const { iterations, baseline } = parseArgs(process.argv.slice(2));
  await access(join(ROOT, 'packages', 'cli', 'dist', 'index.js')).catch(() => {
    throw new Error('packages/cli/dist is missing: pnpm --filter @slipway/cli run build');
  });
  const listener: Listener = {};
  const scratch = await mkdtemp(join(tmpdir(), 'slipway-bench-startup-'));
  // The CLI's code cache (packages/cli/bin/code-cache.js) in a directory of this run's own: each build's is
  // written by its warm-up run and read by the timed runs, whatever the machine's cache holds.
  CHILD_ENV.XDG_CACHE_HOME = join(scratch, 'cache');
  const server = await startLoopbackServer((request: IncomingMessage, response: ServerResponse) => {
    listener.arrived ??= process.hrtime.bigint();
    request.resume();
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"errors":[{"code":"NAME_UNKNOWN","message":"benchmark"}]}');
  });
  try {
    const slipwayCases = (bin: string, label: string): Case[] => {
      const slipway = (...args: string[]): string[] => [process.execPath, bin, ...args];
      const list: Case[] = [
        {
          name: 'slipway --version',
          argv: slipway('--version'),
          until: 'exit',
          targetMs: VERSION_TARGET_MS,
          stdout: /^\d+\.\d+\.\d+\S*\n$/,
        },
        ...['copy', 'promote', 'build', 'sign', 'status'].map(
          (command): Case => ({
            name: `slipway ${command} --help`,
            argv: slipway(command, '--help'),
            until: 'exit',
            targetMs: FIRST_REQUEST_TARGET_MS,
            stdout: new RegExp(`^Usage: slipway ${command} `),
          }),
        ),
        {
          name: 'slipway copy: first request',
          argv: slipway('copy', `${server.host}/bench/app:v1`, `${server.host}/bench/copy:v1`),
          until: 'first-request',
          targetMs: FIRST_REQUEST_TARGET_MS,
        },
        // Under --path the first request is the fetch that lists (after `git init`), not `ls-remote`.
        ...[[], ['--path', 'apps/cart']].map(
          (path): Case => ({
            name: `slipway promote${path.length === 0 ? '' : ' --path'}: first request (from git)`,
            argv: slipway(
              'promote',
              '--config-repo',
              `${server.url}/config.git`,
              '--env',
              'dev',
              ...path,
              '--image',
              `registry.example.com/shop/cart:1.0.0@sha256:${'a'.repeat(64)}`,
            ),
            until: 'first-request',
            targetMs: FIRST_REQUEST_TARGET_MS,
          }),
        ),
      ];
      return list.map((c) => ({ ...c, name: `${label}${c.name}` }));
    };
    const cases: Case[] = [
      { name: 'node -e 0', argv: [process.execPath, '-e', '0'], until: 'exit' },
      ...slipwayCases(BIN, ''),
      ...(baseline === undefined ? [] : slipwayCases(baseline, 'baseline: ')),
      {
        name: 'pnpm shim: node_modules/.bin/slipway --version',
        argv: [PNPM_SHIM, '--version'],
        until: 'exit',
      },
    ];
    const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
    console.log('warm-up…');
    for (const which of cases) {
      console.log(`  ${which.name}: ${Math.round((await once(which, listener, scratch)).ms)} ms`);
    }
    for (let i = 1; i <= iterations; i++) {
      for (const which of cases) samples.get(which.name)?.push(await once(which, listener, scratch));
      if (i % 5 === 0) console.log(`  ${i}/${iterations}`);
    }
    const nodeSamples = samples.get('node -e 0') ?? [];
    const nodeMedian = median(nodeSamples.map((s) => s.ms));
    const nodeCpuMedian = median(nodeSamples.map((s) => s.cpuMs ?? 0));
    const rows = cases.map((which) => {
      const taken = samples.get(which.name) ?? [];
      const values = taken.map((s) => s.ms);
      const cpuValues = taken.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]));
      const toRequestValues = taken.flatMap((s) =>
        s.cpuToRequestMs === undefined ? [] : [s.cpuToRequestMs],
      );
      // Every run must have sent it from this process (promote's comes from git: none), or none did.
      if (toRequestValues.length !== 0 && toRequestValues.length !== taken.length) {
        throw new Error(
          `${which.name}: only ${toRequestValues.length} of ${taken.length} runs sent an HTTP request`,
        );
      }
      const cpuToRequestMedianMs = toRequestValues.length === 0 ? undefined : median(toRequestValues);
      const medianMs = median(values);
      const overNodeMs = medianMs - nodeMedian;
      const cpuMedianMs = cpuValues.length === 0 ? undefined : median(cpuValues);
      return {
        name: which.name,
        measured: which.until === 'exit' ? 'spawn to exit' : 'spawn to first request',
        medianMs: round(medianMs),
        minMs: round(Math.min(...values)),
        maxMs: round(Math.max(...values)),
        overNodeMs: round(overNodeMs),
        ...(which.targetMs === undefined
          ? {}
          : { targetOverNodeMs: which.targetMs, pass: overNodeMs <= which.targetMs }),
        samplesMs: values.map(round),
        ...(cpuMedianMs === undefined
          ? {}
          : {
              cpuMedianMs: round(cpuMedianMs),
              cpuOverNodeMs: round(cpuMedianMs - nodeCpuMedian),
              cpuSamplesMs: cpuValues.map(round),
            }),
        ...(cpuToRequestMedianMs === undefined
          ? {}
          : {
              cpuToRequestMedianMs: round(cpuToRequestMedianMs),
              cpuToRequestOverNodeMs: round(cpuToRequestMedianMs - nodeCpuMedian),
              cpuToRequestSamplesMs: toRequestValues.map(round),
            }),
      };
    });
    await writeResults({
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
      },
      node: process.version,
      bin: relative(ROOT, BIN),
      iterations,
      warmup: 1,
      environment: 'NODE_EXTRA_CA_CERTS and CI variables removed for every case',
      loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100),
      rows,
    });
  } finally {
    await server.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** `+3.2`, `-1.5`: an excess over node, which a noisy run can make negative. */
function signed(ms: number | undefined): string {
  return ms === undefined ? '—' : ms < 0 ? String(ms) : `+${ms}`;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

interface Report {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number };
  node: string;
  bin: string;
  iterations: number;
  warmup: number;
  environment: string;
  loadAverageAtEnd: number[];
  rows: {
    name: string;
    measured: string;
    medianMs: number;
    minMs: number;
    maxMs: number;
    overNodeMs: number;
    cpuMedianMs?: number;
    cpuOverNodeMs?: number;
    cpuToRequestMedianMs?: number;
    cpuToRequestOverNodeMs?: number;
    targetOverNodeMs?: number;
    pass?: boolean;
  }[];
}

async function writeResults(report: Report): Promise<void> {
  const dir = join(ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const table = report.rows
    .map((row) => {
      const verdict =
        row.targetOverNodeMs === undefined
          ? 'reference'
          : `≤ ${row.targetOverNodeMs}: ${row.pass === true ? 'PASS' : 'FAIL'}`;
      const node = row.name === 'node -e 0';
      const cpu =
        row.cpuMedianMs === undefined
          ? '— | —'
          : `${row.cpuMedianMs} | ${node ? '—' : signed(row.cpuOverNodeMs)}`;
      const toRequest =
        row.cpuToRequestMedianMs === undefined
          ? '— | —'
          : `${row.cpuToRequestMedianMs} | ${signed(row.cpuToRequestOverNodeMs)}`;
      return `| ${row.name} | ${row.measured} | ${row.medianMs} | ${row.minMs} | ${row.maxMs} | ${node ? '—' : signed(row.overNodeMs)} | ${node ? '—' : verdict} | ${cpu} | ${toRequest} |`;
    })
    .join('\n');
  const md = `# Start-up benchmark

${report.date}: ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.node}.
Load average at the end: ${report.loadAverageAtEnd.join(', ')} (a shared machine: compare within a run).
\`slipway\` is \`node ${report.bin}\`, as npm's link runs it. ${report.environment}: Node parses that CA file at every start (~45 ms here), which a stock machine does not.
Median of ${report.iterations} (after one warm-up), cases run round-robin, in ms. "First request": spawn to the first request a loopback HTTP server receives (it answers 404).
"CPU to exit": the process's own CPU time (user + system, all threads) from start to exit, median, for node cases; on a loaded machine it moves far less than wall time. "CPU to first request": its CPU time when it started its first HTTP request (copy; promote's comes from git), "over node" against \`node -e 0\`'s CPU to exit. The targets are judged on wall time.

| case | measured | median | min | max | over \`node -e 0\` | target (ms over node) | CPU to exit | CPU over node | CPU to first request | CPU over node |
| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |
${table}

Raw samples: \`bench/results/startup.json\`.
`;
  for (const [name, text] of [
    ['startup.json', `${JSON.stringify(report, null, 2)}\n`],
    ['startup.md', md],
  ] as const) {
    const path = join(dir, name);
    await writeFile(`${path}.tmp`, text);
    await rename(`${path}.tmp`, path);
  }
  console.log(`wrote ${relative(ROOT, dir)}/startup.json and startup.md`);
  console.log(md);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
