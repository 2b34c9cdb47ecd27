import { parseArgs } from 'node:util';
import { describeError, SlipwayError } from '@slipway/errors';
import type { InputMeta, RawValue } from '../definition/inputs.js';
import type { Step } from '../definition/step.js';
import type { StepSurface } from '../definition/surface.js';
import { nearestName } from './nearest-name.js';
import { urlCredentials } from './secrets.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** stderr is a terminal: byte progress redraws one line there, rather than printing a line a second. */
  readonly interactive?: boolean;
  /** Milliseconds from any fixed origin, for byte progress; injected by tests. */
  readonly now?: () => number;
}

const GLOBAL_FLAGS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'output-env': { type: 'string' },
} as const;

/** The commands the CLI offers: each step's surface, and how to load the step itself to run it. */
export interface CliCommands {
  /** In the order `slipway --help` lists them. */
  readonly surfaces: readonly StepSurface[];
  readonly load: (name: string) => Promise<Step>;
}

/** A command line as parsed against a step's flags. */
export interface ParsedCommand {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/** `slipway <step> [flags]`: one subcommand per step, its flags mirroring the action's inputs. Returns the exit code. */
export async function runCli(
  steps: readonly Step[],
  argv: readonly string[],
  io: CliIo,
  version: string,
): Promise<number> {
  const byName = new Map(steps.map((step) => [step.name, step]));
  const load = async (name: string): Promise<Step> => {
    const step = byName.get(name);
    if (step === undefined) throw new Error(`no step ${name}`);
    return step;
  };
  return runCommands({ surfaces: steps, load }, argv, io, version);
}

/**
 * `runCli` over step surfaces: help, the command list and flag errors are answered from them, and the step
 * is loaded (with what runs it) only once its command line is known to be good.
 */
export async function runCommands(
  commands: CliCommands,
  argv: readonly string[],
  io: CliIo,
  version: string,
): Promise<number> {
  const steps = commands.surfaces;
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(usage(steps, version));
    return command === undefined ? 1 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const step = steps.find((s) => s.name === command);
  if (step === undefined) {
    const names = steps.map((s) => s.name);
    const meant = nearestName(command.replace(/^-+/, ''), names);
    io.stderr(
      `slipway: unknown command "${command}"; ${meant === undefined ? '' : `did you mean ${meant}? `}commands: ${names.join(', ')} (see slipway --help)\n`,
    );
    return 2;
  }

  let parsed: ParsedCommand;
  try {
    refuseSecretFlags(step, rest);
    const options = { ...flagOptions(step), ...GLOBAL_FLAGS };
    refuseUnknownFlags(rest, options);
    parsed = parseArgs({
      args: [...rest],
      options,
      strict: true,
      allowPositionals: step.positionals.length > 0,
    });
    if (parsed.positionals.length > step.positionals.length) {
      throw new SlipwayError(`unexpected argument "${parsed.positionals[step.positionals.length]}"`, {
        fix: `slipway ${step.name} takes ${step.positionals.length === 0 ? 'no arguments' : step.positionals.map((p) => `<${p}>`).join(' ')}`,
      });
    }
    refuseUrlCredentialsOnArgv(step, parsed.values, parsed.positionals);
  } catch (error) {
    io.stderr(`slipway ${step.name}: ${describeError(error)} (see slipway ${step.name} --help)\n`);
    return 2;
  }
  if (parsed.values.help === true) {
    io.stdout(stepHelp(step));
    return 0;
  }
  // `eager`: the bundle keeps this module in the entry's chunk, run only here. In a chunk of its own, loaded
  // beside the step's, the modules both need (process, ci) would be copied into both and parsed twice.
  const { executeCommand } = await import(/* webpackMode: "eager" */ './cli-execute.js');
  return executeCommand(await commands.load(step.name), parsed, io);
}

export function toRaw(value: string | boolean | (string | boolean)[] | undefined): RawValue {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return value;
}

function flagOptions(step: StepSurface): Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(step.inputs)) {
    if (spec.meta.secret) continue;
    options[name] =
      spec.meta.kind === 'boolean'
        ? { type: 'boolean' }
        : spec.meta.kind === 'list'
          ? { type: 'string', multiple: true }
          : { type: 'string' };
  }
  return options;
}

/** Secrets on argv are visible to every user of the machine (`ps`); refuse them with the way to do it right. */
function refuseSecretFlags(step: StepSurface, args: readonly string[]): void {
  for (const [name, spec] of Object.entries(step.inputs)) {
    if (!spec.meta.secret) continue;
    if (args.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`))) {
      throw new SlipwayError(
        `--${name} is not accepted on the command line, where other processes can read it`,
        {
          fix: `set ${spec.meta.env.join(' or ')} in the environment instead`,
        },
      );
    }
  }
}

/**
 * A flag the step does not know, refused with the nearest known one (`--imgae` → `--image`) before node's
 * parser says only "Unknown option". Stops at `--`, after which everything is a positional argument, and skips
 * the value after a flag that takes one (node's parser judges what it looks like).
 */
function refuseUnknownFlags(
  args: readonly string[],
  options: Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>,
): void {
  const known = Object.keys(options);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--') return;
    if (!arg.startsWith('--')) continue;
    const name = arg.slice(2).split('=', 1)[0] ?? '';
    const option = options[name];
    if (option !== undefined) {
      if (option.type === 'string' && !arg.includes('=')) index++;
      continue;
    }
    const meant = nearestName(name, known);
    // Without a near name the caller's "(see slipway <step> --help)" is the fix.
    throw new SlipwayError(
      `unknown flag --${name}`,
      meant === undefined ? {} : { fix: `did you mean --${meant}?` },
    );
  }
}

/**
 * Credentials written into a URL flag (`--config-repo https://user:token@host/…`) are on argv as much as
 * `--token` would be: refuse them the same way, before anything runs, without echoing the value. The same URL is
 * accepted from the input's environment variable (and the action input), where only this process reads it.
 */
function refuseUrlCredentialsOnArgv(
  step: StepSurface,
  values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>,
  positionals: readonly string[],
): void {
  for (const [name, spec] of Object.entries(step.inputs)) {
    if (!spec.meta.credentialsInUrl) continue;
    const index = step.positionals.indexOf(name);
    const given = [toRaw(values[name]), index < 0 ? undefined : positionals[index]];
    if (!given.some((value) => urlCredentials(value).length > 0)) continue;
    const tokenEnv = Object.values(step.inputs)
      .filter((other) => other.meta.secret)
      .flatMap((other) => other.meta.env);
    const ways = [
      tokenEnv.length > 0 ? `give the URL without credentials and set ${tokenEnv.join(' or ')}` : undefined,
      spec.meta.env.length > 0
        ? `set ${spec.meta.env.join(' or ')} to the URL in the environment`
        : undefined,
    ].filter((way) => way !== undefined);
    throw new SlipwayError(
      `--${name} carries credentials in its URL, and the command line is readable by every user of the machine (ps)`,
      { fix: ways.length > 0 ? `${ways.join(', or ')} instead` : 'give the URL without credentials' },
    );
  }
}

function usage(steps: readonly StepSurface[], version: string): string {
  const width = Math.max(...steps.map((s) => s.name.length));
  const lines = steps.map((s) => `  ${s.name.padEnd(width)}  ${s.description}`);
  return `slipway ${version}: build, sign and promote container images the GitOps way.

Usage: slipway <command> [flags]

Commands:
${lines.join('\n')}

Every command takes --json (one JSON object on stdout) and --help.
`;
}

export function stepHelp(step: StepSurface): string {
  const rows = Object.entries(step.inputs).map(([name, spec]) => {
    const flag = spec.meta.secret ? `(env ${spec.meta.env.join(' | ')})` : `--${name}${valueHint(spec.meta)}`;
    const notes = [
      spec.meta.required ? 'required' : undefined,
      spec.meta.default !== undefined && spec.meta.kind !== 'boolean'
        ? `default: ${spec.meta.default}`
        : undefined,
      spec.meta.kind === 'list' ? 'repeatable' : undefined,
      !spec.meta.secret && spec.meta.env.length > 0 ? `env: ${spec.meta.env.join(' | ')}` : undefined,
    ].filter((n) => n !== undefined);
    return { flag, text: `${spec.meta.description}${notes.length > 0 ? ` [${notes.join('; ')}]` : ''}` };
  });
  rows.push({ flag: '--json', text: 'Print the result as one JSON object on stdout.' });
  rows.push({
    flag: '--output-env <file>',
    text: 'Also write the outputs as NAME=value lines (shell-quoted) to a file to source, e.g. in a later buildspec phase.',
  });
  rows.push({ flag: '--help', text: 'Show this help.' });
  const width = Math.min(34, Math.max(...rows.map((r) => r.flag.length)));
  const body = rows.map((r) => `  ${r.flag.padEnd(width)}  ${r.text}`).join('\n');
  const outputs = Object.entries(step.outputs)
    .map(([name, meta]) => `  ${name}: ${meta.description}`)
    .join('\n');
  const args = step.positionals.map((p) => ` [<${p}>]`).join('');
  return `Usage: slipway ${step.name}${args} [flags]

${step.description}

Flags:
${body}

Outputs (in --json, and as action outputs):
${outputs}
`;
}

function valueHint(meta: InputMeta): string {
  if (meta.kind === 'boolean') return '';
  if (meta.kind === 'enum') return ` <${(meta.values ?? []).join('|')}>`;
  if (meta.kind === 'integer') return ' <n>';
  return ' <value>';
}

/** `digest` → `DIGEST`, `key-fingerprint` → `KEY_FINGERPRINT`. */
export function outputVariable(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** NAME='value' lines a POSIX shell can source; values may hold newlines (JSON) and quotes. */
export function outputEnvText(outputs: Readonly<Record<string, string>>): string {
  return Object.entries(outputs)
    .map(([name, value]) => `${outputVariable(name)}='${value.replace(/'/g, "'\\''")}'\n`)
    .join('');
}
