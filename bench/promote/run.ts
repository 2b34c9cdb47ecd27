/**
 * Benchmark: `slipway promote` against a large GitOps config repository (on the whole branch, and scoped
 * to the service's folder with `--path`), next to a hand-written git floor (shallow single-branch clone +
 * sed + commit + push) and a full clone of the repository.
 *
 * Usage: node --import tsx bench/promote/run.ts [--only slipway,slipway-path,floor,full] [--iterations 5]
 *        [--cache-dir bench/.cache] [--regenerate]
 * Environment: SLIPWAY_BIN (slipway binary), SLIPWAY_BENCH_CACHE (cache directory).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DEFAULT_CACHE_DIR,
  DEFAULT_PARAMS,
  defaultRepoDir,
  ensureRepo,
  REPO_ROOT,
  type RepoInfo,
} from './generate.js';
import { CommandError, displayCommand, git, type RunResult, run, runOk } from './proc.js';

const CASES = ['slipway', 'slipway-path', 'floor', 'full'] as const;
type CaseName = (typeof CASES)[number];
type SlipwayCase = 'slipway' | 'slipway-path';

const CASE_LABELS: Record<CaseName, string> = {
  slipway: 'slipway promote (whole branch)',
  'slipway-path': 'slipway promote --path apps/svc-1234',
  floor: 'floor (shallow clone + sed + commit + push)',
  full: 'full clone (git clone --bare)',
};

const ENV = 'dev';
const BRANCH = `env/${ENV}`;
const SERVICE = 'svc-1234';
const IMAGE_NAME = `registry.example.com/shop/${SERVICE}`;
const NEW_TAG = '1.2.3';
const NEW_DIGEST = createHash('sha256').update(`slipway-bench/${SERVICE}:${NEW_TAG}`).digest('hex');
const NEW_IMAGE = `${IMAGE_NAME}:${NEW_TAG}@sha256:${NEW_DIGEST}`;
const SERVICE_FILES = [`apps/${SERVICE}/deployment.yaml`, `apps/${SERVICE}/kustomization.yaml`];
/** What a user promoting one service passes: its folder (the floor, too, edits only that folder). */
const SERVICE_PATH = `apps/${SERVICE}`;

const TARGET_SLIPWAY_OVER_FLOOR = 1.0;
const TARGET_FULL_OVER_SLIPWAY = 10;

interface Options {
  cases: CaseName[];
  iterations: number;
  cacheDir: string;
  regenerate: boolean;
}

interface Context {
  repo: RepoInfo;
  url: string;
  originalTip: string;
  slipwayBin: string;
  env: NodeJS.ProcessEnv;
}

interface CaseStats {
  status: 'ok' | 'skipped';
  command?: string;
  runsMs?: number[];
  warmupMs?: number;
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
}

interface Target {
  name: string;
  description: string;
  target: string;
  value: number | null;
  status: 'PASS' | 'FAIL' | 'N/A';
}

function usage(): string {
  return [
    'usage: node --import tsx bench/promote/run.ts [options]',
    '  --only <cases>      comma-separated subset of slipway,slipway-path,floor,full (default: all)',
    '  --iterations <n>    measured iterations per case, after one warm-up (default: 5)',
    `  --cache-dir <dir>   where the generated config repo is cached (default: ${path.relative(REPO_ROOT, DEFAULT_CACHE_DIR)})`,
    '  --regenerate        regenerate the config repo even if the cache is valid',
    'environment: SLIPWAY_BIN overrides the slipway binary; SLIPWAY_BENCH_CACHE the cache directory;',
    '             TMPDIR where working copies and clones are written',
  ].join('\n');
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    cases: [...CASES],
    iterations: 5,
    cacheDir: process.env.SLIPWAY_BENCH_CACHE ?? DEFAULT_CACHE_DIR,
    regenerate: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--only': {
        const names = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const n of names) {
          if (!(CASES as readonly string[]).includes(n)) {
            throw new UsageError(`unknown case '${n}' (expected ${CASES.join(', ')})`);
          }
        }
        opts.cases = CASES.filter((c) => names.includes(c));
        break;
      }
      case '--iterations': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--iterations must be a positive integer');
        opts.iterations = n;
        break;
      }
      case '--cache-dir':
        opts.cacheDir = path.resolve(value());
        break;
      case '--regenerate':
        opts.regenerate = true;
        break;
      case '--help':
      case '-h':
        console.log(usage());
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown argument '${arg}'`);
    }
  }
  if (opts.cases.length === 0) throw new UsageError('--only selected no case');
  return opts;
}

class UsageError extends Error {}

/** A problem the user must fix before the benchmark can run (printed without a stack trace). */
class SetupError extends Error {}

// ---------------------------------------------------------------------------------------------------------
// The slipway binary.

function slipwayBinary(): string {
  const fromEnv = process.env.SLIPWAY_BIN;
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(REPO_ROOT, 'node_modules', '.bin', 'slipway');
}

async function checkSlipway(bin: string, env: NodeJS.ProcessEnv): Promise<void> {
  const hint = 'Build the CLI (pnpm build), set SLIPWAY_BIN, or run the other cases with --only floor,full.';
  try {
    await access(bin, constants.X_OK);
  } catch {
    throw new SetupError(`slipway binary not found (or not executable) at ${bin}.\n${hint}`);
  }
  // The workspace shim exists before the CLI is built; it then fails to import its dist/ bundle.
  const probe = await run(bin, ['--help'], { env });
  if (probe.code !== 0 && /ERR_MODULE_NOT_FOUND|Cannot find module/.test(probe.stderr)) {
    const why = probe.stderr.split('\n').find((l) => /Cannot find|ERR_MODULE_NOT_FOUND/.test(l)) ?? '';
    throw new SetupError(`slipway at ${bin} cannot start: ${why.trim()}\n${hint}`);
  }
}

interface PromoteJson {
  branch?: unknown;
  commit?: unknown;
  noop?: unknown;
  changes?: unknown;
  attempts?: unknown;
}

function parsePromoteJson(stdout: string): PromoteJson {
  const text = stdout.trim();
  const candidates = [text, ...text.split('\n').reverse()];
  for (const candidate of candidates) {
    if (!candidate.trim().startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(candidate);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as PromoteJson;
    } catch {
      // try the next candidate
    }
  }
  throw new Error(`slipway --json printed no JSON object; stdout was:\n${text.slice(0, 2000)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Cases. Each returns the whole-process wall time of the measured part; checks and cleanup are not timed.

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'slipway-bench-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Checks that the branch moved past the original tip and that the new tip carries the new image. */
async function checkPromoted(ctx: Context, who: string, exactlyOneCommit: boolean): Promise<string> {
  const bare = ctx.repo.dir;
  const tip = await git(bare, ['rev-parse', `refs/heads/${BRANCH}`]);
  if (tip === ctx.originalTip) throw new Error(`${who}: ${BRANCH} did not move (still ${tip})`);
  const ahead = Number(await git(bare, ['rev-list', '--count', `${ctx.originalTip}..${tip}`]));
  const behind = Number(await git(bare, ['rev-list', '--count', `${tip}..${ctx.originalTip}`]));
  if (behind !== 0) throw new Error(`${who}: ${BRANCH} no longer contains the original tip`);
  if (ahead < 1 || (exactlyOneCommit && ahead !== 1)) {
    throw new Error(`${who}: expected ${exactlyOneCommit ? 'one new commit' : 'new commits'}, got ${ahead}`);
  }
  let hits = 0;
  for (const file of SERVICE_FILES) {
    const content = await git(bare, ['show', `${tip}:${file}`]);
    if (content.includes(NEW_DIGEST)) hits++;
  }
  if (hits === 0) throw new Error(`${who}: new tip ${tip} does not reference sha256:${NEW_DIGEST}`);
  return tip;
}

async function resetBranch(ctx: Context): Promise<void> {
  await git(ctx.repo.dir, ['update-ref', `refs/heads/${BRANCH}`, ctx.originalTip]);
}

async function runSlipway(ctx: Context, which: SlipwayCase): Promise<number> {
  return withTempDir(async (dir) => {
    // Fresh state per iteration: its own cwd, temp and cache directories.
    await mkdir(path.join(dir, 'tmp'));
    const env = { ...ctx.env, TMPDIR: path.join(dir, 'tmp'), XDG_CACHE_HOME: path.join(dir, 'cache') };
    const args = slipwayArgs(ctx.url, which);
    let result: RunResult;
    try {
      result = await runOk(ctx.slipwayBin, args, { cwd: dir, env });
      const out = parsePromoteJson(result.stdout);
      if (out.noop !== false) throw new Error(`slipway reported noop=${String(out.noop)}, expected false`);
      if (!Array.isArray(out.changes) || out.changes.length < 1 || out.changes.length > 2) {
        throw new Error(`slipway reported changes=${JSON.stringify(out.changes)}, expected one or two`);
      }
      if (out.branch !== undefined && out.branch !== BRANCH) {
        throw new Error(`slipway reported branch ${String(out.branch)}, expected ${BRANCH}`);
      }
      const tip = await checkPromoted(ctx, which, false);
      if (typeof out.commit === 'string' && out.commit !== tip) {
        throw new Error(`slipway reported commit ${out.commit} but ${BRANCH} is at ${tip}`);
      }
    } finally {
      await resetBranch(ctx);
    }
    return result.ms;
  });
}

function slipwayArgs(url: string, which: SlipwayCase): string[] {
  const scope = which === 'slipway-path' ? ['--path', SERVICE_PATH] : [];
  return ['promote', '--config-repo', url, '--env', ENV, ...scope, '--image', NEW_IMAGE, '--json'];
}

const FLOOR_SED = [
  '-i',
  '-e',
  `s#${IMAGE_NAME.replaceAll('.', '\\.')}:[^[:space:]]*#${NEW_IMAGE}#`,
  '-e',
  `s#^\\([[:space:]]*newTag:\\).*#\\1 ${NEW_TAG}#`,
  '-e',
  `s#^\\([[:space:]]*digest:\\).*#\\1 sha256:${NEW_DIGEST}#`,
  ...SERVICE_FILES,
];

function floorSteps(url: string, work: string): [string, string[], string | undefined][] {
  return [
    ['git', ['clone', '--quiet', '--depth', '1', '--single-branch', '-b', BRANCH, url, work], undefined],
    ['sed', FLOOR_SED, work],
    ['git', ['commit', '--quiet', '-am', `promote ${SERVICE} to ${NEW_TAG} in ${ENV}`], work],
    ['git', ['push', '--quiet', 'origin', `HEAD:refs/heads/${BRANCH}`], work],
  ];
}

async function runFloor(ctx: Context): Promise<number> {
  return withTempDir(async (dir) => {
    const work = path.join(dir, 'work');
    let ms: number;
    try {
      const start = process.hrtime.bigint();
      for (const [cmd, args, cwd] of floorSteps(ctx.url, work)) {
        await runOk(cmd, args, cwd ? { cwd, env: ctx.env } : { cwd: dir, env: ctx.env });
      }
      ms = Number(process.hrtime.bigint() - start) / 1e6;
      await checkPromoted(ctx, 'floor', true);
    } finally {
      await resetBranch(ctx);
    }
    return ms;
  });
}

async function runFull(ctx: Context): Promise<number> {
  return withTempDir(async (dir) => {
    const target = path.join(dir, 'full.git');
    const result = await runOk('git', ['clone', '--quiet', '--bare', ctx.url, target], {
      cwd: dir,
      env: ctx.env,
    });
    for (const [branch, tip] of Object.entries(ctx.repo.tips)) {
      const got = await git(target, ['rev-parse', `refs/heads/${branch}`]);
      if (got !== tip) throw new Error(`full clone: ${branch} is ${got}, expected ${tip}`);
    }
    return result.ms;
  });
}

const RUNNERS: Record<CaseName, (ctx: Context) => Promise<number>> = {
  slipway: (ctx) => runSlipway(ctx, 'slipway'),
  'slipway-path': (ctx) => runSlipway(ctx, 'slipway-path'),
  floor: runFloor,
  full: runFull,
};

function commandFor(name: CaseName, ctx: Context): string {
  switch (name) {
    case 'slipway':
    case 'slipway-path':
      return displayCommand(ctx.slipwayBin, slipwayArgs(ctx.url, name));
    case 'floor':
      return floorSteps(ctx.url, '<tmp>/work')
        .map(([cmd, args]) => displayCommand(cmd, args))
        .join(' && ');
    case 'full':
      return displayCommand('git', ['clone', '--bare', ctx.url, '<tmp>/full.git']);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Statistics and reports.

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? Number.NaN) + hi) / 2;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The case the targets are measured on: `slipway --path`, since a user promoting one service passes its
 * folder, like the floor edits only that folder; the whole-branch case when the scoped one was not run.
 */
function targetCase(stats: Record<CaseName, CaseStats>): SlipwayCase {
  return stats['slipway-path'].status === 'ok' || stats.slipway.status !== 'ok' ? 'slipway-path' : 'slipway';
}

function evaluateTargets(stats: Record<CaseName, CaseStats>): Target[] {
  const which = targetCase(stats);
  const slip = stats[which].medianMs;
  const floor = stats.floor.medianMs;
  const full = stats.full.medianMs;
  const slipOverFloor = slip !== undefined && floor !== undefined ? slip / floor : null;
  const fullOverSlip = slip !== undefined && full !== undefined ? full / slip : null;
  const label = which === 'slipway-path' ? `slipway promote --path ${SERVICE_PATH}` : 'slipway promote';
  return [
    {
      name: 'slipway/floor',
      description: `${label} is no slower than the hand-written git floor`,
      target: `<= ${TARGET_SLIPWAY_OVER_FLOOR.toFixed(1)}x`,
      value: slipOverFloor === null ? null : round2(slipOverFloor),
      status: slipOverFloor === null ? 'N/A' : slipOverFloor <= TARGET_SLIPWAY_OVER_FLOOR ? 'PASS' : 'FAIL',
    },
    {
      name: 'fullclone/slipway',
      description: `a full clone costs at least ten ${label}`,
      target: `>= ${TARGET_FULL_OVER_SLIPWAY}x`,
      value: fullOverSlip === null ? null : round2(fullOverSlip),
      status: fullOverSlip === null ? 'N/A' : fullOverSlip >= TARGET_FULL_OVER_SLIPWAY ? 'PASS' : 'FAIL',
    },
  ];
}

function fmtMs(n: number | undefined): string {
  return n === undefined ? '-' : n.toFixed(0);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')).join('\n');
}

function markdown(report: Report): string {
  const rows = CASES.map((name) => {
    const s = report.cases[name];
    return s.status === 'ok'
      ? `| ${CASE_LABELS[name]} | ${fmtMs(s.medianMs)} | ${fmtMs(s.minMs)} | ${fmtMs(s.maxMs)} |`
      : `| ${CASE_LABELS[name]} | skipped | - | - |`;
  });
  const targets = report.targets.map(
    (t) =>
      `| ${t.name} | ${t.value === null ? 'n/a' : `${t.value.toFixed(2)}x`} | ${t.target} | ${t.status} |`,
  );
  const m = report.machine;
  const r = report.repo;
  return `# promote benchmark

${report.date} · ${m.cpus} CPUs (${m.cpuModel}) · Node ${m.node} · ${m.git} · temp dirs on ${m.tmpFilesystem} (${m.tmpRoot}) · load average ${m.loadAverageBefore.join(' ')} before the run

Config repo: ${r.services} services, ${r.commits} commits, ${r.packedMiB} MiB packed (generator v${r.generatorVersion}).
Median of ${report.iterations} runs after ${report.warmup} warm-up, whole-process wall time.

| case | median ms | min ms | max ms |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

| ratio | measured | target | result |
| --- | ---: | --- | --- |
${targets.join('\n')}

Targets are measured on \`${report.targetCase}\`${report.targetCase === 'slipway-path' ? ` (a user promoting one service passes its folder, as the floor edits only that folder)` : ''}.
${reference(report)}`;
}

function reference(report: Report): string {
  const lines: string[] = [];
  if (report.fullOverFloor !== null) lines.push(`full clone / floor: ${report.fullOverFloor.toFixed(2)}x`);
  if (report.wholeBranch.fullOverSlipway !== null) {
    lines.push(`full clone / slipway (whole branch): ${report.wholeBranch.fullOverSlipway.toFixed(2)}x`);
  }
  if (report.wholeBranch.slipwayOverFloor !== null) {
    lines.push(`slipway (whole branch) / floor: ${report.wholeBranch.slipwayOverFloor.toFixed(2)}x`);
  }
  return lines.length === 0 ? '' : `\nFor reference: ${lines.join('; ')}.\n`;
}

interface Report {
  benchmark: 'promote';
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    platform: string;
    release: string;
    arch: string;
    node: string;
    git: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
    /** Where the cases' working copies and clones are written (os.tmpdir(), i.e. $TMPDIR). */
    tmpRoot: string;
    tmpFilesystem: string;
  };
  repo: {
    path: string;
    url: string;
    generatorVersion: number;
    params: typeof DEFAULT_PARAMS;
    services: number;
    commits: number;
    packedBytes: number;
    packedMiB: number;
    generationMs: number;
    reusedCache: boolean;
    tips: Record<string, string>;
  };
  promotion: { env: string; branch: string; image: string };
  slipwayBin: string | null;
  iterations: number;
  warmup: number;
  cases: Record<CaseName, CaseStats>;
  targets: Target[];
  fullOverFloor: number | null;
  /** The slipway case the targets are measured on. */
  targetCase: SlipwayCase;
  /** The whole-branch slipway case's ratios, for reference. */
  wholeBranch: { fullOverSlipway: number | null; slipwayOverFloor: number | null };
}

async function filesystemType(dir: string): Promise<string> {
  const result = await run('stat', ['-f', '-c', '%T', dir]);
  return result.code === 0 ? result.stdout.trim() : 'unknown';
}

async function writeAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

// ---------------------------------------------------------------------------------------------------------

async function main(argv: readonly string[]): Promise<void> {
  const opts = parseArgs(argv);
  const loadBefore = os.loadavg().map(round2);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Slipway Bench',
    GIT_AUTHOR_EMAIL: 'bench@slipway.invalid',
    GIT_COMMITTER_NAME: 'Slipway Bench',
    GIT_COMMITTER_EMAIL: 'bench@slipway.invalid',
    GIT_TERMINAL_PROMPT: '0',
  };
  const slipwayBin = slipwayBinary();
  const withSlipway = opts.cases.includes('slipway') || opts.cases.includes('slipway-path');
  if (withSlipway) await checkSlipway(slipwayBin, env);

  const repoDir = defaultRepoDir(opts.cacheDir);
  const repo = await ensureRepo(repoDir, DEFAULT_PARAMS, {
    force: opts.regenerate,
    log: (m) => console.log(`[generate] ${m}`),
  });
  const packedMiB = round1(repo.packedBytes / 2 ** 20);
  console.log(
    `config repo: ${repo.commitCount} commits, ${packedMiB} MiB packed, ` +
      `${repo.reused ? `cached (generated in ${(repo.generationMs / 1000).toFixed(1)}s)` : `generated in ${(repo.generationMs / 1000).toFixed(1)}s`}`,
  );
  const originalTip = repo.tips[BRANCH];
  if (!originalTip) throw new Error(`generated repo has no ${BRANCH}`);
  const ctx: Context = { repo, url: pathToFileURL(repo.dir).href, originalTip, slipwayBin, env };

  const runs: Record<CaseName, number[]> = { slipway: [], 'slipway-path': [], floor: [], full: [] };
  const warmups: Partial<Record<CaseName, number>> = {};
  for (const name of opts.cases) {
    process.stdout.write(`warm-up ${name}… `);
    warmups[name] = await RUNNERS[name](ctx);
    console.log(`${fmtMs(warmups[name])} ms`);
  }
  // Round-robin, so slow drift on the machine affects every case alike.
  for (let i = 1; i <= opts.iterations; i++) {
    const parts: string[] = [];
    for (const name of opts.cases) {
      const ms = await RUNNERS[name](ctx);
      runs[name].push(ms);
      parts.push(`${name} ${fmtMs(ms)} ms`);
    }
    console.log(`iteration ${i}/${opts.iterations}: ${parts.join(', ')}`);
  }

  const stats = {} as Record<CaseName, CaseStats>;
  for (const name of CASES) {
    const r = runs[name];
    stats[name] =
      r.length === 0
        ? { status: 'skipped' }
        : {
            status: 'ok',
            command: commandFor(name, ctx),
            runsMs: r.map(round1),
            warmupMs: round1(warmups[name] ?? Number.NaN),
            medianMs: round1(median(r)),
            minMs: round1(Math.min(...r)),
            maxMs: round1(Math.max(...r)),
          };
  }
  const targets = evaluateTargets(stats);
  const fullMs = stats.full.medianMs;
  const floorMs = stats.floor.medianMs;
  const wholeMs = stats.slipway.medianMs;
  const report: Report = {
    benchmark: 'promote',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: round1(os.totalmem() / 2 ** 30),
      platform: os.platform(),
      release: os.release(),
      arch: os.arch(),
      node: process.version,
      git: (await runOk('git', ['--version'])).stdout.trim(),
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg().map(round2),
      tmpRoot: os.tmpdir(),
      tmpFilesystem: await filesystemType(os.tmpdir()),
    },
    repo: {
      path: path.relative(REPO_ROOT, repo.dir) || repo.dir,
      url: ctx.url,
      generatorVersion: repo.generatorVersion,
      params: repo.params,
      services: repo.params.services,
      commits: repo.commitCount,
      packedBytes: repo.packedBytes,
      packedMiB,
      generationMs: repo.generationMs,
      reusedCache: repo.reused,
      tips: repo.tips,
    },
    promotion: { env: ENV, branch: BRANCH, image: NEW_IMAGE },
    slipwayBin: withSlipway ? slipwayBin : null,
    iterations: opts.iterations,
    warmup: 1,
    cases: stats,
    targets,
    fullOverFloor: fullMs !== undefined && floorMs !== undefined ? round2(fullMs / floorMs) : null,
    targetCase: targetCase(stats),
    wholeBranch: {
      fullOverSlipway: fullMs !== undefined && wholeMs !== undefined ? round2(fullMs / wholeMs) : null,
      slipwayOverFloor: wholeMs !== undefined && floorMs !== undefined ? round2(wholeMs / floorMs) : null,
    },
  };

  const rows = [['case', 'median ms', 'min ms', 'max ms', 'runs']];
  for (const name of CASES) {
    const s = stats[name];
    rows.push(
      s.status === 'ok'
        ? [
            CASE_LABELS[name],
            fmtMs(s.medianMs),
            fmtMs(s.minMs),
            fmtMs(s.maxMs),
            String(s.runsMs?.length ?? 0),
          ]
        : [CASE_LABELS[name], 'skipped', '-', '-', '0'],
    );
  }
  console.log(`\n${table(rows)}\n`);
  const targetRows = [['ratio', 'measured', 'target', 'result']];
  for (const t of targets) {
    targetRows.push([t.name, t.value === null ? 'n/a' : `${t.value.toFixed(2)}x`, t.target, t.status]);
  }
  console.log(`${table(targetRows)}\n`);
  console.log(`targets measured on ${report.targetCase}`);
  const ref = reference(report).trim();
  if (ref !== '') console.log(ref);

  const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
  await writeAtomic(path.join(resultsDir, 'promote.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomic(path.join(resultsDir, 'promote.md'), markdown(report));
  console.log(`wrote ${path.relative(REPO_ROOT, resultsDir)}/promote.json and promote.md`);

  const failed = targets.filter((t) => t.status === 'FAIL');
  if (failed.length > 0) {
    console.log(
      `\n*** TARGET MISSED: ${failed.map((t) => `${t.name} ${t.value}x (target ${t.target})`).join('; ')} ***`,
    );
  } else if (targets.some((t) => t.status === 'N/A')) {
    console.log('\nsome targets not evaluated (slipway case not run)');
  } else {
    console.log('\nall targets met');
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(`error: ${err.message}\n\n${usage()}`);
  } else if (err instanceof SetupError || err instanceof CommandError) {
    console.error(`error: ${err.message}`);
  } else {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  }
  process.exit(1);
});
