import { VERSION } from './version.js';

// The bundle is CommonJS (see bin.cjs): no top-level await here.

async function main(): Promise<void> {
  // `--version` answers before anything else loads (bin/slipway.js answers it even before this bundle).
  const [command] = process.argv.slice(2);
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const { setFlagsFromString } = await import('node:v8');
  // fetch parses HTTP with a WebAssembly module that V8 recompiles in the background for speed; a process
  // that used it then waits about 80 ms at exit for that compile to finish. A short command spends longer
  // on that than the faster parser could save it, so keep the first, baseline compile.
  setFlagsFromString('--liftoff-only');
  const { loadStepSurfaces, runCliLazily, stepLoaders } = await import('@slipway/steps/cli');
  process.exitCode = await runCliLazily(
    { surfaces: loadStepSurfaces, loaders: stepLoaders },
    process.argv.slice(2),
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      env: process.env,
      cwd: process.cwd(),
      interactive: process.stderr.isTTY === true,
    },
    VERSION,
  );
}

void main();
