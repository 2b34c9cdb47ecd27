/**
 * Benchmark: the build step of a 30-service monorepo after a commit that changed one service, with build
 * once (29 services reused from their `src-<key>` tags, one built) against building all 30.
 *
 * Usage: node --import tsx bench/build-skip/run.ts [--builder buildah|files] [--services 30]
 *        [--iterations 5] [--help]
 * Needs Debian's docker-registry (and buildah for the default builder). Writes
 * bench/results/build-skip.{json,md}.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CiContext } from '@slipway/ci';
import { type HttpTransport, nodeHttpTransport } from '@slipway/oci';
import { type BuildResult, build } from '../../packages/build/src/index.js';
import { startRegistry, type TestRegistry } from '../../test/support/registry.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS = path.join(REPO_ROOT, 'bench', 'results');

interface Options {
  builder: 'buildah' | 'files';
  services: number;
  iterations: number;
}

interface RunRecord {
  iteration: number;
  case: 'skip' | 'all';
  changed: string;
  wallMs: number;
  built: number;
  reused: number;
  requests: number;
  /** Per service: wall ms and registry requests. */
  services: { name: string; ms: number; requests: number; reused: boolean }[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { builder: hasBuildah() ? 'buildah' : 'files', services: 30, iterations: 5 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'node --import tsx bench/build-skip/run.ts [--builder buildah|files] [--services 30] [--iterations 5]\n',
      );
      process.exit(0);
    } else if (arg === '--builder' && (value === 'buildah' || value === 'files')) {
      options.builder = value;
      i++;
    } else if (arg === '--services' && value !== undefined && /^\d+$/.test(value)) {
      options.services = Number(value);
      i++;
    } else if (arg === '--iterations' && value !== undefined && /^\d+$/.test(value)) {
      options.iterations = Math.max(1, Number(value));
      i++;
    } else {
      process.stderr.write(`unknown or incomplete argument: ${arg}\n`);
      process.exit(2);
    }
  }
  return options;
}

function hasBuildah(): boolean {
  try {
    execFileSync('buildah', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'bench',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'bench',
      GIT_COMMITTER_EMAIL: 'bench@example.com',
    },
  }).trim();
}

const serviceName = (index: number) => `svc-${String(index + 1).padStart(2, '0')}`;

/** A small service: a Dockerfile (FROM scratch), a static binary stand-in, config and assets (~40 KiB). */
async function writeService(dir: string, name: string, revision: number): Promise<void> {
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(
    path.join(dir, 'Dockerfile'),
    'FROM scratch\nCOPY app /app\nCOPY config.json /etc/app/config.json\nCOPY assets /srv/assets\nENTRYPOINT ["/app"]\n',
  );
  const blob = Buffer.alloc(32 * 1024);
  for (let i = 0; i < blob.length; i++) blob[i] = (i * 31 + name.length * 7) & 0xff;
  await writeFile(path.join(dir, 'app'), Buffer.concat([Buffer.from(`${name} r${revision}\n`), blob]));
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ service: name, revision }));
  for (let i = 0; i < 4; i++)
    await writeFile(path.join(dir, 'assets', `page-${i}.html`), `<h1>${name} ${i}</h1>\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const work = await mkdtemp(path.join(os.tmpdir(), 'slipway-bench-build-'));
  let registry: TestRegistry | undefined;
  const load = os.loadavg().map((value) => value.toFixed(2));
  try {
    registry = await startRegistry();
    const repo = path.join(work, 'monorepo');
    const storageRoot = path.join(work, 'buildah-storage');
    await mkdir(repo);
    const names = Array.from({ length: options.services }, (_, i) => serviceName(i));
    for (const name of names) await writeService(path.join(repo, 'services', name), name, 0);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'services');

    let requests = 0;
    const countingTransport: HttpTransport = (request) => {
      requests++;
      return nodeHttpTransport(request);
    };

    const buildAll = async (reuse: boolean): Promise<Omit<RunRecord, 'iteration' | 'case' | 'changed'>> => {
      const sha = git(repo, 'rev-parse', 'HEAD');
      const ci: CiContext = {
        platform: 'local',
        commitSha: sha,
        ref: 'refs/heads/main',
        repositoryUrl: 'https://example.com/acme/monorepo',
      };
      const services: RunRecord['services'] = [];
      const started = process.hrtime.bigint();
      const before = requests;
      for (const name of names) {
        const serviceStart = process.hrtime.bigint();
        const serviceBefore = requests;
        const result: BuildResult = await build({
          destinations: [`${registry?.host}/monorepo/${name}`],
          openOptions: { transport: countingTransport },
          builder: options.builder,
          buildah: { storageRoot },
          context: path.join(repo, 'services', name),
          ...(options.builder === 'files' ? { files: { destination: '/srv' } } : {}),
          ci,
          tags: ['type=sha', 'type=ref,event=branch'],
          reuse,
          env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
        });
        services.push({
          name,
          ms: Number(process.hrtime.bigint() - serviceStart) / 1e6,
          requests: requests - serviceBefore,
          reused: result.reused,
        });
      }
      return {
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
        built: services.filter((service) => !service.reused).length,
        reused: services.filter((service) => service.reused).length,
        requests: requests - before,
        services,
      };
    };

    // Warm-up: every service built once, so its src- tag exists (what the previous pipeline run left).
    process.stderr.write(`warm-up: building ${names.length} services with ${options.builder}\n`);
    await buildAll(true);

    const runs: RunRecord[] = [];
    for (let iteration = 1; iteration <= options.iterations; iteration++) {
      // One service changes per commit.
      const changed = names[(iteration * 7) % names.length] ?? 'svc-01';
      await writeService(path.join(repo, 'services', changed), changed, iteration);
      git(repo, 'commit', '-q', '-am', `change ${changed} (${iteration})`);
      for (const which of iteration % 2 === 1 ? (['skip', 'all'] as const) : (['all', 'skip'] as const)) {
        const record = await buildAll(which === 'skip');
        runs.push({ iteration, case: which, changed, ...record });
        process.stderr.write(
          `#${iteration} ${which}: ${record.wallMs.toFixed(0)} ms (${record.built} built, ${record.reused} reused, ${record.requests} requests)\n`,
        );
      }
    }

    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    };
    const of = (which: 'skip' | 'all') => runs.filter((run) => run.case === which);
    const skipMedian = median(of('skip').map((run) => run.wallMs));
    const allMedian = median(of('all').map((run) => run.wallMs));
    const reusedServices = of('skip').flatMap((run) => run.services.filter((service) => service.reused));
    const builtServices = of('all').flatMap((run) => run.services);
    const summary = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
        buildah: hasBuildah() ? execFileSync('buildah', ['--version'], { encoding: 'utf8' }).trim() : null,
        loadAverageBefore: load,
      },
      parameters: { ...options, tags: ['type=sha', 'type=ref,event=branch'] },
      medians: {
        skipMs: Math.round(skipMedian),
        allMs: Math.round(allMedian),
        speedup: Number((allMedian / skipMedian).toFixed(2)),
        reusedServiceMs: Math.round(median(reusedServices.map((service) => service.ms))),
        builtServiceMs: Math.round(median(builtServices.map((service) => service.ms))),
        requestsPerReusedService: median(reusedServices.map((service) => service.requests)),
      },
      runs,
    };
    await mkdir(RESULTS, { recursive: true });
    await writeFile(path.join(RESULTS, 'build-skip.json'), `${JSON.stringify(summary, null, 2)}\n`);
    const md = [
      '# build-skip benchmark',
      '',
      `${summary.date} · ${summary.machine.cpus} CPUs (${summary.machine.cpuModel}) · Node ${summary.machine.node} · ${summary.machine.buildah ?? 'no buildah'} · load average ${load.join(' ')} before the run`,
      '',
      `${options.services} services (FROM scratch, ~40 KiB context each), builder \`${options.builder}\`, one local`,
      `docker-registry; one service changed per commit. Median of ${options.iterations} runs (cases alternated), wall time`,
      'of the whole build step (every service built or reused in turn, push included).',
      '',
      '| case | median ms | min ms | max ms | built | reused |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...(['skip', 'all'] as const).map((which) => {
        const values = of(which).map((run) => run.wallMs);
        const first = of(which)[0];
        return `| ${which === 'skip' ? 'build once (29 reused, 1 built)' : 'build all'} | ${Math.round(median(values))} | ${Math.round(Math.min(...values))} | ${Math.round(Math.max(...values))} | ${first?.built ?? 0} | ${first?.reused ?? 0} |`;
      }),
      '',
      `Speed-up: ${summary.medians.speedup}x. A reused service takes ${summary.medians.reusedServiceMs} ms`,
      `(median; ${summary.medians.requestsPerReusedService} registry requests: the \`src-\` tag GET, then one manifest PUT per new tag),`,
      `a built one ${summary.medians.builtServiceMs} ms.`,
      '',
    ].join('\n');
    await writeFile(path.join(RESULTS, 'build-skip.md'), md);
    process.stdout.write(md);
  } finally {
    await registry?.stop();
    execFileSync('chmod', ['-R', 'u+w', work], { stdio: 'ignore' });
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
