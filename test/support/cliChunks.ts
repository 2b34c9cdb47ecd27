// Which chunks of the CLI bundle a run loads: ncc puts each dynamic import in its own `<n>.index.cjs.js`,
// which the bundle (CommonJS) loads with require, so a preload that logs them shows whether a command paid
// for sigstore-js.

import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI_BUNDLE, type RunResult, runNode } from './slipway.js';

/** sigstore-js' verifier and signer, by strings only their code holds. */
export const SIGSTORE_VERIFY_MARKER = 'TLOG_INCLUSION_PROMISE_ERROR';
export const SIGSTORE_SIGN_MARKER = 'class FulcioSigner';

/** A chunk file of the bundle, by the name the build gives it. */
const CHUNK = /^\d+\.index\.cjs\.js$/;

/** The CLI's chunks whose code holds `marker`. */
export async function chunksHolding(marker: string): Promise<string[]> {
  const distDir = join(CLI_BUNDLE, '..');
  const chunks: string[] = [];
  for (const name of await readdir(distDir)) {
    if (!CHUNK.test(name)) continue;
    if ((await readFile(join(distDir, name), 'utf8')).includes(marker)) chunks.push(name);
  }
  return chunks;
}

/** Runs the CLI with a preload (written into `dir`) that logs every chunk it loads. */
export async function runLoggingChunks(
  dir: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ result: RunResult; chunks: string[] }> {
  const preload = join(dir, 'chunk-log.cjs');
  const log = join(dir, `chunks-${randomBytes(4).toString('hex')}.log`);
  // Every require of a chunk passes through Module._load (the bundle's runtime requires `./<n>.index.cjs.js`).
  await writeFile(
    preload,
    `const Module = require('node:module');\nconst { appendFileSync } = require('node:fs');\nconst load = Module._load;\nModule._load = function (request, ...rest) {\n  const name = String(request).split('/').pop();\n  if (${CHUNK}.test(name)) appendFileSync(process.env.CHUNK_LOG, name + '\\n');\n  return load.call(this, request, ...rest);\n};\n`,
  );
  await writeFile(log, '');
  const result = await runNode(['--require', preload, CLI_BUNDLE, ...args], {
    env: { ...env, CHUNK_LOG: log },
  });
  return { result, chunks: (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '') };
}
