// Writes actions/<step>/{action.yml,src/main.ts,package.json} from the step definitions, and
// packages/steps/src/surfaces.generated.ts: what the CLI's --help and flag parsing need of every step.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { actionFiles, allSteps, surfaceOf } from '@slipway/steps';

const root = new URL('..', import.meta.url).pathname;
for (const step of allSteps.filter((s) => !s.cliOnly)) {
  for (const [file, content] of Object.entries(actionFiles(step))) {
    const path = join(root, 'actions', step.name, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  console.log(`actions/${step.name}: ${Object.keys(actionFiles(step)).join(', ')}`);
}

const surfaces = join(root, 'packages', 'steps', 'src', 'surfaces.generated.ts');
writeFileSync(
  surfaces,
  `// Written by \`pnpm gen:actions\` from the step definitions; packages/steps/test/catalog.test.ts keeps it
// equal to them. The CLI answers --help and flag errors from it without loading any step.
import type { StepSurface } from './definition/surface.js';

export const stepSurfaces: readonly StepSurface[] = ${JSON.stringify(allSteps.map(surfaceOf))};
`,
);
// The formatter's layout, so a regeneration without changes leaves the file as committed.
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', surfaces], { cwd: root, stdio: 'ignore' });
console.log('packages/steps/src/surfaces.generated.ts');
