import { describe, expect, it } from 'vitest';
import { stepLoaders } from '../src/catalog.js';
import type { Step } from '../src/definition/step.js';
import { surfaceOf } from '../src/definition/surface.js';
import { allSteps } from '../src/registry.js';
import { runCli, stepHelp } from '../src/runtime/cli.js';
import { runCliLazily } from '../src/runtime/lazy-cli.js';
import { stepSurfaces } from '../src/surfaces.generated.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {}, cwd: '/' };
  return { io, out, err };
}

/** The lazy CLI over the real surfaces, with loaders that note which steps they load. */
function lazySteps(loaded: string[]) {
  const loaders = Object.fromEntries(
    allSteps.map((step) => [
      step.name,
      async (): Promise<Step> => {
        loaded.push(step.name);
        return step;
      },
    ]),
  );
  return { surfaces: async () => stepSurfaces, loaders };
}

describe('the lazy step catalog', () => {
  it('names every step of the registry, in its order, and each loader gives that very step', async () => {
    expect(Object.keys(stepLoaders)).toEqual(allSteps.map((step) => step.name));
    for (const step of allSteps) expect(await stepLoaders[step.name]?.()).toBe(step);
  });

  it('holds every step surface as the definitions say it (run `pnpm gen:actions` after changing a step)', () => {
    expect(stepSurfaces).toEqual(allSteps.map(surfaceOf));
  });

  it('prints each command help from the surfaces alone, the same text as from the loaded step', async () => {
    const loaded: string[] = [];
    for (const step of allSteps) {
      const { io, out } = capture();
      expect(await runCliLazily(lazySteps(loaded), [step.name, '--help'], io, '1.2.3')).toBe(0);
      expect(out.join('')).toBe(stepHelp(step));
    }
    const { io, out } = capture();
    expect(await runCliLazily(lazySteps(loaded), ['--help'], io, '1.2.3')).toBe(0);
    const eager = capture();
    expect(await runCli(allSteps, ['--help'], eager.io, '1.2.3')).toBe(0);
    expect(out.join('')).toBe(eager.out.join(''));
    expect(loaded).toEqual([]);
  });

  it('loads no step for the command list, an unknown command or --version, and only the step a command runs', async () => {
    const loaded: string[] = [];
    expect(await runCliLazily(lazySteps(loaded), ['toString'], capture().io, '1.2.3')).toBe(2);
    const version = capture();
    expect(await runCliLazily(lazySteps(loaded), ['--version'], version.io, '1.2.3')).toBe(0);
    expect(version.out.join('')).toBe('1.2.3\n');
    expect(loaded).toEqual([]);

    // A command that runs reads its flags from the loaded step, not the surfaces.
    let surfaceLoads = 0;
    const steps = {
      ...lazySteps(loaded),
      surfaces: async () => {
        surfaceLoads += 1;
        return stepSurfaces;
      },
    };
    const typo = capture();
    expect(await runCliLazily(steps, ['copy', '--tga', 'x'], typo.io, '1.2.3')).toBe(2);
    expect(typo.err.join('')).toContain('unknown flag --tga');
    const run = capture();
    // An OCI layout that does not exist: the copy step runs and fails on the source.
    expect(
      await runCliLazily(steps, ['copy', 'oci:/nonexistent/a', 'oci:/nonexistent/b'], run.io, '1.2.3'),
    ).toBe(1);
    expect(run.err.join('')).toContain('slipway copy: error:');
    expect(loaded).toEqual(['copy', 'copy']);
    expect(surfaceLoads).toBe(0);
  });
});
