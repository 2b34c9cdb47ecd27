/**
 * Benchmark: `slipway promote` against config repos holding a hostile file next to a normal deployment: a 40 MiB
 * manifest that names the image (it used to drive promote out of memory: 4.4 GB, exit 134), a YAML alias
 * bomb, and a legal values file of about 87,000 keys just under the size limit (the YAML library's own
 * duplicate-key check is quadratic: minutes for it). Records wall time and peak RSS (GNU time's maximum
 * resident set size) of the whole CLI process, and that each ends as it should: the first two with exit 1 and
 * a one-line error, the last promoted (exit 0), none with a V8 abort.
 *
 * Usage: node --import tsx bench/promote/hostile.ts [--size-mib 40]
 * Environment: SLIPWAY_BIN (a slipway binary; default: the built CLI bundle run by node).
 */

import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HOSTILE_IMAGE, type HostileKind, hostileRepo } from '../../test/support/hostileRepo.js';
import { CLI_BUNDLE } from '../../test/support/slipway.js';
import { REPO_ROOT } from './generate.js';
import { run } from './proc.js';

const LIMIT_MB = 1500;

interface CaseResult {
  name: string;
  code: number;
  ms: number;
  maxRssMb: number;
  error: string;
  clean: boolean;
}

async function measure(name: string, repoUrl: string, expected: number): Promise<CaseResult> {
  const bin = process.env.SLIPWAY_BIN;
  const command = bin === undefined ? [process.execPath, CLI_BUNDLE] : [bin];
  const args = [
    '-f',
    'SLIPWAY_MAXRSS_KB=%M',
    ...command,
    'promote',
    '--config-repo',
    repoUrl,
    '--env',
    'dev',
    '--image',
    `${HOSTILE_IMAGE}:1.1.0@sha256:${'1'.repeat(64)}`,
  ];
  const result = await run('/usr/bin/time', args);
  const rss = /SLIPWAY_MAXRSS_KB=(\d+)/.exec(result.stderr);
  const lines = result.stderr
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('SLIPWAY_MAXRSS_KB='));
  const error = lines.filter((line) => /^slipway \S+: error: /.test(line)).join(' | ');
  const clean =
    result.code === expected &&
    !/FATAL|Native stack|\n\s+at /.test(result.stderr) &&
    (expected === 0 || error !== '');
  return {
    name,
    code: result.code,
    ms: Math.round(result.ms),
    maxRssMb: Math.round(Number(rss?.[1] ?? 0) / 1024),
    error,
    clean,
  };
}

async function main(): Promise<void> {
  const sizeArg = process.argv.indexOf('--size-mib');
  const mib = sizeArg === -1 ? 40 : Number(process.argv[sizeArg + 1]);
  const cases: Array<[string, HostileKind, number]> = [
    [`${mib} MiB manifest naming the image`, 'huge', 1],
    ['YAML alias bomb naming the image', 'bomb', 1],
    ['values file of ~87,000 keys under the limit (promoted)', 'keys', 0],
  ];
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const results: CaseResult[] = [];
  for (const [name, kind, expected] of cases) {
    const repo = hostileRepo(kind, mib * 1024 * 1024);
    try {
      results.push(await measure(name, repo.url, expected));
    } finally {
      repo.cleanup();
    }
  }
  const cpus = os.cpus();
  const md = [
    '# promote against hostile files',
    '',
    `${new Date().toISOString()} · ${cpus.length} CPUs (${cpus[0]?.model ?? '?'}) · Node ${process.version} · load average ${load} before the run`,
    '',
    'One run each of the built CLI (`slipway promote --env dev`), whole process, peak RSS from GNU time.',
    `Target: peak RSS under ${LIMIT_MB} MB and a clean end (the hostile files: exit 1 and a one-line error; the legal one promoted, exit 0; never a V8 abort).`,
    '',
    '| case | exit | ms | peak RSS MB | clean | error |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.code} | ${r.ms} | ${r.maxRssMb} | ${r.clean && r.maxRssMb < LIMIT_MB ? 'PASS' : 'FAIL'} | ${r.error.replaceAll('|', '\\|')} |`,
    ),
    '',
    'Before the size limit (issue 12): a 40–50 MB manifest naming the image aborted V8 out of memory (4.4 GB, exit 134, a native stack trace); 10 MB took 11.8 s and 1.7 GB.',
    '',
    "Before the one-pass duplicate-key check: the ~87,000-key file had not finished after 14 minutes of one busy core (and could not be stopped by SIGTERM, since a busy event loop runs no signal handler); the YAML library's own check compares each key with every earlier one.",
    '',
  ].join('\n');
  const dir = path.join(REPO_ROOT, 'bench', 'results');
  await writeFile(path.join(dir, 'promote-hostile.md'), md);
  await writeFile(path.join(dir, 'promote-hostile.json'), `${JSON.stringify({ load, results }, null, 2)}\n`);
  process.stdout.write(md);
  if (results.some((r) => !r.clean || r.maxRssMb >= LIMIT_MB)) process.exitCode = 1;
}

await main();
