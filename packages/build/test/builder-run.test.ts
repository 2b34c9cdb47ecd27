// How a builder binary is run (through runTool, over @actions/exec): a fake buildah on a temporary PATH
// records what it was given and prints a build log.

import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnvironment } from '@slipway/process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildWithBuildah } from '../src/index.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A buildah that logs each call's argv and environment, prints a build log and writes the push digest. */
const FAKE_BUILDAH = `#!/bin/sh
record="$(dirname "$0")/calls"
printf '%s\\n' "$*" >> "$record.argv"
env >> "$record.env"
echo '--' >> "$record.env"
for arg in "$@"; do
  case "$arg" in
    bud) printf 'STEP 1/2: FROM scratch\\n'; printf 'time="x" level=warning msg="on stderr"\\n' >&2; printf 'STEP 2/2: COPY . /\\n' ;;
  esac
done
while [ $# -gt 0 ]; do
  if [ "$1" = --digestfile ]; then printf '${DIGEST}' > "$2"; echo 'Writing manifest to image destination'; fi
  shift
done
`;

describe('builders run through runTool', () => {
  it('buildah: its log goes to onLog line by line, nothing to stdout, and it sees only the builder allow-list', async () => {
    const root = await mkdtemp(join(tmpdir(), 'slipway-builder-run-'));
    dirs.push(root);
    const bin = join(root, 'bin');
    const context = join(root, 'context');
    await mkdir(bin);
    await mkdir(context);
    await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY . /\n');
    await writeFile(join(bin, 'buildah'), FAKE_BUILDAH);
    await chmod(join(bin, 'buildah'), 0o755);
    const env = {
      PATH: `${bin}:/usr/bin:/bin`,
      HOME: '/home/ci',
      RUNNER_TRACKING_ID: 'github_the-job',
      SLIPWAY_TOKEN: 'slipway-token-not-for-builders',
      GITHUB_TOKEN: 'ghs_github-token-not-for-builders',
      COSIGN_PASSWORD: 'cosign-password-not-for-builders',
    };
    const written = vi.spyOn(process.stdout, 'write');
    const log: string[] = [];
    const built = await buildWithBuildah({
      context,
      output: { type: 'layout', dir: join(root, 'layout'), tag: 'latest' },
      env,
      onLog: (line) => log.push(line),
    });
    expect(built.digest).toBe(DIGEST);
    expect(written).not.toHaveBeenCalled();
    // stdout's lines in their order; stderr's comes through its own pipe, so anywhere between them.
    const stderrLine = 'time="x" level=warning msg="on stderr"';
    expect(log.filter((line) => line !== stderrLine)).toEqual([
      'STEP 1/2: FROM scratch',
      'STEP 2/2: COPY . /',
      'Writing manifest to image destination',
    ]);
    expect(log.filter((line) => line === stderrLine)).toHaveLength(1);
    const calls = (await readFile(join(bin, 'calls.argv'), 'utf8')).trim().split('\n');
    expect(calls.map((call) => call.split(' ')[2])).toEqual(['bud', 'push', 'rmi']);
    const environments = (await readFile(join(bin, 'calls.env'), 'utf8')).split('--\n').filter(Boolean);
    expect(environments).toHaveLength(3);
    const allowed = Object.keys(childEnvironment('builder', env)).sort();
    for (const text of environments) {
      const names = text
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => line.slice(0, line.indexOf('=')))
        // sh sets these itself.
        .filter((name) => !['PWD', 'SHLVL', 'OLDPWD', '_'].includes(name));
      expect(names.sort()).toEqual(allowed);
      expect(text).toContain('RUNNER_TRACKING_ID=github_the-job');
      expect(text).not.toMatch(/not-for-builders/);
    }
  });
});
