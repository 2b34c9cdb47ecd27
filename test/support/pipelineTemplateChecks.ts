// What a CodePipeline/CodeBuild template must get right before AWS ever runs it, checked on the template's
// text: cfn-lint validates resource schemas but cannot know what a buildspec needs, and is not installable
// on a fresh machine here. Each check returns its problems, one line each (empty when the template is right),
// so a test can show both that the shipped template passes and that a broken one is caught.

import { join } from 'node:path';
import { asList, referencedNames, render, type Template, type TemplateResource } from './cloudformation.js';
import {
  loadBuildspec,
  loadPipelineActions,
  type PipelineBuildAction,
  pipelineBuildActions,
} from './codebuild.js';

interface Statement {
  readonly role: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditional: boolean;
}

const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
const ARTIFACTS_READ = ['s3:GetObject', 's3:GetObjectVersion', 's3:GetBucketAcl', 's3:GetBucketLocation'];
const USE_CONNECTION = ['codeconnections:UseConnection', 'codestar-connections:UseConnection'];
const ECR_PULL = [
  'ecr:GetAuthorizationToken',
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
];
const ECR_PUSH = [
  ...ECR_PULL,
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
];

/** What CodePipeline's CodeCommit source action calls on the repository. */
const CODECOMMIT_SOURCE = [
  'codecommit:GetBranch',
  'codecommit:GetCommit',
  'codecommit:GetRepository',
  'codecommit:UploadArchive',
  'codecommit:GetUploadArchiveStatus',
  'codecommit:CancelUploadArchive',
];
/** A CodeBuild project that clones a CodeCommit repository (CODEBUILD_CLONE_REF) pulls it over git. */
const CODECOMMIT_CLONE = ['codecommit:GitPull'];
/** Promotion into a CodeCommit config repo: workflows/codebuild/iam/promote-git.json, promote-api.json. */
const CODECOMMIT_PROMOTE_GIT = ['codecommit:GitPull', 'codecommit:GitPush'];
const CODECOMMIT_PROMOTE_API = [
  'codecommit:GetRepository',
  'codecommit:GetBranch',
  'codecommit:GetFile',
  'codecommit:GetFolder',
  'codecommit:GetDifferences',
  'codecommit:CreateCommit',
];

/** Actions IAM authorizes only on `*` (no resource-level permissions). */
const RESOURCELESS = new Set(['ecr:GetAuthorizationToken']);

/**
 * What each buildspec's Slipway commands call, by the file's name: `required` must be granted, anything
 * beyond `required` and `optional` (and the logs, artifact and connection access every project has) is
 * more than the project needs.
 */
export const BUILDSPEC_NEEDS: Readonly<
  Record<string, { readonly required: readonly string[]; readonly optional: readonly string[] }>
> = {
  // slipway build: push layers and the manifest; reads back for build-once. Describing the repository and
  // its images lets build refuse an immutable tag before building and skip one already on the image
  // (without them it warns and pushes as before).
  'buildspec-build.yml': { required: ECR_PUSH, optional: ['ecr:DescribeRepositories', 'ecr:DescribeImages'] },
  // slipway sign + verify: the KMS key, and the signature pushed beside the image and read back.
  'buildspec-sign.yml': { required: [...ECR_PUSH, 'kms:Sign', 'kms:GetPublicKey'], optional: [] },
  // slipway promote: the token, tag resolution and signature checks (a policy may name the KMS public key).
  // A CodeCommit config repo takes IAM instead of the token: see promoteNeeds.
  'buildspec-promote.yml': {
    required: [...ECR_PULL, 'secretsmanager:GetSecretValue'],
    optional: ['kms:GetPublicKey'],
  },
};

/** Whether a --config-repo address is a CodeCommit one (as @slipway/codecommit's looksLikeCodeCommit reads it). */
function isCodeCommitAddress(address: string): boolean {
  return /^codecommit:|^https:\/\/([^/]*\.)?git-codecommit[.-]/.test(address);
}

/**
 * What an action's buildspec needs. The promote buildspec's depend on the config repo its project names:
 * a token for any forge, IAM on a CodeCommit repository (git push, or the API with PROMOTE_VIA).
 */
function needsOf(
  action: PipelineBuildAction,
  root?: string,
): { readonly required: readonly string[]; readonly optional: readonly string[] } | undefined {
  const needs = BUILDSPEC_NEEDS[buildspecName(action)];
  if (needs === undefined || buildspecName(action) !== 'buildspec-promote.yml') return needs;
  const defaults = root === undefined ? {} : loadBuildspec(join(root, action.buildspec)).env.variables;
  const setting = (name: string): string =>
    action.actionVariables[name] ?? action.projectVariables[name] ?? defaults[name] ?? '';
  if (!isCodeCommitAddress(setting('CONFIG_REPO'))) return needs;
  const repo = setting('PROMOTE_VIA') === 'codecommit-api' ? CODECOMMIT_PROMOTE_API : CODECOMMIT_PROMOTE_GIT;
  return { required: [...ECR_PULL, ...repo], optional: needs.optional };
}

const PIPELINE_NEEDS = {
  required: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds', 's3:GetObject', 's3:PutObject'],
  optional: [...ARTIFACTS_READ, 's3:GetBucketVersioning', ...USE_CONNECTION, ...CODECOMMIT_SOURCE],
};

/** The variables each source action provider exports into its namespace. */
const SOURCE_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  CodeStarSourceConnection: [
    'AuthorDate',
    'BranchName',
    'CommitId',
    'CommitMessage',
    'ConnectionArn',
    'FullRepositoryId',
  ],
  CodeCommit: ['AuthorDate', 'BranchName', 'CommitId', 'CommitMessage', 'CommitterDate', 'RepositoryName'],
};

/**
 * Who must be allowed what for one source action: the pipeline's role reads the source, and every project
 * that takes a CODEBUILD_CLONE_REF artifact of it clones the repository itself.
 */
interface SourceAccess {
  readonly action: string;
  /** The rendered ARN the grants must name. */
  readonly resource: string;
  /** What the source is, for messages: "the connection", "the app repo". */
  readonly pipeline: readonly string[];
  readonly clone: readonly string[];
}

function sourceAccess(source: {
  name: string;
  provider: string;
  configuration: Record<string, unknown>;
}): SourceAccess | undefined {
  if (source.configuration.ConnectionArn !== undefined) {
    return {
      action: source.name,
      resource: render(source.configuration.ConnectionArn),
      pipeline: USE_CONNECTION,
      clone: USE_CONNECTION,
    };
  }
  if (source.provider === 'CodeCommit') {
    const name = render(source.configuration.RepositoryName ?? '');
    return {
      action: source.name,
      resource: `arn:\${AWS::Partition}:codecommit:\${AWS::Region}:\${AWS::AccountId}:${name}`,
      pipeline: CODECOMMIT_SOURCE,
      clone: CODECOMMIT_CLONE,
    };
  }
  return undefined;
}

function roleOf(value: unknown): string | undefined {
  return /^\$\{(\w+)\.Arn\}$/.exec(value === undefined ? '' : render(value))?.[1];
}

function statementsOf(template: Template, role: string): Statement[] {
  const resource = template.Resources[role];
  if (resource?.Type !== 'AWS::IAM::Role') return [];
  const policies = (resource.Properties.Policies ?? []) as Array<{
    PolicyDocument: { Statement: Array<Record<string, unknown>> };
  }>;
  return policies.flatMap((policy) =>
    policy.PolicyDocument.Statement.filter((s) => s.Effect === 'Allow').map((s) => ({
      role,
      actions: asList(s.Action).map(String),
      resources: asList(s.Resource).map(render),
      conditional: s.Condition !== undefined,
    })),
  );
}

/** Whether `pattern` (an IAM action, maybe with `*`) covers `action`. */
function covers(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 'i');
  return regex.test(action);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The resources on which the role may call `action`, from unconditional statements. */
function grantedResources(statements: readonly Statement[], action: string): string[] {
  return statements
    .filter((s) => !s.conditional && s.actions.some((a) => covers(a, action)))
    .flatMap((s) => s.resources);
}

function projects(template: Template): Array<[string, TemplateResource]> {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::CodeBuild::Project');
}

function pipelineRole(template: Template): string | undefined {
  const pipeline = Object.values(template.Resources).find((r) => r.Type === 'AWS::CodePipeline::Pipeline');
  return pipeline === undefined ? undefined : roleOf(pipeline.Properties.RoleArn);
}

function buildspecName(action: PipelineBuildAction): string {
  return action.buildspec.split('/').at(-1) ?? action.buildspec;
}

/** Every CodeBuild project has its own role, declared here, and none shares the pipeline's. */
export function checkRolePerProject(template: Template): string[] {
  const problems: string[] = [];
  const users = new Map<string, string[]>();
  for (const [name, project] of projects(template)) {
    const role = roleOf(project.Properties.ServiceRole);
    if (role === undefined || template.Resources[role]?.Type !== 'AWS::IAM::Role') {
      problems.push(`${name}: ServiceRole is not !GetAtt <a role of this template>.Arn`);
      continue;
    }
    users.set(role, [...(users.get(role) ?? []), name]);
  }
  for (const [role, names] of users) {
    if (names.length > 1) {
      problems.push(`${role} serves ${names.join(', ')}: give each project its own least-privilege role`);
    }
  }
  const pipeline = pipelineRole(template);
  if (pipeline !== undefined && users.has(pipeline)) {
    problems.push(`${pipeline} is both the pipeline's role and a project's`);
  }
  return problems;
}

/**
 * Whoever reads the source must be allowed to: the pipeline's role, for the source action, and each
 * CodeBuild project that takes a CODEBUILD_CLONE_REF artifact of it, since that project clones the app repo
 * itself: UseConnection on the connection, or codecommit:GitPull on a CodeCommit repository.
 */
export function checkConnectionUse(template: Template): string[] {
  const problems: string[] = [];
  const actions = loadPipelineActions(template);
  const builds = pipelineBuildActions(template);
  const role = pipelineRole(template);
  for (const source of actions.filter((a) => a.category === 'Source')) {
    const access = sourceAccess(source);
    if (access === undefined) continue;
    const needing: Array<[string, readonly string[], string]> =
      role === undefined ? [] : [[role, access.pipeline, `source action ${source.name}`]];
    if (source.configuration.OutputArtifactFormat === 'CODEBUILD_CLONE_REF') {
      for (const build of builds) {
        if (!build.inputArtifacts.some((a) => source.outputArtifacts.includes(a))) continue;
        const projectRole = roleOf(template.Resources[build.project]?.Properties.ServiceRole);
        if (projectRole !== undefined) {
          needing.push([projectRole, access.clone, `${build.project} (action ${build.name})`]);
        }
      }
    }
    for (const [needer, needed, why] of needing) {
      const statements = statementsOf(template, needer);
      for (const action of needed) {
        if (!grantedResources(statements, action).includes(access.resource)) {
          problems.push(
            `${needer} lacks ${action} on ${access.resource}, needed by ${why} to clone the app repo`,
          );
        }
      }
    }
  }
  return problems;
}

/**
 * Exactly the role of the project that uses a secret may read it, and the secret is a template parameter:
 * no buildspec names one literally, no other role (build, sign, pipeline) can read it.
 */
export function checkSecretAccess(template: Template, root: string): string[] {
  const problems: string[] = [];
  const used = new Map<string, Set<string>>();
  for (const action of pipelineBuildActions(template)) {
    const role = roleOf(template.Resources[action.project]?.Properties.ServiceRole);
    if (role === undefined) continue;
    const references = used.get(role) ?? new Set<string>();
    for (const [name, reference] of Object.entries(action.projectSecrets)) {
      references.add(reference);
      if (
        !/^\$\{\w+\}/.test(reference) ||
        !(reference.slice(2, reference.indexOf('}')) in template.Parameters)
      ) {
        problems.push(
          `${action.project}: ${name} reads the secret ${reference}: take it from a template parameter`,
        );
      }
    }
    const spec = loadBuildspec(join(root, action.buildspec));
    for (const [name, reference] of Object.entries(spec.env['secrets-manager'])) {
      references.add(reference);
      problems.push(
        `${action.buildspec}: env.secrets-manager ${name} hard-codes the secret ${reference}: make it the project's SECRETS_MANAGER variable from a template parameter`,
      );
    }
    used.set(role, references);
  }
  const roles = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::IAM::Role')
    .map(([name]) => name);
  for (const role of roles) {
    const readable = grantedResources(statementsOf(template, role), 'secretsmanager:GetSecretValue');
    const references = used.get(role) ?? new Set<string>();
    for (const secret of readable) {
      if (![...references].some((r) => r === secret || r.startsWith(`${secret}:`))) {
        problems.push(`${role} can read the secret ${secret}, which none of its projects uses`);
      }
    }
    for (const reference of references) {
      if (!readable.some((secret) => reference === secret || reference.startsWith(`${secret}:`))) {
        problems.push(`${role} cannot read the secret ${reference} its project uses`);
      }
    }
  }
  return problems;
}

/**
 * Each role grants what its buildspec needs and no more: no wildcard actions, `*` resources only where IAM
 * has no narrower one, logs only to the project's own log group, and every action within what the
 * project's Slipway commands call (BUILDSPEC_NEEDS).
 */
export function checkLeastPrivilege(template: Template, root?: string): string[] {
  const problems: string[] = [];
  const clones = loadPipelineActions(template)
    .filter((a) => a.category === 'Source')
    .flatMap((a) => sourceAccess(a)?.clone ?? []);
  const roles = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');
  for (const [role, resource] of roles) {
    if (resource.Properties.ManagedPolicyArns !== undefined) {
      problems.push(`${role}: managed policies cannot be checked here; declare the statements inline`);
    }
    for (const statement of statementsOf(template, role)) {
      for (const action of statement.actions) {
        if (action.includes('*')) problems.push(`${role}: Action ${action} is a wildcard; name the actions`);
      }
      if (statement.resources.includes('*')) {
        const scoped = statement.actions.filter((a) => !RESOURCELESS.has(a));
        if (scoped.length > 0) {
          problems.push(`${role}: ${scoped.join(', ')} on Resource '*'; name the ARNs`);
        }
      }
    }
  }
  const byRole = new Map<string, { project: string; needs: Set<string>; optional: Set<string> }>();
  for (const action of pipelineBuildActions(template)) {
    const role = roleOf(template.Resources[action.project]?.Properties.ServiceRole);
    const needs = needsOf(action, root);
    if (role === undefined) continue;
    if (needs === undefined) {
      problems.push(`${action.project}: no known needs for ${action.buildspec}`);
      continue;
    }
    const entry = byRole.get(role) ?? { project: action.project, needs: new Set(), optional: new Set() };
    for (const a of [...needs.required, ...LOGS]) entry.needs.add(a);
    for (const a of [...needs.optional, ...ARTIFACTS_READ, ...clones]) entry.optional.add(a);
    byRole.set(role, entry);
  }
  const pipeline = pipelineRole(template);
  if (pipeline !== undefined) {
    byRole.set(pipeline, {
      project: 'the pipeline',
      needs: new Set(PIPELINE_NEEDS.required),
      optional: new Set(PIPELINE_NEEDS.optional),
    });
  }
  for (const [role, { project, needs, optional }] of byRole) {
    const statements = statementsOf(template, role);
    const granted = statements.flatMap((s) => s.actions);
    for (const need of needs) {
      if (!granted.some((g) => covers(g, need))) problems.push(`${role} (${project}) lacks ${need}`);
    }
    for (const action of granted) {
      if (!needs.has(action) && !optional.has(action)) {
        problems.push(`${role} (${project}) grants ${action}, which ${project} does not need`);
      }
    }
    if (project === 'the pipeline') continue;
    const name = template.Resources[project]?.Properties.Name;
    const logGroup = name === undefined ? undefined : `:log-group:/aws/codebuild/${render(name)}`;
    for (const statement of statements.filter((s) => s.actions.some((a) => a.startsWith('logs:')))) {
      for (const target of statement.resources) {
        if (logGroup === undefined || !(target.endsWith(logGroup) || target.endsWith(`${logGroup}:*`))) {
          problems.push(
            `${role}: logs on ${target}, not only ${project}'s own log group (give the project a Name and use /aws/codebuild/<Name>)`,
          );
        }
      }
    }
  }
  return problems;
}

/** Every `#{Namespace.VAR}` an action uses is exported by an action that ran before it. */
export function checkVariablesExported(template: Template, root: string): string[] {
  const problems: string[] = [];
  const actions = loadPipelineActions(template);
  const builds = new Map(pipelineBuildActions(template).map((b) => [`${b.stage}/${b.name}`, b]));
  const stages = [...new Set(actions.map((a) => a.stage))];
  const exports = new Map<string, { stage: number; runOrder: number; names: readonly string[] }>();
  for (const action of actions) {
    if (action.namespace === undefined) continue;
    const build = builds.get(`${action.stage}/${action.name}`);
    const names =
      build !== undefined
        ? loadBuildspec(join(root, build.buildspec)).env['exported-variables']
        : action.category === 'Source'
          ? (SOURCE_VARIABLES[action.provider] ?? [])
          : [];
    if (exports.has(action.namespace)) problems.push(`namespace ${action.namespace} is declared twice`);
    exports.set(action.namespace, { stage: stages.indexOf(action.stage), runOrder: action.runOrder, names });
  }
  for (const action of actions) {
    const text = Object.values(action.configuration)
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      .join('\n');
    for (const [whole, namespace, name] of text.matchAll(/#\{(\w+)\.(\w+)\}/g)) {
      const source = exports.get(namespace ?? '');
      const stage = stages.indexOf(action.stage);
      const before =
        source !== undefined &&
        (source.stage < stage || (source.stage === stage && source.runOrder < action.runOrder));
      if (source === undefined || !before || !source.names.includes(name ?? '')) {
        problems.push(`${action.stage}/${action.name} uses ${whole}, which no earlier action exports`);
      }
    }
  }
  return problems;
}

/**
 * The promote actions take the image through dev, staging and prod in that order: dev from the build,
 * staging from dev and prod from staging (FROM_ENV), with a manual approval before each environment in
 * `approved` (after the promotion before it).
 */
export function checkEnvironmentFlow(
  template: Template,
  approved: readonly ('staging' | 'prod')[] = ['prod'],
): string[] {
  const problems: string[] = [];
  const actions = loadPipelineActions(template);
  const stages = [...new Set(actions.map((a) => a.stage))];
  const promotes = pipelineBuildActions(template).filter((a) => buildspecName(a) === 'buildspec-promote.yml');
  const targets = promotes.map((a) => a.actionVariables.TARGET_ENV ?? a.projectVariables.TARGET_ENV ?? '?');
  if (targets.join(' → ') !== 'dev → staging → prod') {
    problems.push(`the promote actions go to ${targets.join(' → ') || 'nothing'}, not dev → staging → prod`);
  }
  const expectedFrom: Record<string, string | undefined> = {
    dev: undefined,
    staging: 'dev',
    prod: 'staging',
  };
  for (const [i, action] of promotes.entries()) {
    const target = targets[i] ?? '';
    if (!(target in expectedFrom)) continue;
    const from = action.actionVariables.FROM_ENV || undefined;
    if (from !== expectedFrom[target]) {
      problems.push(
        `${action.name} promotes ${target} from ${from ?? 'IMAGE_REF'}, not ${expectedFrom[target] ?? 'the build'}`,
      );
    }
    if (target === 'dev' && !/#\{\w+\.IMAGE_REF\}/.test(action.actionVariables.IMAGE_REF ?? '')) {
      problems.push(`${action.name} does not take the build's IMAGE_REF`);
    }
  }
  const position = (a: { stage: string; runOrder: number }) => stages.indexOf(a.stage) * 1000 + a.runOrder;
  for (const env of approved) {
    const previous = promotes[targets.indexOf(expectedFrom[env] ?? '')];
    const gated = promotes[targets.indexOf(env)];
    if (gated === undefined) continue;
    const approval = actions.some(
      (a) =>
        a.category === 'Approval' &&
        position(a) < position(gated) &&
        (previous === undefined || position(a) > position(previous)),
    );
    if (!approval) {
      problems.push(`no manual approval between ${expectedFrom[env]} and ${gated.stage}/${gated.name}`);
    }
  }
  return problems;
}

/** Every parameter is used, and every name a value refers to is a parameter, a resource or a pseudo one. */
export function checkParametersUsed(template: Template): string[] {
  const problems: string[] = [];
  const names = referencedNames([template.Resources, template.Outputs]);
  for (const parameter of Object.keys(template.Parameters)) {
    if (!names.has(parameter)) problems.push(`parameter ${parameter} is never used`);
  }
  for (const name of names) {
    if (!(name in template.Parameters) && !(name in template.Resources) && !name.startsWith('AWS::')) {
      problems.push(`${name} is referred to but is neither a parameter nor a resource`);
    }
  }
  return problems;
}

/**
 * A CodeCommit source starts the pipeline through EventBridge, as AWS recommends over polling: the action
 * has PollForSourceChanges false, and a rule on the repository's branch targets the pipeline with a role
 * that may start exactly it.
 */
export function checkSourceTrigger(template: Template): string[] {
  const problems: string[] = [];
  const pipelineName = Object.entries(template.Resources).find(
    ([, r]) => r.Type === 'AWS::CodePipeline::Pipeline',
  )?.[0];
  const pipelineArn = `arn:\${AWS::Partition}:codepipeline:\${AWS::Region}:\${AWS::AccountId}:\${${pipelineName}}`;
  const rules = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Events::Rule');
  for (const source of loadPipelineActions(template).filter((a) => a.provider === 'CodeCommit')) {
    const access = sourceAccess(source);
    if (access === undefined) continue;
    if (String(source.configuration.PollForSourceChanges) !== 'false') {
      problems.push(
        `${source.name} polls the repository: set PollForSourceChanges false and add an EventBridge rule`,
      );
    }
    const branch = render(source.configuration.BranchName ?? '');
    const rule = rules.find(([, r]) => {
      const pattern = (r.Properties.EventPattern ?? {}) as {
        source?: unknown;
        resources?: unknown;
        detail?: { referenceName?: unknown; referenceType?: unknown };
      };
      return (
        asList(pattern.source).includes('aws.codecommit') &&
        asList(pattern.resources).map(render).includes(access.resource) &&
        asList(pattern.detail?.referenceType).includes('branch') &&
        asList(pattern.detail?.referenceName).map(render).includes(branch)
      );
    });
    if (rule === undefined) {
      problems.push(`no EventBridge rule starts the pipeline when ${branch} of ${access.resource} moves`);
      continue;
    }
    const targets = asList(rule[1].Properties.Targets) as Array<{ Arn?: unknown; RoleArn?: unknown }>;
    const target = targets.find((t) => render(t.Arn) === pipelineArn);
    if (target === undefined) {
      problems.push(`${rule[0]} does not target the pipeline ${pipelineArn}`);
      continue;
    }
    const role = roleOf(target.RoleArn);
    const startable =
      role === undefined
        ? []
        : grantedResources(statementsOf(template, role), 'codepipeline:StartPipelineExecution');
    if (!startable.includes(pipelineArn)) {
      problems.push(`${rule[0]}'s role cannot codepipeline:StartPipelineExecution on ${pipelineArn}`);
    }
  }
  return problems;
}
