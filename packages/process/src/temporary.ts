import { join } from 'node:path';
import { onCancel } from './cancellation.js';

/** A private temporary directory that a cancelled run removes too. */
export interface TemporaryDirectory {
  readonly path: string;
  /** Removes it (and stops watching for a cancel). Safe to call twice. */
  remove(): Promise<void>;
}

/** Creates `<parent>/<prefix>XXXXXX` (default parent: the OS temp dir). */
export async function temporaryDirectory(
  prefix: string,
  parent: string = process.getBuiltinModule('node:os').tmpdir(),
): Promise<TemporaryDirectory> {
  // node:fs/promises loads with the first temporary directory, not with every command that imports this package.
  const { mkdtemp, rm } = await import('node:fs/promises');
  const path = await mkdtemp(join(parent, prefix));
  const removeNow = () => rm(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  const forget = onCancel(removeNow);
  return {
    path,
    remove: async () => {
      forget();
      await removeNow();
    },
  };
}
