// Running a builder binary: argv only (no shell), output streamed to a log sink line by line and the tail
// kept for error messages.

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type ChildEnvironment, onCancel } from '@slipway/process';
import type { LogSink } from './types.js';

const TAIL_BYTES = 64 * 1024;

export interface ExecResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  /** The last 64 KiB of stderr. */
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the process could not start (ENOENT, EACCES). */
  readonly spawnError?: NodeJS.ErrnoException | undefined;
}

export interface ExecOptions {
  readonly cwd?: string | undefined;
  /** The child's whole environment: build it with `childEnvironment` (builder or git allow-list). */
  readonly env: ChildEnvironment;
  readonly onLog?: LogSink | undefined;
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export function exec(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    });
    // A cancelled run stops the build (SIGTERM lets buildah and docker clean up their own state).
    const exited = new Promise<void>((done) => child.once('close', () => done()));
    const stopOnCancel = onCancel(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    const lines = lineSplitter(options.onLog);
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
      stdout = (stdout + chunk).slice(-TAIL_BYTES * 4);
      lines.push(chunk);
    });
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-TAIL_BYTES);
      lines.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      stopOnCancel();
      if (timer !== undefined) clearTimeout(timer);
      lines.flush();
      resolve({ code, signal, stdout, stderr, timedOut, spawnError });
    });
  });
}

function lineSplitter(sink: LogSink | undefined): { push(chunk: string): void; flush(): void } {
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

/** The full path of `name` on the PATH of `env`, or undefined. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
