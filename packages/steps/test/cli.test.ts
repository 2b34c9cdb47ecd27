import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSteps, defineStep, input, outputEnvText, runCli } from '../src/index.js';
import { editDistance, nearestName } from '../src/runtime/nearest-name.js';

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
    expect((await cli(['--help'])).out).toMatch(/Commands:\n(?: {2}\w+ +.+\n)* {2}promote +Pin images/);
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
      err: expect.stringMatching(/unknown command "promot"; .*commands: .*\bpromote\b/),
    });
    const bad = await cli(['promote', '--nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^slipway promote: .*--nope.*\(see slipway promote --help\)\n$/);
  });

  it('suggests the nearest command or flag on a typo, and nothing when none is close', async () => {
    expect(await cli(['promot'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^slipway: unknown command "promot"; did you mean promote\? commands: /),
    });
    expect((await cli(['stauts'])).err).toMatch(/did you mean status\?/);
    expect((await cli(['frobnicate'])).err).not.toMatch(/did you mean/);

    const typo = await cli(['promote', '--imgae', 'r.example/shop/cart@sha256:abc']);
    expect(typo).toMatchObject({ code: 2, out: '' });
    expect(typo.err).toBe(
      'slipway promote: unknown flag --imgae; did you mean --image? (see slipway promote --help)\n',
    );
    expect((await cli(['promote', '--config-rpeo=x'])).err).toMatch(
      /unknown flag --config-rpeo; did you mean --config-repo\?/,
    );
    expect((await cli(['promote', '--jsno'])).err).toMatch(/unknown flag --jsno; did you mean --json\?/);
    const far = await cli(['promote', '--xyzzy']);
    expect(far.err).toBe('slipway promote: unknown flag --xyzzy (see slipway promote --help)\n');
  });

  it('measures typos by edit distance with swaps as one edit', () => {
    expect(editDistance('imgae', 'image')).toBe(1);
    expect(editDistance('promot', 'promote')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearestName('env', ['json', 'envs'])).toBe('envs');
    expect(nearestName('jsn', ['env', 'json'])).toBe('json');
    expect(nearestName('tag', ['to', 'from'])).toBeUndefined();
  });

  const urlSteps = allSteps.filter((step) =>
    Object.values(step.inputs).some((spec) => spec.meta.credentialsInUrl),
  );

  it('marks the config repo input of every step that takes one as a URL that may carry credentials', () => {
    const withConfigRepo = allSteps.filter((step) => step.inputs['config-repo'] !== undefined);
    expect(withConfigRepo.map((s) => s.name).sort()).toEqual(
      expect.arrayContaining(['history', 'promote', 'rollback', 'status', 'unpin', 'wait']),
    );
    for (const step of withConfigRepo)
      expect(step.inputs['config-repo']?.meta.credentialsInUrl, step.name).toBe(true);
  });

  it.each(urlSteps.map((step) => step.name))(
    '%s refuses credentials written into --config-repo on argv, without echoing them',
    async (name) => {
      for (const url of [
        'https://bot:SEKRET@127.0.0.1:9/acme/config.git',
        'https://SEKRET@127.0.0.1:9/acme/config',
        'ssh://git:SEKRET@127.0.0.1:9/acme/config.git',
      ]) {
        for (const argv of [
          [name, '--config-repo', url],
          [name, `--config-repo=${url}`],
        ]) {
          const { code, err, out } = await cli(argv);
          expect(code).toBe(2);
          expect(out).toBe('');
          expect(err).toMatch(
            new RegExp(
              `^slipway ${name}: --config-repo carries credentials in its URL, .*, or set SLIPWAY_CONFIG_REPO to the URL in the environment instead`,
            ),
          );
          expect(err).not.toContain('SEKRET');
        }
      }
    },
  );

  it('takes a config repo URL with credentials from SLIPWAY_CONFIG_REPO, and masks them', async () => {
    const { code, err } = await cli(['status', '--env', 'dev'], {
      SLIPWAY_CONFIG_REPO: 'https://bot:SEKRET@127.0.0.1:9/acme/config.git',
    });
    expect(code).toBe(1);
    expect(err).not.toMatch(/carries credentials/);
    expect(err.trimEnd().split('\n').at(-1)).toMatch(/^slipway status: error: .*127\.0\.0\.1:9/);
    expect(err).not.toContain('SEKRET');
  });

  it('takes an ssh:// config repo URL with a user name alone on argv (a user name is no secret)', async () => {
    const { err } = await cli([
      'status',
      '--env',
      'dev',
      '--config-repo',
      'ssh://git@127.0.0.1:9/acme/config.git',
    ]);
    expect(err).not.toMatch(/carries credentials/);
  });

  it('takes a config repo URL without credentials on argv', async () => {
    const { code, err } = await cli(['status', '--env', 'dev', '--config-repo', 'https://127.0.0.1:9/a@b']);
    expect(code).toBe(1);
    expect(err).not.toMatch(/carries credentials/);
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

describe('slipway context', () => {
  it('prints the detected CodeBuild context as JSON', async () => {
    const { code, out } = await cli(['context', '--json'], {
      CODEBUILD_BUILD_ID: 'p:1',
      CODEBUILD_RESOLVED_SOURCE_VERSION: 'c'.repeat(40),
      CODEBUILD_WEBHOOK_TRIGGER: 'tag/v1.2.3',
      CODEBUILD_BUILD_URL: 'https://console.example/build/1',
    });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      platform: 'codebuild',
      commit: 'c'.repeat(40),
      ref: 'refs/tags/v1.2.3',
      'run-url': 'https://console.example/build/1',
      'repository-url': null,
      actor: null,
      event: 'webhook',
    });
  });
});

describe('--output-env', () => {
  it('writes outputs a POSIX shell sources back exactly, quotes and newlines included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-outenv-'));
    try {
      const file = join(dir, 'out.env');
      const { code } = await cli(['context', '--output-env', file], {
        CODEBUILD_BUILD_ID: 'p:1',
        CODEBUILD_INITIATOR: 'it\'s "me"\n$(rm -rf /)',
      });
      expect(code).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const actor = execFileSync('sh', ['-c', `. "${file}"; printf %s "$ACTOR"`], { encoding: 'utf8' });
      expect(actor).toBe('it\'s "me"\n$(rm -rf /)');
      expect(readFileSync(file, 'utf8')).toMatch(/^PLATFORM='codebuild'$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names variables by the outputs, uppercased', () => {
    expect(outputEnvText({ 'key-fingerprint': 'ab', digest: "x'y" })).toBe(
      "KEY_FINGERPRINT='ab'\nDIGEST='x'\\''y'\n",
    );
  });
});

describe('positional arguments', () => {
  const echo = defineStep({
    name: 'echo',
    title: 'Echo',
    description: 'Echo two values.',
    branding: { icon: 'x', color: 'blue' },
    inputs: { source: input.requiredString('From.'), target: input.list('To.', { required: true }) },
    positionals: ['source', 'target'],
    outputs: {},
    prepare: (values) => values,
    run: async (values) => values,
    outputValues: () => ({}),
    json: (values) => values,
    summary: () => '',
    text: () => '',
  });

  it('fills the named inputs in order and refuses extra arguments', async () => {
    const io = (sink: { out: string; err: string }) => ({
      stdout: (t: string) => {
        sink.out += t;
      },
      stderr: (t: string) => {
        sink.err += t;
      },
      env: {},
      cwd: '/',
    });
    const ok = { out: '', err: '' };
    expect(await runCli([echo], ['echo', 'a', 'b', '--json'], io(ok), '1')).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ source: 'a', target: ['b'] });
    const extra = { out: '', err: '' };
    expect(await runCli([echo], ['echo', 'a', 'b', 'c'], io(extra), '1')).toBe(2);
    expect(extra.err).toMatch(/unexpected argument "c".*takes <source> <target>/);
  });
});
