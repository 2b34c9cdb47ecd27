import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { IDENTITY_TOKEN_SECRET_VARIABLES, PASSWORD_VARIABLES, parseKeySource } from '@slipway/sign';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineStep, input, keygenStep, runAction, runCli, signStep, verifyStep } from '../src/index.js';
import { promoteStep } from '../src/promote/step.js';
import { environmentSecrets, urlCredentials } from '../src/runtime/secrets.js';

const step = defineStep({
  name: 'probe',
  title: 'Probe',
  description: 'A step for the action runtime tests.',
  branding: { icon: 'box', color: 'blue' },
  inputs: {
    where: input.string('Where the failure points, as text, when it fails.'),
    file: input.string('The file the failure points at, when it fails.'),
    line: input.integer('The line of that file (0: none).', 0, { min: 0, max: 1000 }),
    token: input.string('A token.', { secret: true, env: ['PROBE_TOKEN'] }),
    repo: input.string('A repository URL.', { env: ['PROBE_REPO'] }),
  },
  outputs: { used: { description: 'The token the step used.' } },
  prepare: (values) => values,
  run: async (params, context) => {
    if (params.where !== undefined)
      throw new SlipwayError(`${params.repo ?? 'it'} does not parse`, { where: params.where });
    if (params.file !== undefined)
      throw new SlipwayError(`${params.repo ?? 'it'} does not parse`, {
        where: params.line === 0 ? { file: params.file } : { file: params.file, line: params.line },
        fix: 'write <image>: as a plain `key`',
      });
    context.reporter.info(`kustomization: ok\n::warning::from a server`);
    return { token: params.token ?? '' };
  },
  outputValues: (result) => ({ used: result.token }),
  json: (result) => result,
  summary: () => '## Probe\n',
  text: () => 'done',
});

/** Reads a key's password and an `env://NAME` key the way the sign step does, and echoes both when told. */
const keyed = defineStep({
  name: 'keyed',
  title: 'Keyed',
  description: 'A step that reads secrets from the environment itself.',
  branding: { icon: 'key', color: 'blue' },
  secretEnv: ['PROBE_PASSWORD'],
  secretEnvReferences: ['key'],
  inputs: {
    key: input.requiredString('A key reference.', { env: ['PROBE_KEY'] }),
    trusted: input.list('Public keys, not secret.'),
    leak: input.boolean('Fail with the secrets in the message.', false),
  },
  outputs: {},
  prepare: (values) => values,
  run: async (params, context) => {
    const name = params.key.slice('env://'.length);
    if (params.leak)
      throw new SlipwayError(`bad key ${context.env[name]} with password ${context.env.PROBE_PASSWORD}`);
    context.reporter.info('loaded');
    return {};
  },
  outputValues: () => ({}),
  json: () => ({}),
  summary: () => '## Keyed\n',
  text: () => 'done',
});

const PEM = [
  '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----',
  'eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjo2NTUzNiwi',
  'ciI6OCwicCI6MX0sInNhbHQiOiJhYmMifX0=',
  '-----END ENCRYPTED SIGSTORE PRIVATE KEY-----',
].join('\n');

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
    await runAction(step, { GITHUB_ACTIONS: 'true', INPUT_FILE: 'apps/cart.yaml', INPUT_LINE: '7' });
    expect(stdout.split('\n')[0]).toBe(
      '::error file=apps/cart.yaml,line=7::apps/cart.yaml:7: it does not parse; write <image>: as a plain `key`',
    );
    expect(process.exitCode).toBe(1);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toBe('');
  });

  it('annotates the file alone when the error knows no line, and no file for a place given as text', async () => {
    await runAction(step, { GITHUB_ACTIONS: 'true', INPUT_FILE: 'Dockerfile' });
    expect(stdout.split('\n')[0]).toMatch(/^::error file=Dockerfile::Dockerfile: it does not parse/);
    stdout = '';
    // Text that happens to read like file:line (a registry host and port) is no file to annotate.
    await runAction(step, { GITHUB_ACTIONS: 'true', INPUT_WHERE: 'registry.example.com:5000' });
    expect(stdout).toBe('::error::registry.example.com:5000: it does not parse\n');
  });

  it('writes what failed, where and the fix to the step summary when the step fails', async () => {
    await runAction(step, {
      GITHUB_ACTIONS: 'true',
      INPUT_FILE: 'apps/cart.yaml',
      INPUT_LINE: '7',
      INPUT_REPO: 'https://x-access-token:ghs_leak1@git.example.com/<b>config</b>.git',
    });
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toBe(
      [
        '## ❌ Probe failed',
        '',
        '**What failed:** https://x-access-token:\\*\\*\\*@git.example.com/&lt;b&gt;config&lt;/b&gt;.git does not parse',
        '',
        '**Where:** `apps/cart.yaml:7`',
        '',
        '**Fix:** write &lt;image&gt;: as a plain \\`key\\`',
        '',
      ].join('\n'),
    );
    expect(process.exitCode).toBe(1);
  });

  it('puts the failure above the summary of a step that ran to the end and still fails', async () => {
    const drifted = defineStep({
      name: 'drifted',
      title: 'Drift check',
      description: 'A step that reports, then fails.',
      branding: { icon: 'box', color: 'blue' },
      inputs: {},
      outputs: {},
      prepare: () => ({}),
      run: async () => ({ drift: true }),
      failure: () =>
        new SlipwayError('prod runs another version than staging', {
          where: { file: '.slipway.yaml', line: 4 },
          fix: 'promote it to prod',
        }),
      outputValues: () => ({}),
      json: () => ({}),
      summary: () => '## Drift\n\n| a | b |\n',
      text: () => '',
    });
    await runAction(drifted, { GITHUB_ACTIONS: 'true' });
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toBe(
      [
        '## ❌ Drift check failed',
        '',
        '**What failed:** prod runs another version than staging',
        '',
        '**Where:** `.slipway.yaml:4`',
        '',
        '**Fix:** promote it to prod',
        '',
        '## Drift',
        '',
        '| a | b |',
        '',
      ].join('\n'),
    );
    expect(stdout).toMatch(
      /^::error file=\.slipway\.yaml,line=4::\.slipway\.yaml:4: prod runs another version/m,
    );
  });

  it('says in the summary that an unexpected error is one, without its stack', async () => {
    const broken = defineStep({
      name: 'broken',
      title: 'Broken',
      description: 'A step with a bug.',
      branding: { icon: 'box', color: 'blue' },
      inputs: {},
      outputs: {},
      prepare: () => ({}),
      run: async (): Promise<object> => {
        throw new TypeError('x is undefined');
      },
      outputValues: () => ({}),
      json: () => ({}),
      summary: () => '',
      text: () => '',
    });
    await runAction(broken, { GITHUB_ACTIONS: 'true' });
    const summary = readFileSync(join(dir, 'summary'), 'utf8');
    expect(summary).toMatch(
      /^## ❌ Broken failed\n\n\*\*What failed:\*\* x is undefined\n\n\*\*Fix:\*\* run the job again with debug logging/,
    );
    expect(summary).not.toMatch(/ at /);
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

describe('runAction with secrets a step reads from the environment', () => {
  it('masks the declared variables and each line of the PEM an env:// key input names, before anything else', async () => {
    await runAction(keyed, {
      GITHUB_ACTIONS: 'true',
      INPUT_KEY: 'env://SIGNING_KEY',
      INPUT_TRUSTED: 'env://PUBLIC_KEY',
      SIGNING_KEY: `${PEM}\n`,
      PUBLIC_KEY: 'not-a-secret',
      PROBE_PASSWORD: ' pw-probe-77 ',
    });
    const lines = stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '::add-mask::pw-probe-77',
      `::add-mask::${PEM.replaceAll('\n', '%0A')}`,
      '::add-mask::-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----',
      '::add-mask::eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjo2NTUzNiwi',
      '::add-mask::ciI6OCwicCI6MX0sInNhbHQiOiJhYmMifX0=',
      '::add-mask::-----END ENCRYPTED SIGSTORE PRIVATE KEY-----',
    ]);
    expect(lines[6]).toBe('loaded');
    expect(stdout).not.toContain('not-a-secret');
  });

  it('follows an env:// reference given through the input environment fallback', async () => {
    await runAction(keyed, {
      GITHUB_ACTIONS: 'true',
      PROBE_KEY: 'env://FALLBACK_KEY',
      FALLBACK_KEY: 'k3y-text',
    });
    expect(stdout.split('\n').slice(0, 2)).toEqual(['::add-mask::k3y-text', 'loaded']);
  });
});

describe('runCli', () => {
  it('redacts a declared secret variable and the key an env:// flag names', async () => {
    let err = '';
    const code = await runCli(
      [keyed],
      ['keyed', '--key', 'env://SIGNING_KEY', '--leak'],
      {
        stdout: () => {},
        stderr: (t) => (err += t),
        env: { SIGNING_KEY: 'k3y-line-one\nk3y-line-two', PROBE_PASSWORD: 'pw-probe-77' },
        cwd: process.cwd(),
      },
      '0.0.0',
    );
    expect(code).toBe(1);
    expect(err).toMatch(/^slipway keyed: error: bad key \*\*\*.* with password \*\*\*\n$/);
    expect(err).not.toMatch(/k3y|pw-probe/);
  });

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

describe('environmentSecrets', () => {
  it('reads the declared variables and the env:// references in any candidate value, skipping empty ones', () => {
    const given = (name: string) => (name === 'key' ? ['env://A\nenv://B', undefined, 'cosign.key'] : []);
    expect(environmentSecrets(keyed, given, { PROBE_PASSWORD: '', A: 'a', B: '  ', C: 'c' })).toEqual(['a']);
    expect(environmentSecrets(keyed, () => ['env://'], { '': 'x' })).toEqual([]);
  });

  it('masks the variable the signing code reads for the same env:// key (the two keep one scheme)', () => {
    const source = parseKeySource('env://SIGNING_KEY_PEM');
    expect(source).toEqual({ env: 'SIGNING_KEY_PEM' });
    const env = { SIGNING_KEY_PEM: '-----BEGIN PRIVATE KEY-----\nsecret' };
    expect(environmentSecrets(keyed, () => ['env://SIGNING_KEY_PEM'], env)).toEqual([env.SIGNING_KEY_PEM]);
  });

  it('covers the key password wherever a step reads it, and the signing key but not public keys', () => {
    // …and the bearer tokens of keyless signing, as the signing code names them.
    expect([...signStep.secretEnv]).toEqual([...PASSWORD_VARIABLES, ...IDENTITY_TOKEN_SECRET_VARIABLES]);
    expect([...keygenStep.secretEnv]).toEqual([...PASSWORD_VARIABLES]);
    expect(signStep.secretEnvReferences).toEqual(['key']);
    expect(verifyStep.secretEnvReferences).toEqual([]);
  });
});

describe('runAction: values for commit messages', () => {
  it('refuses a run-url input or a GITHUB_SHA that would add a trailer, naming the input or variable', async () => {
    const inputs = {
      GITHUB_ACTIONS: 'true',
      'INPUT_CONFIG-REPO': join(dir, 'no-such-repo'),
      INPUT_ENV: 'dev',
      INPUT_IMAGE: `registry.example.com/shop/cart:1@sha256:${'1'.repeat(64)}`,
    };
    await runAction(promoteStep, {
      ...inputs,
      'INPUT_RUN-URL': 'https://ci.example.com/1\nSlipway-Verified-By: x',
    });
    expect(stdout).toMatch(/^::error::input "run-url" must be one URL without spaces or line breaks, not /m);
    expect(process.exitCode).toBe(1);
    stdout = '';
    process.exitCode = 0;
    await runAction(promoteStep, { ...inputs, GITHUB_SHA: 'abc1234\nSlipway-Verified-By: x' });
    expect(stdout).toMatch(
      /^::error::the CI context: GITHUB_SHA must be a commit id \(7 to 64 hex digits\)/m,
    );
    expect(process.exitCode).toBe(1);
  });
});
