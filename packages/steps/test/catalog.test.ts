import { describe, expect, it } from 'vitest';
import { loadAllSteps, stepLoaders } from '../src/catalog.js';
import { allSteps } from '../src/registry.js';
import { runCliLazily } from '../src/runtime/lazy-cli.js';

describe('the lazy step catalog', () => {
  it('names every step of the registry, in its order, and each loader gives that very step', async () => {
    expect(Object.keys(stepLoaders)).toEqual(allSteps.map((step) => step.name));
    for (const step of allSteps) expect(await stepLoaders[step.name]?.()).toBe(step);
    expect(await loadAllSteps()).toBe(allSteps);
  });

  it('runs a named command with only its step loaded, and help with every step', async () => {
    const loaded: string[] = [];
    const loaders = Object.fromEntries(
      allSteps.map((step) => [
        step.name,
        async () => {
          loaded.push(step.name);
          return step;
        },
      ]),
    );
    let everything = 0;
    const steps = {
      loaders,
      loadAll: async () => {
        everything += 1;
        return allSteps;
      },
    };
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), env: {}, cwd: '/' };
    expect(await runCliLazily(steps, ['copy', '--help'], io, '1.2.3')).toBe(0);
    expect(loaded).toEqual(['copy']);
    expect(everything).toBe(0);
    expect(out.join('')).toContain('slipway copy');

    out.length = 0;
    expect(await runCliLazily(steps, ['--help'], io, '1.2.3')).toBe(0);
    expect(everything).toBe(1);
    expect(out.join('')).toContain('promote');

    out.length = 0;
    expect(await runCliLazily(steps, ['--version'], io, '1.2.3')).toBe(0);
    expect(out.join('')).toBe('1.2.3\n');
    expect(everything).toBe(1);
    expect(await runCliLazily(steps, ['toString'], io, '1.2.3')).toBe(2);
    expect(loaded).toEqual(['copy']);
  });
});
