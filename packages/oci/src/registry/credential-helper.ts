// Runs a docker credential helper (`docker-credential-<name> get`) the way docker does: the server
// address goes on stdin, the answer comes back as JSON on stdout. Nothing secret is ever on argv.

import { spawn } from 'node:child_process';
import { SlipwayError } from '@slipway/errors';
import { childEnvironment, onCancel } from '@slipway/process';

export interface HelperCredentials {
  readonly username?: string;
  readonly password?: string;
  readonly identityToken?: string;
}

export interface RunHelperOptions {
  /**
   * The environment the helper's is drawn from (its credential-helper allow-list: the cloud credential
   * chains, no Slipway or GitHub secrets); its `PATH` is where the helper is looked up. Defaults to `process.env`.
   */
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly timeoutMs?: number | undefined;
}

/** The helper's answer when it knows no credentials for the server. */
const NOT_FOUND = /credentials not found/i;

/**
 * Asks `docker-credential-<name>` for the credentials of `serverAddress`. Answers `undefined` when the
 * helper has none; throws a {@link SlipwayError} (without any helper output that could be secret) otherwise.
 */
export async function runCredentialHelper(
  name: string,
  serverAddress: string,
  options: RunHelperOptions = {},
): Promise<HelperCredentials | undefined> {
  const program = `docker-credential-${name}`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new SlipwayError(`credential helper name "${name}" is not valid`, {
      where: 'docker config',
      fix: 'use a helper name of letters, digits, ".", "_" and "-" in credHelpers/credsStore',
    });
  }
  const { code, stdout, stderr, spawnError } = await run(program, serverAddress, options);
  if (spawnError !== undefined) {
    const missing = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SlipwayError(
      missing
        ? `credential helper ${program} is not installed (not found on PATH)`
        : `cannot run credential helper ${program}: ${spawnError.message}`,
      {
        where: `credentials for ${serverAddress}`,
        fix: missing
          ? `install ${program}, or remove it from credHelpers/credsStore in the docker config`
          : `check that ${program} is executable`,
        cause: spawnError,
      },
    );
  }
  if (code !== 0) {
    // Helpers print "credentials not found in native keychain" (on stdout) when they have nothing.
    if (NOT_FOUND.test(stdout) || NOT_FOUND.test(stderr)) return undefined;
    throw new SlipwayError(`credential helper ${program} failed (exit code ${code})`, {
      where: `credentials for ${serverAddress}`,
      fix: `run \`echo ${serverAddress} | ${program} get\` to see why`,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new SlipwayError(`credential helper ${program} did not print JSON`, {
      where: `credentials for ${serverAddress}`,
      fix: `run \`echo ${serverAddress} | ${program} get\`: it should print {"ServerURL", "Username", "Secret"}`,
    });
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const username = typeof record.Username === 'string' ? record.Username : '';
  const secret = typeof record.Secret === 'string' ? record.Secret : '';
  if (secret === '') return undefined;
  // Docker's convention: a username of "<token>" means the secret is an identity (refresh) token.
  if (username === '<token>') return { identityToken: secret };
  return { username, password: secret };
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  spawnError?: Error;
}

function run(program: string, input: string, options: RunHelperOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(program, ['get'], {
      env: childEnvironment('credential-helper', options.env ?? process.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 30_000,
    });
    const stopOnCancel = onCancel(() => {
      child.kill('SIGKILL');
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (spawnError) => {
      // Failing to start emits 'error' and no 'close'; a later error (kill on timeout) still closes.
      if (child.pid === undefined) {
        stopOnCancel();
        resolve({ code: null, stdout: '', stderr: '', spawnError });
      }
    });
    // A helper that exits before reading stdin makes the write fail with EPIPE: its exit code tells more.
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      stopOnCancel();
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8').trim(),
        stderr: Buffer.concat(err).toString('utf8').trim(),
      });
    });
    child.stdin.end(input);
  });
}
