// `pnpm run build`: the CLI bundle in dist/, from src/bin.cjs.
// - dist/ is emptied first: ncc leaves an older build's chunks there, and `pnpm pack` ships all of dist/.
// - The bundle is CommonJS (see src/bin.cjs); ncc names its entry index.cjs, renamed index.js so the bundle
//   keeps its path, and dist/package.json makes every .js file in dist/ CommonJS in this ESM package.
// - dist/build-id names the bundle's content (sha256 over its files, sorted by name): the code cache
//   (bin/code-cache.js) keys its directory by it, since V8 checks a cache against its source's length only.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync('ncc', ['build', 'src/bin.cjs', '-o', 'dist', '--quiet', '--license', 'licenses.txt'], {
  stdio: 'inherit',
});
renameSync('dist/index.cjs', 'dist/index.js');
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
const content = createHash('sha256');
for (const entry of readdirSync('dist', { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile())
  .map((e) => `${e.parentPath}/${e.name}`)
  .sort()) {
  content.update(`${entry}\0`).update(readFileSync(entry));
}
writeFileSync('dist/build-id', `${content.digest('hex')}\n`);
