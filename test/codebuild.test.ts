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
import { loadTemplate, type Template } from './support/cloudformation.js';
import {
  type BuildspecRun,
  codebuildRunUrl,
  codebuildVariables,
  loadBuildspec,
  loadPipeline,
  loadPipelineActions,
  type PipelineBuildAction,
  resolvePipelineVariables,
  runBuildspec,
  writeShims,
} from './support/codebuild.js';
import { type GitHttpServer, startGitHttpServer } from './support/gitHttpServer.js';
import {
  checkConnectionUse,
  checkEnvironmentFlow,
  checkLeastPrivilege,
  checkParametersUsed,
  checkRolePerProject,
  checkSecretAccess,
  checkVariablesExported,
} from './support/pipelineTemplateChecks.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { ROOT, runSlipway } from './support/slipway.js';

const DIR = join(ROOT, 'workflows', 'codebuild');
const BUILDSPECS = ['buildspec-build.yml', 'buildspec-sign.yml', 'buildspec-promote.yml'];
const PIPELINE = join(DIR, 'pipeline.yml');
/** The promote buildspec runs again for staging and prod. */
const PROMOTES_AFTER_DEV = ['buildspec-promote.yml', 'buildspec-promote.yml'];

describe.each(BUILDSPECS)('workflows/codebuild/%s', (name) => {
  const file = join(DIR, name);
  const text = readFileSync(file, 'utf8');

  it('is a valid 0.2 buildspec on bash with Node 22 (Node 20 reached end of life in April 2026)', () => {
    const spec = loadBuildspec(file);
    expect(spec.env.shell).toBe('bash');
    expect(spec.env['exported-variables'].length).toBeGreaterThan(0);
    expect(text).toMatch(/runtime-versions:\n\s+nodejs: 22\n/);
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

  it('keeps secrets out of env.variables, and names no secret itself (the project passes it in)', () => {
    const spec = loadBuildspec(file);
    for (const key of Object.keys(spec.env.variables)) {
      expect(key).not.toMatch(/TOKEN|PASSWORD|SECRET/);
    }
    expect(spec.env['secrets-manager']).toEqual({});
  });
});

describe('workflows/codebuild/pipeline.yml', () => {
  const template = loadTemplate(PIPELINE);

  it('runs build, sign and promote in that order, each buildspec present', () => {
    const actions = loadPipeline(PIPELINE);
    expect(actions.map((a) => a.buildspec.split('/').at(-1))).toEqual([...BUILDSPECS, ...PROMOTES_AFTER_DEV]);
    for (const action of actions)
      expect(existsSync(join(ROOT, action.buildspec)), action.buildspec).toBe(true);
  });

  it('gives every CodeBuild project its own role', () => {
    expect(checkRolePerProject(template)).toEqual([]);
  });

  it('lets every role that clones the app repo (CODEBUILD_CLONE_REF) use the connection', () => {
    expect(checkConnectionUse(template)).toEqual([]);
  });

  it('lets only the promote role read the config repo token, a secret named by a parameter', () => {
    expect(checkSecretAccess(template, ROOT)).toEqual([]);
  });

  it('grants each role what its buildspec needs, on named ARNs, and nothing more', () => {
    expect(checkLeastPrivilege(template)).toEqual([]);
  });

  it('uses only #{Namespace.VAR} that an earlier action exports', () => {
    expect(checkVariablesExported(template, ROOT)).toEqual([]);
  });

  it('promotes dev → staging → prod, staging and prod FROM_ENV, with a manual approval before prod', () => {
    expect(checkEnvironmentFlow(template)).toEqual([]);
  });

  it('uses every parameter and refers to nothing undeclared', () => {
    expect(checkParametersUsed(template)).toEqual([]);
  });

  it("runs the projects on a CodeBuild image that has the buildspecs' Node 22", () => {
    for (const [name, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::CodeBuild::Project') continue;
      const image = String((resource.Properties.Environment as { Image?: unknown }).Image);
      const version = /^aws\/codebuild\/standard:(\d+)\.0$/.exec(image)?.[1];
      expect(Number(version), `${name}: ${image}`).toBeGreaterThanOrEqual(7);
    }
  });
});

// The checks above must be able to fail: the template as it was before issue 13 (kept as a fixture) and
// one-line breakages of today's template are each caught by the check that owns them.
describe('the pipeline template checks catch broken templates', () => {
  const beforeRoot = join(ROOT, 'test', 'fixtures', 'codebuild', 'before-issue-13');
  const before = loadTemplate(join(beforeRoot, 'workflows', 'codebuild', 'pipeline.yml'));
  let dir: string;
  let mutations = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-cfn-'));
  });
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  /** Today's template with one text replacement, which must apply. */
  function broken(from: string | RegExp, to: string): Template {
    const text = readFileSync(PIPELINE, 'utf8');
    const changed = text.replace(from, to);
    expect(changed, `mutation ${String(from)} applies`).not.toBe(text);
    mutations += 1;
    const file = join(dir, `pipeline-${mutations}.yml`);
    writeFileSync(file, changed);
    return loadTemplate(file);
  }

  it('one role for all projects (issue 13)', () => {
    expect(checkRolePerProject(before)).toEqual([
      'BuildRole serves BuildProject, SignProject, PromoteProject: give each project its own least-privilege role',
    ]);
  });

  it('no UseConnection for the CodeBuild role that clones through the connection (issue 13)', () => {
    const problems = checkConnectionUse(before);
    expect(problems).toContain(
      `BuildRole lacks codestar-connections:UseConnection on \${ConnectionArn}, needed by BuildProject (action Build) to clone the app repo`,
    );
    expect(
      checkConnectionUse(
        broken(
          /(\s+- Effect: Allow\n\s+Action: \[codeconnections:UseConnection, codestar-connections:UseConnection\]\n\s+Resource: !Ref ConnectionArn)/,
          '',
        ),
      ),
    ).toEqual([
      `BuildRole lacks codeconnections:UseConnection on \${ConnectionArn}, needed by BuildProject (action Build) to clone the app repo`,
      `BuildRole lacks codestar-connections:UseConnection on \${ConnectionArn}, needed by BuildProject (action Build) to clone the app repo`,
    ]);
  });

  it('the build role can read the token, whose name the buildspec hard-codes (issue 13)', () => {
    expect(checkSecretAccess(before, beforeRoot)).toEqual([
      "workflows/codebuild/buildspec-promote.yml: env.secrets-manager SLIPWAY_TOKEN hard-codes the secret slipway/config-repo:token: make it the project's SECRETS_MANAGER variable from a template parameter",
      `BuildRole can read the secret \${ConfigRepoTokenSecretArn}, which none of its projects uses`,
      'BuildRole cannot read the secret slipway/config-repo:token its project uses',
    ]);
    const granted = broken(
      'Action: [kms:Sign, kms:GetPublicKey]\n                Resource: !Ref SigningKeyArn',
      'Action: [kms:Sign, kms:GetPublicKey]\n                Resource: !Ref SigningKeyArn\n              - Effect: Allow\n                Action: secretsmanager:GetSecretValue\n                Resource: !Ref ConfigRepoTokenSecretArn',
    );
    expect(checkSecretAccess(granted, ROOT)).toEqual([
      `SignRole can read the secret \${ConfigRepoTokenSecretArn}, which none of its projects uses`,
    ]);
  });

  it('wildcard resources and more than a project needs', () => {
    const problems = checkLeastPrivilege(before);
    expect(problems).toContain(
      "BuildRole: logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents on Resource '*'; name the ARNs",
    );
    expect(problems).toContain("BuildRole: kms:Sign, kms:GetPublicKey on Resource '*'; name the ARNs");
    expect(
      checkLeastPrivilege(
        broken(
          'Action: [kms:Sign, kms:GetPublicKey]\n                Resource: !Ref SigningKeyArn',
          "Action: [kms:Sign, kms:GetPublicKey]\n                Resource: '*'",
        ),
      ),
    ).toEqual(["SignRole: kms:Sign, kms:GetPublicKey on Resource '*'; name the ARNs"]);
    expect(
      checkLeastPrivilege(broken('Action: kms:GetPublicKey\n', 'Action: [kms:GetPublicKey, kms:Sign]\n')),
    ).toEqual(['PromoteRole (PromoteProject) grants kms:Sign, which PromoteProject does not need']);
    expect(
      checkLeastPrivilege(broken('Action: secretsmanager:GetSecretValue', "Action: 'secretsmanager:*'")),
    ).toEqual([
      'PromoteRole: Action secretsmanager:* is a wildcard; name the actions',
      'PromoteRole (PromoteProject) grants secretsmanager:*, which PromoteProject does not need',
    ]);
  });

  it('a variable that no earlier action exports', () => {
    expect(
      checkVariablesExported(
        broken('"value":"#{BuildVariables.IMAGE}"', '"value":"#{PromoteDevVariables.COMMIT}"'),
        ROOT,
      ),
    ).toEqual(['Sign/Sign uses #{PromoteDevVariables.COMMIT}, which no earlier action exports']);
    expect(
      checkVariablesExported(broken('#{BuildVariables.SOURCE_COMMIT}', '#{BuildVariables.COMMIT}'), ROOT),
    ).toEqual(['Dev/PromoteDev uses #{BuildVariables.COMMIT}, which no earlier action exports']);
  });

  it('no staging or prod, and prod without an approval (issue 13)', () => {
    expect(checkEnvironmentFlow(before)).toEqual(['the promote actions go to dev, not dev → staging → prod']);
    expect(
      checkEnvironmentFlow(broken(/ +- Name: ApproveProd\n(?: {14}.*\n)+?(?= {12}- Name: PromoteProd)/, '')),
    ).toEqual(['no manual approval between staging and Prod/PromoteProd']);
    expect(
      checkEnvironmentFlow(
        broken(
          '{"name":"FROM_ENV","value":"staging","type":"PLAINTEXT"}',
          '{"name":"FROM_ENV","value":"dev","type":"PLAINTEXT"}',
        ),
      ),
    ).toEqual(['PromoteProd promotes prod from dev, not staging']);
  });

  it('an unused parameter, and a reference to an undeclared one', () => {
    expect(
      checkParametersUsed(broken('  BranchName:\n', '  Unused:\n    Type: String\n  BranchName:\n')),
    ).toEqual(['parameter Unused is never used']);
    expect(checkParametersUsed(broken('!Ref EcrRepositoryName', '!Ref EcrRepository'))).toEqual([
      'parameter EcrRepositoryName is never used',
      'EcrRepository is referred to but is neither a parameter nor a resource',
    ]);
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

/** The promote project's SLIPWAY_TOKEN reference, as the template wires it (the parameter left symbolic). */
const TOKEN_SECRET = `\${ConfigRepoTokenSecretArn}:token`;
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

  function pipelineAction(name: string): PipelineBuildAction {
    const action = loadPipeline(PIPELINE).find((a) => a.name === name);
    if (action === undefined) throw new Error(`pipeline.yml has no CodeBuild action ${name}`);
    return action;
  }

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
      projectSecrets: action.projectSecrets,
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
          '.slipway.yaml': `version: 1\nenvironments:\n  dev:\n    require:\n      signatures:\n        keys:\n          - path: keys/release.pub\n  staging:\n    promoteFrom: dev\n  prod:\n    promoteFrom: staging\n`,
          'keys/release.pub': readFileSync(join(dir, 'release.pub'), 'utf8'),
        },
        'env/dev': { 'apps/cart/deployment.yaml': deployment },
        'env/staging': { 'apps/cart/deployment.yaml': deployment },
        'env/prod': { 'apps/cart/deployment.yaml': deployment },
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
    const action = pipelineAction('Build');
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
    const action = pipelineAction('Build');
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
    const action = pipelineAction('Sign');
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
    const action = pipelineAction('PromoteDev');
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

  it.each([
    ['PromoteStaging', 'staging'],
    ['PromoteProd', 'prod'],
  ])(
    '%s: promotes to %s what the environment before it runs, with its own run URL',
    async (name, env) => {
      const action = pipelineAction(name);
      const { run, vars } = await runAction(action);
      expect(run.code, run.output).toBe(0);
      expect(run.output).not.toContain(TOKEN);
      if (action.namespace !== undefined) namespaces[action.namespace] = { ...run.exported };
      const [head] = listCommits(configPath, `env/${env}`);
      expect(run.exported.BRANCH).toBe(`env/${env}`);
      expect(run.exported.COMMIT).toBe(head?.sha);
      expect(head?.message).toMatch(new RegExp(`^promote\\(${env}\\): `));
      expect(head?.message).toContain(`Slipway-Image: ${runs.build?.run.exported.IMAGE_REF}`);
      expect(head?.message).toContain(`Slipway-Source-Commit: ${commit}`);
      expect(head?.message).toContain(`Slipway-Run: ${codebuildRunUrl(vars)}`);
      expect(readFileAt(configPath, `env/${env}`, 'apps/cart/deployment.yaml')?.toString()).toContain(
        `image: ${runs.build?.run.exported.IMAGE_REF}`,
      );
    },
    120_000,
  );

  it('waits for a manual approval before PromoteProd, and every #{…} the approval shows is exported by then', () => {
    const actions = loadPipelineActions(loadTemplate(PIPELINE));
    const prod = actions.findIndex((a) => a.name === 'PromoteProd');
    const approval = actions.findIndex((a) => a.category === 'Approval');
    expect(approval).toBeGreaterThan(actions.findIndex((a) => a.name === 'PromoteStaging'));
    expect(approval).toBeLessThan(prod);
    // What the approver reads resolves from what the staging run exported.
    const shown = resolvePipelineVariables(
      { CustomData: String(actions[approval]?.configuration.CustomData) },
      namespaces,
    ).CustomData;
    expect(shown).toContain(listCommits(configPath, 'env/staging')[0]?.sha ?? 'no staging commit');
  });

  it('fails in the build phase, with a clear line, when a wrong token is in Secrets Manager', async () => {
    const action = pipelineAction('PromoteDev');
    const before = listCommits(configPath, 'env/dev').length;
    buildNumber += 1;
    const run = await runBuildspec({
      file: join(ROOT, action.buildspec),
      srcDir: src,
      codebuild: codebuildVariables({ project: 'cart-promote', buildNumber, commit, srcDir: src }),
      variables: { ...local, TARGET_ENV: 'dev', IMAGE_REF: `${repository}:0.0.1` },
      projectSecrets: action.projectSecrets,
      secrets: { [TOKEN_SECRET]: 'ghs_wrong' },
      shims,
    });
    expect(run.code).not.toBe(0);
    expect(run.failedPhase).toBe('build');
    expect(run.output).toMatch(/slipway promote: error: /);
    expect(run.output).not.toContain('ghs_wrong');
    expect(listCommits(configPath, 'env/dev').length).toBe(before);
  }, 120_000);

  it('fails the promote buildspec, naming the fix, when the project passes no SLIPWAY_TOKEN', async () => {
    const action = pipelineAction('PromoteDev');
    const before = listCommits(configPath, 'env/dev').length;
    buildNumber += 1;
    const run = await runBuildspec({
      file: join(ROOT, action.buildspec),
      srcDir: src,
      codebuild: codebuildVariables({ project: 'cart-promote', buildNumber, commit, srcDir: src }),
      variables: { ...local, TARGET_ENV: 'dev', IMAGE_REF: `${repository}:0.0.1` },
      shims,
    });
    expect(run.code).not.toBe(0);
    expect(run.failedPhase).toBe('build');
    expect(run.output).toMatch(/SLIPWAY_TOKEN is not set: .*type SECRETS_MANAGER/);
    expect(listCommits(configPath, 'env/dev').length).toBe(before);
  });

  it('fails the sign buildspec when the pipeline passes no IMAGE', async () => {
    const action = pipelineAction('Sign');
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
