// Runs the jobs of a reusable workflow as GitHub would for one caller, far enough to follow what flows from
// step to step and job to job: each `uses: */slipway/actions/<step>` runs that action from its sources
// (through the runner harness, so inputs and GITHUB_OUTPUT are the runner's), each `run:` step runs in bash
// with its `env:` and a GITHUB_OUTPUT file, third-party actions are skipped (the test names them), and job
// outputs and `needs.*` are evaluated from what the steps wrote. Expressions: `${{ a || b || 'literal' }}`
// over inputs, vars, secrets, github, steps and needs; `if:` also takes ==, !=, &&, !, parentheses,
// success(), always() and cancelled().

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { type ActionRun, parseRunnerFile, runAction } from './actionRunner.js';
import { ROOT } from './slipway.js';
import { calledWorkflowPath } from './workflowPermissions.js';

interface StepDocument {
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, unknown>>;
}

interface JobDocument {
  readonly if?: string;
  readonly needs?: string | readonly string[];
  readonly uses?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly secrets?: Readonly<Record<string, unknown>> | 'inherit';
  readonly outputs?: Readonly<Record<string, string>>;
  readonly steps?: readonly StepDocument[];
}

interface WorkflowFile {
  readonly on?: {
    readonly workflow_call?: { readonly inputs?: Record<string, { readonly default?: unknown }> };
  };
  readonly jobs: Readonly<Record<string, JobDocument>>;
}

type Result = 'success' | 'failure' | 'skipped';

export interface JobRun {
  readonly result: Result;
  readonly outputs: Record<string, string>;
  /** Each step that ran, by id (or its position), with what it wrote to GITHUB_OUTPUT. */
  readonly steps: Record<string, { readonly outputs: Record<string, string>; readonly log: string }>;
}

export interface CallOptions {
  /** Repository variables (`vars.*`). */
  readonly vars: Readonly<Record<string, string>>;
  /** Secrets (`secrets.*`). */
  readonly secrets?: Readonly<Record<string, string>>;
  /** The checkout: files the workspace holds when a job starts. */
  readonly workspace: Readonly<Record<string, string>>;
  /** GITHUB_* variables of the run (the event, ref, SHA), also the `github.*` context. */
  readonly github: Readonly<Record<string, string>>;
  /** Actions skipped, as `uses:` names them without `@ref` (`actions/checkout`, `slipway-dev/slipway/actions/sign`). */
  readonly skip: readonly string[];
  /**
   * The runner's own environment, which every action sees (the OIDC token endpoint a job with id-token: write
   * gets, a private Sigstore's SLIPWAY_FULCIO_URL, …).
   */
  readonly runner?: Readonly<Record<string, string>>;
  /** Inputs the test changes from what the caller passes (e.g. a builder that needs no daemon). */
  readonly override?: Readonly<Record<string, string>>;
}

/** Runs the workflow that job `job` of `callerFile` calls, with the inputs and secrets that job passes. */
export async function runCalledWorkflow(
  callerFile: string,
  job: string,
  options: CallOptions,
): Promise<{ readonly file: string; readonly jobs: Record<string, JobRun> }> {
  const caller = readWorkflow(callerFile);
  const call = caller.jobs[job];
  const file = call?.uses === undefined ? undefined : calledWorkflowPath(call.uses);
  if (call === undefined || file === undefined)
    throw new Error(`${callerFile} job ${job} calls no workflow here`);
  const outer = context(options, {});
  if (call.if !== undefined && !condition(call.if, outer, true))
    throw new Error(`${callerFile} job ${job} would be skipped on this event: if: ${call.if}`);
  const called = readWorkflow(file);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(called.on?.workflow_call?.inputs ?? {}))
    inputs[name] = spec.default === undefined ? '' : String(spec.default);
  for (const [name, value] of Object.entries(call.with ?? {}))
    inputs[name] = interpolate(String(value), outer);
  Object.assign(inputs, options.override ?? {});
  const secrets: Record<string, string> = {};
  if (call.secrets !== 'inherit')
    for (const [name, value] of Object.entries(call.secrets ?? {}))
      secrets[name] = interpolate(String(value), outer);

  const jobs: Record<string, JobRun> = {};
  for (const name of order(called.jobs)) {
    const spec = called.jobs[name] as JobDocument;
    const needs = Object.fromEntries(
      listOf(spec.needs).map((need) => [
        need,
        { result: jobs[need]?.result ?? 'skipped', outputs: jobs[need]?.outputs ?? {} },
      ]),
    );
    const scope = context(options, { inputs, secrets, needs });
    const defaultIf = Object.values(needs).every((need) => need.result === 'success');
    if (!(spec.if === undefined ? defaultIf : condition(spec.if, scope, defaultIf))) {
      jobs[name] = { result: 'skipped', outputs: {}, steps: {} };
      continue;
    }
    jobs[name] = await runJob(`${file} job ${name}`, spec, scope, options);
  }
  return { file, jobs };
}

async function runJob(where: string, job: JobDocument, scope: Scope, options: CallOptions): Promise<JobRun> {
  const steps: Record<string, { outputs: Record<string, string>; log: string }> = {};
  for (const [index, step] of (job.steps ?? []).entries()) {
    const id = step.id ?? `#${index}`;
    const stepScope = { ...scope, steps: steps as Scope['steps'] };
    if (step.if !== undefined && !condition(step.if, stepScope, true)) continue;
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([key, value]) => [key, interpolate(String(value), stepScope)]),
    );
    if (step.run !== undefined) {
      steps[id] = runShell(`${where} step ${id}`, interpolate(step.run, stepScope), env);
      continue;
    }
    const uses = step.uses ?? '';
    if (options.skip.includes(uses.split('@')[0] ?? '')) continue;
    const slipway = /^(?:\.\/|[\w.-]+\/slipway\/)actions\/([\w-]+)(?:@|$)/.exec(uses)?.[1];
    if (slipway === undefined)
      throw new Error(`${where} step ${id}: ${uses} is a third-party action the test does not skip`);
    const inputs = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([key, value]) => [key, interpolate(String(value), stepScope)]),
    );
    const run: ActionRun = await runAction(
      slipway,
      inputs,
      { ...options.github, ...options.runner, ...nonEmpty(env) },
      { workspace: options.workspace, fromSource: true },
    );
    if (run.code !== 0)
      throw new Error(`${where} step ${id} (${slipway}) failed:\n${run.stdout}\n${run.stderr}`);
    steps[id] = { outputs: run.outputs, log: run.stdout };
  }
  const finalScope = { ...scope, steps: steps as Scope['steps'] };
  const outputs = Object.fromEntries(
    Object.entries(job.outputs ?? {}).map(([name, value]) => [name, interpolate(value, finalScope)]),
  );
  return { result: 'success', outputs, steps };
}

function runShell(
  where: string,
  script: string,
  env: Record<string, string>,
): { outputs: Record<string, string>; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-run-step-'));
  try {
    const output = join(dir, 'output');
    writeFileSync(output, '');
    // bash -e as the runner runs `run:` steps (shell: bash --noprofile --norc -eo pipefail {0}).
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GITHUB_OUTPUT: output, ...env },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`${where} failed (${result.status}): ${result.stderr}`);
    return { outputs: parseRunnerFile(readFileSync(output, 'utf8')), log: result.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A workflow by its path in this repository, or a caller a test wrote elsewhere (an absolute path). */
function readWorkflow(path: string): WorkflowFile {
  return parse(readFileSync(isAbsolute(path) ? path : join(ROOT, path), 'utf8')) as WorkflowFile;
}

function listOf(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

function nonEmpty(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

/** Jobs in an order where each comes after what it needs. */
function order(jobs: Readonly<Record<string, JobDocument>>): string[] {
  const done: string[] = [];
  const visit = (name: string, path: readonly string[]): void => {
    if (done.includes(name)) return;
    if (path.includes(name)) throw new Error(`jobs need each other: ${[...path, name].join(' → ')}`);
    for (const need of listOf(jobs[name]?.needs)) visit(need, [...path, name]);
    done.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name, []);
  return done;
}

interface Scope {
  readonly inputs: Record<string, string>;
  readonly vars: Readonly<Record<string, string>>;
  readonly secrets: Record<string, string>;
  readonly github: Record<string, string>;
  readonly needs: Record<string, { result: string; outputs: Record<string, string> }>;
  readonly steps: Record<string, { outputs: Record<string, string> }>;
}

function context(options: CallOptions, parts: Partial<Scope>): Scope {
  const github: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.github))
    if (key.startsWith('GITHUB_')) github[key.slice('GITHUB_'.length).toLowerCase()] = value;
  return {
    inputs: {},
    vars: options.vars,
    secrets: { ...options.secrets },
    github,
    needs: {},
    steps: {},
    ...parts,
  };
}

/** Replaces each `${{ … }}` in `text` by its value. */
function interpolate(text: string, scope: Scope): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => {
    const value = evaluate(expr, scope);
    return typeof value === 'boolean' ? String(value) : value;
  });
}

/** An `if:`; as on GitHub, one that calls no status function also needs success(). */
function condition(text: string, scope: Scope, success: boolean): boolean {
  const expr = text.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const statusChecked = /\b(?:success|failure|always|cancelled)\(\)/.test(expr);
  return (statusChecked || success) && truthy(evaluate(expr, scope, success));
}

function truthy(value: string | boolean): boolean {
  return value !== '' && value !== false;
}

type Token = { kind: 'op'; text: string } | { kind: 'string'; text: string } | { kind: 'path'; text: string };

/** A small recursive-descent evaluator of GitHub's expression syntax, as far as these workflows use it. */
function evaluate(expr: string, scope: Scope, success = true): string | boolean {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\|\||&&|==|!=|!|\(|\))|'((?:[^']|'')*)'|([A-Za-z_][\w.-]*(?:\(\))?))/y;
  let at = 0;
  while (at < expr.length && !/^\s*$/.test(expr.slice(at))) {
    pattern.lastIndex = at;
    const match = pattern.exec(expr);
    if (match === null) throw new Error(`expression not understood at "${expr.slice(at)}": ${expr}`);
    if (match[1] !== undefined) tokens.push({ kind: 'op', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'string', text: match[2].replace(/''/g, "'") });
    else tokens.push({ kind: 'path', text: match[3] ?? '' });
    at = pattern.lastIndex;
  }
  let position = 0;
  const peek = () => tokens[position];
  const take = (text: string) => {
    const token = peek();
    if (token?.kind === 'op' && token.text === text) {
      position += 1;
      return true;
    }
    return false;
  };
  const primary = (): string | boolean => {
    if (take('!')) return !truthy(primary());
    if (take('(')) {
      const value = or();
      if (!take(')')) throw new Error(`missing ) in ${expr}`);
      return value;
    }
    const token = tokens[position++];
    if (token === undefined || token.kind === 'op') throw new Error(`expression not understood: ${expr}`);
    if (token.kind === 'string') return token.text;
    if (token.text === 'success()') return success;
    if (token.text === 'always()') return true;
    if (token.text === 'cancelled()') return false;
    if (token.text === 'true' || token.text === 'false') return token.text === 'true';
    return lookup(token.text, scope);
  };
  const comparison = (): string | boolean => {
    const left = primary();
    if (take('==')) return String(left) === String(primary());
    if (take('!=')) return String(left) !== String(primary());
    return left;
  };
  const and = (): string | boolean => {
    let value = comparison();
    while (take('&&')) {
      const right = comparison();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const or = (): string | boolean => {
    let value = and();
    while (take('||')) {
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const value = or();
  if (position !== tokens.length) throw new Error(`expression not understood: ${expr}`);
  return value;
}

function lookup(path: string, scope: Scope): string {
  const [root, ...rest] = path.split('.');
  let value: unknown = scope[root as keyof Scope];
  if (value === undefined) throw new Error(`unknown context ${root} in ${path}`);
  for (const part of rest)
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'string' ? value : '';
}
