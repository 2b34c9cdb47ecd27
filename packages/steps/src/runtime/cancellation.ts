import { cancelRun } from '@slipway/process';

/** The signals a CI runner (SIGTERM, or SIGINT first on GitHub) or a terminal (Ctrl-C) sends to cancel a run. */
const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

/** How long the cleanups may take before the process exits anyway: a runner kills for good soon after. */
const CLEANUP_GRACE_MS = 10_000;

/**
 * While a step runs, a SIGTERM or SIGINT kills the children still running, removes the temporary repos and
 * files registered with `onCancel`, and exits with 128 + the signal's number (143, 130), as a shell would.
 * A second signal exits at once. Returns the function that removes the handlers once the step is done.
 */
export function exitOnCancel(say: (line: string) => void): () => void {
  let cancelling = false;
  const handlers = Object.entries(SIGNALS).map(([signal, number]) => {
    const handler = (): void => {
      const code = 128 + number;
      if (cancelling) process.exit(code);
      cancelling = true;
      say(`cancelled by ${signal}: stopping and removing temporary files`);
      setTimeout(() => process.exit(code), CLEANUP_GRACE_MS).unref();
      void cancelRun().finally(() => process.exit(code));
    };
    process.on(signal, handler);
    return { signal, handler };
  });
  return () => {
    for (const { signal, handler } of handlers) process.off(signal, handler);
  };
}
