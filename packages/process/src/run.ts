// Starting a child process: the one spawning core of every program Slipway runs — git (the config repo's
// temporary repository, the local checkout's commit and remote), builders (buildah, docker buildx, `docker
// info`) and docker credential helpers. argv only (no shell); the environment is exactly the allow-listed one
// given (`childEnvironment`); stdin is the given input or closed; stdout and stderr are kept (their ends, or
// whole) and may stream to a line sink; a timeout or a cancelled run stops the child, and with
// `processGroup` everything it started too. `runProcessSync` is the same for the few reads made while the CI
// context is read, which is synchronous.
//
// Not `@actions/exec` (3.0.0, the product card's toolkit), measured against this core:
// - it gives no handle on the child and takes no AbortSignal or timeout, so a cancelled run, a hung `docker
//   info` or a git fetch from a server that holds its answer could not be stopped; nor can it kill a process
//   group, and git's remote helpers (git-remote-http, ssh) hold its pipes after git itself is killed;
// - it decodes output as text through its line listeners, where git's `cat-file --batch` output is binary
//   and must arrive byte for byte; and a caller that stops its own children (a config repo kills its git
//   processes before it removes their repository) needs the child handed to its registry;
// - it resolves the program with `io.which` before each spawn, and unless `silent` it writes
//   `[command]<argv>` and the child's output to process.stdout, which the CLI keeps for `--json`;
// - speed is not the reason: 200 spawns of /bin/true, median of 5 round-robin rounds (Node 20, 2 shared
//   cores): before this core, builders/exec.ts 11.1 s, getExecOutput (silent) 11.2 s, execFile 10.1 s (load
//   average 99); through this core 31.0 s, 30.1 s and 20.3 s (load 72, a bundle build running). Both
//   runners cost the same within the noise (a one-off script calling each through its public API, not
//   kept in bench/ since @actions/exec is no dependency; the lead may re-run it on a quiet machine).
// Moving git onto this core cost promotion nothing: `slipway promote` on bench/promote's config repo, the
// build before against the build after, 8 interleaved pairs each (bench/promote/compare.ts; 2 shared cores,
// load average 5-8): whole branch 7,406 ms before and 7,413 ms after (median per-pair ratio 0.99), `--path`
// 2,408 ms and 2,331 ms (0.97); bench/results/promote-compare.md.
// What stays with the caller: what the child may see (`childEnvironment` and its kind), git's config
// (`GIT_CONFIG_*`), the meaning of an exit code and the redaction of secrets in what is kept
// (`packages/gitops/src/git/run.ts`).

import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { onCancel } from './cancellation.js';
import type { ChildEnvironment } from './environment.js';

/** How much of stderr is kept for an error message, by default. */
export const STDERR_TAIL_BYTES = 64 * 1024;

/** How much of stdout is kept, by default. */
export const STDOUT_TAIL_BYTES = STDERR_TAIL_BYTES * 4;

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

/** The last `limit` bytes of a stream, kept as the chunks came (no copy until the end). */
class TailBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Drop whole chunks from the front while what remains still covers the limit.
    let first = this.chunks[0];
    while (first !== undefined && this.chunks.length > 1 && this.size - first.length >= this.limit) {
      this.chunks.shift();
      this.size -= first.length;
      first = this.chunks[0];
    }
  }

  bytes(): Buffer {
    const all = Buffer.concat(this.chunks, this.size);
    return all.length > this.limit ? all.subarray(all.length - this.limit) : all;
  }
}

function lineSplitter(sink: ((line: string) => void) | undefined): {
  push(chunk: Buffer): void;
  flush(): void;
} {
  // A character split across two chunks is decoded whole.
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return {
    push(chunk) {
      if (sink === undefined) return;
      pending += decoder.write(chunk);
      const parts = pending.split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const line of parts) sink(line);
    },
    flush() {
      if (sink === undefined) return;
      pending += decoder.end();
      if (pending !== '') sink(pending);
      pending = '';
    },
  };
}
