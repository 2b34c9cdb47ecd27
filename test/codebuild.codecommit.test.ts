// workflows/codebuild/codecommit-pipeline.yml, the three-repo reference architecture on CodeCommit, checked
// and run: the roles against what each buildspec needs (test/support/pipelineTemplateChecks.ts), the promote
// role's CodeCommit statements against the shipped workflows/codebuild/iam/promote-git.json, and the
// pipeline's CodeBuild actions in stage order through the CodeBuild harness (below).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asList, loadTemplate, render, type Template } from './support/cloudformation.js';
import { loadBuildspec, loadPipeline, loadPipelineActions } from './support/codebuild.js';
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
import { ROOT } from './support/slipway.js';

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
    r.endsWith(':codecommit:${AWS::Region}:${AWS::AccountId}:${ConfigRepoName}'),
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
    expect(render(source?.configuration.RepositoryName)).toBe('${AppRepoName}');
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
    expect(promote?.projectVariables.CONFIG_REPO).toBe('codecommit::${AWS::Region}://${ConfigRepoName}');
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
      'arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${FluxRepoName}',
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

  it('scans on push and keeps tags immutable except the two the flow moves: the branch tag and .sig', () => {
    const repository = template.Resources.ImageRepository?.Properties ?? {};
    expect(repository.ImageScanningConfiguration).toEqual({ ScanOnPush: true });
    expect(repository.ImageTagMutability).toBe('IMMUTABLE_WITH_EXCLUSION');
    const filters = (repository.ImageTagMutabilityExclusionFilters as Array<Record<string, unknown>>).map(
      (f) =>
        `${String(f.ImageTagMutabilityExclusionFilterType)} ${render(f.ImageTagMutabilityExclusionFilterValue)}`,
    );
    expect(filters).toEqual(['WILDCARD ${BranchName}', 'WILDCARD sha256-*']);
    // The branch tag is the build's type=ref,event=branch, the branch the source action builds.
    const build = loadBuildspec(join(DIR, 'buildspec-build.yml'));
    expect(build.phases.build?.commands.join('\n')).toContain('--tags type=ref,event=branch');
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
  const APP_ARN = 'arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${AppRepoName}';
  const PIPELINE_ARN = 'arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}';

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
          "Action: codepipeline:StartPipelineExecution\n                Resource: !Sub 'arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}'",
          "Action: codepipeline:StartPipelineExecution\n                Resource: !Sub 'arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:other'",
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
          "Resource: !Ref SigningKeyArn\n              - Effect: Allow\n                Action: secretsmanager:GetSecretValue\n                Resource: !Sub 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:token'\n\n  BuildProject:",
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

  it('staging without its approval', () => {
    expect(
      checkEnvironmentFlow(
        broken(/ +- Name: ApproveStaging\n(?: {14}.*\n)+?(?= {12}- Name: PromoteStaging)/, ''),
        ['staging', 'prod'],
      ),
    ).toEqual(['no manual approval between dev and Staging/PromoteStaging']);
  });
});
