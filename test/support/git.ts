import { execFileSync } from 'node:child_process';

/**
 * The environment for test-side git commands: the caller's, minus every `GIT_*` variable that could point git
 * at another repository or config, with a fixed identity and English messages.
 */
export function testGitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('GIT_')) env[key] = value;
  }
  return {
    ...env,
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.test',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.test',
    ...extra,
  };
}

/** Runs git synchronously (for test setup and assertions) and returns stdout; throws with stderr on failure. */
export function gitSync(
  args: string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {},
): Buffer {
  try {
    return execFileSync('git', args, {
      cwd: options.cwd,
      input: options.input,
      env: testGitEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
    throw new Error(`git ${args.join(' ')} failed: ${stderr}`);
  }
}

/** Like gitSync, as trimmed text. */
export function gitText(args: string[], options: Parameters<typeof gitSync>[1] = {}): string {
  return gitSync(args, options).toString('utf8').trim();
}
