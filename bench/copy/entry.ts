// The tiny stand-in for `slipway copy` until the CLI has it: the same library path the step will use.
// Usage: node --import tsx bench/copy/entry.ts <from-location> <to-location>
// Locations: `registry/repo:tag` or `oci:<dir>:<tag>`; the target's tag (or the source's) is written.

import { describeError } from '@slipway/errors';
import { copyImage, formatLocation, openRepository, parseLocation } from '../../packages/oci/src/index.js';

async function main(): Promise<void> {
  const [fromText, toText] = process.argv.slice(2);
  // `--noop`: load everything a copy loads, copy nothing (the benchmark's start-up floor).
  if (fromText === '--noop') return;
  if (fromText === undefined || toText === undefined) {
    throw new Error('usage: entry.ts <from-location> <to-location>');
  }
  const from = parseLocation(fromText);
  const to = parseLocation(toText);
  const reference =
    from.kind === 'registry'
      ? (from.reference.digest ?? from.reference.tag ?? 'latest')
      : (from.digest ?? from.tag ?? 'latest');
  const tag = to.kind === 'registry' ? to.reference.tag : to.tag;
  const start = performance.now();
  const result = await copyImage({
    from: openRepository(from),
    reference,
    to: openRepository(to),
    tags: tag === undefined ? [] : [tag],
  });
  const ms = Math.round(performance.now() - start);
  process.stdout.write(
    `${JSON.stringify({ from: formatLocation(from), to: formatLocation(to), ms, ...result })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`slipway copy: ${describeError(error)}\n`);
  process.exitCode = 1;
});
