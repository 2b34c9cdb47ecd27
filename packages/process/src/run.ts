// Starting a child process Slipway must be able to stop: git (the config repo's temporary repository, the
// local checkout's commit and remote), the builders' short probes (`docker info`, `docker buildx version`)
// and docker credential helpers. argv only (no shell); the environment is exactly the allow-listed one given
// (`childEnvironment`); stdin is the given input or closed; stdout and stderr are kept (their ends, or whole)
// and may stream to a line sink; a timeout or a cancelled run stops the child, and with `processGroup`
// everything it started too. `runProcessSync` is the same for the few reads made while the CI context is
// read, which is synchronous.
//
// The builders' long runs (`buildah bud`/`push`, `docker buildx build`) go through `@actions/exec` 3.0.0,
// the product card's toolkit, instead: `runTool` in tool.ts, the one adapter over it, where their output
// streams to the log. What stays here, caller by caller, needs what `@actions/exec` cannot do: it gives no
// handle on the child, takes no AbortSignal or timeout, cannot kill a process group, and ends stdin with no
// error listener:
// - git: a fetch from a server that holds its answer must time out, a cancelled run must stop it, and its
//   remote helpers (git-remote-http, ssh) hold its pipes after git is killed, so it needs its process group
//   killed; `cat-file --batch` output is binary, read whole (`runProcessBytes`); a config repo stops its own
//   git processes before it removes their repository, so each child is handed to its registry; and git takes
//   input on stdin (`fast-import`, `cat-file --batch`);
// - the CI context's reads of the local checkout: synchronous (`runProcessSync`), with a timeout;
// - `docker info` and `docker buildx version` (builders/auto.ts): a docker engine that does not answer must be
//   given up after 3 s, and the probe killed;
// - credential helpers (oci/registry/credential-helper.ts): the server address goes on stdin, and a helper
//   that exits without reading it crashed Slipway with an uncaught EPIPE through `@actions/exec` in about one
//   run of three (tool.ts has the count); and a helper waiting on a keychain or gpg prompt must time out
//   (30 s) and be killed.
// Speed decides neither way: 200 spawns of /bin/true per runner, 5 rounds round-robin, median
// (bench/spawn/run.ts; Node 20, 2 shared cores, two runs at load average 3.3-4.7): per spawn, execFile 13.1
// and 12.5 ms, this core 13.7 and 13.1 ms, `runTool` 14.5 and 11.3 ms (runTool over this core per round:
// 1.13 and 0.92, noise either way); Slipway's own CPU per spawn 5.8 and 6.8 ms here, 6.9 and 8.8 ms through
// runTool. A builder runs two or three processes per image, each for seconds: 1-2 ms of CPU is below a
// build's noise (bench/results/spawn.md).
// Moving git onto this core cost promotion nothing: `slipway promote` on bench/promote's config repo, the
// build before against the build after, 8 interleaved pairs each (bench/promote/compare.ts; 2 shared cores,
// load average 5-8): whole branch 7,406 ms before and 7,413 ms after (median per-pair ratio 0.99), `--path`
// 2,408 ms and 2,331 ms (0.97); bench/results/promote-compare.md.
// What stays with the caller: what the child may see (`childEnvironment` and its kind), git's config
// (`GIT_CONFIG_*`), the meaning of an exit code and the redaction of secrets in what is kept
// (`packages/gitops/src/git/run.ts`).

import type { ChildProcess } from 'node:child_process';
import { onCancel } from './cancellation.js';
import type { ChildEnvironment } from './environment.js';
import { lineSplitter, STDERR_TAIL_BYTES, STDOUT_TAIL_BYTES, TailBuffer } from './output.js';

/** A child as whoever stops it sees it: a way to kill it and the moment it is gone. */
export interface RunningChild {
  /** Sends `signal` to the child, or to its whole process group when it was started with `processGroup`. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves once the child has exited and its pipes are closed (whatever held them is gone too). */
  readonly exited: Promise<void>;
}

/**
 * Takes a started child into a registry of children to stop, and returns what takes it out again (called
 * once the child is gone).
 */
export type ChildRegistry = (child: RunningChild) => () => void;

/**
 * node:child_process (with net, dgram and their kin) loads at the first spawn, not with this module, which every
 * command imports: a `slipway copy` that starts no program would otherwise pay some 5-9 ms of start-up for it.
 */
function childProcesses(): typeof import('node:child_process') {
  return process.getBuiltinModule('node:child_process');
}

export interface RunProcessOptions {
  /** The child's whole environment: build it with `childEnvironment` (its kind's allow-list). */
  readonly env: ChildEnvironment;
  readonly cwd?: string | undefined;
  /** Written to stdin, which is then closed; without it stdin is closed at once (end of file). */
  readonly input?: string | Uint8Array | undefined;
  /** Each line of stdout and stderr, as it comes (a build log). */
  readonly onLine?: ((line: string) => void) | undefined;
  /** After this long the child (its group with `processGroup`) is killed (SIGKILL) and `timedOut` is set. */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** What a cancelled run sends: SIGTERM (default) lets a builder clean up its own state. */
  readonly cancelSignal?: NodeJS.Signals | undefined;
  /** How many bytes of stdout to keep (the end of it): default `STDOUT_TAIL_BYTES`, `Infinity` for all. */
  readonly stdoutLimit?: number | undefined;
  /**
   * How many bytes of stderr to keep (the end of it): default `STDERR_TAIL_BYTES`. `Infinity` for a caller
   * that redacts it: a cut could leave the end of a secret that the redactor no longer recognises.
   */
  readonly stderrLimit?: number | undefined;
  /**
   * Starts the child in a process group of its own, and every kill (timeout, cancel, the registry's) goes to
   * the group: what the child started (git's git-remote-http, ssh) holds its pipes, and would otherwise hold
   * the caller until it exits by itself. On Windows, where there are no process groups, the child alone.
   */
  readonly processGroup?: boolean | undefined;
  /**
   * Who stops the child if the run is cancelled. By default the core registers it with `onCancel` (sending
   * `cancelSignal` and waiting for it); an owner that must stop its children itself, in order (a config repo
   * kills its git processes before it removes their repository), passes its own registry.
   */
  readonly register?: ChildRegistry | undefined;
}

export interface ProcessResult<Output = string> {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last `stdoutLimit` bytes of stdout (as UTF-8 text from `runProcess`). */
  readonly stdout: Output;
  /** The last `stderrLimit` bytes of stderr, as UTF-8 text. */
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the process could not start (ENOENT, EACCES). */
  readonly spawnError?: NodeJS.ErrnoException | undefined;
}

/** Runs a program to its end; stdout comes back as text. Never rejects: the result says what happened. */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions,
): Promise<ProcessResult> {
  const result = await runProcessBytes(command, args, options);
  return { ...result, stdout: result.stdout.toString('utf8') };
}

/** Runs a program to its end; stdout comes back as the bytes it wrote (binary output: `git cat-file`). */
export function runProcessBytes(
  command: string,
  args: readonly string[],
  options: RunProcessOptions,
): Promise<ProcessResult<Buffer>> {
  const group = options.processGroup === true && process.platform !== 'win32';
  return new Promise((resolve) => {
    const child = childProcesses().spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal,
      windowsHide: true,
      detached: group,
    });
    const running: RunningChild = {
      kill: (signal) => kill(child, signal, group),
      exited: new Promise<void>((done) => child.once('close', () => done())),
    };
    const register = options.register ?? cancelledWith(options.cancelSignal ?? 'SIGTERM');
    const unregister = register(running);
    const stdout = new TailBuffer(options.stdoutLimit ?? STDOUT_TAIL_BYTES);
    const stderr = new TailBuffer(options.stderrLimit ?? STDERR_TAIL_BYTES);
    // One splitter per stream: a stdout line without its newline yet must not take stderr's text.
    const outLines = lineSplitter(options.onLine);
    const errLines = lineSplitter(options.onLine);
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            running.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      outLines.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      errLines.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      unregister();
      if (timer !== undefined) clearTimeout(timer);
      outLines.flush();
      errLines.flush();
      resolve({
        code,
        signal,
        stdout: stdout.bytes(),
        stderr: stderr.bytes().toString('utf8'),
        timedOut,
        spawnError,
      });
    });
    // A child that exits before reading stdin makes the write fail with EPIPE: its exit code tells more.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  });
}

export interface RunProcessSyncOptions {
  /** The child's whole environment: build it with `childEnvironment` (its kind's allow-list). */
  readonly env: ChildEnvironment;
  readonly cwd?: string | undefined;
  /**
   * After this long the child is killed (SIGKILL) and `timedOut` is set. A synchronous run blocks the event
   * loop, so no cancelled run can stop it: only this can.
   */
  readonly timeoutMs: number;
}

/**
 * Runs a short program synchronously (stdin closed, stdout as text, at most 1 MiB of it), for reads that a
 * synchronous API needs at once: the local checkout's commit, ref and remote in the CI context.
 */
export function runProcessSync(
  command: string,
  args: readonly string[],
  options: RunProcessSyncOptions,
): ProcessResult {
  const result = childProcesses().spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    windowsHide: true,
  });
  const error = result.error as NodeJS.ErrnoException | undefined;
  const timedOut = error?.code === 'ETIMEDOUT';
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    stderr: (result.stderr ?? '').slice(-STDERR_TAIL_BYTES),
    timedOut,
    spawnError: timedOut ? undefined : error,
  };
}

/** The default registry: a cancelled run sends `signal` and waits for the child to be gone. */
function cancelledWith(signal: NodeJS.Signals): ChildRegistry {
  return (child) =>
    onCancel(async () => {
      child.kill(signal);
      await child.exited;
    });
}

function kill(child: ChildProcess, signal: NodeJS.Signals, group: boolean): void {
  if (group && child.pid !== undefined) {
    try {
      process.kill(-child.pid, signal);
      return;
    } catch {
      // The group is gone already: signal the child itself below.
    }
  }
  child.kill(signal);
}
