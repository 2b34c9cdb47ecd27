// `pnpm run build`: the CLI bundle in dist/, from src/bin.cjs.
// - dist/ is emptied first: ncc leaves an older build's chunks there, and `pnpm pack` ships all of dist/.
// - The bundle is CommonJS (see src/bin.cjs); ncc names its entry index.cjs, renamed index.js so the bundle
//   keeps its path, and dist/package.json makes every .js file in dist/ CommonJS in this ESM package.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync('ncc', ['build', 'src/bin.cjs', '-o', 'dist', '--quiet', '--license', 'licenses.txt'], {
  stdio: 'inherit',
});
renameSync('dist/index.cjs', 'dist/index.js');
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
