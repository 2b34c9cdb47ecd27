/** A place in a file (a config-repo manifest, the policy, a Dockerfile): its path and, when known, its line. */
export interface FileLocation {
  readonly file: string;
  /** 1-based. */
  readonly line?: number;
}

/**
 * An error meant for the person running Slipway: it says what failed, where (a file and line, a branch,
 * a registry) and how to fix it. Faces print it as one line; anything else is a bug and keeps its stack.
 *
 * `where` is given either as text (`branch env/dev`, a registry host) or as a {@link FileLocation}; the latter
 * keeps the file and line typed in `location`, so that faces can annotate the file without parsing text.
 */
export class SlipwayError extends Error {
  /** Where it failed, as people read it: `apps/cart.yaml:12`, `--config-repo`, `branch env/dev`. */
  readonly where: string | undefined;
  /** The file and line it failed at, when the code knew them. */
  readonly location: FileLocation | undefined;
  readonly fix: string | undefined;

  constructor(
    message: string,
    options: { where?: string | FileLocation; fix?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlipwayError';
    const where = options.where;
    this.where = typeof where === 'object' ? describeLocation(where) : where;
    this.location = typeof where === 'object' ? where : undefined;
    this.fix = options.fix;
  }

  /** `where: message (fix)` on one line. */
  oneLine(): string {
    const text = `${this.where === undefined ? '' : `${this.where}: `}${this.message}${this.fix === undefined ? '' : `; ${this.fix}`}`;
    return text.replace(/\s*\n\s*/g, ' ');
  }
}

/** `file:line`, or the file alone when the line is not known. */
export function describeLocation(location: FileLocation): string {
  return location.line === undefined ? location.file : `${location.file}:${location.line}`;
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
