// Runs CodeBuild buildspecs (version 0.2) the way CodeBuild does, close enough to prove the examples in
// workflows/codebuild work: env.variables, then project/pipeline variables over them, secrets-manager and
// parameter-store values from stubs, the CODEBUILD_* variables, every phase's commands in order in one
// `bash -e` shell (as 0.2 runs them), and env.exported-variables read back at the end. `npx` and `aws` are
// shims on PATH: `npx -y @slipway/cli@1 …` runs the local CLI bundle, and `aws` fails, because Slipway fetches
// ECR tokens itself and a buildspec must not need the AWS CLI.

import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadTemplate, render, type Template } from './cloudformation.js';
import { baseEnv, CLI_BUNDLE } from './slipway.js';

/** The phases CodeBuild runs, in order. */
export const PHASES = ['install', 'pre_build', 'build', 'post_build'] as const;

export interface Buildspec {
  readonly version: string;
  readonly env: {
    readonly shell?: string;
    readonly variables: Readonly<Record<string, string>>;
    readonly 'parameter-store': Readonly<Record<string, string>>;
    readonly 'secrets-manager': Readonly<Record<string, string>>;
    readonly 'exported-variables': readonly string[];
  };
  readonly phases: Readonly<
    Partial<Record<(typeof PHASES)[number], { readonly commands: readonly string[] }>>
  >;
}

/** Parses a buildspec strictly enough to catch what CodeBuild would reject (wrong version, non-string values). */
export function loadBuildspec(file: string): Buildspec {
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (String(doc.version) !== '0.2')
    throw new Error(`${file}: version must be 0.2, got ${String(doc.version)}`);
  const env = (doc.env ?? {}) as Record<string, unknown>;
  const strings = (key: string): Record<string, string> => {
    const value = (env[key] ?? {}) as Record<string, unknown>;
    for (const [name, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw new Error(`${file}: env.${key}.${name} must be a string (quote it)`);
    }
    return value as Record<string, string>;
  };
  const phases: Record<string, { commands: string[] }> = {};
  for (const [name, phase] of Object.entries((doc.phases ?? {}) as Record<string, unknown>)) {
    if (!(PHASES as readonly string[]).includes(name)) throw new Error(`${file}: unknown phase ${name}`);
    const commands = ((phase ?? {}) as { commands?: unknown }).commands ?? [];
    if (!Array.isArray(commands) || commands.some((c) => typeof c !== 'string')) {
      throw new Error(`${file}: phases.${name}.commands must be a list of strings`);
    }
    phases[name] = { commands: commands as string[] };
  }
  return {
    version: '0.2',
    env: {
      ...(typeof env.shell === 'string' ? { shell: env.shell } : {}),
      variables: strings('variables'),
      'parameter-store': strings('parameter-store'),
      'secrets-manager': strings('secrets-manager'),
      'exported-variables': (env['exported-variables'] ?? []) as string[],
    },
    phases,
  };
}

/** The CODEBUILD_* variables of one build, as CodeBuild sets them for a build started by CodePipeline. */
export function codebuildVariables(options: {
  project: string;
  buildNumber: number;
  commit: string;
  srcDir: string;
  region?: string;
  account?: string;
}): Record<string, string> {
  const region = options.region ?? 'eu-west-1';
  const account = options.account ?? '111122223333';
  const id = `${options.project}:0b5c8f3e-${String(options.buildNumber).padStart(4, '0')}-4d1e-9a52-5f6c1e2d3b4a`;
  return {
    CODEBUILD_BUILD_ID: id,
    CODEBUILD_BUILD_ARN: `arn:aws:codebuild:${region}:${account}:build/${id}`,
    CODEBUILD_BUILD_NUMBER: String(options.buildNumber),
    CODEBUILD_INITIATOR: `codepipeline/${options.project}-pipeline`,
    CODEBUILD_RESOLVED_SOURCE_VERSION: options.commit,
    CODEBUILD_SOURCE_VERSION: `arn:aws:s3:::artifact-bucket/${options.project}/Source/abc123`,
    CODEBUILD_SRC_DIR: options.srcDir,
    CODEBUILD_BUILD_IMAGE: 'aws/codebuild/standard:7.0',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    CODEBUILD_CI: 'true',
  };
}

/** The console URL CodeBuild shows for a build: what the Slipway-Run trailer must hold. */
export function codebuildRunUrl(vars: Record<string, string>): string {
  const match = /^arn:aws:codebuild:([\w-]+):(\d+):build\/([^:]+):(.+)$/.exec(vars.CODEBUILD_BUILD_ARN ?? '');
  if (match === null) throw new Error('no CODEBUILD_BUILD_ARN');
  const [, region, account, project, id] = match;
  return `https://${region}.console.aws.amazon.com/codesuite/codebuild/${account}/projects/${project}/build/${project}%3A${id}/?region=${region}`;
}

/**
 * Writes `npx` (accepts only `npx -y @slipway/cli@<range> …`, runs the local bundle) and `aws` (always fails)
 * into `dir`, and returns `dir` for PATH.
 */
export function writeShims(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const npx = join(dir, 'npx');
  writeFileSync(
    npx,
    `#!/bin/sh
# test shim: npx -y @slipway/cli@<version> ARGS… runs the local CLI bundle
[ "$1" = "-y" ] || { echo "npx shim: buildspecs must run 'npx -y @slipway/cli@…', got: npx $*" >&2; exit 127; }
shift
case "$1" in
  @slipway/cli@*) shift; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_BUNDLE)} "$@" ;;
esac
echo "npx shim: unexpected package $1 (pin @slipway/cli@<major>)" >&2
exit 127
`,
  );
  chmodSync(npx, 0o755);
  const aws = join(dir, 'aws');
  writeFileSync(
    aws,
    '#!/bin/sh\necho "aws shim: a buildspec ran \'aws $*\'; Slipway needs no AWS CLI (it fetches ECR tokens itself)" >&2\nexit 97\n',
  );
  chmodSync(aws, 0o755);
  return dir;
}

export interface RunBuildspecOptions {
  /** Buildspec path. */
  readonly file: string;
  /** The source directory (CODEBUILD_SRC_DIR, the working directory). */
  readonly srcDir: string;
  /** CODEBUILD_* and AWS_* variables (codebuildVariables). */
  readonly codebuild: Readonly<Record<string, string>>;
  /** Project and pipeline-action variables: they override the buildspec's env.variables, as in CodeBuild. */
  readonly variables?: Readonly<Record<string, string>>;
  /** The project's SECRETS_MANAGER variables (name → reference): over the buildspec's, under `variables`. */
  readonly projectSecrets?: Readonly<Record<string, string>>;
  /** Stub values of Secrets Manager references (buildspec `secrets-manager` or project), keyed by reference. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Stub values of parameter-store names. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Directory with the npx/aws shims (writeShims). */
  readonly shims: string;
}

export interface BuildspecRun {
  readonly code: number;
  readonly output: string;
  /** The env.exported-variables as the build ended (CodeBuild exports them to the pipeline). */
  readonly exported: Readonly<Record<string, string>>;
  /** The phase that failed, when one did. */
  readonly failedPhase?: string;
}

/** Runs every phase of a buildspec in one `bash -e` shell and reads the exported variables back. */
export async function runBuildspec(options: RunBuildspecOptions): Promise<BuildspecRun> {
  const spec = loadBuildspec(options.file);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(baseEnv())) if (v !== undefined) env[k] = v;
  Object.assign(env, spec.env.variables);
  for (const [name, reference] of Object.entries(spec.env['parameter-store'])) {
    const value = options.parameters?.[reference];
    if (value === undefined) throw new Error(`${options.file}: no stub for parameter-store ${reference}`);
    env[name] = value;
  }
  for (const [name, reference] of Object.entries(spec.env['secrets-manager'])) {
    const value = options.secrets?.[reference];
    if (value === undefined) throw new Error(`${options.file}: no stub for secrets-manager ${reference}`);
    env[name] = value;
  }
  for (const [name, reference] of Object.entries(options.projectSecrets ?? {})) {
    const value = options.secrets?.[reference];
    if (value === undefined) throw new Error(`project variable ${name}: no stub for secret ${reference}`);
    env[name] = value;
  }
  Object.assign(env, options.variables ?? {}, options.codebuild);
  env.PATH = `${options.shims}:${env.PATH ?? '/usr/bin:/bin'}`;

  const exportFile = join(mkdtempSync(join(tmpdir(), 'slipway-codebuild-exported-')), 'variables');
  const lines = ['set -e', 'cd "$CODEBUILD_SRC_DIR"'];
  for (const phase of PHASES) {
    const commands = spec.phases[phase]?.commands ?? [];
    lines.push(`echo "[Container] Entering phase ${phase.toUpperCase()}" >&2`, `__phase=${phase}`);
    for (const command of commands) lines.push(command);
  }
  // CodeBuild exports the variables' values as the build ends; NUL-separated, so values may hold newlines.
  lines.push(
    `for __v in ${spec.env['exported-variables'].join(' ')}; do printf '%s=%s\\0' "$__v" "\${!__v-}"; done > ${shellQuote(exportFile)}`,
  );
  const script = `${lines.join('\n')}\n`;
  const shell = spec.env.shell ?? 'bash';
  if (shell !== 'bash')
    throw new Error(`${options.file}: the harness runs env.shell bash only, not ${shell}`);

  const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn('bash', ['-e', '-c', script], {
      cwd: options.srcDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c ?? -1, output: out }));
  });
  const exported: Record<string, string> = {};
  let failedPhase: string | undefined;
  if (code === 0) {
    for (const record of readFileSync(exportFile, 'utf8').split('\0')) {
      const eq = record.indexOf('=');
      if (eq > 0) exported[record.slice(0, eq)] = record.slice(eq + 1);
    }
    rmSync(join(exportFile, '..'), { recursive: true, force: true });
  } else {
    failedPhase = [...output.matchAll(/\[Container\] Entering phase (\w+)/g)].at(-1)?.[1]?.toLowerCase();
  }
  return { code, output, exported, ...(failedPhase === undefined ? {} : { failedPhase }) };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/** One action of a CodePipeline stage, as the template declares it. */
export interface PipelineAction {
  readonly stage: string;
  readonly name: string;
  readonly namespace?: string;
  readonly category: string;
  readonly provider: string;
  /** Order inside the stage (RunOrder, default 1). */
  readonly runOrder: number;
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly inputArtifacts: readonly string[];
  readonly outputArtifacts: readonly string[];
}

/** Every action of the template's pipeline, stage by stage, in run order. */
export function loadPipelineActions(template: Template): PipelineAction[] {
  const pipeline = Object.values(template.Resources).find((r) => r.Type === 'AWS::CodePipeline::Pipeline');
  if (pipeline === undefined) throw new Error(`${template.file}: no AWS::CodePipeline::Pipeline`);
  const stages = pipeline.Properties.Stages as Array<{
    Name: string;
    Actions: Array<{
      Name: string;
      Namespace?: string;
      RunOrder?: number;
      ActionTypeId: { Category: string; Provider: string };
      Configuration?: Record<string, unknown>;
      InputArtifacts?: Array<{ Name: string }>;
      OutputArtifacts?: Array<{ Name: string }>;
    }>;
  }>;
  return stages.flatMap((stage) =>
    stage.Actions.map((action) => ({
      stage: stage.Name,
      name: action.Name,
      ...(action.Namespace === undefined ? {} : { namespace: action.Namespace }),
      category: action.ActionTypeId.Category,
      provider: action.ActionTypeId.Provider,
      runOrder: action.RunOrder ?? 1,
      configuration: action.Configuration ?? {},
      inputArtifacts: (action.InputArtifacts ?? []).map((a) => a.Name),
      outputArtifacts: (action.OutputArtifacts ?? []).map((a) => a.Name),
    })).sort((a, b) => a.runOrder - b.runOrder),
  );
}

/** One CodeBuild action of a CodePipeline stage, with the project it starts. */
export interface PipelineBuildAction extends PipelineAction {
  /** The logical name of the AWS::CodeBuild::Project resource. */
  readonly project: string;
  /** Buildspec path relative to the app repo root (parameters at their defaults). */
  readonly buildspec: string;
  /** The project's PLAINTEXT environment variables (CloudFormation values rendered as `${…}`). */
  readonly projectVariables: Readonly<Record<string, string>>;
  /** The project's SECRETS_MANAGER environment variables: name → `<secret>:<json key>` reference. */
  readonly projectSecrets: Readonly<Record<string, string>>;
  /** The action's EnvironmentVariables, `#{Namespace.VAR}` still unresolved. */
  readonly actionVariables: Readonly<Record<string, string>>;
}

/** The CodeBuild actions of a parsed template, with their projects and what each passes to its build. */
export function pipelineBuildActions(template: Template): PipelineBuildAction[] {
  const withDefaults = (text: string): string =>
    text.replace(/\$\{(\w+)\}/g, (whole, name: string) => template.Parameters[name]?.Default ?? whole);
  return loadPipelineActions(template)
    .filter((action) => action.provider === 'CodeBuild')
    .map((action) => {
      const projectName = /^\$\{(\w+)\}$/.exec(render(action.configuration.ProjectName ?? ''))?.[1] ?? '';
      const project = template.Resources[projectName];
      if (project?.Type !== 'AWS::CodeBuild::Project') {
        throw new Error(`${template.file}: action ${action.name} names no AWS::CodeBuild::Project`);
      }
      const source = project.Properties.Source as { BuildSpec?: unknown };
      const environment = project.Properties.Environment as {
        EnvironmentVariables?: Array<{ Name: string; Value: unknown; Type?: string }>;
      };
      const variables = environment.EnvironmentVariables ?? [];
      const ofType = (type: string) =>
        Object.fromEntries(
          variables.filter((v) => (v.Type ?? 'PLAINTEXT') === type).map((v) => [v.Name, render(v.Value)]),
        );
      const unsupported = variables.find(
        (v) => !['PLAINTEXT', 'SECRETS_MANAGER'].includes(v.Type ?? 'PLAINTEXT'),
      );
      if (unsupported !== undefined) {
        throw new Error(
          `${template.file}: ${projectName}.${unsupported.Name}: the harness has no ${unsupported.Type}`,
        );
      }
      const actionVariables = Object.fromEntries(
        (
          JSON.parse(String(action.configuration.EnvironmentVariables ?? '[]')) as Array<{
            name: string;
            value: string;
          }>
        ).map((v) => [v.name, v.value]),
      );
      return {
        ...action,
        project: projectName,
        buildspec: withDefaults(render(source.BuildSpec ?? '')),
        projectVariables: ofType('PLAINTEXT'),
        projectSecrets: ofType('SECRETS_MANAGER'),
        actionVariables,
      };
    });
}

/** The CodeBuild actions of the pipeline template, stage by stage, with what each passes to its build. */
export function loadPipeline(file: string): PipelineBuildAction[] {
  return pipelineBuildActions(loadTemplate(file));
}

/** Replaces `#{Namespace.VAR}` with what earlier actions exported; an unknown one is an error, as in CodePipeline. */
export function resolvePipelineVariables(
  variables: Readonly<Record<string, string>>,
  namespaces: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      value.replace(/#\{(\w+)\.(\w+)\}/g, (_whole, ns: string, key: string) => {
        const resolved = namespaces[ns]?.[key];
        if (resolved === undefined) throw new Error(`#{${ns}.${key}} is not exported by any earlier action`);
        return resolved;
      }),
    ]),
  );
}
