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
