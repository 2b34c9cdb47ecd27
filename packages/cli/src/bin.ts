import { loadAllSteps, runCliLazily, stepLoaders } from '@slipway/steps/cli';
import { VERSION } from './version.js';

process.exitCode = await runCliLazily(
  { loaders: stepLoaders, loadAll: loadAllSteps },
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  },
  VERSION,
);
