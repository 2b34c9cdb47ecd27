import { spawn } from 'node:child_process';

/** Outcome of one child process: exit code, captured output and whole-process wall time. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time from just before spawn to the child's 'close' event, in milliseconds. */
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-15).join('\n');
    super(`command failed (exit ${result.code}): ${command}${tail ? `\n${tail}` : ''}`);
    this.name = 'CommandError';
  }
}

/** Quote an argument for display only (never passed to a shell). */
function displayArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

export function displayCommand(cmd: string, args: readonly string[]): string {
  return [cmd, ...args].map(displayArg).join(' ');
}

/** Spawn `cmd args` (no shell), capture its output and time it with `process.hrtime.bigint()`. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + (signal ? `\n(killed by ${signal})` : ''),
        ms,
      });
    });
  });
}

/** Like {@link run}, but rejects with a {@link CommandError} on a non-zero exit. */
export async function runOk(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const result = await run(cmd, args, opts);
  if (result.code !== 0) throw new CommandError(displayCommand(cmd, args), result);
  return result;
}

/** `git <args>` in `gitDir` (a bare repository or a work tree), returning trimmed stdout. */
export async function git(gitDir: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await runOk('git', ['-C', gitDir, ...args], env ? { env } : {});
  return result.stdout.trim();
}
