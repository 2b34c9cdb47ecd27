/**
 * Benchmark: what starting a child costs through each of Slipway's two runners, next to Node's own
 * `execFile`: `runProcess` (git, probes, credential helpers) and `runTool` (builders, over @actions/exec).
 * N spawns of a trivial program (`/bin/true`) per runner and round, rounds round-robin (each round starts
 * with the next runner), median of the rounds. Wall time, and the parent's own CPU time (which moves far
 * less with the machine's load).
 *
 * Usage: node --import tsx bench/spawn/run.ts [--spawns 200] [--rounds 5] [--help]
 * Writes bench/results/spawn.{json,md}.
 */
import { execFile } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ChildEnvironment,
  childEnvironment,
  runProcess,
  runTool,
} from '../../packages/process/src/index.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS = path.join(REPO_ROOT, 'bench', 'results');
const PROGRAM = '/bin/true';

interface Options {
  spawns: number;
  rounds: number;
}

/** One way to run a program: its exit code and, for the check, what it printed (stdout, then each line). */
interface Runner {
  readonly name: string;
  readonly what: string;
  run(
    program: string,
    args: string[],
    env: ChildEnvironment,
  ): Promise<{ code: number | null; stdout: string; lines: string[] }>;
}

const RUNNERS: readonly Runner[] = [
  {
    name: 'execFile',
    what: "Node's `child_process.execFile` (the floor)",
    run: (program, args, env) =>
      new Promise((resolve) => {
        execFile(program, args, { env }, (error, stdout) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
          resolve({ code, stdout, lines: [] });
        });
      }),
  },
  {
    name: 'runProcess',
    what: '`runProcess` (packages/process/src/run.ts: git, probes, credential helpers)',
    run: async (program, args, env) => {
      const lines: string[] = [];
      const result = await runProcess(program, args, { env, onLine: (line) => lines.push(line) });
      return { code: result.code, stdout: result.stdout, lines };
    },
  },
  {
    name: 'runTool',
    what: '`runTool` (packages/process/src/tool.ts, over @actions/exec 3.0.0: builders)',
    run: async (program, args, env) => {
      const lines: string[] = [];
      const result = await runTool(program, args, { env, onLine: (line) => lines.push(line) });
      return { code: result.code, stdout: result.stdout, lines };
    },
  },
];

function parseArgs(argv: string[]): Options {
  const options: Options = { spawns: 200, rounds: 5 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write('node --import tsx bench/spawn/run.ts [--spawns 200] [--rounds 5]\n');
      process.exit(0);
    } else if (
      (arg === '--spawns' || arg === '--rounds') &&
      value !== undefined &&
      /^[1-9]\d*$/.test(value)
    ) {
      options[arg === '--spawns' ? 'spawns' : 'rounds'] = Number(value);
      i++;
    } else {
      process.stderr.write(`unknown or incomplete argument: ${arg}\n`);
      process.exit(2);
    }
  }
  return options;
}

/** Each runner must report an exit code and the output as it is: a fast wrong answer is no figure. */
async function check(env: ChildEnvironment): Promise<void> {
  for (const runner of RUNNERS) {
    const result = await runner.run('/bin/sh', ['-c', 'echo ok; echo err >&2; exit 3'], env);
    const linesOk = runner.name === 'execFile' || [...result.lines].sort().join(',') === 'err,ok';
    if (result.code !== 3 || result.stdout !== 'ok\n' || !linesOk) {
      throw new Error(`${runner.name} does not run a program right: ${JSON.stringify(result)}`);
    }
    const trivial = await runner.run(PROGRAM, [], env);
    if (trivial.code !== 0) throw new Error(`${runner.name}: ${PROGRAM} exited ${trivial.code}`);
  }
}

interface Sample {
  round: number;
  runner: string;
  /** Position of the runner within its round (0 first). */
  position: number;
  wallMs: number;
  cpuMs: number;
}

async function timeRunner(runner: Runner, spawns: number, env: ChildEnvironment): Promise<[number, number]> {
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < spawns; i++) {
    const { code } = await runner.run(PROGRAM, [], env);
    if (code !== 0) throw new Error(`${runner.name}: ${PROGRAM} exited ${code} in spawn ${i}`);
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return [wallMs, (cpu.user + cpu.system) / 1000];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const env = childEnvironment('builder', process.env);
  const loadBefore = loadavg();
  await check(env);
  // Warm-up: each runner's modules loaded (runTool's @actions/exec on first use), the program in the cache.
  for (const runner of RUNNERS) await timeRunner(runner, 10, env);
  const samples: Sample[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (let position = 0; position < RUNNERS.length; position++) {
      const runner = RUNNERS[(round + position) % RUNNERS.length] as Runner;
      const [wallMs, cpuMs] = await timeRunner(runner, options.spawns, env);
      samples.push({ round, runner: runner.name, position, wallMs, cpuMs });
      process.stderr.write(`round ${round + 1}: ${runner.name} ${Math.round(wallMs)} ms\n`);
    }
  }
  const loadAfter = loadavg();
  const summary = RUNNERS.map((runner) => {
    const mine = samples.filter((sample) => sample.runner === runner.name);
    const wall = median(mine.map((sample) => sample.wallMs));
    const cpu = median(mine.map((sample) => sample.cpuMs));
    return {
      runner: runner.name,
      what: runner.what,
      medianWallMs: round1(wall),
      minWallMs: round1(Math.min(...mine.map((sample) => sample.wallMs))),
      maxWallMs: round1(Math.max(...mine.map((sample) => sample.wallMs))),
      perSpawnWallMs: round1(wall / options.spawns),
      medianCpuMs: round1(cpu),
      perSpawnCpuMs: Math.round((cpu / options.spawns) * 100) / 100,
    };
  });
  // The question the figures answer: does a builder pay more through runTool than it did through runProcess?
  const ratios = [...Array(options.rounds).keys()].map((round) => {
    const of = (name: string) =>
      samples.find((s) => s.round === round && s.runner === name)?.wallMs ?? Number.NaN;
    return of('runTool') / of('runProcess');
  });
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
    loadAverageBefore: loadBefore.map((value) => Math.round(value * 100) / 100),
    loadAverageAfter: loadAfter.map((value) => Math.round(value * 100) / 100),
    program: PROGRAM,
    spawns: options.spawns,
    rounds: options.rounds,
    summary,
    medianRatioRunToolOverRunProcess: Math.round(median(ratios) * 1000) / 1000,
    samples,
  };
  const rows = summary.map(
    (row) =>
      `| ${row.runner} | ${row.medianWallMs} | ${row.minWallMs} | ${row.maxWallMs} | ${row.perSpawnWallMs} | ${row.medianCpuMs} | ${row.perSpawnCpuMs} |`,
  );
  const markdown = `# Spawn benchmark

${result.date}: ${result.machine.cpus} × ${result.machine.cpuModel}, Node ${result.machine.node}.
Load average before: ${result.loadAverageBefore.join(', ')}; after: ${result.loadAverageAfter.join(', ')} (a shared machine: compare within a run).

${options.spawns} spawns of \`${PROGRAM}\` one after another, per runner and round; ${options.rounds} rounds round-robin
(each round starts with the next runner); the median of the rounds, in ms. "CPU" is Slipway's own CPU time
(user + system) for the ${options.spawns} spawns, the children's not included.

${RUNNERS.map((runner) => `- **${runner.name}**: ${runner.what}`).join('\n')}

| runner | median ms | min ms | max ms | ms per spawn | CPU ms | CPU ms per spawn |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

runTool over runProcess, per round (wall): median ratio ${result.medianRatioRunToolOverRunProcess}.

Raw samples: \`bench/results/spawn.json\`.
`;
  await mkdir(RESULTS, { recursive: true });
  for (const [file, text] of [
    ['spawn.json', `${JSON.stringify(result, null, 2)}\n`],
    ['spawn.md', markdown],
  ] as const) {
    const target = path.join(RESULTS, file);
    await writeFile(`${target}.tmp`, text);
    await rename(`${target}.tmp`, target);
  }
  process.stdout.write(markdown);
}

await main();
