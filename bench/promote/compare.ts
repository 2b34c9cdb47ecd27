/**
 * Benchmark: two builds of the CLI promoting the same change on promote's config repository, interleaved, so
 * that a change to the code can be judged on a loaded machine: each pair runs both builds back to back, in
 * ABBA order (the first of a pair alternates), and the figure is the median of the per-pair ratios
 * candidate / baseline, which the machine's drift affects far less than two separate runs' medians.
 *
 * Usage: node --import tsx bench/promote/compare.ts --baseline <slipway> [--candidate <slipway>]
 *        [--pairs 10] [--only slipway,slipway-path] [--cache-dir bench/.cache]
 * The candidate defaults to the repository's CLI (node_modules/.bin/slipway). Results:
 * bench/results/promote-compare.{json,md}.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CACHE_DIR, DEFAULT_PARAMS, defaultRepoDir, ensureRepo, REPO_ROOT } from './generate.js';
import { git, runOk } from './proc.js';

// The promotion `run.ts` measures: one service's image, on env/dev, checked and undone after each run.
const BRANCH = 'env/dev';
const SERVICE = 'svc-1234';
const NEW_TAG = '1.2.3';
const NEW_DIGEST = createHash('sha256').update(`slipway-bench/${SERVICE}:${NEW_TAG}`).digest('hex');
const NEW_IMAGE = `registry.example.com/shop/${SERVICE}:${NEW_TAG}@sha256:${NEW_DIGEST}`;
const SERVICE_FILES = [`apps/${SERVICE}/deployment.yaml`, `apps/${SERVICE}/kustomization.yaml`];

const CASES = { slipway: [], 'slipway-path': ['--path', `apps/${SERVICE}`] } as const;
type CaseName = keyof typeof CASES;
type Build = 'baseline' | 'candidate';

interface Options {
  baseline: string;
  candidate: string;
  pairs: number;
  cases: CaseName[];
  cacheDir: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  const opts: Partial<Options> & { cases: CaseName[] } = {
    candidate: path.join(REPO_ROOT, 'node_modules', '.bin', 'slipway'),
    pairs: 10,
    cases: ['slipway', 'slipway-path'],
    cacheDir: DEFAULT_CACHE_DIR,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const next = (): string => {
      if (value === undefined) throw new UsageError(`${argv[i]} needs a value`);
      i++;
      return value;
    };
    switch (argv[i]) {
      case '--baseline':
        opts.baseline = path.resolve(next());
        break;
      case '--candidate':
        opts.candidate = path.resolve(next());
        break;
      case '--pairs': {
        const n = Number(next());
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--pairs must be a positive integer');
        opts.pairs = n;
        break;
      }
      case '--only': {
        const names = next().split(',');
        for (const name of names) {
          if (!(name in CASES)) throw new UsageError(`unknown case ${name} (slipway, slipway-path)`);
        }
        opts.cases = names as CaseName[];
        break;
      }
      case '--cache-dir':
        opts.cacheDir = path.resolve(next());
        break;
      default:
        throw new UsageError(`unknown option ${argv[i]}`);
    }
  }
  if (opts.baseline === undefined)
    throw new UsageError(
      '--baseline <slipway> is required (a built CLI: packages/cli/bin/slipway.js of another checkout)',
    );
  return opts as Options;
}

interface Run {
  readonly build: Build;
  readonly ms: number;
}

/** One promotion by `bin`, timed as a whole process, checked, then undone (the branch back on its tip). */
async function promoteOnce(
  bin: string,
  repoDir: string,
  tip: string,
  scope: readonly string[],
): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'slipway-bench-compare-'));
  try {
    await mkdir(path.join(dir, 'tmp'));
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Slipway Bench',
      GIT_AUTHOR_EMAIL: 'bench@slipway.invalid',
      GIT_COMMITTER_NAME: 'Slipway Bench',
      GIT_COMMITTER_EMAIL: 'bench@slipway.invalid',
      TMPDIR: path.join(dir, 'tmp'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
    };
    const url = pathToFileURL(repoDir).href;
    const args = ['promote', '--config-repo', url, '--env', 'dev', ...scope, '--image', NEW_IMAGE, '--json'];
    const result = await runOk(bin, args, { cwd: dir, env });
    const reported = (JSON.parse(result.stdout) as { commit?: unknown }).commit;
    const now = await git(repoDir, ['rev-parse', `refs/heads/${BRANCH}`]);
    if (now === tip) throw new Error(`${bin}: ${BRANCH} did not move`);
    if (reported !== now)
      throw new Error(`${bin}: reported commit ${String(reported)}, ${BRANCH} is at ${now}`);
    const files = await Promise.all(SERVICE_FILES.map((file) => git(repoDir, ['show', `${now}:${file}`])));
    if (!files.some((text) => text.includes(NEW_DIGEST)))
      throw new Error(`${bin}: ${now} lacks the new digest`);
    return result.ms;
  } finally {
    await git(repoDir, ['update-ref', `refs/heads/${BRANCH}`, tip]);
    await rm(dir, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

async function main(argv: readonly string[]): Promise<void> {
  const opts = parseArgs(argv);
  const loadBefore = os.loadavg().map((n) => round(n, 2));
  const repo = await ensureRepo(defaultRepoDir(opts.cacheDir), DEFAULT_PARAMS, {
    force: false,
    log: (m) => console.log(`[generate] ${m}`),
  });
  const tip = repo.tips[BRANCH];
  if (tip === undefined) throw new Error(`the config repo has no ${BRANCH}`);
  const bins: Record<Build, string> = { baseline: opts.baseline, candidate: opts.candidate };
  const cases: Record<string, object> = {};
  const lines: string[] = [];
  for (const name of opts.cases) {
    const scope = CASES[name];
    // A warm-up of each build: the page cache and the repository's packs, not the figure.
    for (const build of ['baseline', 'candidate'] as const)
      await promoteOnce(bins[build], repo.dir, tip, scope);
    const runs: Run[] = [];
    const ratios: number[] = [];
    for (let pair = 0; pair < opts.pairs; pair++) {
      const order: Build[] = pair % 2 === 0 ? ['baseline', 'candidate'] : ['candidate', 'baseline'];
      const ms: Partial<Record<Build, number>> = {};
      for (const build of order) {
        ms[build] = await promoteOnce(bins[build], repo.dir, tip, scope);
        runs.push({ build, ms: round(ms[build], 1) });
      }
      ratios.push((ms.candidate ?? Number.NaN) / (ms.baseline ?? Number.NaN));
      console.log(
        `${name} pair ${pair + 1}/${opts.pairs}: ${order.map((b) => `${b} ${ms[b]?.toFixed(0)} ms`).join(', ')}`,
      );
    }
    const of = (build: Build) => runs.filter((run) => run.build === build).map((run) => run.ms);
    const summary = {
      baselineMedianMs: round(median(of('baseline')), 1),
      candidateMedianMs: round(median(of('candidate')), 1),
      medianPairRatio: round(median(ratios), 3),
      runs,
    };
    cases[name] = summary;
    lines.push(
      `| ${name} | ${summary.baselineMedianMs.toFixed(0)} | ${summary.candidateMedianMs.toFixed(0)} | ${summary.medianPairRatio.toFixed(3)} |`,
    );
  }
  const report = {
    benchmark: 'promote-compare',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      git: (await runOk('git', ['--version'])).stdout.trim(),
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg().map((n) => round(n, 2)),
    },
    repo: { commits: repo.commitCount, packedBytes: repo.packedBytes, tip },
    baseline: bins.baseline,
    candidate: bins.candidate,
    pairs: opts.pairs,
    cases,
  };
  const md = `# promote: two builds compared

${report.date}; ${report.machine.cpus} CPUs (${report.machine.cpuModel}), Node ${report.machine.node}, ${report.machine.git};
load average ${loadBefore.join(' ')} before, ${report.machine.loadAverageAfter.join(' ')} after.
Baseline \`${bins.baseline}\`, candidate \`${bins.candidate}\`; ${opts.pairs} pairs per case in ABBA order after
one warm-up each; whole-process wall time of \`slipway promote\` (see bench/README.md, \`promote\`).

| case | baseline median ms | candidate median ms | median of candidate/baseline per pair |
| --- | ---: | ---: | ---: |
${lines.join('\n')}
`;
  const results = path.join(REPO_ROOT, 'bench', 'results');
  for (const [file, text] of [
    ['promote-compare.json', `${JSON.stringify(report, null, 2)}\n`],
    ['promote-compare.md', md],
  ] as const) {
    await writeFile(path.join(results, `${file}.tmp`), text);
    await rename(path.join(results, `${file}.tmp`), path.join(results, file));
  }
  console.log(`\n${md}\nwrote bench/results/promote-compare.json and promote-compare.md`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError)
    console.error(
      'usage: node --import tsx bench/promote/compare.ts --baseline <slipway> [--candidate <slipway>] [--pairs 10] [--only slipway,slipway-path]',
    );
  process.exit(1);
});
