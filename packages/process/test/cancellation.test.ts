import { existsSync } from 'node:fs';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cancelRun, onCancel, temporaryDirectory } from '../src/index.js';

describe('cancelRun', () => {
  it('removes a temp dir while a slow child is still being stopped, and runs each cleanup once', async () => {
    // Registered first, as a builder's DOCKER_CONFIG dir is before the builder starts.
    const dir = await temporaryDirectory('slipway-cancel-test-');
    let removalStarted = false;
    onCancel(() => {
      removalStarted = true;
    });
    let release: () => void = () => {};
    let childStops = 0;
    onCancel(() => {
      childStops += 1;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const cancelling = cancelRun();
    await tick();
    // The child has not exited yet, and the cleanups registered before it have started all the same.
    expect(removalStarted).toBe(true);
    release();
    await cancelling;
    expect(existsSync(dir.path)).toBe(false);
    await cancelRun();
    expect(childStops).toBe(1);
  });

  it('a cleanup unregistered after it ran by itself does not run again', async () => {
    let runs = 0;
    const forget = onCancel(() => {
      runs += 1;
    });
    forget();
    await cancelRun();
    expect(runs).toBe(0);
  });
});
