import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineStep, input, runAction, runCli } from '../src/index.js';
import { urlCredentials } from '../src/runtime/secrets.js';

const step = defineStep({
  name: 'probe',
  title: 'Probe',
  description: 'A step for the action runtime tests.',
  branding: { icon: 'box', color: 'blue' },
  inputs: {
    where: input.string('Where the failure points, when it fails.'),
    token: input.string('A token.', { secret: true, env: ['PROBE_TOKEN'] }),
    repo: input.string('A repository URL.', { env: ['PROBE_REPO'] }),
  },
  outputs: { used: { description: 'The token the step used.' } },
  prepare: (values) => values,
  run: async (params, context) => {
    if (params.where !== undefined)
      throw new SlipwayError(`${params.repo ?? 'it'} does not parse`, { where: params.where });
    context.reporter.info(`kustomization: ok\n::warning::from a server`);
    return { token: params.token ?? '' };
  },
  outputValues: (result) => ({ used: result.token }),
  json: (result) => result,
  summary: () => '## Probe\n',
  text: () => 'done',
});

let dir: string;
let stdout: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-action-runtime-'));
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

describe('runAction', () => {
  it('masks a secret input as the step uses it (trimmed) before printing anything', async () => {
    await runAction(step, {
      GITHUB_ACTIONS: 'true',
      INPUT_TOKEN: 'ghs_probe123\n',
      PROBE_TOKEN: ' ghs_env456 ',
    });
    const lines = stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['::add-mask::ghs_probe123', '::add-mask::ghs_env456']);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toMatch(
      /^used<<ghadelimiter_[0-9a-f-]+\nghs_probe123\n/,
    );
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toMatch(/^## Probe\n/);
    expect(process.exitCode).not.toBe(1);
  });

  it('prints progress that looks like a workflow command without the runner obeying it', async () => {
    await runAction(step, { GITHUB_ACTIONS: 'true' });
    expect(stdout).toMatch(
      /\n?::stop-commands::(slipway-[0-9a-f-]+)\nkustomization: ok\n::warning::from a server\n::\1::\n/,
    );
  });

  it('fails with exit code 1 and an annotation at the file and line the error names', async () => {
    await runAction(step, { GITHUB_ACTIONS: 'true', INPUT_WHERE: 'apps/cart.yaml:7' });
    expect(stdout).toBe('::error file=apps/cart.yaml,line=7::apps/cart.yaml:7: it does not parse\n');
    expect(process.exitCode).toBe(1);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toBe('');
  });

  it('masks credentials written into a URL input, which no input declares secret', async () => {
    await runAction(step, {
      GITHUB_ACTIONS: 'true',
      INPUT_REPO: 'https://x-access-token:ghs_in%2Burl@git.example.com/config.git',
      PROBE_REPO: 'https://ghs_lone@git.example.com/other.git',
      INPUT_WHERE: 'here',
    });
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      '::add-mask::ghs_in%252Burl', // % is escaped in workflow commands
      '::add-mask::ghs_in+url',
      '::add-mask::ghs_lone',
    ]);
  });
});

describe('runCli', () => {
  it('redacts credentials written into a URL flag or its environment fallback', async () => {
    let err = '';
    const code = await runCli(
      [step],
      ['probe', '--repo', 'https://bot:pw-in-flag@git.example.com/config.git', '--where', 'x'],
      { stdout: () => {}, stderr: (t) => (err += t), env: { PROBE_REPO: 'unused' }, cwd: process.cwd() },
      '0.0.0',
    );
    expect(code).toBe(1);
    expect(err).toBe('slipway probe: error: x: https://bot:***@git.example.com/config.git does not parse\n');
  });
});

describe('urlCredentials', () => {
  it('finds the token of http(s) URLs, encoded and decoded, and nothing in other values', () => {
    expect(urlCredentials('https://user:t%40k@host/r.git')).toEqual(['t%40k', 't@k']);
    expect(urlCredentials(['http://tok@127.0.0.1:8080/r', 'https://host/r'])).toEqual(['tok']);
    expect(urlCredentials('git@github.com:acme/config.git')).toEqual([]);
    expect(urlCredentials('ssh://git@host/r')).toEqual([]);
    expect(urlCredentials('https://host/a@b')).toEqual([]);
    expect(urlCredentials(true)).toEqual([]);
  });
});
