import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { ROOT, type RunResult, runNode } from './slipway.js';

/** The files the runner creates empty before a step and reads back after it. */
export type RunnerFile = 'output' | 'env' | 'state' | 'path' | 'summary';

/** A workflow command the runner would obey, read from the step's stdout (`::name k=v,…::data`). */
export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  /** The data, unescaped as the runner unescapes it. */
  readonly data: string;
  /** Index of the stdout line it came from. */
  readonly line: number;
}

export interface ActionRun extends RunResult {
  /** `GITHUB_OUTPUT`, read back as the runner reads it. */
  readonly outputs: Record<string, string>;
  /** `GITHUB_STEP_SUMMARY`. */
  readonly summary: string;
  /** `GITHUB_ENV`, read back as the runner reads it. */
  readonly env: Record<string, string>;
  /** `GITHUB_STATE`, read back as the runner reads it. */
  readonly state: Record<string, string>;
  /** `GITHUB_PATH`: the directories added, in order. */
  readonly path: string[];
  /** The raw bytes (as text) of every runner file. */
  readonly files: Readonly<Record<RunnerFile, string>>;
  /** The workflow commands the runner would have obeyed, in order (stop-commands honoured). */
  readonly commands: WorkflowCommand[];
  /** With `traceInputs`: every `INPUT_*` variable the bundle read, sorted. */
  readonly inputsRead?: string[];
}

export interface ActionRunOptions {
  /** Files written into the workspace (the step's working directory) first: relative path → content. */
  readonly workspace?: Readonly<Record<string, string | Buffer>>;
  /** Record which `INPUT_*` variables the bundle reads (a preloaded module watches `process.env`). */
  readonly traceInputs?: boolean;
  /**
   * Run `actions/<name>/src/main.ts` through tsx instead of the committed bundle: the step as the sources
   * define it now (the bundles are rebuilt at release), e.g. for a new output a workflow reads.
   */
  readonly fromSource?: boolean;
}

/** tsx's ESM loader, by file URL: `--import tsx` would be resolved from the workspace, which has no node_modules. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** A bundle still running after this long is killed and the run fails. */
const ACTION_TIMEOUT_MS = 45_000;

/** The runner's name for an input's variable: uppercase, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** An action's `action.yml`, as far as the runner reads it to start a JavaScript action. */
export interface ActionManifest {
  readonly name: string;
  readonly inputs: Readonly<
    Record<string, { readonly description?: string; readonly required?: boolean; readonly default?: string }>
  >;
  readonly outputs: Readonly<Record<string, { readonly description?: string }>>;
  readonly runs: { readonly using: string; readonly main: string };
}

export function readActionManifest(name: string): ActionManifest {
  const document = parse(readFileSync(join(ROOT, 'actions', name, 'action.yml'), 'utf8')) as ActionManifest;
  return { ...document, inputs: document.inputs ?? {}, outputs: document.outputs ?? {} };
}

/**
 * Runs a committed action bundle (`actions/<name>/dist/index.js`) the way the GitHub runner does:
 * - every input action.yml declares becomes an `INPUT_*` variable: the value given, else the default, else
 *   empty (inputs action.yml does not declare are a mistake in the test, and throw);
 * - `GITHUB_OUTPUT`, `GITHUB_ENV`, `GITHUB_STATE`, `GITHUB_PATH` and `GITHUB_STEP_SUMMARY` are created empty
 *   and read back afterwards with the runner's parser;
 * - a clean environment (nothing inherited but PATH, LANG and TMPDIR; a fresh HOME), `RUNNER_TEMP` and a
 *   workspace in a temp dir that is also the working directory.
 */
export async function runAction(
  name: string,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
  options: ActionRunOptions = {},
): Promise<ActionRun> {
  const manifest = readActionManifest(name);
  const unknown = Object.keys(inputs).filter((input) => !(input in manifest.inputs));
  if (unknown.length > 0) throw new Error(`actions/${name} has no input(s) ${unknown.join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'slipway-runner-'));
  try {
    const workspace = join(dir, 'workspace');
    const runnerTemp = join(dir, 'temp');
    const home = join(dir, 'home');
    const commandsDir = join(dir, 'file_commands');
    for (const d of [workspace, runnerTemp, home, commandsDir]) mkdirSync(d, { recursive: true });
    for (const [file, content] of Object.entries(options.workspace ?? {})) {
      mkdirSync(dirname(join(workspace, file)), { recursive: true });
      writeFileSync(join(workspace, file), content);
    }
    const files: Record<RunnerFile, string> = {
      output: join(commandsDir, 'set_output'),
      env: join(commandsDir, 'set_env'),
      state: join(commandsDir, 'save_state'),
      path: join(commandsDir, 'add_path'),
      summary: join(commandsDir, 'step_summary'),
    };
    for (const file of Object.values(files)) writeFileSync(file, '');

    const inputEnv: Record<string, string> = {};
    for (const [input, spec] of Object.entries(manifest.inputs)) {
      inputEnv[inputVariable(input)] = inputs[input] ?? spec.default ?? '';
    }
    // runNode adds only PATH, the locale and the temp dir of this machine, as a runner's environment has.
    const processEnv: Record<string, string> = {
      HOME: home,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_TEMP: runnerTemp,
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION: `slipway_${name}`,
      GITHUB_ACTION_PATH: join(ROOT, 'actions', name),
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: 'e'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_ACTOR: 'octocat',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_OUTPUT: files.output,
      GITHUB_ENV: files.env,
      GITHUB_STATE: files.state,
      GITHUB_PATH: files.path,
      GITHUB_STEP_SUMMARY: files.summary,
      ...inputEnv,
      ...definedOnly(env),
    };
    const args: string[] = [];
    const traceFile = join(dir, 'inputs-read.json');
    if (options.traceInputs === true) {
      const preload = join(dir, 'trace-inputs.mjs');
      writeFileSync(preload, traceInputsModule(traceFile));
      args.push('--import', preload);
    }
    if (options.fromSource === true)
      args.push('--import', TSX_LOADER, join(ROOT, 'actions', name, 'src', 'main.ts'));
    else args.push(bundlePath(name, manifest));
    const result = await runNode(args, { env: processEnv, cwd: workspace, timeoutMs: ACTION_TIMEOUT_MS });
    const raw = Object.fromEntries(
      Object.entries(files).map(([file, path]) => [file, readFileSync(path, 'utf8')]),
    ) as Record<RunnerFile, string>;
    return {
      ...result,
      outputs: parseRunnerFile(raw.output),
      summary: raw.summary,
      env: parseRunnerFile(raw.env),
      state: parseRunnerFile(raw.state),
      path: raw.path.split('\n').filter((line) => line !== ''),
      files: raw,
      commands: workflowCommands(result.stdout),
      ...(options.traceInputs === true
        ? { inputsRead: (JSON.parse(readFileSync(traceFile, 'utf8')) as string[]).sort() }
        : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bundle to run: the committed `actions/<name>/<runs.main>`, or `$SLIPWAY_ACTION_BUNDLES/<name>/index.js`
 * when that is set, to check fresh builds (`ncc build src/main.ts -o <dir>/<name>`) without touching dist/.
 */
function bundlePath(name: string, manifest: ActionManifest = readActionManifest(name)): string {
  const fresh = process.env.SLIPWAY_ACTION_BUNDLES;
  return fresh === undefined || fresh === ''
    ? join(ROOT, 'actions', name, manifest.runs.main)
    : join(fresh, name, 'index.js');
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** A module preloaded with `--import` that records every `INPUT_*` read of `process.env`. */
function traceInputsModule(file: string): string {
  return `import { writeFileSync } from 'node:fs';
const seen = new Set();
const note = (key) => { if (typeof key === 'string' && key.startsWith('INPUT_')) seen.add(key); };
const env = process.env;
process.env = new Proxy(env, {
  get(target, key) { note(key); return Reflect.get(target, key); },
  has(target, key) { note(key); return Reflect.has(target, key); },
  getOwnPropertyDescriptor(target, key) { note(key); return Reflect.getOwnPropertyDescriptor(target, key); },
});
process.on('exit', () => writeFileSync(${JSON.stringify(file)}, JSON.stringify([...seen])));
`;
}

/**
 * Reads `GITHUB_OUTPUT`, `GITHUB_ENV` or `GITHUB_STATE` as the runner does (its SetEnvFileCommand): `NAME=value`
 * lines and `NAME<<DELIMITER` heredocs, whichever of `=` and `<<` comes first; the value ends at the first
 * line that is exactly the delimiter. Stricter than the runner where the runner would silently misread: a
 * heredoc whose value contains its own delimiter line (the runner ends the value there and reads the rest
 * as more variables), an unterminated heredoc, an empty name and any other line throw.
 */
export function parseRunnerFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      const name = line.slice(0, eq);
      if (name === '') throw new Error(`runner file line ${i + 1} has an empty name: ${line}`);
      values[name] = line.slice(eq + 1);
      continue;
    }
    if (heredoc < 0) throw new Error(`malformed runner file line ${i + 1}: ${line}`);
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    if (name === '' || delimiter === '')
      throw new Error(`runner file line ${i + 1} needs a name and a delimiter: ${line}`);
    const end = lines.indexOf(delimiter, i + 1);
    if (end < 0) throw new Error(`unterminated heredoc for ${name} (delimiter ${delimiter})`);
    // The delimiter line again before another heredoc opens with it: the value held its own delimiter.
    const reopened = lines.findIndex((l, k) => k > end && l.endsWith(`<<${delimiter}`));
    const again = lines.indexOf(delimiter, end + 1);
    if (again >= 0 && (reopened < 0 || again < reopened)) {
      throw new Error(
        `the value of ${name} contains its own delimiter line ${delimiter}: the runner would end it at line ${end + 1} and read the rest as other variables`,
      );
    }
    values[name] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return values;
}

const UNESCAPE_DATA: [RegExp, string][] = [
  [/%0D/gi, '\r'],
  [/%0A/gi, '\n'],
  [/%25/gi, '%'],
];
const UNESCAPE_PROPERTY: [RegExp, string][] = [
  [/%0D/gi, '\r'],
  [/%0A/gi, '\n'],
  [/%3A/gi, ':'],
  [/%2C/gi, ','],
  [/%25/gi, '%'],
];

function unescapeCommand(text: string, table: [RegExp, string][]): string {
  return table.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/**
 * The workflow commands the runner would obey in a step's stdout, as its ActionCommand parser reads them: a
 * line that starts, after leading white space, with `::name[ k=v,…]::data`. `::stop-commands::TOKEN` turns
 * them off until a line `::TOKEN::`. (The legacy `##[name]` form is reported too, as `##[name`.)
 */
export function workflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  stdout.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trimStart();
    if (line.startsWith('##[') && stopToken === undefined) {
      commands.push({
        command: `##[${/^##\[([^\s\];]*)/.exec(line)?.[1] ?? ''}`,
        properties: {},
        data: line,
        line: index,
      });
      return;
    }
    if (!line.startsWith('::')) return;
    const end = line.indexOf('::', 2);
    if (end < 0) return;
    const info = line.slice(2, end);
    const space = info.indexOf(' ');
    const command = space < 0 ? info : info.slice(0, space);
    if (stopToken !== undefined) {
      if (command === stopToken) stopToken = undefined;
      return;
    }
    const properties: Record<string, string> = {};
    if (space >= 0) {
      for (const pair of info.slice(space + 1).split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) properties[pair.slice(0, eq)] = unescapeCommand(pair.slice(eq + 1), UNESCAPE_PROPERTY);
      }
    }
    const data = unescapeCommand(line.slice(end + 2), UNESCAPE_DATA);
    if (command === 'stop-commands') {
      stopToken = data;
      return;
    }
    commands.push({ command, properties, data, line: index });
  });
  return commands;
}
