/**
 * An error meant for the person running Slipway: it says what failed, where (a file and line, a branch,
 * a registry) and how to fix it. Faces print it as one line; anything else is a bug and keeps its stack.
 */
export class SlipwayError extends Error {
  readonly where: string | undefined;
  readonly fix: string | undefined;

  constructor(message: string, options: { where?: string; fix?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlipwayError';
    this.where = options.where;
    this.fix = options.fix;
  }

  /** `where: message (fix)` on one line. */
  oneLine(): string {
    const text = `${this.where === undefined ? '' : `${this.where}: `}${this.message}${this.fix === undefined ? '' : `; ${this.fix}`}`;
    return text.replace(/\s*\n\s*/g, ' ');
  }
}

/** The one line to show for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof SlipwayError) return error.oneLine();
  if (error instanceof Error) return error.message.replace(/\s*\n\s*/g, ' ');
  return String(error);
}

/** Where a step runs decides how a user gives it a token: the CLI reads the environment, an action its input. */
export type Face = 'cli' | 'action';

/**
 * A step needs a GitHub token it was not given. The domain says what for and which permissions; the face that
 * reports it phrases the fix for where the user is (`forFace`), so every place that needs a token says the
 * same thing: the variables on the command line, the `token` input in a workflow.
 */
export class MissingTokenError extends SlipwayError {
  /** As a workflow's `permissions:` names them: `contents: write`. */
  readonly permissions: readonly string[];
  readonly face: Face;

  constructor(
    message: string,
    options: { where?: string; permissions: readonly string[] },
    face: Face = 'cli',
  ) {
    super(message, {
      ...(options.where === undefined ? {} : { where: options.where }),
      fix: tokenFix(face, options.permissions),
    });
    this.name = 'MissingTokenError';
    this.permissions = options.permissions;
    this.face = face;
  }

  /** The same error with its fix phrased for `face`. */
  forFace(face: Face): MissingTokenError {
    if (face === this.face) return this;
    return new MissingTokenError(
      this.message,
      { ...(this.where === undefined ? {} : { where: this.where }), permissions: this.permissions },
      face,
    );
  }
}

/** How to give a token, in the words of `face`; `permissions` as a workflow's `permissions:` names them. */
export function tokenFix(face: Face, permissions: readonly string[]): string {
  const scopes = permissions.join(', ');
  if (face === 'cli') {
    return `set SLIPWAY_TOKEN or GITHUB_TOKEN in the environment to a token with ${scopes} on the config repo`;
  }
  // github.token reaches only the repository of the run; a config repo elsewhere needs its own token.
  return `pass the action's \`token\` input: \`\${{ github.token }}\` when the config repo is this repository (with \`permissions: {${scopes}}\` on the job), else a GitHub App or fine-grained token with ${scopes} on the config repo (SLIPWAY_TOKEN or GITHUB_TOKEN in the step's env work too)`;
}
