// Which chunks of the CLI bundle a run loads: ncc puts each dynamic import in its own `<n>.index.js`, so a
// module hook that logs them shows whether a command paid for sigstore-js.

import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI_BUNDLE, type RunResult, runNode } from './slipway.js';

/** sigstore-js' verifier and signer, by strings only their code holds. */
export const SIGSTORE_VERIFY_MARKER = 'TLOG_INCLUSION_PROMISE_ERROR';
export const SIGSTORE_SIGN_MARKER = 'class FulcioSigner';

/** The CLI's chunks whose code holds `marker`. */
export async function chunksHolding(marker: string): Promise<string[]> {
  const distDir = join(CLI_BUNDLE, '..');
  const chunks: string[] = [];
  for (const name of await readdir(distDir)) {
    if (!name.endsWith('.index.js')) continue;
    if ((await readFile(join(distDir, name), 'utf8')).includes(marker)) chunks.push(name);
  }
  return chunks;
}

/** Runs the CLI with a module hook (written into `dir`) that logs every chunk it loads. */
export async function runLoggingChunks(
  dir: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ result: RunResult; chunks: string[] }> {
  const hooks = join(dir, 'chunk-hooks.mjs');
  const register = join(dir, 'chunk-register.mjs');
  const log = join(dir, `chunks-${randomBytes(4).toString('hex')}.log`);
  await writeFile(
    hooks,
    `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  if (result.url.endsWith('.index.js')) appendFileSync(process.env.CHUNK_LOG, result.url.split('/').pop() + '\\n');\n  return result;\n}\n`,
  );
  await writeFile(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
  );
  await writeFile(log, '');
  const result = await runNode(['--import', register, CLI_BUNDLE, ...args], {
    env: { ...env, CHUNK_LOG: log },
  });
  return { result, chunks: (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '') };
}
