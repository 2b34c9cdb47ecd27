import { SlipwayError } from '@slipway/errors';

/** Why a git command failed, as far as its (redacted) stderr tells. */
export type GitFailure = 'auth' | 'not-found' | 'network' | 'timeout' | 'other';

/**
 * A git command failed. `command` is the argv (it never carries secrets: they travel in the environment);
 * `stderr` and the message have passed through the redactor.
 */
export class GitError extends SlipwayError {
  readonly command: string[];
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly reason: GitFailure;

  constructor(
    message: string,
    details: {
      command: string[];
      exitCode: number | null;
      stderr: string;
      reason: GitFailure;
      where?: string;
      fix?: string;
    },
  ) {
    super(message, {
      ...(details.where === undefined ? {} : { where: details.where }),
      ...(details.fix === undefined ? {} : { fix: details.fix }),
    });
    this.name = 'GitError';
    this.command = details.command;
    this.exitCode = details.exitCode;
    this.stderr = details.stderr;
    this.reason = details.reason;
  }
}

const AUTH =
  /authentication failed|could not read (?:username|password)|terminal prompts disabled|access denied|returned error: 40[13]|permission denied \(publickey|invalid username or password|bad credentials|401 unauthorized|403 forbidden|HTTP Basic: Access denied|invalid credentials/i;
const NOT_FOUND =
  /repository .* not found|not appear to be a git repository|returned error: 404|repository not found|no such file or directory|not a git repository/i;
const NETWORK =
  /could not resolve host|failed to connect|connection refused|connection timed out|operation timed out|connection reset|unable to access|early eof|remote end hung up|ssl|tls|network is unreachable|couldn't connect/i;

/** Reads the reason of a failure from git's stderr. */
export function classifyFailure(stderr: string): GitFailure {
  if (AUTH.test(stderr)) return 'auth';
  if (NOT_FOUND.test(stderr)) return 'not-found';
  if (NETWORK.test(stderr)) return 'network';
  return 'other';
}

/** The most telling line of git's stderr: the last `fatal:`, else the first `error:`, else the last line. */
export function headline(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('hint:'));
  const fatal = lines.filter((line) => line.startsWith('fatal:')).at(-1);
  const error = lines.find((line) => line.startsWith('error:'));
  return (fatal ?? error ?? lines.at(-1) ?? '').replace(/^(fatal|error): /, '');
}
