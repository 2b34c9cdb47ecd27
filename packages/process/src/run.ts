// Starting a child process: the one spawning core of builders (buildah, docker buildx, `docker info`) and
// docker credential helpers. argv only (no shell); the environment is exactly the allow-listed one given
// (`childEnvironment`); stdin is the given input or closed; output streams to a line sink and the stderr tail
// is kept for error messages; a timeout or a cancelled run (`onCancel`) stops the child.
//
// Not `@actions/exec` (3.0.0, the product card's toolkit), measured against this core:
// - it gives no handle on the child and takes no AbortSignal or timeout, so a cancelled run or a hung
//   `docker info` could not stop the child, and cancellation and timeouts are what these callers need;
// - it resolves the program with `io.which` before each spawn, and unless `silent` it writes
//   `[command]<argv>` and the child's output to process.stdout, which the CLI keeps for `--json`;
// - speed is not the reason: 200 spawns of /bin/true, median of 5 round-robin rounds (Node 20, 2 shared
//   cores): before this core, builders/exec.ts 11.1 s, getExecOutput (silent) 11.2 s, execFile 10.1 s (load
//   average 99); through this core 31.0 s, 30.1 s and 20.3 s (load 72, a bundle build running). Both
//   runners cost the same within the noise (a one-off script calling each through its public API, not
//   kept in bench/ since @actions/exec is no dependency; the lead may re-run it on a quiet machine).
// git keeps its own runner (`packages/gitops/src/git/run.ts`): it reads binary stdout whole (`cat-file
// --batch`), kills the child's process group (git-remote-http, ssh hold its pipes), redacts tokens in what it
// keeps and tracks its children per repository for dispose; folding it in here is left for later.

import { spawn } from 'node:child_process';
import { onCancel } from './cancellation.js';
import type { ChildEnvironment } from './environment.js';

/** How much of stderr is kept for an error message. */
export const STDERR_TAIL_BYTES = 64 * 1024;

export interface RunProcessOptions {
  /** The child's whole environment: build it with `childEnvironment` (its kind's allow-list). */
  readonly env: ChildEnvironment;
  readonly cwd?: string | undefined;
  /** Written to stdin, which is then closed; without it stdin is closed at once (end of file). */
  readonly input?: string | undefined;
  /** Each line of stdout and stderr, as it comes (a build log). */
  readonly onLine?: ((line: string) => void) | undefined;
  /** After this long the child is killed (SIGKILL) and `timedOut` is set. */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** What a cancelled run sends: SIGTERM (default) lets a builder clean up its own state. */
  readonly cancelSignal?: NodeJS.Signals | undefined;
  /** How much of stdout to keep (the end of it). Default 256 KiB. */
  readonly stdoutLimit?: number | undefined;
}

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last `stdoutLimit` characters of stdout. */
  readonly stdout: string;
  /** The last 64 KiB of stderr. */
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the process could not start (ENOENT, EACCES). */
  readonly spawnError?: NodeJS.ErrnoException | undefined;
}

export function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions,
): Promise<ProcessResult> {
  const stdoutLimit = options.stdoutLimit ?? STDERR_TAIL_BYTES * 4;
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal,
    });
    const exited = new Promise<void>((done) => child.once('close', () => done()));
    const stopOnCancel = onCancel(async () => {
      child.kill(options.cancelSignal ?? 'SIGTERM');
      await exited;
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    // One splitter per stream: a stdout line without its newline yet must not take stderr's text.
    const outLines = lineSplitter(options.onLine);
    const errLines = lineSplitter(options.onLine);
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout = (stdout + chunk).slice(-stdoutLimit);
      outLines.push(chunk);
    });
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
      errLines.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      stopOnCancel();
      if (timer !== undefined) clearTimeout(timer);
      outLines.flush();
      errLines.flush();
      resolve({ code, signal, stdout, stderr, timedOut, spawnError });
    });
    // A child that exits before reading stdin makes the write fail with EPIPE: its exit code tells more.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  });
}

function lineSplitter(sink: ((line: string) => void) | undefined): {
  push(chunk: string): void;
  flush(): void;
} {
  let pending = '';
  return {
    push(chunk) {
      if (sink === undefined) return;
      pending += chunk;
      const parts = pending.split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const line of parts) sink(line);
    },
    flush() {
      if (sink !== undefined && pending !== '') sink(pending);
      pending = '';
    },
  };
}
