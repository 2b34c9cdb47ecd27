// What a cancelled run (the CI runner's SIGTERM, a terminal's Ctrl-C) must undo: temporary repositories and
// files, and children still running. Whoever creates such a thing registers its cleanup here and unregisters
// it once it cleaned up by itself; the runtimes run what is left when a signal arrives.

/** Undoes one thing (removes a temp dir, kills a child and waits for it). */
export type CancelCleanup = () => Promise<void> | void;

const pending = new Set<CancelCleanup>();

/**
 * Registers `cleanup` to run if the run is cancelled. Returns the function that unregisters it: call it when
 * the thing was cleaned up the ordinary way.
 */
export function onCancel(cleanup: CancelCleanup): () => void {
  pending.add(cleanup);
  return () => {
    pending.delete(cleanup);
  };
}

/**
 * Runs every registered cleanup, each once, all at the same time: a cleanup that waits for a slow child to exit
 * (a builder given SIGTERM) must not hold back the removal of a temp dir that holds a registry credential,
 * since a runner's second signal ends the process at once. What must happen in order (git killed before its
 * repo goes) is one cleanup. A failing cleanup does not stop the others: the process is about to exit.
 */
export async function cancelRun(): Promise<void> {
  const cleanups = [...pending];
  pending.clear();
  await Promise.allSettled(cleanups.map(async (cleanup) => cleanup()));
}
