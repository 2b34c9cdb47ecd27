// workflows/codebuild/codecommit-pipeline.yml, the three-repo reference architecture on CodeCommit, checked
// and run: the roles against what each buildspec needs (test/support/pipelineTemplateChecks.ts), the promote
// role's CodeCommit statements against the shipped workflows/codebuild/iam/promote-git.json, and the
// pipeline's CodeBuild actions in stage order through the CodeBuild harness (below).

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createBareRepo, listCommits, readFileAt } from './support/bareRepo.js';
import { asList, loadTemplate, render, type Template } from './support/cloudformation.js';
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
import { type CodeCommitGitServer, startCodeCommitGitServer } from './support/codecommitGitServer.js';
import type { PolicyDocument } from './support/iamPolicy.js';
import {
  checkConnectionUse,
  checkEnvironmentFlow,
  checkLeastPrivilege,
  checkParametersUsed,
  checkRolePerProject,
  checkSecretAccess,
  checkSourceTrigger,
  checkVariablesExported,
} from './support/pipelineTemplateChecks.js';
import {
  type LoopbackServer,
  registryBinaries,
  startLoopbackServer,
  startRegistry,
  type TestRegistry,
} from './support/registry.js';
import { ROOT, runSlipway } from './support/slipway.js';

const DIR = join(ROOT, 'workflows', 'codebuild');
const PIPELINE = join(DIR, 'codecommit-pipeline.yml');

/** The template's policy statements of one role (or managed policy), `!Sub` values rendered as text. */
function statementsOf(template: Template, resource: string): Array<Record<string, unknown>> {
  const properties = template.Resources[resource]?.Properties ?? {};
  const documents =
    properties.PolicyDocument !== undefined
      ? [properties.PolicyDocument]
      : ((properties.Policies ?? []) as Array<{ PolicyDocument: unknown }>).map((p) => p.PolicyDocument);
  return documents.flatMap((document) =>
    (document as { Statement: Array<Record<string, unknown>> }).Statement.map((statement) => ({
      ...statement,
      Action: asList(statement.Action),
      Resource: asList(statement.Resource).map(render),
    })),
  );
}

/** A shipped policy's statements, Action and Resource as lists like statementsOf's. */
function shippedStatements(name: string): Array<Record<string, unknown>> {
  const document = JSON.parse(readFileSync(join(DIR, 'iam', `${name}.json`), 'utf8')) as {
    Statement: Array<Record<string, unknown>>;
  };
  return document.Statement.map((s) => ({ ...s, Action: asList(s.Action), Resource: asList(s.Resource) }));
}

function onConfigRepo(statement: Record<string, unknown>): boolean {
  return (statement.Resource as string[]).some((r) =>
    r.endsWith(`:codecommit:\${AWS::Region}:\${AWS::AccountId}:\${ConfigRepoName}`),
  );
}

describe('workflows/codebuild/codecommit-pipeline.yml', () => {
  const template = loadTemplate(PIPELINE);

  it('runs the shared buildspecs: build, sign, then promote to dev, staging and prod', () => {
    expect(loadPipeline(PIPELINE).map((a) => a.buildspec)).toEqual([
      'workflows/codebuild/buildspec-build.yml',
      'workflows/codebuild/buildspec-sign.yml',
      'workflows/codebuild/buildspec-promote.yml',
      'workflows/codebuild/buildspec-promote.yml',
      'workflows/codebuild/buildspec-promote.yml',
    ]);
  });

  it('takes the source from app-repo on CodeCommit as a git clone, started by EventBridge, not polling', () => {
    const [source] = loadPipelineActions(template);
    expect(source).toMatchObject({ category: 'Source', provider: 'CodeCommit' });
    expect(render(source?.configuration.RepositoryName)).toBe(`\${AppRepoName}`);
    expect(source?.configuration.OutputArtifactFormat).toBe('CODEBUILD_CLONE_REF');
    expect(checkSourceTrigger(template)).toEqual([]);
  });

  it('deploys onto existing repositories: it names the three, and creates none', () => {
    for (const [name, fallback] of [
      ['AppRepoName', 'app-repo'],
      ['ConfigRepoName', 'microservices-repo'],
      ['FluxRepoName', 'flux-repo'],
    ]) {
      expect(template.Parameters[name ?? '']?.Default).toBe(fallback);
    }
    const types = Object.values(template.Resources).map((r) => r.Type);
    expect(types).not.toContain('AWS::CodeCommit::Repository');
  });

  it('gives every CodeBuild project its own role', () => {
    expect(checkRolePerProject(template)).toEqual([]);
  });

  it('lets the pipeline read app-repo, and every project that clones it pull it', () => {
    expect(checkConnectionUse(template)).toEqual([]);
  });

  it('grants each role what its buildspec needs, on named ARNs, and nothing more', () => {
    expect(checkLeastPrivilege(template, ROOT)).toEqual([]);
  });

  it('holds no long-lived secret: no Secrets Manager variable, no secret readable, no token', () => {
    expect(checkSecretAccess(template, ROOT)).toEqual([]);
    const text = readFileSync(PIPELINE, 'utf8');
    expect(text).not.toMatch(/SECRETS_MANAGER|secretsmanager:|SLIPWAY_TOKEN|AWS::IAM::AccessKey/);
    for (const action of loadPipeline(PIPELINE)) expect(action.projectSecrets).toEqual({});
  });

  it("promotes into microservices-repo by its codecommit:: address in the stack's region", () => {
    const promote = loadPipeline(PIPELINE).find((a) => a.name === 'PromoteDev');
    expect(promote?.projectVariables.CONFIG_REPO).toBe(`codecommit::\${AWS::Region}://\${ConfigRepoName}`);
  });

  it("the promote role's CodeCommit statements on the config repo are workflows/codebuild/iam/promote-git.json", () => {
    const inTemplate = statementsOf(template, 'PromoteRole').filter(onConfigRepo);
    expect(inTemplate).toEqual(shippedStatements('promote-git'));
    // No other role may touch the config repo.
    for (const role of ['BuildRole', 'SignRole', 'PipelineRole', 'SourceEventRole']) {
      expect(statementsOf(template, role).filter(onConfigRepo), role).toEqual([]);
    }
  });

  it("Flux's managed policy is workflows/codebuild/iam/flux-read-only.json, on the config repo and flux-repo", () => {
    const [flux, ...more] = statementsOf(template, 'FluxReadPolicy');
    const [shipped] = shippedStatements('flux-read-only');
    expect(more).toEqual([]);
    expect({ ...flux, Resource: undefined }).toEqual({ ...shipped, Resource: undefined });
    expect(flux?.Resource).toEqual([
      ...((shipped?.Resource ?? []) as string[]),
      `arn:\${AWS::Partition}:codecommit:\${AWS::Region}:\${AWS::AccountId}:\${FluxRepoName}`,
    ]);
  });

  it('uses only #{Namespace.VAR} that an earlier action exports', () => {
    expect(checkVariablesExported(template, ROOT)).toEqual([]);
  });

  it('promotes dev → staging → prod, staging and prod FROM_ENV, each behind a manual approval', () => {
    expect(checkEnvironmentFlow(template, ['staging', 'prod'])).toEqual([]);
  });

  it('uses every parameter and refers to nothing undeclared', () => {
    expect(checkParametersUsed(template)).toEqual([]);
  });

  it('scans on push and keeps tags immutable except the two that may move: the branch tag and .sig', () => {
    const repository = template.Resources.ImageRepository?.Properties ?? {};
    expect(repository.ImageScanningConfiguration).toEqual({ ScanOnPush: true });
    expect(repository.ImageTagMutability).toBe('IMMUTABLE_WITH_EXCLUSION');
    const filters = (repository.ImageTagMutabilityExclusionFilters as Array<Record<string, unknown>>).map(
      (f) =>
        `${String(f.ImageTagMutabilityExclusionFilterType)} ${render(f.ImageTagMutabilityExclusionFilterValue)}`,
    );
    expect(filters).toEqual([`WILDCARD \${BranchName}`, 'WILDCARD sha256-*']);
    // The branch tag is the build's type=ref,event=branch, the branch the source action builds.
    const build = loadBuildspec(join(DIR, 'buildspec-build.yml'));
    expect(build.phases.build?.commands.join('\n')).toContain('--tags type=ref,event=branch');
  });
});

// docs/aws.md's YAML is what users paste: each block parses, and the Flux objects are wired to each other
// (every Kustomization's source is a GitRepository of the page, one per environment branch).
describe('docs/aws.md', () => {
  const text = readFileSync(join(ROOT, 'docs', 'aws.md'), 'utf8');
  const blocks = [...text.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
  const objects = blocks.flatMap((block) =>
    parseAllDocuments(block).map((document) => {
      expect(
        document.errors.map((e) => e.message),
        block,
      ).toEqual([]);
      return document.toJS() as {
        apiVersion?: string;
        kind?: string;
        metadata?: { name?: string };
        spec?: Record<string, unknown>;
        version?: number;
      };
    }),
  );
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);

  it('has YAML blocks that all parse', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(objects.every((o) => typeof o === 'object' && o !== null)).toBe(true);
  });

  it('declares GitRepositories on CodeCommit over HTTPS and SSH, each on an env/ branch with a secret', () => {
    const repositories = ofKind('GitRepository');
    expect(repositories.length).toBeGreaterThanOrEqual(3);
    const secrets = new Set([
      ...ofKind('Secret').map((s) => s.metadata?.name),
      ...[...text.matchAll(/create secret generic ([\w-]+)/g)].map((m) => m[1]),
    ]);
    for (const repository of repositories) {
      const spec = repository.spec as {
        url: string;
        interval: string;
        ref: { branch: string };
        secretRef: { name: string };
      };
      expect(repository.apiVersion).toBe('source.toolkit.fluxcd.io/v1');
      expect(spec.url).toMatch(
        /^(https:\/\/|ssh:\/\/APKA\w+@)git-codecommit\.[\w-]+\.amazonaws\.com\/v1\/repos\/microservices-repo$/,
      );
      expect(spec.interval).toMatch(/^\d+[smh]$/);
      expect(spec.ref.branch).toMatch(/^env\/(dev|staging|prod)$/);
      expect(secrets).toContain(spec.secretRef.name);
    }
    expect(new Set(repositories.map((r) => r.spec?.url?.toString().slice(0, 5)))).toEqual(
      new Set(['https', 'ssh:/']),
    );
    const httpsSecret = ofKind('Secret')[0] as { stringData?: Record<string, string> };
    expect(Object.keys(httpsSecret.stringData ?? {}).sort()).toEqual(['password', 'username']);
    expect(text).toMatch(/--from-file=identity=.*--from-file=known_hosts=/);
  });

  it('applies each environment branch with its own Kustomization', () => {
    const kustomizations = ofKind('Kustomization');
    const repositories = new Map(ofKind('GitRepository').map((r) => [r.metadata?.name, r]));
    const branches = kustomizations.map((k) => {
      const spec = k.spec as {
        sourceRef: { kind: string; name: string };
        prune: unknown;
        path: string;
        interval: string;
      };
      expect(k.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
      expect(spec.sourceRef.kind).toBe('GitRepository');
      expect(typeof spec.prune).toBe('boolean');
      expect(spec.interval).toMatch(/^\d+[smh]$/);
      const source = repositories.get(spec.sourceRef.name);
      expect(source, spec.sourceRef.name).toBeDefined();
      return (source?.spec as { ref?: { branch?: string } } | undefined)?.ref?.branch;
    });
    expect(branches.sort()).toEqual(['env/dev', 'env/prod', 'env/staging']);
  });

  it('shows .slipway.yaml examples of version 1', () => {
    const policies = objects.filter((o) => o.version !== undefined);
    expect(policies.length).toBeGreaterThanOrEqual(2);
    for (const policy of policies) expect(policy.version).toBe(1);
  });
});

// The checks must be able to fail: one-line breakages of the template are each caught by the check that owns
// it (the template passes them above).
describe('the pipeline template checks catch a broken CodeCommit template', () => {
  let dir: string;
  let mutations = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-cfn-codecommit-'));
  });
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  function broken(from: string | RegExp, to: string): Template {
    const text = readFileSync(PIPELINE, 'utf8');
    const changed = text.replace(from, to);
    expect(changed, `mutation ${String(from)} applies`).not.toBe(text);
    mutations += 1;
    const file = join(dir, `pipeline-${mutations}.yml`);
    writeFileSync(file, changed);
    return loadTemplate(file);
  }
  const APP_ARN = `arn:\${AWS::Partition}:codecommit:\${AWS::Region}:\${AWS::AccountId}:\${AppRepoName}`;
  const PIPELINE_ARN = `arn:\${AWS::Partition}:codepipeline:\${AWS::Region}:\${AWS::AccountId}:\${Pipeline}`;

  it('a project that clones app-repo without codecommit:GitPull on it', () => {
    const template = broken(
      /( +- Effect: Allow\n +Action: codecommit:GitPull\n +Resource: .*\n)(?=(?:.*\n)*? +SignRole:)/,
      '',
    );
    expect(checkConnectionUse(template)).toEqual([
      `BuildRole lacks codecommit:GitPull on ${APP_ARN}, needed by BuildProject (action Build) to clone the app repo`,
    ]);
  });

  it('a pipeline role that cannot read the source', () => {
    expect(checkConnectionUse(broken('                  - codecommit:UploadArchive\n', ''))).toEqual([
      `PipelineRole lacks codecommit:UploadArchive on ${APP_ARN}, needed by source action App to clone the app repo`,
    ]);
  });

  it('polling, a rule on another branch, a rule role that cannot start the pipeline', () => {
    expect(
      checkSourceTrigger(broken('PollForSourceChanges: false #', 'PollForSourceChanges: true #')),
    ).toEqual(['App polls the repository: set PollForSourceChanges false and add an EventBridge rule']);
    expect(checkSourceTrigger(broken('referenceName: [!Ref BranchName]', 'referenceName: [main]'))).toEqual([
      `no EventBridge rule starts the pipeline when \${BranchName} of ${APP_ARN} moves`,
    ]);
    expect(
      checkSourceTrigger(
        broken(
          `Action: codepipeline:StartPipelineExecution\n                Resource: !Sub 'arn:\${AWS::Partition}:codepipeline:\${AWS::Region}:\${AWS::AccountId}:\${Pipeline}'`,
          `Action: codepipeline:StartPipelineExecution\n                Resource: !Sub 'arn:\${AWS::Partition}:codepipeline:\${AWS::Region}:\${AWS::AccountId}:other'`,
        ),
      ),
    ).toEqual([`SourceEventRule's role cannot codepipeline:StartPipelineExecution on ${PIPELINE_ARN}`]);
  });

  it('a promote role without GitPush, or with a token secret it no longer needs', () => {
    expect(
      checkLeastPrivilege(
        broken(/ +- Sid: PushConfigRepo\n(?: {16}.*\n)+?(?= +- Sid: OnlyEnvironmentBranches)/, ''),
        ROOT,
      ),
    ).toEqual(['PromoteRole (PromoteProject) lacks codecommit:GitPush']);
    expect(
      checkLeastPrivilege(
        broken(
          'Resource: !Ref SigningKeyArn\n\n  BuildProject:',
          `Resource: !Ref SigningKeyArn\n              - Effect: Allow\n                Action: secretsmanager:GetSecretValue\n                Resource: !Sub 'arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:token'\n\n  BuildProject:`,
        ),
        ROOT,
      ),
    ).toEqual([
      'PromoteRole (PromoteProject) grants secretsmanager:GetSecretValue, which PromoteProject does not need',
    ]);
  });

  it('a promote role that follows promote-api.json while the buildspec pushes by git', () => {
    expect(
      checkLeastPrivilege(
        broken('Action: [codecommit:GitPush]\n', 'Action: [codecommit:CreateCommit]\n'),
        ROOT,
      ),
    ).toEqual([
      'PromoteRole (PromoteProject) lacks codecommit:GitPush',
      'PromoteRole (PromoteProject) grants codecommit:CreateCommit, which PromoteProject does not need',
    ]);
  });

  it('PROMOTE_VIA=codecommit-api on the project while the role still follows promote-git.json', () => {
    const api = broken(
      `            Value: !Sub 'codecommit::\${AWS::Region}://\${ConfigRepoName}'\n`,
      `            Value: !Sub 'codecommit::\${AWS::Region}://\${ConfigRepoName}'\n          - Name: PROMOTE_VIA\n            Type: PLAINTEXT\n            Value: codecommit-api\n`,
    );
    expect(checkLeastPrivilege(api, ROOT)).toEqual([
      'PromoteRole (PromoteProject) lacks codecommit:GetRepository',
      'PromoteRole (PromoteProject) lacks codecommit:GetBranch',
      'PromoteRole (PromoteProject) lacks codecommit:GetFile',
      'PromoteRole (PromoteProject) lacks codecommit:GetFolder',
      'PromoteRole (PromoteProject) lacks codecommit:GetDifferences',
      'PromoteRole (PromoteProject) lacks codecommit:CreateCommit',
      'PromoteRole (PromoteProject) grants codecommit:GitPush, which PromoteProject does not need',
    ]);
  });

  it('staging without its approval', () => {
    expect(
      checkEnvironmentFlow(
        broken(/ +- Name: ApproveStaging\n(?: {14}.*\n)+?(?= {12}- Name: PromoteStaging)/, ''),
        ['staging', 'prod'],
      ),
    ).toEqual(['no manual approval between dev and Staging/PromoteStaging']);
  });
});

// The stack as deployed: the template's values with the parameters at their defaults and the pseudo
// parameters of one account and region, so the run uses the very addresses and policy AWS would.
const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const DEPLOYED: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::StackName': 'cart-pipeline',
  'AWS::URLSuffix': 'amazonaws.com',
  SigningKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0b5c8f3e-1111-4d1e-9a52-5f6c1e2d3b4a`,
  'ArtifactBucket.Arn': 'arn:aws:s3:::cart-pipeline-artifactbucket',
  'ImageRepository.Arn': `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/shop/cart`,
};

function deployed(template: Template, text: string): string {
  return text.replace(/\$\{([\w:.]+)\}/g, (whole, name: string) => {
    const value = DEPLOYED[name] ?? template.Parameters[name]?.Default;
    if (value === undefined) throw new Error(`no deployed value for ${whole}`);
    return value;
  });
}

/** A role's inline policy as IAM evaluates it once CloudFormation has substituted its values. */
function deployedPolicy(template: Template, role: string): PolicyDocument {
  const statements = statementsOf(template, role).map((statement) => ({
    ...statement,
    Resource: (statement.Resource as string[]).map((r) => deployed(template, r)),
  }));
  return { Version: '2012-10-17', Statement: statements } as unknown as PolicyDocument;
}

// CI installs the registry (scripts/setup): there a missing one fails instead of skipping.
const skip = !registryBinaries().registry && process.env.CI !== 'true';

/** The promote role's session, as CodeBuild hands it to the build through its container credentials endpoint. */
const ROLE_SESSION = {
  accessKeyId: 'ASIAPROMOTEROLE00001',
  secretAccessKey: 'promoteRoleSecret/0123456789abcdefghijklmnopqrstuv',
  sessionToken: 'IQoJb3JpZ2luX2VjEPromoteRoleSessionToken0123456789',
};
const PASSWORD = 'codebuild-test';

describe.skipIf(skip)(
  'codecommit-pipeline.yml on CodeBuild, for real against a local registry and CodeCommit git',
  () => {
    const template = loadTemplate(PIPELINE);
    let registry: TestRegistry;
    let codecommit: CodeCommitGitServer;
    let containerCredentials: LoopbackServer;
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
    const exported: Record<string, Readonly<Record<string, string>>> = {};
    /** Each run's output and the variables it was given. */
    const runs: Array<{ output: string; variables: Readonly<Record<string, string>> }> = [];

    function pipelineAction(name: string): PipelineBuildAction {
      const action = loadPipeline(PIPELINE).find((a) => a.name === name);
      if (action === undefined) throw new Error(`codecommit-pipeline.yml has no CodeBuild action ${name}`);
      return action;
    }

    /** Runs one pipeline action as CodePipeline would: project variables, then the action's, resolved. */
    async function runAction(
      action: PipelineBuildAction,
    ): Promise<{ run: BuildspecRun; vars: Record<string, string> }> {
      buildNumber += 1;
      const vars = codebuildVariables({
        project: `cart-pipeline-${action.project.replace(/Project$/, '').toLowerCase()}`,
        buildNumber,
        commit,
        srcDir: src,
        region: REGION,
        account: ACCOUNT,
      });
      // Project variables the template gives: its own values deployed, except the AWS services (ECR, KMS) this
      // machine stands in for.
      const project: Record<string, string> = {};
      for (const [key, value] of Object.entries(action.projectVariables)) {
        project[key] = local[key] ?? deployed(template, value);
      }
      const run = await runBuildspec({
        file: join(ROOT, action.buildspec),
        srcDir: src,
        codebuild: vars,
        variables: { ...local, ...project, ...resolvePipelineVariables(action.actionVariables, namespaces) },
        projectSecrets: action.projectSecrets,
        secrets: {},
        shims,
      });
      if (run.code === 0 && action.namespace !== undefined)
        namespaces[action.namespace] = { ...run.exported };
      if (run.code === 0) exported[action.name] = run.exported;
      return { run, vars };
    }

    beforeAll(async () => {
      registry = await startRegistry();
      dir = mkdtempSync(join(tmpdir(), 'slipway-codebuild-codecommit-'));
      shims = writeShims(join(dir, 'shims'));
      mkdirSync(join(dir, 'tmp'));
      repository = `${registry.host}/shop/cart`;

      // app-repo as the CODEBUILD_CLONE_REF source checks it out: a git clone at one commit of main.
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

      // microservices-repo: the policy requires the release key's signature for dev; staging follows dev.
      const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${repository}:0.0.1\n`;
      const root = join(dir, 'git');
      mkdirSync(root);
      const config = createBareRepo({
        tmpRoot: root,
        name: `${template.Parameters.ConfigRepoName?.Default}.git`,
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
      // CodeCommit's git endpoint, accepting only the role session's SigV4 credential and judging every
      // request by the promote role's policy from the template.
      codecommit = await startCodeCommitGitServer({
        root: join(configPath, '..'),
        identities: [ROLE_SESSION],
        region: REGION,
        accountId: ACCOUNT,
        policy: deployedPolicy(template, 'PromoteRole'),
      });
      // CodeBuild's container credentials endpoint: the build's only way to its role's keys.
      containerCredentials = await startLoopbackServer((request, response) => {
        if (request.url !== '/v2/credentials/promote-role') {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(
          JSON.stringify({
            AccessKeyId: ROLE_SESSION.accessKeyId,
            SecretAccessKey: ROLE_SESSION.secretAccessKey,
            Token: ROLE_SESSION.sessionToken,
            Expiration: new Date(Date.now() + 3_600_000).toISOString(),
          }),
        );
      });

      // Local stand-ins for the AWS services, and an AWS configuration isolated from this machine's.
      const storage = join(dir, 'containers');
      writeFileSync(
        join(dir, 'storage.conf'),
        `[storage]\ndriver = "vfs"\ngraphroot = "${storage}/root"\nrunroot = "${storage}/run"\n`,
      );
      local = {
        IMAGE_REPOSITORY: repository,
        BUILDER: 'files',
        BUILD_CONTEXT: 'site',
        CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
        SIGNING_KEY: join(dir, 'release.key'),
        VERIFY_KEY: join(dir, 'release.pub'),
        SLIPWAY_KEY_PASSWORD: PASSWORD,
        TMPDIR: join(dir, 'tmp'),
        SLIPWAY_CODECOMMIT_GIT_ENDPOINT: codecommit.endpoint,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${containerCredentials.url}/v2/credentials/promote-role`,
        AWS_CONFIG_FILE: join(dir, 'aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
      };
    }, 120_000);

    afterAll(async () => {
      await codecommit?.close();
      await containerCredentials?.stop();
      await registry?.stop();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    });

    it('Build, then Sign: the image is pushed with its commit tag and signed', async () => {
      const build = await runAction(pipelineAction('Build'));
      expect(build.run.code, build.run.output).toBe(0);
      const { IMAGE_REF, DIGEST } = build.run.exported;
      expect(IMAGE_REF).toBe(`${repository}:sha-${commit.slice(0, 7)}@${DIGEST}`);
      const again = await runAction(pipelineAction('Build'));
      expect(again.run.code, again.run.output).toBe(0);
      expect(again.run.exported.DIGEST).toBe(DIGEST);
      const sign = await runAction(pipelineAction('Sign'));
      expect(sign.run.code, sign.run.output).toBe(0);
      expect(sign.run.exported.KEY_FINGERPRINT).toBe(fingerprint);
    }, 300_000);

    it("moves no tag the repository keeps immutable: the fixed ones are the commit's and build-once's, the others the branch's or .sig", async () => {
      const response = await fetch(`${registry.url}/v2/shop/cart/tags/list`);
      const { tags } = (await response.json()) as { tags: string[] };
      const repositoryProperties = template.Resources.ImageRepository?.Properties ?? {};
      const filters = (
        repositoryProperties.ImageTagMutabilityExclusionFilters as Array<Record<string, unknown>>
      ).map((f) => deployed(template, render(f.ImageTagMutabilityExclusionFilterValue)));
      const mutable = (tag: string) =>
        filters.some((filter) =>
          new RegExp(
            `^${filter
              .split('*')
              .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
              .join('.*')}$`,
          ).test(tag),
        );
      // What stays fixed: the commit tag promote writes, and build-once's src-<key>, written once per source
      // (a later build of the same source reuses it, never re-points it).
      const fixed = tags.filter((tag) => !mutable(tag)).sort();
      expect(fixed).toHaveLength(2);
      expect(fixed[0]).toBe(`sha-${commit.slice(0, 7)}`);
      expect(fixed[1]).toMatch(/^src-[0-9a-f]{32}$/);
      expect(tags.filter(mutable).sort()).toEqual(
        [
          `${exported.Build?.DIGEST?.replace(':', '-')}.sig`,
          ...(tags.includes('main') ? ['main'] : []),
        ].sort(),
      );
    });

    it('PromoteDev: pushes the signed image to env/dev of microservices-repo as the promote role, with no token', async () => {
      const action = pipelineAction('PromoteDev');
      expect(action.projectSecrets).toEqual({});
      const { run, vars } = await runAction(action);
      expect(run.code, run.output).toBe(0);
      const imageRef = exported.Build?.IMAGE_REF ?? '';
      expect(run.exported.BRANCH).toBe('env/dev');
      const [head] = listCommits(configPath, 'env/dev');
      expect(run.exported.COMMIT).toBe(head?.sha);
      expect(head?.message).toContain(`Slipway-Image: ${imageRef}`);
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
      '%s (after its approval): promotes to %s what the environment before it runs',
      async (name, env) => {
        const actions = loadPipelineActions(template);
        const approval = actions.findIndex(
          (a) => a.category === 'Approval' && a.stage === actions.find((b) => b.name === name)?.stage,
        );
        expect(approval).toBeGreaterThan(-1);
        // What the approver reads resolves from what the run before exported.
        resolvePipelineVariables(
          { CustomData: String(actions[approval]?.configuration.CustomData) },
          namespaces,
        );
        const { run, vars } = await runAction(pipelineAction(name));
        expect(run.code, run.output).toBe(0);
        const [head] = listCommits(configPath, `env/${env}`);
        expect(run.exported.BRANCH).toBe(`env/${env}`);
        expect(run.exported.COMMIT).toBe(head?.sha);
        expect(head?.message).toContain(`Slipway-Image: ${exported.Build?.IMAGE_REF}`);
        expect(head?.message).toContain(`Slipway-Run: ${codebuildRunUrl(vars)}`);
        expect(readFileAt(configPath, `env/${env}`, 'apps/cart/deployment.yaml')?.toString()).toContain(
          `image: ${exported.Build?.IMAGE_REF}`,
        );
      },
      120_000,
    );

    // The policy decides: the same run against a server holding a role whose Deny covers env/dev (the
    // template's statements with one pattern changed) fails, says why, and leaves env/dev as it was.
    it('PromoteDev under a policy that denies env/dev: fails in the build phase naming the denial, writes nothing', async () => {
      const text = readFileSync(PIPELINE, 'utf8');
      const changed = text.replace(
        "{ 'codecommit:References': ['refs/heads/env/*'] }",
        "{ 'codecommit:References': ['refs/heads/env/prod'] }",
      );
      expect(changed).not.toBe(text);
      const file = join(dir, 'denying-pipeline.yml');
      writeFileSync(file, changed);
      const denying = await startCodeCommitGitServer({
        root: join(configPath, '..'),
        identities: [ROLE_SESSION],
        region: REGION,
        accountId: ACCOUNT,
        policy: deployedPolicy(loadTemplate(file), 'PromoteRole'),
      });
      try {
        const before = listCommits(configPath, 'env/dev')[0]?.sha;
        const endpoint = local.SLIPWAY_CODECOMMIT_GIT_ENDPOINT ?? '';
        local.SLIPWAY_CODECOMMIT_GIT_ENDPOINT = denying.endpoint;
        const action = pipelineAction('PromoteDev');
        // Another image than dev runs, so there is something to push.
        namespaces.BuildVariables = {
          ...namespaces.BuildVariables,
          IMAGE_REF: `${repository}:0.0.2@${exported.Build?.DIGEST}`,
        };
        const { run } = await runAction(action).finally(() => {
          local.SLIPWAY_CODECOMMIT_GIT_ENDPOINT = endpoint;
        });
        expect(run.code).not.toBe(0);
        expect(run.failedPhase).toBe('build');
        expect(run.output).toMatch(/slipway promote: error: .*env\/dev/);
        expect(run.output).toContain(
          'is not authorized to perform: codecommit:GitPush on resource: arn:aws:codecommit:eu-west-1:123456789012:microservices-repo with an explicit deny',
        );
        expect(denying.auth.filter((a) => a.outcome === 'denied').map((a) => a.references)).toEqual([
          ['refs/heads/env/dev'],
        ]);
        expect(listCommits(configPath, 'env/dev')[0]?.sha).toBe(before);
      } finally {
        await denying.close();
      }
    }, 120_000);

    it('authenticated every git request with the role session and pushed only env/* refs; the secret never showed', () => {
      expect(codecommit.auth.length).toBeGreaterThan(0);
      expect(codecommit.auth.filter((a) => a.outcome !== 'ok')).toEqual([]);
      expect(new Set(codecommit.auth.map((a) => a.accessKeyId))).toEqual(new Set([ROLE_SESSION.accessKeyId]));
      const pushed = codecommit.auth.flatMap((a) => a.references ?? []);
      expect(pushed.sort()).toEqual(['refs/heads/env/dev', 'refs/heads/env/prod', 'refs/heads/env/staging']);
      // The build is given no token and no key, only where to fetch the role's session; nothing prints it.
      for (const { output, variables } of runs) {
        expect(
          Object.keys(variables).filter((name) => /TOKEN|SECRET|PASSWORD$|ACCESS_KEY/.test(name)),
        ).toEqual(['SLIPWAY_KEY_PASSWORD']);
        expect(output).not.toContain(ROLE_SESSION.secretAccessKey);
        expect(output).not.toContain(ROLE_SESSION.sessionToken);
      }
      for (const header of codecommit.authorizations) {
        expect(Buffer.from(header.replace(/^Basic /, ''), 'base64').toString()).not.toContain(
          ROLE_SESSION.secretAccessKey,
        );
      }
    });
  },
);
