import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingTokenError, tokenFix } from '@slipway/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allSteps, promoteStep, runAction, runCli, waitStep } from '../src/index.js';

const IMAGE = `registry.example.com/shop/cart@sha256:${'a'.repeat(64)}`;
const COMMIT = 'b'.repeat(40);
const CONFIG_REPO = 'https://github.com/shop/config.git';
// biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a JS placeholder
const GITHUB_TOKEN_EXPRESSION = '${{ github.token }}';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    allSteps,
    argv,
    { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, cwd: process.cwd() },
    '9.9.9',
  );
  return { code, out, err };
}

describe('the missing-token error', () => {
  it('tells a CLI user which variables to set and with which permissions, never --token', async () => {
    const api = await cli([
      'promote',
      ...['--config-repo', CONFIG_REPO, '--env', 'dev', '--image', IMAGE, '--via', 'github-api'],
    ]);
    expect(api.code).toBe(1);
    expect(api.err).toBe(
      'slipway promote: error: shop/config: promoting through the GitHub API (--via github-api) needs a GitHub token; set SLIPWAY_TOKEN or GITHUB_TOKEN in the environment to a token with contents: write, pull-requests: write on the config repo\n',
    );
    const wait = await cli(['wait', '--config-repo', CONFIG_REPO, '--commit', COMMIT]);
    expect(wait.code).toBe(1);
    expect(wait.err).toBe(
      `slipway wait: error: no GitHub token to read the commit statuses with; ${tokenFix('cli', ['statuses: read', 'checks: read'])}\n`,
    );
    expect(wait.err).toMatch(/set SLIPWAY_TOKEN or GITHUB_TOKEN .* statuses: read, checks: read/);
  });

  it('phrases one wording per face', () => {
    const error = new MissingTokenError('x needs a GitHub token', { permissions: ['contents: write'] });
    expect(error.fix).toBe(tokenFix('cli', ['contents: write']));
    const action = error.forFace('action');
    expect(action).toBeInstanceOf(MissingTokenError);
    expect(action.oneLine()).toBe(
      `x needs a GitHub token; pass the action's \`token\` input: \`${GITHUB_TOKEN_EXPRESSION}\` when the config repo is this repository (with \`permissions: {contents: write}\` on the job), else a GitHub App or fine-grained token with contents: write on the config repo (SLIPWAY_TOKEN or GITHUB_TOKEN in the step's env work too)`,
    );
  });

  describe('in an action', () => {
    let dir: string;
    let stdout: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'slipway-missing-token-'));
      for (const file of ['output', 'summary']) writeFileSync(join(dir, file), '');
      vi.stubEnv('GITHUB_OUTPUT', join(dir, 'output'));
      vi.stubEnv('GITHUB_STEP_SUMMARY', join(dir, 'summary'));
      stdout = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        return true;
      });
    });
    afterEach(() => {
      vi.restoreAllMocks();
      vi.unstubAllEnvs();
      process.exitCode = 0;
      rmSync(dir, { recursive: true, force: true });
    });

    it('names the token input, github.token and the job permissions', async () => {
      await runAction(promoteStep, {
        GITHUB_ACTIONS: 'true',
        'INPUT_CONFIG-REPO': CONFIG_REPO,
        INPUT_ENV: 'dev',
        INPUT_IMAGE: IMAGE,
        INPUT_VIA: 'github-api',
      });
      expect(process.exitCode).toBe(1);
      expect(stdout).toContain(
        `::error::shop/config: promoting through the GitHub API (--via github-api) needs a GitHub token; pass the action's \`token\` input: \`${GITHUB_TOKEN_EXPRESSION}\` when the config repo is this repository (with \`permissions: {contents: write, pull-requests: write}\` on the job)`,
      );
      expect(stdout).not.toContain('set SLIPWAY_TOKEN or GITHUB_TOKEN in the environment');
      expect(readFileSync(join(dir, 'output'), 'utf8')).toBe('');

      stdout = '';
      await runAction(waitStep, {
        GITHUB_ACTIONS: 'true',
        'INPUT_CONFIG-REPO': CONFIG_REPO,
        INPUT_COMMIT: COMMIT,
      });
      expect(stdout).toContain(
        `::error::no GitHub token to read the commit statuses with; pass the action's \`token\` input: \`${GITHUB_TOKEN_EXPRESSION}\` when the config repo is this repository (with \`permissions: {statuses: read, checks: read}\` on the job)`,
      );
    });
  });
});
