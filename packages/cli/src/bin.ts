import { setFlagsFromString } from 'node:v8';
import { loadAllSteps, runCliLazily, stepLoaders } from '@slipway/steps/cli';
import { VERSION } from './version.js';

// fetch parses HTTP with a WebAssembly module that V8 recompiles in the background for speed; a process
// that used it then waits about 80 ms at exit for that compile to finish. A short command spends longer
// on that than the faster parser could save it, so keep the first, baseline compile.
setFlagsFromString('--liftoff-only');

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
