// The CodeBuild examples users copy (workflows/codebuild), run for real: pipeline.yml's CodeBuild actions in
// stage order, each buildspec's phases in one bash -e shell with CodeBuild's variables, against a local
// registry (for ECR), a local key pair (for KMS) and a config repo behind git http-backend with basic auth
// (the token comes from the buildspec's secrets-manager entry, stubbed). So the examples cannot rot.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareRepo, listCommits, readFileAt } from './support/bareRepo.js';
import {
  type BuildspecRun,
  codebuildRunUrl,
  codebuildVariables,
  loadBuildspec,
  loadPipeline,
  type PipelineBuildAction,
  resolvePipelineVariables,
  runBuildspec,
  writeShims,
} from './support/codebuild.js';
import { type GitHttpServer, startGitHttpServer } from './support/gitHttpServer.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { ROOT, runSlipway } from './support/slipway.js';

const DIR = join(ROOT, 'workflows', 'codebuild');
const BUILDSPECS = ['buildspec-build.yml', 'buildspec-sign.yml', 'buildspec-promote.yml'];
const PIPELINE = join(DIR, 'pipeline.yml');

describe.each(BUILDSPECS)('workflows/codebuild/%s', (name) => {
  const file = join(DIR, name);
  const text = readFileSync(file, 'utf8');

  it('is a valid 0.2 buildspec on bash with Node 20', () => {
    const spec = loadBuildspec(file);
    expect(spec.env.shell).toBe('bash');
    expect(spec.env['exported-variables'].length).toBeGreaterThan(0);
    expect(text).toMatch(/runtime-versions:\n\s+nodejs: 20/);
  });

  it('runs slipway only as `npx -y @slipway/cli@1` and needs neither the AWS CLI nor docker login', () => {
    const spec = loadBuildspec(file);
    const commands = Object.values(spec.phases).flatMap((p) => p?.commands ?? []);
    const lines = commands.flatMap((c) => c.split('\n')).map((l) => l.trim());
    const calls = lines.filter((l) => /^(?:npx|slipway)\s/.test(l));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatch(/^npx -y @slipway\/cli@1 (build|sign|verify|promote) /);
    expect(commands.join('\n')).not.toMatch(/\baws |docker login/);
  });

  it('keeps secrets out of env.variables', () => {
    const spec = loadBuildspec(file);
    for (const key of Object.keys(spec.env.variables)) {
      expect(key).not.toMatch(/TOKEN|PASSWORD|SECRET/);
    }
  });
});

describe('workflows/codebuild/pipeline.yml', () => {
  it('runs build, sign and promote in that order, each wired to what the earlier ones export', () => {
    const actions = loadPipeline(PIPELINE);
    expect(actions.map((a) => a.buildspec)).toEqual(BUILDSPECS.map((b) => `workflows/codebuild/${b}`));
    const exported: Record<string, string[]> = {};
    for (const action of actions) {
      expect(existsSync(join(ROOT, action.buildspec)), action.buildspec).toBe(true);
      for (const value of Object.values(action.actionVariables)) {
        for (const [, ns, key] of value.matchAll(/#\{(\w+)\.(\w+)\}/g)) {
          expect(exported[ns ?? ''], `#{${ns}.${key}} in ${action.name}`).toContain(key);
        }
      }
      if (action.namespace !== undefined) {
        exported[action.namespace] = [
          ...loadBuildspec(join(ROOT, action.buildspec)).env['exported-variables'],
        ];
      }
    }
  });
});

// CI installs the registry (scripts/setup): there a missing one fails instead of skipping.
const skip = !registryBinaries().registry && process.env.CI !== 'true';
const canBuildah = (() => {
  try {
    execFileSync('buildah', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const TOKEN_SECRET = 'slipway/config-repo:token';
const TOKEN = 'ghs_codebuildTestToken0123456789';
const PASSWORD = 'codebuild-test';

describe.skipIf(skip)('pipeline.yml on CodeBuild, for real against a local registry and config repo', () => {
  let registry: TestRegistry;
  let git: GitHttpServer;
  let dir: string;
  let src: string;
  let commit: string;
  let configPath: string;
  let fingerprint: string;
  let shims: string;
  let local: Record<string, string>;
  let repository: string;
  let buildNumber = 0;
  const namespaces: Record<string, Record<string, string>> = {};
  const runs: Record<string, { run: BuildspecRun; vars: Record<string, string> }> = {};

  /** Runs one pipeline action as CodePipeline would: project variables, then the action's, resolved. */
  async function runAction(
    action: PipelineBuildAction,
    extra: Record<string, string> = {},
  ): Promise<{ run: BuildspecRun; vars: Record<string, string> }> {
    buildNumber += 1;
    const vars = codebuildVariables({
      project: `cart-${action.name.toLowerCase()}`,
      buildNumber,
      commit,
      srcDir: src,
    });
    // The template's project variables are CloudFormation values (ECR URI, KMS alias): each must have a
    // local stand-in, or the run would try AWS.
    for (const key of Object.keys(action.projectVariables)) {
      expect(local[key], `local stand-in for ${action.buildspec}'s project variable ${key}`).toBeDefined();
    }
    const run = await runBuildspec({
      file: join(ROOT, action.buildspec),
      srcDir: src,
      codebuild: vars,
      variables: { ...local, ...resolvePipelineVariables(action.actionVariables, namespaces), ...extra },
      secrets: { [TOKEN_SECRET]: TOKEN },
      shims,
    });
    return { run, vars };
  }

  beforeAll(async () => {
    registry = await startRegistry();
    dir = mkdtempSync(join(tmpdir(), 'slipway-codebuild-'));
    shims = writeShims(join(dir, 'shims'));
    mkdirSync(join(dir, 'tmp'));
    repository = `${registry.host}/shop/cart`;

    // The app repo as CodePipeline's CODEBUILD_CLONE_REF checks it out: a git clone at one commit.
    src = join(dir, 'src');
    mkdirSync(join(src, 'site'), { recursive: true });
    writeFileSync(join(src, 'Dockerfile'), 'FROM scratch\nCOPY site/ /srv/\n');
    writeFileSync(join(src, 'site', 'index.html'), '<h1>cart</h1>\n');
    const gitEnv = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.test',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.test',
    };
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: src, env: gitEnv });
    execFileSync('git', ['add', '.'], { cwd: src, env: gitEnv });
    execFileSync('git', ['commit', '-q', '-m', 'cart'], { cwd: src, env: gitEnv });
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: src, encoding: 'utf8' }).trim();

    // The release key (KMS in AWS; a cosign key pair here).
    const keygen = await runSlipway(['keygen', '--output-prefix', join(dir, 'release'), '--json'], {
      env: { SLIPWAY_KEY_PASSWORD: PASSWORD },
    });
    expect(keygen.code, keygen.stderr).toBe(0);
    fingerprint = (JSON.parse(keygen.stdout) as { keyFingerprint: string }).keyFingerprint;

    // The config repo: the policy requires the release key's signature for dev; staging follows dev.
    const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${repository}:0.0.1\n`;
    const root = join(dir, 'git');
    mkdirSync(root);
    const config = createBareRepo({
      tmpRoot: root,
      name: 'config.git',
      defaultBranch: 'main',
      branches: {
        main: {
          '.slipway.yaml': `version: 1\nenvironments:\n  dev:\n    require:\n      signatures:\n        keys:\n          - path: keys/release.pub\n  staging:\n    promoteFrom: dev\n`,
          'keys/release.pub': readFileSync(join(dir, 'release.pub'), 'utf8'),
        },
        'env/dev': { 'apps/cart/deployment.yaml': deployment },
        'env/staging': { 'apps/cart/deployment.yaml': deployment },
      },
    });
    configPath = config.path;
    git = await startGitHttpServer({
      root: join(configPath, '..'),
      username: 'x-access-token',
      password: TOKEN,
    });

    // Local stand-ins for what the template gives each project in AWS.
    const storage = join(dir, 'containers');
    writeFileSync(
      join(dir, 'storage.conf'),
      `[storage]\ndriver = "vfs"\ngraphroot = "${storage}/root"\nrunroot = "${storage}/run"\n`,
    );
    local = {
      IMAGE_REPOSITORY: repository,
      BUILDER: canBuildah ? 'buildah' : 'files',
      BUILD_CONTEXT: canBuildah ? '.' : 'site',
      CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
      SIGNING_KEY: join(dir, 'release.key'),
      VERIFY_KEY: join(dir, 'release.pub'),
      SLIPWAY_KEY_PASSWORD: PASSWORD,
      CONFIG_REPO: `${git.url}/config.git`,
      TMPDIR: join(dir, 'tmp'),
    };
  }, 120_000);

  afterAll(async () => {
    await git?.close();
    await registry?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('Build: builds and pushes the image to the registry, tagged with the commit, and exports it', async () => {
    const action = loadPipeline(PIPELINE)[0];
    if (action === undefined) throw new Error('no build action');
    const { run, vars } = await runAction(action);
    expect(run.code, run.output).toBe(0);
    runs.build = { run, vars };
    if (action.namespace !== undefined) namespaces[action.namespace] = { ...run.exported };
    const { IMAGE, IMAGE_REF, DIGEST, SOURCE_COMMIT } = run.exported;
    expect(DIGEST).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(IMAGE).toBe(`${repository}@${DIGEST}`);
    expect(IMAGE_REF).toBe(`${repository}:sha-${commit.slice(0, 7)}@${DIGEST}`);
    expect(SOURCE_COMMIT).toBe(commit);
    const manifest = await fetch(`${registry.url}/v2/shop/cart/manifests/sha-${commit.slice(0, 7)}`, {
      method: 'HEAD',
      headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('docker-content-digest')).toBe(DIGEST);
  }, 180_000);

  it('Build again from the same commit: build-once reuses the image (no second build)', async () => {
    const action = loadPipeline(PIPELINE)[0];
    if (action === undefined) throw new Error('no build action');
    const { run } = await runAction(action);
    expect(run.code, run.output).toBe(0);
    expect(run.exported.DIGEST, run.output).toBe(runs.build?.run.exported.DIGEST);
    expect(run.output).toMatch(/reused=true/);
    // The buildspecs write nothing into the source: the build context stays what git checked out.
    expect(execFileSync('git', ['status', '--porcelain', '--ignored'], { cwd: src, encoding: 'utf8' })).toBe(
      '',
    );
  }, 180_000);

  it('Sign: signs the image by digest and verifies it back', async () => {
    const action = loadPipeline(PIPELINE)[1];
    if (action === undefined) throw new Error('no sign action');
    const { run } = await runAction(action);
    expect(run.code, run.output).toBe(0);
    if (action.namespace !== undefined) namespaces[action.namespace] = { ...run.exported };
    const digest = runs.build?.run.exported.DIGEST ?? '';
    expect(run.exported.KEY_FINGERPRINT).toBe(fingerprint);
    expect(run.exported.SIGNATURE_REF).toBe(`${repository}:${digest.replace(':', '-')}.sig`);
    // Independently of the buildspec: the signature verifies with the public key.
    const verified = await runSlipway(
      ['verify', '--image', `${repository}@${digest}`, '--key', join(dir, 'release.pub'), '--json'],
      {},
    );
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      digest,
      verified: [{ keyFingerprint: fingerprint }],
    });
  }, 120_000);

  it('PromoteDev: commits the pinned image to env/dev with trailers, the policy check and the run URL', async () => {
    const action = loadPipeline(PIPELINE)[2];
    if (action === undefined) throw new Error('no promote action');
    const { run, vars } = await runAction(action);
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toContain(TOKEN);
    const imageRef = runs.build?.run.exported.IMAGE_REF ?? '';
    expect(run.exported.BRANCH).toBe('env/dev');
    expect(run.exported.NOOP).toBe('false');
    const [head] = listCommits(configPath, 'env/dev');
    expect(run.exported.COMMIT).toBe(head?.sha);
    expect(head?.message).toMatch(/^promote\(dev\): /);
    expect(head?.message).toContain(`Slipway-Image: ${imageRef}`);
    expect(head?.message).toContain(`Slipway-Previous: ${repository}:0.0.1`);
    expect(head?.message).toContain(`Slipway-Source-Commit: ${commit}`);
    expect(head?.message).toContain(`Slipway-Run: ${codebuildRunUrl(vars)}`);
    expect(head?.message).toContain(`Slipway-Verified-By: ${fingerprint}`);
    expect(readFileAt(configPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain(
      `image: ${imageRef}`,
    );
  }, 120_000);

  it('the same promote buildspec takes staging --from dev, with its own run URL', async () => {
    const action = loadPipeline(PIPELINE)[2];
    if (action === undefined) throw new Error('no promote action');
    const { run, vars } = await runAction(
      { ...action, actionVariables: {} },
      { TARGET_ENV: 'staging', FROM_ENV: 'dev' },
    );
    expect(run.code, run.output).toBe(0);
    const [head] = listCommits(configPath, 'env/staging');
    expect(run.exported.COMMIT).toBe(head?.sha);
    expect(head?.message).toMatch(/^promote\(staging\): /);
    expect(head?.message).toContain(`Slipway-Image: ${runs.build?.run.exported.IMAGE_REF}`);
    expect(head?.message).toContain(`Slipway-Run: ${codebuildRunUrl(vars)}`);
  }, 120_000);

  it('fails in the build phase, with a clear line, when a wrong token is in Secrets Manager', async () => {
    const action = loadPipeline(PIPELINE)[2];
    if (action === undefined) throw new Error('no promote action');
    const before = listCommits(configPath, 'env/dev').length;
    buildNumber += 1;
    const run = await runBuildspec({
      file: join(ROOT, action.buildspec),
      srcDir: src,
      codebuild: codebuildVariables({ project: 'cart-promote', buildNumber, commit, srcDir: src }),
      variables: { ...local, TARGET_ENV: 'dev', IMAGE_REF: `${repository}:0.0.1` },
      secrets: { [TOKEN_SECRET]: 'ghs_wrong' },
      shims,
    });
    expect(run.code).not.toBe(0);
    expect(run.failedPhase).toBe('build');
    expect(run.output).toMatch(/slipway promote: error: /);
    expect(run.output).not.toContain('ghs_wrong');
    expect(listCommits(configPath, 'env/dev').length).toBe(before);
  }, 120_000);

  it('fails the sign buildspec when the pipeline passes no IMAGE', async () => {
    const action = loadPipeline(PIPELINE)[1];
    if (action === undefined) throw new Error('no sign action');
    buildNumber += 1;
    const run = await runBuildspec({
      file: join(ROOT, action.buildspec),
      srcDir: src,
      codebuild: codebuildVariables({ project: 'cart-sign', buildNumber, commit, srcDir: src }),
      variables: local,
      shims,
    });
    expect(run.code).not.toBe(0);
    expect(run.failedPhase).toBe('build');
    expect(run.output).toMatch(/IMAGE is not set/);
  });
});
