import { allSteps, runCli } from '@slipway/steps';
import { VERSION } from './version.js';

process.exitCode = await runCli(
  allSteps,
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  },
  VERSION,
);
