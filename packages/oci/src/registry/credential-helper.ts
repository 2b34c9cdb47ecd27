// Runs a docker credential helper (`docker-credential-<name> get`) the way docker does: the server
// address goes on stdin, the answer comes back as JSON on stdout. Nothing secret is ever on argv.

import { SlipwayError } from '@slipway/errors';
import { childEnvironment, type ProcessResult, runProcess } from '@slipway/process';

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
  const result = await run(program, serverAddress, options);
  const { code, spawnError } = result;
  // The helper's answer is a few hundred bytes of JSON; a trailing newline is not part of it.
  const stdout = result.stdout.trim();
  const stderr = result.stderr.trim();
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

/**
 * Through `runProcess`, not `@actions/exec` (`runTool`), which the builders use: the server address goes on
 * stdin, and `@actions/exec` ends stdin with no error listener, so a helper that exits without reading it
 * (a broken install, a wrapper that fails at once) crashes Slipway with an uncaught EPIPE in about one run
 * of three (process/src/tool.ts has the count); and it has no timeout (a helper waiting on a keychain or
 * gpg prompt would hold the run) and no kill (SIGKILL on a cancelled run). The output is the secret: no
 * line of it goes to a log.
 */
function run(program: string, input: string, options: RunHelperOptions): Promise<ProcessResult> {
  return runProcess(program, ['get'], {
    env: childEnvironment('credential-helper', options.env ?? process.env),
    input,
    timeoutMs: options.timeoutMs ?? 30_000,
    cancelSignal: 'SIGKILL',
  });
}
