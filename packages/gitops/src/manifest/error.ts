import { type FileLocation, SlipwayError } from '@slipway/errors';

/** A config file Slipway cannot read or edit safely, at a file and line. */
export class ManifestError extends SlipwayError {
  constructor(message: string, options: { where: FileLocation; fix?: string; cause?: unknown }) {
    super(message, options);
    this.name = 'ManifestError';
  }
}

/** A line of a config file, for an error's `where` (shown as `file:line`, annotated on GitHub). */
export function at(file: string, line: number): FileLocation {
  return { file, line };
}
