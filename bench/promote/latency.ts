// Round trips of one promotion on a real link: the big config repository of bench/promote, served by the test
// stand-ins (git http-backend behind test/support/gitHttpServer.ts; the GitHub API fake, test/support/
// githubServer.ts), reached directly and through test/support/latencyProxy.ts, which holds every request 50 ms
// as a link with that round-trip time would. One image of apps/svc-1234 (`--path`) to env/dev, which is put back
// on its original tip before every run; whole-process runs of the CLI bundle, round-robin over the cases.
//
//   node --import tsx bench/promote/latency.ts [--iterations 5] [--delay-ms 50] [--only git,github-api]
//                                             [--baseline <cli bundle>] [--name promote-latency]
//
// `--baseline` runs a second CLI bundle (a build of main, say) in the same rounds, so before and after are
// measured on the same machine at the same load. Writes bench/results/<name>.{md,json}.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGitHttpServer } from '../../test/support/gitHttpServer.js';
import { startGitHubServer } from '../../test/support/githubServer.js';
import { type LatencyProxy, type ProxiedCall, startLatencyProxy } from '../../test/support/latencyProxy.js';
import { CLI_BUNDLE, runNode } from '../../test/support/slipway.js';
import { defaultRepoDir, ensureRepo } from './generate.js';

const TRANSPORTS = ['git', 'github-api'] as const;
type TransportName = (typeof TRANSPORTS)[number];

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
if (args.includes('--help')) {
  process.stdout.write(
    'node --import tsx bench/promote/latency.ts [--iterations 5] [--delay-ms 50] [--only git,github-api] [--baseline <cli bundle>] [--name promote-latency]\n',
  );
  process.exit(0);
}
const ITERATIONS = Number(option('iterations') ?? 5);
const DELAY_MS = Number(option('delay-ms') ?? 50);
const NAME = option('name') ?? 'promote-latency';
const ONLY = (option('only')?.split(',') ?? [...TRANSPORTS]).filter((name): name is TransportName =>
  (TRANSPORTS as readonly string[]).includes(name),
);
const BASELINE = option('baseline');
const BUNDLES: readonly { readonly build: string; readonly bundle: string }[] = [
  ...(BASELINE === undefined ? [] : [{ build: 'baseline', bundle: path.resolve(BASELINE) }]),
  { build: 'this', bundle: process.env.SLIPWAY_BIN ?? CLI_BUNDLE },
];
for (const { bundle } of BUNDLES) {
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: build the CLI (pnpm --filter @slipway/cli run build)`);
}
const results = fileURLToPath(new URL('../results/', import.meta.url));

const SERVICE = 'svc-1234';
const TAG = '1.2.3';
const DIGEST = createHash('sha256').update(`slipway-bench/${SERVICE}:${TAG}`).digest('hex');
const IMAGE = `registry.example.com/shop/${SERVICE}:${TAG}@sha256:${DIGEST}`;
const TOKEN = 'bench-token';
const REPO = 'shop-config';

/**
 * What the protocol needs for one scoped promotion, request by request. git over smart HTTP: one negotiation
 * (GET info/refs, POST ls-refs, POST fetch: the tip's commit and trees), the files under --path (a filter
 * cannot name a folder on common servers, so a second fetch: GET info/refs, POST fetch) and one push (GET
 * info/refs?service=git-receive-pack, POST git-receive-pack). The GitHub API: the branch tip with its tree
 * (one call), the tree listing (one), the files read in parallel (one round trip, a request per file), one tree
 * with the new contents inlined, one commit, one ref update. The policy (.slipway.yaml) is read from the default
 * branch on top: for git in the same negotiation (its tip and file fetched with the others), for the API one
 * default-branch read and the file (entries on the way and its blob).
 */
const FLOOR: Record<TransportName, { requests: number; rounds: number; note: string }> = {
  git: {
    requests: 7,
    rounds: 7,
    note: 'one negotiation for the tips of env/dev and the default branch (GET info/refs + POST ls-refs + POST fetch: commits and trees), the files under --path and the policy (GET info/refs + POST fetch: a filter cannot name a folder on common servers), one push (GET info/refs + POST receive-pack). Slipway reads what HEAD names from the listing that fetch makes (its packet trace, packages/gitops/src/git/packet-trace.ts); where the trace cannot tell, it lists the remote with `ls-remote --symref` (GET info/refs + POST ls-refs) and fetches by commit id: 2 requests more',
  },
  'github-api': {
    requests: 13,
    rounds: 9,
    note: 'the policy: the default branch (GET repo), its tip (GET ref), the root listing (GET tree, by the commit id; a blob more when a policy is there); the promotion: the tip (GET ref), one recursive listing (GET tree), the 5 files of apps/svc-1234 in parallel (5 requests, one round), then POST trees (the new text inline), POST commits, PATCH refs',
  },
};

interface Run {
  readonly ms: number;
  readonly requests: number;
  readonly rounds: number;
  readonly connections: number;
  readonly calls: readonly string[];
}

interface Row {
  readonly transport: TransportName;
  readonly build: string;
  readonly link: 'direct' | 'proxied';
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly requests: number;
  readonly rounds: number;
  readonly connections: number;
  readonly calls: readonly string[];
  readonly runs: readonly Run[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Sequential round trips: requests in arrival order, a new round whenever a request arrives after an answer
 * came back since the previous one (it may have waited for it); requests sent together (parallel reads) share
 * one round, as they share one 50 ms wait.
 */
export function sequentialRounds(calls: readonly ProxiedCall[]): number {
  let rounds = 0;
  let previous: ProxiedCall | undefined;
  for (const call of calls) {
    const answeredBetween =
      previous === undefined ||
      calls.some(
        (other) =>
          other.answered !== undefined && other.answered > previous!.arrived && other.answered < call.arrived,
      );
    if (answeredBetween) rounds += 1;
    previous = call;
  }
  return rounds;
}

/** `GET /shop-config.git/info/refs?service=git-upload-pack` → `GET info/refs?service=git-upload-pack`. */
function shown(call: { method: string; url: string }): string {
  const url = call.url
    .replace(`/${REPO}.git/`, '')
    .replace(`/repos/acme/${REPO}`, '…')
    .replace(/[0-9a-f]{40}/g, (sha) => sha.slice(0, 7));
  return `${call.method} ${url}`;
}

interface Stand {
  readonly args: (link: 'direct' | 'proxied') => string[];
  readonly proxy: LatencyProxy;
  readonly env: NodeJS.ProcessEnv;
  /** Requests the server answered, method and path, for the direct runs. */
  readonly served: () => readonly { method: string; url: string }[];
  readonly close: () => Promise<void>;
}

async function standUp(transport: TransportName, root: string, repo: string): Promise<Stand> {
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
    '--json',
  ];
  if (transport === 'git') {
    const server = await startGitHttpServer({
      root,
      username: 'x-access-token',
      password: TOKEN,
      recordHeaders: true,
    });
    const proxy = await startLatencyProxy({ target: server.url, delayMs: DELAY_MS });
    return {
      args: (link) => [
        ...common,
        '--config-repo',
        `${link === 'direct' ? server.url : proxy.url}/${REPO}.git`,
      ],
      proxy,
      env: { SLIPWAY_TOKEN: TOKEN },
      served: () => server.requests,
      close: async () => {
        await proxy.stop();
        await server.close();
      },
    };
  }
  const server = await startGitHubServer({ repos: { [`acme/${REPO}`]: repo }, token: TOKEN });
  const proxy = await startLatencyProxy({ target: server.url, delayMs: DELAY_MS });
  return {
    args: (link) => [
      ...common,
      '--via',
      'github-api',
      '--config-repo',
      `https://github.com/acme/${REPO}`,
      '--github-api-url',
      link === 'direct' ? server.url : proxy.url,
    ],
    proxy,
    env: { SLIPWAY_TOKEN: TOKEN },
    served: () => server.state.requests.map((request) => ({ method: request.method, url: request.path })),
    close: async () => {
      await proxy.stop();
      await server.close();
    },
  };
}

/** Checks that a run really promoted: a new env/dev tip, one commit on the old one, naming the new digest. */
function checkPromoted(repo: string, tip: string, stdout: string, label: string): void {
  const now = execFileSync('git', ['--git-dir', repo, 'rev-parse', 'refs/heads/env/dev']).toString().trim();
  const parent = execFileSync('git', ['--git-dir', repo, 'rev-parse', `${now}^`])
    .toString()
    .trim();
  const shown = execFileSync('git', ['--git-dir', repo, 'show', '--format=', now]).toString();
  const output = JSON.parse(stdout) as { commit?: string | null };
  const reported = JSON.stringify(output).includes(now);
  if (now === tip || parent !== tip || !shown.includes(DIGEST) || !reported) {
    throw new Error(`${label}: the run did not promote as expected (env/dev ${now}, parent ${parent})`);
  }
}

async function main(): Promise<void> {
  const info = await ensureRepo(defaultRepoDir(), undefined, {
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const root = mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-latency-'));
  const stands = new Map<TransportName, Stand>();
  try {
    const repo = path.join(root, `${REPO}.git`);
    cpSync(info.dir, repo, { recursive: true });
    // The stand-ins serve the default branch's policy too: an empty one would change nothing, so none is
    // written; the read of `.slipway.yaml` (found missing) is part of every promotion.
    const tip = info.tips['env/dev'];
    if (tip === undefined) throw new Error('the bench repository has no env/dev');
    for (const transport of ONLY) stands.set(transport, await standUp(transport, root, repo));

    const cases = ONLY.flatMap((transport) =>
      BUNDLES.flatMap(({ build, bundle }) =>
        (['direct', 'proxied'] as const).map((link) => ({ transport, build, bundle, link })),
      ),
    );
    const runs = new Map<string, Run[]>(cases.map((c) => [`${c.transport}/${c.build}/${c.link}`, []]));
    for (let round = 0; round <= ITERATIONS; round += 1) {
      for (const c of cases) {
        const stand = stands.get(c.transport)!;
        const label = `${c.transport}/${c.build}/${c.link}`;
        execFileSync('git', ['--git-dir', repo, 'update-ref', 'refs/heads/env/dev', tip]);
        stand.proxy.reset();
        const servedBefore = stand.served().length;
        const start = process.hrtime.bigint();
        const result = await runNode([c.bundle, ...stand.args(c.link)], { env: stand.env });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (result.code !== 0) throw new Error(`${label}: slipway failed (${result.code})\n${result.stderr}`);
        checkPromoted(repo, tip, result.stdout, label);
        const served = stand.served().slice(servedBefore);
        if (c.link === 'proxied' && served.length !== stand.proxy.calls.length) {
          throw new Error(
            `${label}: the proxy saw ${stand.proxy.calls.length} requests, the server ${served.length}`,
          );
        }
        const calls = c.link === 'proxied' ? stand.proxy.calls : served;
        // Round 0 is the warm-up of every case.
        if (round > 0) {
          runs.get(label)!.push({
            ms,
            requests: calls.length,
            rounds: c.link === 'proxied' ? sequentialRounds(stand.proxy.calls) : Number.NaN,
            connections: c.link === 'proxied' ? stand.proxy.connections() : Number.NaN,
            calls: calls.map(shown),
          });
        }
        process.stderr.write(`${label}: ${Math.round(ms)} ms, ${calls.length} requests\n`);
      }
    }

    const rows: Row[] = cases.map((c) => {
      const list = runs.get(`${c.transport}/${c.build}/${c.link}`) ?? [];
      const times = list.map((run) => run.ms);
      const mid = median(times);
      const typical = list.find((run) => run.ms === mid) ?? list[0];
      const proxied = runs.get(`${c.transport}/${c.build}/proxied`)?.[0];
      return {
        transport: c.transport,
        build: c.build,
        link: c.link,
        medianMs: Math.round(mid),
        minMs: Math.round(Math.min(...times)),
        maxMs: Math.round(Math.max(...times)),
        requests: typical?.requests ?? 0,
        rounds: proxied?.rounds ?? Number.NaN,
        connections: proxied?.connections ?? Number.NaN,
        calls: typical?.calls ?? [],
        runs: list,
      };
    });
    const load = os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
    const date = new Date().toISOString();
    const row = (transport: TransportName, build: string, link: string) =>
      rows.find((r) => r.transport === transport && r.build === build && r.link === link);
    const md = [
      '# One promotion on a 50 ms link',
      '',
      `${date} · ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}) · Node ${process.version} · ${execFileSync('git', ['--version']).toString().trim()} · load ${load}`,
      '',
      `Config repo: ${info.params.services} services, ${info.commitCount} commits, ${(info.packedBytes / 1024 / 1024).toFixed(1)} MiB packed (bench/promote's). One image of \`apps/${SERVICE}\` (\`--path\`) to env/dev, by git over smart HTTP (git http-backend, a token) and by \`--via github-api\` (the GitHub API fake), each directly and through a loopback proxy that holds every request ${DELAY_MS} ms. Median of ${ITERATIONS} whole-process runs of the CLI bundle after one warm-up, round-robin over the cases. Requests: what the server answered in one run; rounds: sequential round trips (requests sent together count once); connections: TCP connections the client opened to the proxy.`,
      '',
      '| transport | build | direct ms | proxied ms | requests | rounds | connections | floor (requests / rounds) | gap (rounds) |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...ONLY.flatMap((transport) =>
        BUNDLES.map(({ build }) => {
          const direct = row(transport, build, 'direct');
          const proxied = row(transport, build, 'proxied');
          const floor = FLOOR[transport];
          return `| ${transport} | ${build} | ${direct?.medianMs ?? ''} | ${proxied?.medianMs ?? ''} | ${proxied?.requests ?? ''} | ${proxied?.rounds ?? ''} | ${proxied?.connections ?? ''} | ${floor.requests} / ${floor.rounds} | ${(proxied?.rounds ?? 0) - floor.rounds} |`;
        }),
      ),
      '',
      '## Floors',
      '',
      ...ONLY.map((transport) => `- **${transport}**: ${FLOOR[transport].note}.`),
      '',
      '## Requests, in order (proxied run)',
      '',
      ...ONLY.flatMap((transport) =>
        BUNDLES.flatMap(({ build }) => [
          `### ${transport}, ${build}`,
          '',
          '```',
          ...(row(transport, build, 'proxied')?.calls ?? []),
          '```',
          '',
        ]),
      ),
    ].join('\n');
    await writeFile(path.join(results, `${NAME}.md`), md);
    await writeFile(
      path.join(results, `${NAME}.json`),
      `${JSON.stringify(
        {
          date,
          machine: {
            cpus: os.cpus().length,
            model: os.cpus()[0]?.model,
            node: process.version,
            git: execFileSync('git', ['--version']).toString().trim(),
            load: os.loadavg(),
          },
          delayMs: DELAY_MS,
          iterations: ITERATIONS,
          bundles: BUNDLES,
          floor: FLOOR,
          rows,
          repo: { ...info, dir: undefined },
        },
        null,
        2,
      )}\n`,
    );
    process.stdout.write(md);
  } finally {
    for (const stand of stands.values()) await stand.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
