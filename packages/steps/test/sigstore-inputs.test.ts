// The Sigstore inputs sign and build share: flags given where no bundle is signed are refused, while the same
// URLs from the runner's environment (SLIPWAY_FULCIO_URL, …: a private Sigstore for every job) never are.

import { describe, expect, it } from 'vitest';
import { allSteps, runCli } from '../src/index.js';

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await runCli(
    allSteps,
    args,
    { stdout: () => {}, stderr: (t) => (err += t), env, cwd: process.cwd() },
    '9.9.9',
  );
  return { code, err };
}

const PRIVATE_SIGSTORE = {
  SLIPWAY_FULCIO_URL: 'https://fulcio.internal.example',
  SLIPWAY_REKOR_URL: 'https://rekor.internal.example',
  SLIPWAY_TSA_URL: 'https://tsa.internal.example/api/v1/timestamp',
};

describe('Sigstore inputs', () => {
  it('sign with a key: an explicit --fulcio-url is refused, the runner’s SLIPWAY_FULCIO_URL is not', async () => {
    const given = await cli([
      'sign',
      'oci:/nonexistent/layout:v1',
      '--key',
      '/nonexistent/cosign.key',
      '--fulcio-url',
      'https://f.example',
    ]);
    expect(given.code).toBe(1);
    expect(given.err).toContain('--fulcio-url is for keyless signing');

    const fromEnv = await cli(
      ['sign', 'oci:/nonexistent/layout:v1', '--key', '/nonexistent/cosign.key'],
      PRIVATE_SIGSTORE,
    );
    expect(fromEnv.code).toBe(1);
    // It gets as far as the key.
    expect(fromEnv.err).not.toMatch(/fulcio|rekor|tsa-url/i);
    expect(fromEnv.err).toContain('/nonexistent/cosign.key');
  });

  it('build: a Sigstore flag without --provenance is refused, the runner’s URLs are not', async () => {
    const given = await cli([
      'build',
      '--repository',
      'oci:/nonexistent/out',
      '--rekor-url',
      'https://r.example',
    ]);
    expect(given.code).toBe(1);
    expect(given.err).toContain(
      '--rekor-url applies to the provenance, which build signs only with --provenance',
    );

    const key = await cli(['build', '--repository', 'oci:/nonexistent/out', '--provenance-key', 'k.key']);
    expect(key.err).toContain(
      '--provenance-key signs the provenance, which build writes only with --provenance',
    );

    const fromEnv = await cli(
      [
        'build',
        '--repository',
        'oci:/nonexistent/out',
        '--context',
        '/nonexistent/context',
        '--builder',
        'files',
      ],
      PRIVATE_SIGSTORE,
    );
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.err).not.toMatch(/rekor|fulcio|tsa-url|provenance/i);
  });

  it('build --provenance outside GitHub Actions is refused before anything is built', async () => {
    const run = await cli([
      'build',
      '--repository',
      'oci:/nonexistent/out',
      '--context',
      '/nonexistent/context',
      '--provenance',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('--provenance: build provenance describes a GitHub Actions workflow run');
    expect(run.err).not.toContain('/nonexistent/context');
  });
});
