import type { SourceLocation } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';

/** The file and line an error points at, when its `where` is `path:line`, for annotations. */
export function errorLocation(error: unknown): SourceLocation | undefined {
  if (!(error instanceof SlipwayError) || error.where === undefined) return undefined;
  const match = /^([^\s:]+):(\d+)$/.exec(error.where);
  if (match === null) return undefined;
  return { file: match[1] ?? '', line: Number(match[2]) };
}
