// How a docker credential helper is run: the server address on stdin (so through runProcess, which guards
// that pipe; see credential-helper.ts), and its answer, a secret, never shown.

import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCredentialHelper } from '../src/registry/credential-helper.js';

const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** `docker-credential-<name>` on a PATH of its own, a shell script with `body`. */
async function helper(name: string, body: string): Promise<NodeJS.ProcessEnv> {
  const bin = await mkdtemp(join(tmpdir(), 'slipway-helper-run-'));
  dirs.push(bin);
  const path = join(bin, `docker-credential-${name}`);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return { PATH: `${bin}:/usr/bin:/bin`, HOME: '/home/ci' };
}

async function failure(promise: Promise<unknown>): Promise<SlipwayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SlipwayError);
  return error as SlipwayError;
}

describe('running a credential helper', () => {
  it('a helper that exits without reading its stdin fails clearly, every time, and never crashes Slipway', async () => {
    // Ending stdin without an error listener (what @actions/exec does with an input) gives an uncaught
    // EPIPE in about one of three such runs: 30 runs would all pass by chance once in 100,000.
    const env = await helper('broken', 'exit 3');
    for (let run = 0; run < 30; run++) {
      const error = await failure(runCredentialHelper('broken', 'registry.example.com', { env }));
      expect(error.message).toBe('credential helper docker-credential-broken failed (exit code 3)');
    }
  });

  it('never shows what the helper printed: not in an error, not on stdout or stderr', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const refused = await helper(
      'refusing',
      `cat >/dev/null; echo '{"Username":"u","Secret":"s3cret-of-the-helper"}'; echo 's3cret-on-stderr' >&2; exit 1`,
    );
    const garbled = await helper('garbled', `cat >/dev/null; echo 'Secret=s3cret-of-the-helper'`);
    const errors = [
      await failure(runCredentialHelper('refusing', 'registry.example.com', { env: refused })),
      await failure(runCredentialHelper('garbled', 'registry.example.com', { env: garbled })),
    ];
    expect(errors.map((error) => error.message)).toEqual([
      'credential helper docker-credential-refusing failed (exit code 1)',
      'credential helper docker-credential-garbled did not print JSON',
    ]);
    for (const error of errors)
      expect(JSON.stringify({ ...error, message: error.message })).not.toMatch(/s3cret/);
    const written = [...stdout.mock.calls, ...stderr.mock.calls].map((call) => String(call[0])).join('');
    expect(written).not.toMatch(/s3cret/);
  });
});
