/**
 * Benchmark: N `slipway promote` processes racing to one environment branch, against the same N run one after
 * another, over a local bare repository (`file://`) and over smart HTTP with basic auth (`git http-backend`).
 *
 * Each promotion sets its own service's image (`--path apps/svc-NNNN`), except in the `same-image` cases, where
 * all N set one image to N different digests. Every run is checked (not timed): every promotion reports
 * `noop: false`; the branch gained exactly N commits, in one line; each promotion's commit is on it; each
 * service's new digest is at the tip (same-image: the tip holds one of the N digests); no promotion needed
 * more than the attempt target.
 *
 * Usage: node --import tsx bench/promote/contention.ts [--only file,http] [--n 16,48,64] [--same-image 64]
 *        [--lanes on|off] [--cache-dir bench/.cache] [--label <name>] [--out bench/results/promote-contention]
 *
 * `--lanes off` (SLIPWAY_LANE_DIR=off) makes the racers race as if from different machines; by default they take
 * turns in one lane directory, as promotions from one machine do.
 * Environment: SLIPWAY_BIN (slipway binary).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startGitHttpServer } from '../../test/support/gitHttpServer.js';
import { DEFAULT_CACHE_DIR, ensureRepo, type GenerateParams, REPO_ROOT, type RepoInfo } from './generate.js';
import { git, type RunResult, run } from './proc.js';

const PARAMS: GenerateParams = {
  seed: 'slipway-bench-contention',
  services: 200,
  commits: 400,
  tlsDomains: 1,
};
const BRANCH = 'env/dev';
const REGISTRY = 'registry.example.com/shop';
/** The CLI's default `--token-username`: the token alone is passed (SLIPWAY_TOKEN). */
const USERNAME = 'x-access-token';
const PASSWORD = 'bench-secret';
/** Goals of issue 16. */
const TARGET_RATIO = 1.0;
const TARGET_MAX_ATTEMPTS = 10;

type Transport = 'file' | 'http';
type Kind = 'services' | 'same-image';

interface Options {
  transports: Transport[];
  ns: number[];
  sameImage: number[];
  cacheDir: string;
  out: string;
  label: string;
  lanes: boolean;
}

interface Run {
  wallMs: number;
  attempts: number[];
  failures: string[];
}

interface CaseResult {
  transport: Transport;
  kind: Kind;
  n: number;
  sequential: Run;
  concurrent: Run;
  ratio: number;
  attemptsMax: number;
  attemptsMedian: number;
  pass: boolean;
  why: string[];
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    transports: ['file', 'http'],
    ns: [16, 48, 64],
    sameImage: [64],
    cacheDir: process.env.SLIPWAY_BENCH_CACHE ?? DEFAULT_CACHE_DIR,
    out: path.join(REPO_ROOT, 'bench', 'results', 'promote-contention'),
    label: '',
    lanes: true,
  };
  const numbers = (value: string | undefined, flag: string): number[] => {
    const list = (value ?? '').split(',').filter((v) => v !== '');
    const parsed = list.map(Number);
    if (parsed.some((n) => !Number.isInteger(n) || n < 1 || n > 200)) {
      throw new Error(`${flag} takes numbers from 1 to 200, comma-separated`);
    }
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    switch (arg) {
      case '--only': {
        const list = (value ?? '').split(',');
        if (list.some((t) => t !== 'file' && t !== 'http')) throw new Error('--only takes file and/or http');
        opts.transports = list as Transport[];
        i++;
        break;
      }
      case '--n':
        opts.ns = numbers(value, '--n');
        i++;
        break;
      case '--same-image':
        opts.sameImage = numbers(value, '--same-image');
        i++;
        break;
      case '--cache-dir':
        opts.cacheDir = path.resolve(value ?? '');
        i++;
        break;
      case '--out':
        opts.out = path.resolve(value ?? '');
        i++;
        break;
      case '--label':
        opts.label = value ?? '';
        i++;
        break;
      case '--lanes':
        if (value !== 'on' && value !== 'off') throw new Error('--lanes takes on or off');
        opts.lanes = value === 'on';
        i++;
        break;
      default:
        throw new Error(
          `unknown argument ${arg}; usage: contention.ts [--only file,http] [--n 16,48,64] [--same-image 64] [--lanes on|off] [--cache-dir <dir>] [--label <name>] [--out <path without extension>]`,
        );
    }
  }
  return opts;
}

function serviceName(index: number): string {
  return `svc-${String(index + 1).padStart(4, '0')}`;
}

/** A digest no earlier run produced: the round and the promotion's index are in it. */
function digestFor(round: string, index: number): string {
  return createHash('sha256').update(`slipway-bench-contention/${round}/${index}`).digest('hex');
}

interface Promotion {
  service: string;
  digest: string;
  tag: string;
}

function promotionsFor(kind: Kind, n: number, round: string): Promotion[] {
  return Array.from({ length: n }, (_, index) => ({
    service: kind === 'same-image' ? serviceName(0) : serviceName(index),
    digest: digestFor(round, index),
    tag: `9.${index}.0`,
  }));
}

interface Context {
  repo: RepoInfo;
  originalTip: string;
  bin: string;
  env: NodeJS.ProcessEnv;
  work: string;
}

async function promoteOnce(
  ctx: Context,
  url: string,
  promotion: Promotion,
  slot: string,
): Promise<{ result: RunResult; attempts: number; commit: string | null; error?: string }> {
  const dir = path.join(ctx.work, slot);
  await mkdir(path.join(dir, 'tmp'), { recursive: true });
  const image = `${REGISTRY}/${promotion.service}:${promotion.tag}@sha256:${promotion.digest}`;
  const args = [
    'promote',
    '--config-repo',
    url,
    '--env',
    'dev',
    '--path',
    `apps/${promotion.service}`,
    '--image',
    image,
    '--json',
  ];
  const env = { ...ctx.env, TMPDIR: path.join(dir, 'tmp'), XDG_CACHE_HOME: path.join(dir, 'cache') };
  const result = await run(ctx.bin, args, { cwd: dir, env });
  if (result.code !== 0) {
    const last = result.stderr.trim().split('\n').slice(-2).join(' | ');
    return { result, attempts: 0, commit: null, error: `exit ${result.code}: ${last}` };
  }
  try {
    const out = JSON.parse(result.stdout) as { noop?: unknown; attempts?: unknown; commit?: unknown };
    if (out.noop !== false) return { result, attempts: 0, commit: null, error: `noop=${String(out.noop)}` };
    const attempts = typeof out.attempts === 'number' ? out.attempts : 0;
    return { result, attempts, commit: typeof out.commit === 'string' ? out.commit : null };
  } catch {
    return { result, attempts: 0, commit: null, error: `no JSON: ${result.stdout.slice(0, 200)}` };
  }
}

/** Runs the promotions (one after another, or all at once) and checks what the branch holds afterwards. */
async function measure(
  ctx: Context,
  url: string,
  kind: Kind,
  promotions: Promotion[],
  concurrent: boolean,
): Promise<Run> {
  await git(ctx.repo.dir, ['update-ref', `refs/heads/${BRANCH}`, ctx.originalTip]);
  await rm(ctx.work, { recursive: true, force: true });
  await mkdir(ctx.work, { recursive: true });
  const start = process.hrtime.bigint();
  const outcomes = concurrent
    ? await Promise.all(promotions.map((p, i) => promoteOnce(ctx, url, p, `p${i}`)))
    : [];
  if (!concurrent) {
    for (const [i, p] of promotions.entries()) outcomes.push(await promoteOnce(ctx, url, p, `p${i}`));
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const failures = outcomes.flatMap((o, i) => (o.error === undefined ? [] : [`#${i}: ${o.error}`]));
  failures.push(
    ...(await checkBranch(
      ctx,
      kind,
      promotions,
      outcomes.map((o) => o.commit),
    )),
  );
  await git(ctx.repo.dir, ['update-ref', `refs/heads/${BRANCH}`, ctx.originalTip]);
  return { wallMs, attempts: outcomes.map((o) => o.attempts), failures };
}

async function checkBranch(
  ctx: Context,
  kind: Kind,
  promotions: readonly Promotion[],
  commits: readonly (string | null)[],
): Promise<string[]> {
  const bare = ctx.repo.dir;
  const failures: string[] = [];
  const tip = await git(bare, ['rev-parse', `refs/heads/${BRANCH}`]);
  const line = (await git(bare, ['rev-list', '--first-parent', `${ctx.originalTip}..${tip}`]))
    .split('\n')
    .filter((c) => c !== '');
  const all = Number(await git(bare, ['rev-list', '--count', `${ctx.originalTip}..${tip}`]));
  if (line.length !== promotions.length || all !== promotions.length) {
    failures.push(`${BRANCH} gained ${all} commits (${line.length} in line), expected ${promotions.length}`);
  }
  const onBranch = new Set(line);
  for (const [i, commit] of commits.entries()) {
    if (commit !== null && !onBranch.has(commit))
      failures.push(`#${i}: its commit ${commit} is not on ${BRANCH}`);
  }
  if (kind === 'services') {
    for (const [i, p] of promotions.entries()) {
      const text = await git(bare, ['show', `${tip}:apps/${p.service}/kustomization.yaml`]);
      if (!text.includes(p.digest)) failures.push(`#${i}: ${p.service}'s new digest is not at the tip`);
    }
  } else {
    const text = await git(bare, ['show', `${tip}:apps/${promotions[0]?.service}/kustomization.yaml`]);
    if (!promotions.some((p) => text.includes(p.digest)))
      failures.push('the tip holds none of the N digests');
  }
  return failures;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

function markdown(report: Report): string {
  const rows = report.cases.map((c) => [
    c.transport === 'file' ? 'file://' : 'smart HTTP',
    c.kind === 'services' ? `${c.n} services` : `${c.n} × one image`,
    (c.sequential.wallMs / 1000).toFixed(1),
    (c.concurrent.wallMs / 1000).toFixed(1),
    c.ratio.toFixed(2),
    String(c.attemptsMax),
    String(c.attemptsMedian),
    c.pass ? 'PASS' : `FAIL (${c.why.join('; ')})`,
  ]);
  const head = [
    'repo',
    'case',
    'sequential s',
    'concurrent s',
    'concurrent / sequential',
    'attempts max',
    'attempts median',
    `target (≤ ${TARGET_RATIO}x, ≤ ${TARGET_MAX_ATTEMPTS} attempts, all land)`,
  ];
  const table = [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  return `# promote under contention${report.label === '' ? '' : ` (${report.label})`}

N \`slipway promote\` processes to one branch (${BRANCH}) of a config repo with ${PARAMS.services} services and
${report.repo.commits} commits, all at once against one after another (attempts: the concurrent run's).
Generated by \`pnpm bench:promote:contention\` (bench/promote/contention.ts); see bench/README.md.

- date: ${report.date}
- machine: ${report.machine.cpu} × ${report.machine.cpus}, ${report.machine.memoryGiB} GiB, ${report.machine.platform}, node ${report.machine.node}, ${report.machine.git}
- load average (1, 5, 15 min): before ${report.loadBefore.join(', ')}, after ${report.loadAfter.join(', ')}
- commit: ${report.commit}
- lanes: ${report.lanes ? 'on (one lane directory: the racers take turns, as promotions from one machine do)' : 'off (`SLIPWAY_LANE_DIR=off`: the racers race, as promotions from different machines do)'}

${table}
${
  report.cases.some((c) => c.sequential.failures.length + c.concurrent.failures.length > 0)
    ? `\nFailures:\n${report.cases
        .flatMap((c) =>
          [...c.sequential.failures, ...c.concurrent.failures].map(
            (f) => `- ${c.transport} ${c.kind} ${c.n}: ${f}`,
          ),
        )
        .slice(0, 40)
        .join('\n')}\n`
    : ''
}`;
}

interface Report {
  label: string;
  lanes: boolean;
  date: string;
  commit: string;
  machine: { cpu: string; cpus: number; memoryGiB: number; platform: string; node: string; git: string };
  loadBefore: number[];
  loadAfter: number[];
  repo: { services: number; commits: number };
  cases: CaseResult[];
}

async function main(argv: readonly string[]): Promise<void> {
  const opts = parseArgs(argv);
  const loadBefore = os.loadavg().map(round2);
  const bin = process.env.SLIPWAY_BIN ?? path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'slipway.js');
  const repoDir = path.join(opts.cacheDir, 'promote-contention', 'config.git');
  const repo = await ensureRepo(repoDir, PARAMS, { log: (m) => console.log(`[generate] ${m}`) });
  const originalTip = repo.tips[BRANCH];
  if (originalTip === undefined) throw new Error(`generated repo has no ${BRANCH}`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'slipway-contention-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Slipway Bench',
    GIT_AUTHOR_EMAIL: 'bench@slipway.invalid',
    GIT_COMMITTER_NAME: 'Slipway Bench',
    GIT_COMMITTER_EMAIL: 'bench@slipway.invalid',
    GIT_TERMINAL_PROMPT: '0',
    SLIPWAY_TOKEN: PASSWORD,
    // One lane directory for all racers (taking turns, as from one machine), or none (racing, as from many).
    SLIPWAY_LANE_DIR: opts.lanes ? path.join(work, 'lanes') : 'off',
  };
  const ctx: Context = { repo, originalTip, bin, env, work: path.join(work, 'runs') };
  const server = opts.transports.includes('http')
    ? await startGitHttpServer({ root: path.dirname(repoDir), username: USERNAME, password: PASSWORD })
    : undefined;
  const cases: CaseResult[] = [];
  try {
    const plan: { kind: Kind; n: number }[] = [
      ...opts.ns.map((n) => ({ kind: 'services' as const, n })),
      ...opts.sameImage.map((n) => ({ kind: 'same-image' as const, n })),
    ];
    for (const { kind, n } of plan) {
      for (const transport of opts.transports) {
        const url =
          transport === 'file'
            ? pathToFileURL(repoDir).href
            : `${server?.url ?? ''}/${path.basename(repoDir)}`;
        const round = `${Date.now()}`;
        // The sequential run first, then the concurrent one: both from the same tip, right after each other.
        const sequential = await measure(ctx, url, kind, promotionsFor(kind, n, `${round}s`), false);
        const concurrent = await measure(ctx, url, kind, promotionsFor(kind, n, `${round}c`), true);
        const ratio = concurrent.wallMs / sequential.wallMs;
        const attemptsMax = Math.max(...concurrent.attempts);
        const attemptsMedian = median(concurrent.attempts);
        const why: string[] = [];
        if (sequential.failures.length + concurrent.failures.length > 0) {
          why.push(`${sequential.failures.length + concurrent.failures.length} check(s) failed`);
        }
        if (ratio > TARGET_RATIO) why.push(`ratio ${ratio.toFixed(2)} > ${TARGET_RATIO}`);
        if (attemptsMax > TARGET_MAX_ATTEMPTS)
          why.push(`max attempts ${attemptsMax} > ${TARGET_MAX_ATTEMPTS}`);
        const result: CaseResult = {
          transport,
          kind,
          n,
          sequential: { ...sequential, wallMs: round1(sequential.wallMs) },
          concurrent: { ...concurrent, wallMs: round1(concurrent.wallMs) },
          ratio: round2(ratio),
          attemptsMax,
          attemptsMedian,
          pass: why.length === 0,
          why,
        };
        cases.push(result);
        console.log(
          `${transport} ${kind} N=${n}: sequential ${(sequential.wallMs / 1000).toFixed(1)} s, concurrent ${(concurrent.wallMs / 1000).toFixed(1)} s (${ratio.toFixed(2)}x), attempts max ${attemptsMax} median ${attemptsMedian}: ${result.pass ? 'PASS' : `FAIL ${why.join('; ')}`}`,
        );
        for (const failure of [...sequential.failures, ...concurrent.failures].slice(0, 5)) {
          console.log(`  ${failure}`);
        }
      }
    }
  } finally {
    await server?.close();
    await rm(work, { recursive: true, force: true });
    await git(repoDir, ['update-ref', `refs/heads/${BRANCH}`, originalTip]);
  }
  const gitVersion = (await run('git', ['--version'])).stdout.trim();
  const cpus = os.cpus();
  const report: Report = {
    label: opts.label,
    lanes: opts.lanes,
    date: new Date().toISOString(),
    commit: (await git(REPO_ROOT, ['rev-parse', '--short', 'HEAD'])) ?? '',
    machine: {
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      cpus: cpus.length,
      memoryGiB: round1(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      git: gitVersion,
    },
    loadBefore,
    loadAfter: os.loadavg().map(round2),
    repo: { services: PARAMS.services, commits: repo.commitCount },
    cases,
  };
  await mkdir(path.dirname(opts.out), { recursive: true });
  for (const [ext, text] of [
    ['json', `${JSON.stringify(report, null, 2)}\n`],
    ['md', markdown(report)],
  ] as const) {
    const file = `${opts.out}.${ext}`;
    await writeFile(`${file}.tmp`, text);
    await rename(`${file}.tmp`, file);
  }
  console.log(`wrote ${opts.out}.md and .json`);
  if (cases.some((c) => !c.pass)) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
