// Writes actions/<step>/{action.yml,src/main.ts,package.json} from the step definitions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { actionFiles, allSteps } from '@slipway/steps';

const root = new URL('..', import.meta.url).pathname;
for (const step of allSteps.filter((s) => !s.cliOnly)) {
  for (const [file, content] of Object.entries(actionFiles(step))) {
    const path = join(root, 'actions', step.name, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  console.log(`actions/${step.name}: ${Object.keys(actionFiles(step)).join(', ')}`);
}
