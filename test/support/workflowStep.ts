// Runs one `run:` step of a GitHub workflow the way the runner does, close enough to prove the starters in
// workflows/github work: the job's `env:` with its `${{ … }}` expressions replaced by values the test gives
// (an expression it does not give is an error, so none is left unresolved), RUNNER_TEMP, and the script in
// `bash --noprofile --norc -eo pipefail` (the runner's default shell). `npx -y @slipway/cli@<major>` runs the
// local CLI bundle through the shims of codebuild.ts.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { writeShims } from './codebuild.js';
import { baseEnv } from './slipway.js';

interface WorkflowDocument {
  readonly jobs: Record<
    string,
    {
      readonly env?: Record<string, string>;
      readonly steps: readonly { readonly name?: string; readonly if?: string; readonly run?: string }[];
    }
  >;
}

export interface WorkflowStep {
  readonly name: string;
  readonly if?: string;
  readonly run: string;
  /** The job's `env:`, expressions unresolved. */
  readonly jobEnv: Readonly<Record<string, string>>;
}

/** The `run:` step of `job` whose name matches `name`; exactly one must. */
export function loadWorkflowStep(file: string, job: string, name: RegExp): WorkflowStep {
  const doc = parse(readFileSync(file, 'utf8')) as WorkflowDocument;
  const found = doc.jobs[job];
  if (found === undefined) throw new Error(`${file}: no job ${job}`);
  const steps = found.steps.filter((step) => step.name !== undefined && name.test(step.name));
  if (steps.length !== 1 || steps[0]?.run === undefined)
    throw new Error(`${file}: ${steps.length} run steps of job ${job} match ${name}`);
  const step = steps[0];
  return {
    name: step.name ?? '',
    ...(step.if === undefined ? {} : { if: step.if }),
    run: step.run ?? '',
    jobEnv: found.env ?? {},
  };
}

/** `${{ github.base_ref }}` → the value under `github.base_ref` in `expressions`. */
export function resolveExpressions(text: string, expressions: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const value = expressions[expression];
    if (value === undefined) throw new Error(`no value given for the expression \${{ ${expression} }}`);
    return value;
  });
}

export interface WorkflowStepRun {
  readonly code: number;
  /** stdout and stderr, interleaved as they came. */
  readonly output: string;
  /** `::error file=…,line=…::message` lines, properties unescaped. */
  readonly errors: readonly { file?: string; line?: string; message: string }[];
}

/** Runs the step in `cwd` (the checkout) and returns its exit code, output and error annotations. */
export async function runWorkflowStep(
  step: WorkflowStep,
  options: { readonly cwd: string; readonly expressions: Readonly<Record<string, string>> },
): Promise<WorkflowStepRun> {
  const temp = mkdtempSync(join(tmpdir(), 'slipway-workflow-step-'));
  try {
    const shims = writeShims(join(temp, 'bin'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(baseEnv())) if (v !== undefined) env[k] = v;
    for (const [k, v] of Object.entries(step.jobEnv)) env[k] = resolveExpressions(v, options.expressions);
    env.PATH = `${shims}:${env.PATH ?? '/usr/bin:/bin'}`;
    env.RUNNER_TEMP = mkdtempSync(join(temp, 'runner-temp-'));
    env.GITHUB_ACTIONS = 'true';
    // The runner creates these for every step; a CLI that sees GITHUB_ACTIONS writes its outputs there.
    for (const [name, file] of [
      ['GITHUB_OUTPUT', 'output'],
      ['GITHUB_STEP_SUMMARY', 'summary'],
      ['GITHUB_ENV', 'env'],
      ['GITHUB_PATH', 'path'],
    ] as const) {
      env[name] = join(env.RUNNER_TEMP, `_runner_file_${file}`);
      writeFileSync(env[name], '');
    }
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        cwd: options.cwd,
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
    return { code, output, errors: errorAnnotations(output) };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function unescapeProperty(value: string): string {
  return value
    .replace(/%2C/gi, ',')
    .replace(/%3A/gi, ':')
    .replace(/%0A/gi, '\n')
    .replace(/%0D/gi, '\r')
    .replace(/%25/g, '%');
}

/** The `::error …::` commands in `output`, as the runner reads them. */
export function errorAnnotations(output: string): { file?: string; line?: string; message: string }[] {
  return output.split('\n').flatMap((text) => {
    const match = /^::error(?: ([^:]*))?::(.*)$/.exec(text);
    if (match === null) return [];
    const properties: Record<string, string> = {};
    for (const pair of (match[1] ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    return [
      {
        ...(properties.file === undefined ? {} : { file: properties.file }),
        ...(properties.line === undefined ? {} : { line: properties.line }),
        message: match[2] ?? '',
      },
    ];
  });
}
