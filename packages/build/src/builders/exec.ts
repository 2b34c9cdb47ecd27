// Running a builder binary through the one spawning core (`runProcess` in @slipway/process: argv only,
// the builder allow-list environment, output streamed to the log line by line, the stderr tail kept for
// error messages, SIGTERM on a cancelled run so buildah and docker clean up their own state).

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type ChildEnvironment, type ProcessResult, runProcess } from '@slipway/process';
import type { LogSink } from './types.js';

export type ExecResult = ProcessResult;

export interface ExecOptions {
  readonly cwd?: string | undefined;
  /** The child's whole environment: build it with `childEnvironment` (builder or git allow-list). */
  readonly env: ChildEnvironment;
  readonly onLog?: LogSink | undefined;
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export function exec(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  return runProcess(command, args, {
    cwd: options.cwd,
    env: options.env,
    onLine: options.onLog,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    cancelSignal: 'SIGTERM',
  });
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
