import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds the CLI bundle once, so end-to-end tests run what users run, fresh from the sources. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('pnpm', ['--filter', '@slipway/cli', 'run', 'build'], { cwd: root, stdio: 'inherit' });
}
