// Fails when packages/cli/dist holds a chunk its entry cannot reach (left by an older build: `pnpm pack`
// ships every file of dist/) or lacks one it loads. The webpack runtime in the entry names chunk files
// (`return "" + chunkId + ".index.cjs.js"`) and loads one with `__webpack_require__.e(<id>)`
// (`__nccwpck_require__.e` in the entry).
//
//   node --import tsx scripts/check-cli-chunks.ts [dist directory]

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = process.argv[2] ?? join(root, 'packages', 'cli', 'dist');
const CHUNK_NAME = /return "" \+ chunkId \+ "([^"]+)";/;
const CHUNK_LOAD = /__(?:webpack|nccwpck)_require__\.e\((?:\/\*[^*]*\*\/\s*)?(\d+)\)/g;
const where = relative(process.cwd(), dist) || '.';

const suffix = CHUNK_NAME.exec(readFileSync(join(dist, 'index.js'), 'utf8'))?.[1];
if (suffix === undefined) {
  // Without the name, no chunk could be told from another file, and every stale one would pass.
  console.error(
    `${where}/index.js names no chunk files: has ncc changed its runtime? update scripts/check-cli-chunks.ts`,
  );
  process.exit(1);
}
const isChunk = (name: string): boolean =>
  name.endsWith(suffix) && /^\d+$/.test(name.slice(0, -suffix.length));

const reachable = new Set<string>();
const missing: string[] = [];
const pending = ['index.js'];
for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
  let text: string;
  try {
    text = readFileSync(join(dist, file), 'utf8');
  } catch {
    missing.push(file);
    continue;
  }
  for (const [, id] of text.matchAll(CHUNK_LOAD)) {
    const chunk = `${id}${suffix}`;
    if (!reachable.has(chunk)) {
      reachable.add(chunk);
      pending.push(chunk);
    }
  }
}
const stale = readdirSync(dist).filter((name) => isChunk(name) && !reachable.has(name));
for (const name of stale) {
  console.error(
    `${where}/${name}: no chunk of the CLI bundle loads it (left by an older build); rebuild with 'pnpm --filter @slipway/cli run build', which empties dist/ first`,
  );
}
for (const name of missing) {
  console.error(
    `${where}/${name}: the CLI bundle loads it but it is missing; rebuild with 'pnpm --filter @slipway/cli run build'`,
  );
}
if (reachable.size === 0 && missing.length === 0) {
  // A pattern that matched nothing would pass every stale chunk: a bundle always has lazily loaded chunks.
  console.error(
    `${where}/index.js loads no chunk: has ncc changed how it loads them? update scripts/check-cli-chunks.ts`,
  );
  process.exitCode = 1;
}
if (stale.length > 0 || missing.length > 0) process.exitCode = 1;
