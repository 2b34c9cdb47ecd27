/** Registers a cleanup step; steps run in reverse order of registration. */
export type Defer = (cleanup: () => unknown) => void;

/**
 * Runs `fn` and then every cleanup it registered with `defer` — in reverse order, always, even when `fn` or
 * another cleanup throws (servers stopped and temp dirs removed when a test fails). The first error wins.
 * Example: `await withCleanup(async (defer) => { const server = await start(); defer(server.close); … })`.
 */
export async function withCleanup<T>(fn: (defer: Defer) => Promise<T>): Promise<T> {
  const steps: (() => unknown)[] = [];
  let failure: { error: unknown } | undefined;
  let result: T | undefined;
  try {
    result = await fn((cleanup) => {
      steps.push(cleanup);
    });
  } catch (error) {
    failure = { error };
  }
  for (const step of steps.reverse()) {
    try {
      await step();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
  return result as T;
}
