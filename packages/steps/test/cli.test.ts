import { describe, expect, it } from 'vitest';
import { allSteps, runCli } from '../src/index.js';

async function cli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    allSteps,
    argv,
    { stdout: (t) => (out += t), stderr: (t) => (err += t), env, cwd: process.cwd() },
    '9.9.9',
  );
  return { code, out, err };
}

describe('runCli', () => {
  it('lists commands and prints the version', async () => {
    expect((await cli(['--help'])).out).toMatch(/Commands:\n {2}promote {2}/);
    expect(await cli(['--version'])).toMatchObject({ code: 0, out: '9.9.9\n' });
  });

  it('prints help generated from the step definition', async () => {
    const { code, out } = await cli(['promote', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(
      /--config-repo <value> +Config repo to promote in: .*\[required; env: SLIPWAY_CONFIG_REPO\]/,
    );
    expect(out).toMatch(
      /--pin <tag\+digest\|digest\|tag> +How references are written\. \[default: tag\+digest\]/,
    );
    expect(out).toMatch(/\(env SLIPWAY_TOKEN \| GITHUB_TOKEN\) +HTTPS token/);
    expect(out).toMatch(/Outputs \(in --json, and as action outputs\):\n {2}commit: /);
  });

  it('refuses unknown commands and flags with exit 2 and a hint', async () => {
    expect(await cli(['promot'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/unknown command "promot"; commands: promote/),
    });
    const bad = await cli(['promote', '--nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^slipway promote: .*--nope.*\(see slipway promote --help\)\n$/);
  });

  it('masks secret environment values in error lines', async () => {
    const { code, err, out } = await cli(
      ['promote', '--env', 'dev', '--image', 'x:1', '--config-repo', 'https://host/SEKRET/repo'],
      {
        SLIPWAY_TOKEN: 'SEKRET',
      },
    );
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).not.toContain('SEKRET');
  });
});
