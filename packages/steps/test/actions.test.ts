import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionFiles, allSteps } from '../src/index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe.each(allSteps.filter((s) => !s.cliOnly).map((step) => [step.name, step] as const))(
  'actions/%s',
  (name, step) => {
    it('has committed files equal to what its step definition generates (run `pnpm gen:actions`)', () => {
      for (const [file, content] of Object.entries(actionFiles(step))) {
        expect(readFileSync(`${root}actions/${name}/${file}`, 'utf8'), `actions/${name}/${file}`).toBe(
          content,
        );
      }
    });

    it('declares every input and output of the step, runs on node24 from the committed bundle', () => {
      const meta = parse(readFileSync(`${root}actions/${name}/action.yml`, 'utf8')) as {
        inputs: Record<string, { required: boolean; default?: string; description: string }>;
        outputs: Record<string, { description: string }>;
        runs: { using: string; main: string };
      };
      expect(Object.keys(meta.inputs)).toEqual(Object.keys(step.inputs));
      for (const [input, spec] of Object.entries(step.inputs)) {
        expect(meta.inputs[input]?.required).toBe(spec.meta.required);
        expect(meta.inputs[input]?.default).toBe(spec.meta.default);
        expect(meta.inputs[input]?.description).toContain(spec.meta.description);
      }
      expect(Object.keys(meta.outputs)).toEqual(Object.keys(step.outputs));
      expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
      expect(readFileSync(`${root}actions/${name}/dist/index.js`, 'utf8').length).toBeGreaterThan(1000);
    });
  },
);
