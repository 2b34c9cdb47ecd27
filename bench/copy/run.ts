// Copy benchmark: a generated 200 MB, 5-layer image in a local registry, copied (a) to another repository
// of the same registry (blob mounts) and (b) to a second, fresh registry (streamed), by Slipway and by
// `skopeo copy` in the same run. Whole-process wall time, one warm-up, then median of 5, round-robin.
//
//   node --import tsx bench/copy/run.ts [--iterations 5] [--size-mb 200] [--layers 5]

import { spawn } from 'node:child_process';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegistryRepository } from '../../packages/oci/src/index.js';
import { startRegistry, type TestRegistry } from '../../test/support/registry.js';
import { generateImage, writeImage } from './image.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Issue 16: a copy within one registry takes at most this times skopeo's whole-process time. */
const MOUNT_RATIO_TARGET = 1.5;

interface Sample {
  /** Whole process, spawn to exit. */
  ms: number;
  /** Slipway only: copyImage itself, measured inside the process. */
  inProcessMs?: number;
}

interface Stats {
  medianMs: number;
  inProcessMedianMs?: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

interface Options {
  iterations: number;
  sizeMb: number;
  layers: number;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { iterations: 5, sizeMb: 200, layers: 5 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if (flag === '--iterations') options.iterations = value;
    else if (flag === '--size-mb') options.sizeMb = value;
    else if (flag === '--layers') options.layers = value;
    else if (flag === '--help') {
      console.log('node --import tsx bench/copy/run.ts [--iterations 5] [--size-mb 200] [--layers 5]');
      process.exit(0);
    } else throw new Error(`unknown flag ${flag}`);
    i++;
  }
  return options;
}

// This machine sets NODE_EXTRA_CA_CERTS to the system bundle OpenSSL reads anyway; Node parses that file
// at every start (about 45 ms here), which a stock machine does not. Both tools run without it.
const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env };
delete CHILD_ENV.NODE_EXTRA_CA_CERTS;

function run(
  cmd: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: ROOT, env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Number(process.hrtime.bigint() - start) / 1e6,
      });
    });
  });
}

async function checked(cmd: string, args: readonly string[]): Promise<Sample> {
  const result = await run(cmd, args);
  if (result.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stderr.slice(-2000)}`);
  const inProcess = /"ms":(\d+)/.exec(result.stdout)?.[1];
  return { ms: result.ms, ...(inProcess === undefined ? {} : { inProcessMs: Number(inProcess) }) };
}

/** How Slipway is run: the CLI's `copy` step when it exists, else the library entry. */
async function slipwayCommand(): Promise<{
  label: string;
  /** A run that loads what a copy loads and copies nothing. */
  floor?: [string, string[]];
  argv: (from: string, to: string) => [string, string[]];
}> {
  // The file npm links `slipway` to, run by node as its `#!/usr/bin/env node` line does (pnpm's
  // node_modules/.bin wrapper is a shell script that forks dirname, sed and uname first).
  const bin = process.env.SLIPWAY_BIN ?? join(ROOT, 'packages', 'cli', 'bin', 'slipway.js');
  const exists = await access(bin).then(
    () => true,
    () => false,
  );
  if (exists && (await run(process.execPath, [bin, 'copy', '--help'])).code === 0) {
    return {
      label: `slipway copy (the CLI bundle: node ${relative(ROOT, bin)})`,
      floor: [process.execPath, [bin, '--version']],
      argv: (from, to) => [process.execPath, [bin, 'copy', from, to]],
    };
  }
  return {
    floor: [process.execPath, ['--import', 'tsx', join(ROOT, 'bench/copy/entry.ts'), '--noop']],
    label: 'node --import tsx bench/copy/entry.ts (copyImage; the CLI has no copy step yet)',
    argv: (from, to) => [process.execPath, ['--import', 'tsx', join(ROOT, 'bench/copy/entry.ts'), from, to]],
  };
}

function skopeo(from: string, to: string): [string, string[]] {
  return [
    'skopeo',
    [
      '--insecure-policy',
      'copy',
      '--quiet',
      '--preserve-digests',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `docker://${from}`,
      `docker://${to}`,
    ],
  ];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const slipway = await slipwayCommand();
  const skopeoVersion = (await run('skopeo', ['--version'])).stdout.trim();
  const registryVersion = (
    await run('dpkg-query', ['-W', `-f=\${Version}`, 'docker-registry'])
  ).stdout.trim();

  const source = await startRegistry();
  const stops: TestRegistry[] = [source];
  try {
    console.log(`generating a ${options.sizeMb} MB, ${options.layers}-layer image…`);
    const layerBytes = Math.floor((options.sizeMb * 1024 * 1024) / options.layers);
    const image = generateImage({ layerSizes: Array.from({ length: options.layers }, () => layerBytes) });
    const totalBytes = [image.config, ...image.layers].reduce((sum, blob) => sum + blob.bytes.byteLength, 0);
    await writeImage(new RegistryRepository(source.host, 'bench/app', { env: {} }), image, ['v1']);
    const from = `${source.host}/bench/app:v1`;

    let counter = 0;
    type Case = 'slipway-mount' | 'skopeo-mount' | 'slipway-stream' | 'skopeo-stream';
    const cases: Case[] = ['slipway-mount', 'skopeo-mount', 'slipway-stream', 'skopeo-stream'];
    const samples: Record<Case, Sample[]> = {
      'slipway-mount': [],
      'skopeo-mount': [],
      'slipway-stream': [],
      'skopeo-stream': [],
    };

    const once = async (which: Case): Promise<Sample> => {
      counter++;
      let target: TestRegistry | undefined;
      let to: string;
      if (which.endsWith('mount')) {
        to = `${source.host}/bench/copy-${counter}:v1`;
      } else {
        target = await startRegistry();
        stops.push(target);
        to = `${target.host}/bench/app:v1`;
      }
      try {
        const [cmd, args] = which.startsWith('slipway') ? slipway.argv(from, to) : skopeo(from, to);
        const sample = await checked(cmd, args);
        // Correctness: the digest arrived unchanged.
        const slash = to.indexOf('/');
        const [path = '', tag = ''] = to.slice(slash + 1).split(':');
        const got = await new RegistryRepository(to.slice(0, slash), path, { env: {} }).resolve(tag);
        if (got?.digest !== image.manifest.digest)
          throw new Error(`${which}: ${to} is ${got?.digest}, not ${image.manifest.digest}`);
        return sample;
      } finally {
        await target?.stop();
      }
    };

    const floor: number[] = [];
    console.log('warm-up…');
    for (const which of cases) await once(which);
    for (let i = 1; i <= options.iterations; i++) {
      for (const which of cases) {
        const sample = await once(which);
        samples[which].push(sample);
        console.log(`  ${i}/${options.iterations} ${which}: ${Math.round(sample.ms)} ms`);
      }
      if (slipway.floor !== undefined) floor.push((await checked(...slipway.floor)).ms);
    }

    const stats = Object.fromEntries(
      cases.map((which) => {
        const values = samples[which].map((s) => s.ms);
        const inProcess = samples[which].flatMap((s) => (s.inProcessMs === undefined ? [] : [s.inProcessMs]));
        return [
          which,
          {
            medianMs: Math.round(median(values)),
            ...(inProcess.length === 0 ? {} : { inProcessMedianMs: Math.round(median(inProcess)) }),
            minMs: Math.round(Math.min(...values)),
            maxMs: Math.round(Math.max(...values)),
            samplesMs: values.map((v) => Math.round(v)),
          },
        ];
      }),
    ) as Record<Case, Stats>;

    const report: Report & Record<string, unknown> = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
      },
      node: process.version,
      skopeo: skopeoVersion,
      registry: `docker-registry ${registryVersion} (Debian), filesystem storage, 127.0.0.1`,
      slipway: slipway.label,
      image: {
        layers: options.layers,
        bytes: totalBytes,
        layerContent: 'tar of one random file, gzip level 1 (incompressible)',
      },
      iterations: options.iterations,
      warmup: 1,
      timing: 'whole process wall time (spawn to exit), median of the iterations, cases round-robin',
      cases: stats,
      ...(floor.length === 0
        ? {}
        : {
            slipwayStartupFloorMs: { medianMs: Math.round(median(floor)), samplesMs: floor.map(Math.round) },
          }),
      mountRatio: {
        slipwayOverSkopeo:
          Math.round((stats['slipway-mount'].medianMs / stats['skopeo-mount'].medianMs) * 100) / 100,
        target: MOUNT_RATIO_TARGET,
        pass: stats['slipway-mount'].medianMs <= MOUNT_RATIO_TARGET * stats['skopeo-mount'].medianMs,
      },
      loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100),
    };
    await writeResults(report);
  } finally {
    for (const registry of stops) await registry.stop();
  }
}

interface Report {
  date: string;
  node: string;
  skopeo: string;
  slipway: string;
  iterations: number;
  image: { layers: number; bytes: number; layerContent: string };
  cases: Record<string, Stats>;
  slipwayStartupFloorMs?: { medianMs: number; samplesMs: number[] };
  mountRatio: { slipwayOverSkopeo: number; target: number; pass: boolean };
  loadAverageAtEnd: number[];
}

async function writeResults(report: Report): Promise<void> {
  const dir = join(ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const mb = report.image.bytes / 1e6;
  const row = (label: string, key: string) => {
    const s = report.cases[key]!;
    const rate = key.endsWith('stream') ? (mb / (s.medianMs / 1000)).toFixed(0) : '—';
    const inside = s.inProcessMedianMs === undefined ? '—' : String(s.inProcessMedianMs);
    return `| ${label} | ${s.medianMs} | ${s.minMs} | ${s.maxMs} | ${inside} | ${rate} |`;
  };
  const floor =
    report.slipwayStartupFloorMs === undefined
      ? ''
      : `\nSlipway start-up floor (${report.slipway.includes('CLI') ? '`slipway --version`: node + the CLI bundle' : '`entry.ts --noop`: node + tsx + loading the oci package'}, no copy): median ${report.slipwayStartupFloorMs.medianMs} ms.`;
  const md = `# Copy benchmark

${report.date}: ${mb.toFixed(0)} MB image (${report.image.layers} layers, incompressible), local \`docker-registry\` on 127.0.0.1.
Whole-process wall time in ms, median of ${report.iterations} (after one warm-up), cases run round-robin.
Slipway ran as: ${report.slipway}. ${report.skopeo}. Node ${report.node}.
Load average at the end: ${report.loadAverageAtEnd.join(', ')} (a shared machine: compare within a run).
Both tools ran without this machine's NODE_EXTRA_CA_CERTS (Node parses that CA file at every start, ~45 ms).${floor}

| case | median ms | min ms | max ms | copyImage in-process ms | MB/s (whole process) |
| --- | --- | --- | --- | --- | --- |
${row('(a) same registry, other repository — Slipway (mount)', 'slipway-mount')}
${row('(a) same registry, other repository — skopeo copy', 'skopeo-mount')}
${row('(b) fresh second registry — Slipway (streamed)', 'slipway-stream')}
${row('(b) fresh second registry — skopeo copy', 'skopeo-stream')}

(a) Slipway / skopeo: **${report.mountRatio.slipwayOverSkopeo}x** (target ≤ ${report.mountRatio.target}x: ${report.mountRatio.pass ? 'PASS' : 'FAIL'}).

Raw samples: \`bench/results/copy.json\`.
`;
  for (const [name, text] of [
    ['copy.json', `${JSON.stringify(report, null, 2)}\n`],
    ['copy.md', md],
  ] as const) {
    const path = join(dir, name);
    await writeFile(`${path}.tmp`, text);
    await rename(`${path}.tmp`, path);
  }
  console.log(`wrote ${relative(ROOT, dir)}/copy.json and copy.md`);
  console.log(md);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
