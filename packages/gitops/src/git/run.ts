// git through the one spawning core (`runProcessBytes` in @slipway/process, whose header says why not
// @actions/exec): this layer adds what is git's own — its allow-listed environment in the C locale with every
// prompt off, settings passed as GIT_CONFIG_* (credentials never on argv), the network environment for
// commands that may reach the remote, a fresh CodeCommit signature per such command, failures classified
// (auth, not found, network, timeout) into redacted GitErrors, and the children of one config repo kept so
// dispose() can stop them before their repository is removed.

import {
  childEnvironment,
  type RunningChild,
  runProcessBytes,
  timeoutFromEnvironment,
} from '@slipway/process';
import { classifyFailure, GitError, headline } from './errors.js';

/**
 * The git allow-list of the caller's environment (PATH, HOME, locale, proxies, CAs, SSH and git's transport
 * variables; no secrets, nothing that could point git at another repository, index or config), in the C
 * locale so messages can be parsed, and with every credential prompt disabled.
 */
export function cleanEnvironment(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return childEnvironment('git', base, {
    set: {
      LC_ALL: 'C',
      GIT_TERMINAL_PROMPT: '0',
      // An empty GIT_ASKPASS makes git skip askpass helpers (core.askPass, SSH_ASKPASS) and fail instead.
      GIT_ASKPASS: '',
      GCM_INTERACTIVE: 'never',
    },
  });
}

/** The variable that overrides how long one git command may run. */
export const TIMEOUT_VARIABLE = 'SLIPWAY_GIT_TIMEOUT';

/** How long one git command may run by default: generous, since a first fetch of a big repo takes a while. */
export const DEFAULT_GIT_TIMEOUT_MS = 10 * 60_000;

/** The timeout `SLIPWAY_GIT_TIMEOUT` (whole seconds) sets, or the default. */
export function gitTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return timeoutFromEnvironment(TIMEOUT_VARIABLE, DEFAULT_GIT_TIMEOUT_MS, env);
}

/**
 * Adds `git -c key=value` settings through the environment (`GIT_CONFIG_COUNT`/`KEY_n`/`VALUE_n`), after
 * those already there.
 */
export function withConfig(env: Record<string, string>, config: [string, string][]): Record<string, string> {
  const out = { ...env };
  const first = Number(env.GIT_CONFIG_COUNT ?? '0') || 0;
  config.forEach(([key, value], index) => {
    out[`GIT_CONFIG_KEY_${first + index}`] = key;
    out[`GIT_CONFIG_VALUE_${first + index}`] = value;
  });
  out.GIT_CONFIG_COUNT = String(first + config.length);
  return out;
}

export interface RunOptions {
  input?: Buffer | string;
  /** Exit codes that are not failures (default `[0]`). */
  okCodes?: number[];
  /** Use the network environment (with the credential header) rather than the local one. */
  network?: boolean;
  /** Extra environment variables (author identity, index file). */
  env?: Record<string, string>;
  /** What the error says failed, e.g. `fetching env/dev`. */
  action?: string;
  /**
   * false: a missing object is an error rather than fetched from the promisor remote (see
   * `ConfigRepo.push`: a push must not download the remote's new tip only to refuse it as stale).
   */
  lazyFetch?: boolean;
  /**
   * false: the command needs no repository (`ls-remote <url>`). It starts at once, without waiting for the
   * temporary repository to be created (see RunnerOptions.create), and sees none: its GIT_DIR names a path
   * that never holds one, so it never reads a repository half made.
   */
  repository?: boolean;
  /** Called once the command's process has been started: for a caller that waits for it before loading code. */
  started?: () => void;
}

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface RunnerOptions {
  cwd: string;
  localEnv: Record<string, string>;
  networkEnv: Record<string, string>;
  redact: (text: string) => string;
  where: string;
  onCommand: ((argv: string[]) => void) | undefined;
  /** Every command (local ones too: in a partial clone any read may fetch) is killed after this long. */
  timeoutMs: number;
  git: string;
  /**
   * What authenticates network commands (shapes the message of an auth failure): a token, a SigV4 credential
   * derived from AWS credentials (CodeCommit), or nothing.
   */
  credential: 'token' | 'aws' | 'none';
  /**
   * Settings signed afresh for each command that talks to the remote (CodeCommit's SigV4 credential, valid
   * only close to its timestamp), added after those of the network environment.
   */
  freshCredential?: (() => Promise<[string, string][]>) | undefined;
  /**
   * The command that creates the repository (`git init`), run in the local environment by the first command
   * that needs the repository, or earlier through `createRepository()`: not before a listing, which needs none.
   */
  create: { readonly args: string[]; readonly action: string };
  /** A path that never holds a repository: the GIT_DIR of commands that need none (`repository: false`). */
  noRepository: string;
}

/** The server's own explanation: the `remote:` lines of git's stderr, on one line. */
function serverWords(stderr: string): string {
  return stderr
    .split(/\r?\n/)
    .filter((line) => line.startsWith('remote:'))
    .map((line) => line.slice('remote:'.length).trim())
    .filter((line) => line !== '')
    .join(' ')
    .slice(0, 400);
}

/** Runs git commands for one ConfigRepo and turns failures into redacted GitErrors. */
export class GitRunner {
  private readonly children = new Set<RunningChild>();
  private closed = false;
  /** Set once the repo is a partial clone: the environment of every command from then on. */
  private promisorEnv: Record<string, string> | undefined;
  /** The repository's creation, once started. */
  private created: Promise<void> | undefined;

  constructor(private readonly options: RunnerOptions) {}

  get redact(): (text: string) => string {
    return this.options.redact;
  }

  /** What authenticates network commands. */
  get credential(): RunnerOptions['credential'] {
    return this.options.credential;
  }

  /**
   * Makes the repo a partial clone: from now on every command runs with the network environment (the
   * credential header) plus `promisor` (the promisor remote's settings), since in a partial clone any
   * command that reads a missing object fetches it.
   */
  usePromisor(promisor: [string, string][]): void {
    this.promisorEnv ??= withConfig(this.options.networkEnv, promisor);
  }

  async run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    const result = await this.spawn(args, options);
    if (!(options.okCodes ?? [0]).includes(result.code)) throw this.failure(args, result, options.action);
    return result;
  }

  /**
   * Creates the repository, once: every command that needs it waits for this, and shares its failure. Call it
   * to start the creation beside a command that needs no repository.
   */
  createRepository(): Promise<void> {
    this.created ??= (async () => {
      const { args, action } = this.options.create;
      const result = await this.start(args, { action }, this.options.localEnv);
      if (result.code !== 0) throw this.failure(args, result, action);
    })();
    return this.created;
  }

  /** Runs and returns whatever happened, failing only when git could not be started or timed out. */
  async spawn(args: string[], options: RunOptions = {}): Promise<RunResult> {
    const { localEnv, networkEnv, freshCredential } = this.options;
    const withRepository = options.repository !== false;
    if (withRepository) await this.createRepository();
    const promisor = options.lazyFetch === false ? undefined : this.promisorEnv;
    const remote = promisor !== undefined || options.network === true;
    let base = promisor ?? (remote ? networkEnv : localEnv);
    if (remote && freshCredential !== undefined && !this.closed)
      base = withConfig(base, await freshCredential());
    const env: Record<string, string> = { ...base, ...options.env };
    if (!withRepository) env.GIT_DIR = this.options.noRepository;
    return this.start(args, options, env);
  }

  private async start(args: string[], options: RunOptions, env: Record<string, string>): Promise<RunResult> {
    const { cwd, onCommand, timeoutMs, git } = this.options;
    const argv = ['git', ...args];
    onCommand?.([...argv]);
    if (this.closed) {
      throw new GitError(
        `${options.action ?? `git ${args[0]}`} was stopped: the config repository was disposed`,
        { command: argv, exitCode: null, stderr: '', reason: 'other', where: this.options.where },
      );
    }
    const result = await runProcessBytes(git, args, {
      cwd,
      env,
      input: options.input,
      timeoutMs,
      // cat-file --batch output is read whole, as bytes; stderr whole too, since it is redacted.
      stdoutLimit: Number.POSITIVE_INFINITY,
      stderrLimit: Number.POSITIVE_INFINITY,
      // A timeout or dispose also stops what git started (git-remote-http, ssh): those hold git's output
      // open, and a hung one would otherwise hold Slipway too.
      processGroup: true,
      // dispose(), not the core, stops these: git first, then its repository goes (a cancelled run too).
      register: (child) => {
        this.children.add(child);
        options.started?.();
        return () => this.children.delete(child);
      },
    });
    if (result.spawnError !== undefined) {
      throw new GitError(`cannot run git: ${this.redact(result.spawnError.message)}`, {
        command: argv,
        exitCode: null,
        stderr: '',
        reason: 'other',
        where: this.options.where,
        fix: 'install git 2.39 or later and make sure it is on PATH',
      });
    }
    const stderr = this.redact(result.stderr);
    if (result.timedOut) {
      throw new GitError(
        `${options.action ?? `git ${args[0]}`} timed out after ${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`,
        {
          command: argv,
          exitCode: null,
          stderr,
          reason: 'timeout',
          where: this.options.where,
          fix: `check the network connection to the config repository, or allow more time with ${TIMEOUT_VARIABLE} (seconds)`,
        },
      );
    }
    return { code: result.code ?? (result.signal === null ? 1 : 128), stdout: result.stdout, stderr };
  }

  /** A GitError for a finished command, with a message and fix that fit the failure. */
  failure(args: string[], result: RunResult, action?: string): GitError {
    const reason = classifyFailure(result.stderr);
    const what = action ?? `git ${args[0]}`;
    const line = headline(result.stderr);
    const detail = line === '' ? `exit code ${result.code}` : line;
    const { credential } = this.options;
    const fixes: Record<typeof reason, string | undefined> = {
      auth:
        credential === 'aws'
          ? "check that the AWS credentials are valid and not expired, that the region is the repository's, and that the role may codecommit:GitPull and codecommit:GitPush on it"
          : credential === 'token'
            ? 'check that the token is valid, not expired, and may read and write the config repository'
            : 'pass a token that may read and write the config repository',
      'not-found': 'check the config repository URL and that the token can see the repository',
      network: 'check the network connection and the host name of the config repository',
      timeout: 'check the network connection to the config repository',
      other: undefined,
    };
    let message = `${what} failed (${this.redact(detail)})`;
    // CodeCommit says why it refused a SigV4 credential (expired, signature mismatch, unknown key) in a text
    // body git prints as `remote:` lines; git's own line only has the HTTP status.
    const said = credential === 'aws' && reason === 'auth' ? serverWords(result.stderr) : '';
    if (/signature expired/i.test(said)) {
      fixes.auth =
        "the credential is signed with this machine's clock and AWS accepts 15 minutes of skew: set the clock right (NTP); if the AWS credentials are a role session, check that it has not expired";
    }
    if (reason === 'auth') {
      // git's own words ("could not read Username … terminal prompts disabled") mean the server said 401.
      const prompt = /could not read (?:username|password)|terminal prompts disabled/i.test(detail);
      const refused =
        credential === 'aws'
          ? 'authentication failed, CodeCommit refused the SigV4 credential derived from the AWS credentials'
          : credential === 'token'
            ? 'authentication failed, the server refused the token'
            : 'authentication required, and no token was given';
      const why = said === '' ? '' : `: ${this.redact(said)}`;
      message = prompt
        ? `${what} failed: ${refused}${why}`
        : `${what} failed: ${refused}${why} (${this.redact(detail)})`;
    }
    return new GitError(message, {
      command: ['git', ...args],
      exitCode: result.code,
      stderr: result.stderr,
      reason,
      where: this.options.where,
      ...(fixes[reason] === undefined ? {} : { fix: fixes[reason] }),
    });
  }

  /** Stops every git process still running (and what each started) and waits until they are gone (dispose). */
  async killAll(): Promise<void> {
    this.closed = true;
    const running = [...this.children];
    for (const child of running) child.kill('SIGKILL');
    await Promise.all(running.map((child) => child.exited));
    this.children.clear();
  }
}
