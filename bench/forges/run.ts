// Promotion over each way Slipway reaches a config repo, on the big config repository of bench/promote:
// git over smart HTTP with a token, git to CodeCommit with a SigV4 credential derived from AWS credentials,
// the GitHub API (`--via github-api`) and the CodeCommit API (`--via codecommit-api`). Every server is a
// loopback stand-in over a real bare copy of the repository (test/support: git http-backend, the SigV4 git
// gate, the GitHub fake, the CodeCommit fake served as AWS JSON 1.1), so the figures compare Slipway's work
// and round trips on each path, not any forge's speed.
//
//   node --import tsx bench/forges/run.ts [--iterations 5] [--only git-http,codecommit-git,github-api,codecommit-api]
//
// Writes bench/results/forges.json and bench/results/forges.md. Each case promotes one image of one service
// (`--path apps/svc-1234`, what a service's pipeline passes) to env/dev, which is put back on its original tip
// before each run; one warm-up, then the median of the runs, whole-process wall time of the CLI bundle.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeCommitFake } from '../../test/support/codecommitFake.js';
import { startCodeCommitGitServer } from '../../test/support/codecommitGitServer.js';
import { serveCodeCommitApi } from '../../test/support/codecommitHttpApi.js';
import { serveCodeCommitRepo } from '../../test/support/codecommitRepoApi.js';
import { startGitHttpServer } from '../../test/support/gitHttpServer.js';
import { startGitHubServer } from '../../test/support/githubServer.js';
import { runSlipway } from '../../test/support/slipway.js';
import { defaultRepoDir, ensureRepo } from '../promote/generate.js';

const CASES = ['git-http', 'codecommit-git', 'github-api', 'codecommit-api'] as const;
type CaseName = (typeof CASES)[number];
const LABELS: Record<CaseName, string> = {
  'git-http': 'git over smart HTTP, token',
  'codecommit-git': 'git to CodeCommit, SigV4 from AWS credentials',
  'github-api': '--via github-api',
  'codecommit-api': '--via codecommit-api',
};

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const ITERATIONS = Number(option('iterations') ?? 5);
const ONLY = (option('only')?.split(',') ?? [...CASES]).filter((name): name is CaseName =>
  (CASES as readonly string[]).includes(name),
);
const results = fileURLToPath(new URL('../results/', import.meta.url));

const SERVICE = 'svc-1234';
const TAG = '1.2.3';
const DIGEST = createHash('sha256').update(`slipway-bench/${SERVICE}:${TAG}`).digest('hex');
const IMAGE = `registry.example.com/shop/${SERVICE}:${TAG}@sha256:${DIGEST}`;
const TOKEN = 'bench-token';
const AWS = { accessKeyId: 'AKIABENCHEXAMPLE', secretAccessKey: 'bench/secret/key' };
const REGION = 'eu-west-1';
const NAME = 'shop-config';

interface Row {
  readonly name: CaseName;
  readonly label: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Requests the server answered in one run (the median run's). */
  readonly requests: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** One case: a server, the CLI arguments and environment, and how to count what the server answered. */
interface Setup {
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
  readonly requests: () => number;
  readonly close: () => Promise<void>;
}

async function setUp(name: CaseName, root: string, repo: string): Promise<Setup> {
  const common = [
    'promote',
    '--env',
    'dev',
    '--path',
    `apps/${SERVICE}`,
    '--image',
    IMAGE,
    '--source-commit',
    'bebe0123cafe',
    '--run-url',
    'https://ci.example/bench',
  ];
  if (name === 'git-http') {
    const server = await startGitHttpServer({
      root,
      username: 'x-access-token',
      password: TOKEN,
      recordHeaders: true,
    });
    return {
      args: [...common, '--config-repo', `${server.url}/${NAME}.git`],
      env: { SLIPWAY_TOKEN: TOKEN },
      requests: () => server.requests.length,
      close: server.close,
    };
  }
  if (name === 'codecommit-git') {
    const server = await startCodeCommitGitServer({ root, identities: [AWS], region: REGION });
    return {
      args: [...common, '--config-repo', `codecommit::${REGION}://${NAME}`],
      env: {
        AWS_ACCESS_KEY_ID: AWS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
        SLIPWAY_CODECOMMIT_GIT_ENDPOINT: server.endpoint,
      },
      requests: () => server.auth.length,
      close: server.close,
    };
  }
  if (name === 'github-api') {
    const server = await startGitHubServer({ repos: { [`acme/${NAME}`]: repo }, token: TOKEN });
    return {
      args: [
        ...common,
        '--via',
        'github-api',
        '--config-repo',
        `https://github.com/acme/${NAME}`,
        '--github-api-url',
        server.url,
      ],
      env: { SLIPWAY_TOKEN: TOKEN },
      requests: () => server.state.requests.length,
      close: server.close,
    };
  }
  const fake = new CodeCommitFake({ mock: false });
  serveCodeCommitRepo(fake, { repositoryName: NAME, repoPath: repo });
  const api = await serveCodeCommitApi(fake, { accessKeyId: AWS.accessKeyId });
  return {
    args: [...common, '--via', 'codecommit-api', '--config-repo', `codecommit::${REGION}://${NAME}`],
    env: {
      AWS_ACCESS_KEY_ID: AWS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
      AWS_ENDPOINT_URL_CODECOMMIT: api.url,
    },
    requests: () => fake.calls.length,
    close: api.close,
  };
}

async function measure(name: CaseName, root: string, repo: string, tip: string): Promise<Row> {
  const setup = await setUp(name, root, repo);
  const isolation = {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/slipway-bench/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/slipway-bench/aws-credentials',
  };
  const runs: { ms: number; requests: number }[] = [];
  try {
    for (let index = 0; index <= ITERATIONS; index += 1) {
      execFileSync('git', ['--git-dir', repo, 'update-ref', 'refs/heads/env/dev', tip]);
      const before = setup.requests();
      const start = process.hrtime.bigint();
      const result = await runSlipway(setup.args, { env: { ...isolation, ...setup.env } });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.code !== 0) throw new Error(`${name}: slipway failed (${result.code})\n${result.stderr}`);
      if (index > 0) runs.push({ ms, requests: setup.requests() - before });
      process.stderr.write(`${name}: ${Math.round(ms)} ms\n`);
    }
  } finally {
    await setup.close();
  }
  const times = runs.map((run) => run.ms);
  const mid = median(times);
  return {
    name,
    label: LABELS[name],
    medianMs: Math.round(mid),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    requests: runs.find((run) => run.ms === mid)?.requests ?? runs[0]?.requests ?? 0,
  };
}

async function main(): Promise<void> {
  const info = await ensureRepo(defaultRepoDir(), undefined, {
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const root = mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-forges-'));
  try {
    const repo = path.join(root, `${NAME}.git`);
    cpSync(info.dir, repo, { recursive: true });
    const tip = info.tips['env/dev'];
    if (tip === undefined) throw new Error('the bench repository has no env/dev');
    const rows: Row[] = [];
    for (const name of ONLY) rows.push(await measure(name, root, repo, tip));
    const load = os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
    const md = [
      '# Promotion over each transport',
      '',
      `${new Date().toISOString()} · ${os.cpus().length} CPUs · Node ${process.version} · load ${load}`,
      '',
      `Config repo: ${info.params.services} services, ${info.commitCount} commits, ${(info.packedBytes / 1024 / 1024).toFixed(1)} MiB packed (bench/promote's). One image of one service (\`--path apps/${SERVICE}\`) to env/dev; loopback servers over a real bare copy; median of ${ITERATIONS} runs after one warm-up, whole-process wall time.`,
      '',
      '| case | median ms | min ms | max ms | requests |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (row) => `| ${row.label} | ${row.medianMs} | ${row.minMs} | ${row.maxMs} | ${row.requests} |`,
      ),
      '',
    ].join('\n');
    await writeFile(path.join(results, 'forges.md'), md);
    await writeFile(
      path.join(results, 'forges.json'),
      `${JSON.stringify({ rows, info: { ...info, dir: undefined } }, null, 2)}\n`,
    );
    process.stdout.write(md);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
