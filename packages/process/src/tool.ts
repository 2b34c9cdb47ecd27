// Running a tool whose output streams to the log, through `@actions/exec` (the product card's toolkit): the
// builders' long runs, `buildah bud`/`push` and `docker buildx build`. The one adapter over it; nothing else
// imports `@actions/exec`. What it keeps of the guarantees `runProcess` gives, and how:
// - argv only: the tool's path is resolved here and handed over quoted, and the arguments go as an array
//   (`@actions/exec` parses only its first parameter as a command line, and runs no shell);
// - the environment is exactly `env` (build it with `childEnvironment`); the program is looked up on the
//   PATH of `env`, as spawn does, because `@actions/exec` looks on Slipway's own PATH (`io.which`); one
//   that is not there never starts and comes back as ENOENT, so callers still say "not installed";
// - nothing reaches process.stdout (which `--json` keeps): `silent` turns off the `[command]…` echo and the
//   copy of the tool's output; the output comes through the buffer listeners into the same tails and line
//   splitter as `runProcess`'s (not its `stdline`/`errline`, which cut on "\n" only and decode each chunk
//   on its own, breaking a character split across two chunks);
// - exit codes are the caller's (`ignoreReturnCode`); a tool ended by a signal gives `code: null`.
// What it cannot do, and so what the builders give up or do otherwise:
// - stdin stays an open pipe that is never written: any `input` makes `@actions/exec` end the pipe with no
//   error listener, and a tool that exits without reading it (docker without buildx exits at once) crashes
//   Slipway with an uncaught EPIPE: 64 of 200 runs of `/bin/false` with a 20-byte input, 66 of 200 with an
//   empty one (Node 20, this machine). No builder reads stdin here (the Dockerfile and context are paths);
// - no timeout and no kill: `@actions/exec` gives no handle on the child. A cancelled run waits for the tool
//   to end (Ctrl-C reaches the terminal's whole foreground process group, so the builder stops itself as
//   it did on our SIGTERM), within the runtimes' 10 s grace or until a second signal; a tool that got no
//   signal (the Actions runner signals the step's process alone) is then left to the runner, which stops
//   the processes carrying the job's RUNNER_TRACKING_ID when the job ends (every child environment keeps
//   it), and CodeBuild stops the build's container;
// - once the tool has exited, `@actions/exec` waits at most 10 s for its output pipes to close: a process
//   the tool left behind holding them no longer holds the build.
// Short calls that need a timeout or a kill stay on `runProcess` (run.ts says which and why).

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { onCancel } from './cancellation.js';
import type { ChildEnvironment } from './environment.js';
import { lineSplitter, STDERR_TAIL_BYTES, STDOUT_TAIL_BYTES, TailBuffer } from './output.js';

export interface RunToolOptions {
  /** The tool's whole environment: build it with `childEnvironment`. Its PATH is where `program` is found. */
  readonly env: ChildEnvironment;
  readonly cwd?: string | undefined;
  /** Each line of stdout and stderr, as it comes (a build log). */
  readonly onLine?: ((line: string) => void) | undefined;
  /** How many bytes of stdout to keep (the end of it): default `STDOUT_TAIL_BYTES`. */
  readonly stdoutLimit?: number | undefined;
  /** How many bytes of stderr to keep (the end of it): default `STDERR_TAIL_BYTES`. */
  readonly stderrLimit?: number | undefined;
}

export interface ToolResult {
  /** The exit code; null when a signal ended the tool, or when it did not start. */
  readonly code: number | null;
  /** The last `stdoutLimit` bytes of stdout, as UTF-8 text. */
  readonly stdout: string;
  /** The last `stderrLimit` bytes of stderr, as UTF-8 text. */
  readonly stderr: string;
  /** Set when the tool did not start: `code` ENOENT when it is not found, else why (EACCES, …). */
  readonly spawnError?: NodeJS.ErrnoException | undefined;
}

/** Runs a tool to its end through `@actions/exec`. Never rejects: the result says what happened. */
export async function runTool(
  program: string,
  args: readonly string[],
  options: RunToolOptions,
): Promise<ToolResult> {
  const path = findProgram(program, options.env, options.cwd);
  if (path === undefined) {
    return notStarted(program, 'ENOENT', `${program} is not an executable file on the PATH given`);
  }
  if (!quotable(path)) {
    return notStarted(path, 'EINVAL', `the path ${JSON.stringify(path)} cannot be passed to @actions/exec`);
  }
  const { exec } = await loadExec();
  const stdout = new TailBuffer(options.stdoutLimit ?? STDOUT_TAIL_BYTES);
  const stderr = new TailBuffer(options.stderrLimit ?? STDERR_TAIL_BYTES);
  // One splitter per stream: a stdout line without its newline yet must not take stderr's text.
  const outLines = lineSplitter(options.onLine);
  const errLines = lineSplitter(options.onLine);
  const run = exec(`"${path}"`, [...args], {
    env: options.env,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    silent: true,
    ignoreReturnCode: true,
    listeners: {
      stdout: (chunk: Buffer) => {
        stdout.push(chunk);
        outLines.push(chunk);
      },
      stderr: (chunk: Buffer) => {
        stderr.push(chunk);
        errLines.push(chunk);
      },
    },
  });
  const unregister = onCancel(() => run.then(nothing, nothing));
  let code: number | null = null;
  let spawnError: NodeJS.ErrnoException | undefined;
  try {
    // Typed `number`, but null when a signal ended the tool (the child's own exit code).
    code = await run;
  } catch (error) {
    spawnError = startFailure(path, error);
  } finally {
    unregister();
    outLines.flush();
    errLines.flush();
  }
  return {
    code: spawnError === undefined ? code : null,
    stdout: stdout.bytes().toString('utf8'),
    stderr: stderr.bytes().toString('utf8'),
    spawnError,
  };
}

/**
 * The full path of `program`, as spawn would find it with `env`: a name is looked up on the PATH of `env`,
 * a path (with a "/") taken from `cwd`. Only a regular file this process may execute counts.
 */
export function findProgram(
  program: string,
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): string | undefined {
  if (program.includes('/')) {
    const path = resolve(cwd, program);
    return executable(path) ? path : undefined;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = resolve(cwd, join(dir, program));
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether `path`, put in double quotes, comes back whole from `@actions/exec`'s command-line parser: it
 * turns `\"` into a quote and trims the result, so a quote, a trailing backslash or surrounding blanks
 * would name another file.
 */
function quotable(path: string): boolean {
  return !path.includes('"') && !path.endsWith('\\') && path.trim() === path;
}

/**
 * `@actions/exec` rejects with a sentence: "There was an error when attempting to execute the process
 * '<path>'. … Error: spawn <path> EACCES" when spawn failed, "Unable to locate executable file: …" when its
 * own check of the file disagreed with ours, "The cwd: … does not exist!". The errno code, when there is
 * one, is the sentence's last word.
 */
function startFailure(path: string, error: unknown): NodeJS.ErrnoException {
  const message = error instanceof Error ? error.message : String(error);
  const code =
    /\b(E[A-Z]+)$/.exec(message)?.[1] ?? (/^Unable to locate/.test(message) ? 'ENOENT' : undefined);
  return Object.assign(new Error(`cannot start ${path}: ${message}`, { cause: error }), {
    code,
    path,
  });
}

function notStarted(program: string, code: string, message: string): ToolResult {
  const spawnError: NodeJS.ErrnoException = Object.assign(new Error(message), { code, path: program });
  return { code: null, stdout: '', stderr: '', spawnError };
}

function nothing(): void {}

let actionsExec: Promise<typeof import('@actions/exec')> | undefined;

/**
 * `@actions/exec`, loaded on first use (a command that runs no builder, copy or promote, does not pay for
 * it) and kept: an `import()` per call costs each spawn its module resolution again (under tsx, ~4 ms of CPU).
 */
function loadExec(): Promise<typeof import('@actions/exec')> {
  actionsExec ??= import('@actions/exec');
  return actionsExec;
}
