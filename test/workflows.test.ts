import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './support/slipway.js';

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

/** GitHub workflows: the reusable ones GitHub calls, and the starters users copy (not CodeBuild buildspecs). */
const workflows = [
  ...yamlFiles(join(ROOT, '.github', 'workflows')),
  ...yamlFiles(join(ROOT, 'workflows', 'github')),
].map((path) => relative(ROOT, path));
const actions = readdirSync(join(ROOT, 'actions'))
  .map((name) => `actions/${name}/action.yml`)
  .filter((path) => existsSync(join(ROOT, path)));

function errorsOf(result: { context: { errors: { getErrors(): Array<{ message: string }> } } }): string[] {
  return result.context.errors.getErrors().map((e) => e.message);
}

describe.each(workflows)('%s', (file) => {
  const content = readFileSync(join(ROOT, file), 'utf8');

  it("passes GitHub's workflow schema", () => {
    const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    expect(errorsOf(result)).toEqual([]);
  });

  it('uses Slipway actions that exist and third-party actions pinned by commit SHA', () => {
    const uses = [...content.matchAll(/^\s*(?:-\s*)?uses:\s*['"]?([^\s'"#]+)/gm)].map((m) => m[1] ?? '');
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      const local = /^(?:\.\/|[\w.-]+\/[\w.-]+\/)(actions\/[\w-]+)(?:@|$)/.exec(use);
      const reusable = /^(?:\.\/|[\w.-]+\/[\w.-]+\/)(\.github\/workflows\/[\w.-]+\.ya?ml)(?:@|$)/.exec(use);
      if (local?.[1] !== undefined && (use.startsWith('./') || use.includes('/slipway/'))) {
        expect(existsSync(join(ROOT, local[1], 'action.yml')), `${use} in ${file}`).toBe(true);
      } else if (reusable?.[1] !== undefined) {
        expect(existsSync(join(ROOT, reusable[1])), `${use} in ${file}`).toBe(true);
      } else {
        expect(use, `${use} in ${file} must be pinned to a 40-hex commit`).toMatch(/@[0-9a-f]{40}$/);
      }
    }
  });

  it('declares explicit, minimal permissions', () => {
    const doc = parse(content) as { permissions?: unknown; jobs: Record<string, { permissions?: unknown }> };
    for (const [name, job] of Object.entries(doc.jobs)) {
      expect(doc.permissions ?? job.permissions, `job ${name} in ${file}`).toBeDefined();
    }
    expect(content.includes('write-all')).toBe(false);
  });
});

describe.each(actions)('%s', (file) => {
  it("passes GitHub's action schema and runs on node24", () => {
    const content = readFileSync(join(ROOT, file), 'utf8');
    const result = parseAction({ name: file, content }, new NoOperationTraceWriter());
    expect(errorsOf(result)).toEqual([]);
    expect(parse(content).runs.using).toBe('node24');
  });
});

describe('the schema checks themselves', () => {
  it('report a broken workflow and a broken action', () => {
    const workflow = parseWorkflow(
      {
        name: 'bad.yml',
        content: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stesp:\n      - run: echo\n',
      },
      new NoOperationTraceWriter(),
    );
    expect(errorsOf(workflow).join('\n')).toMatch(/stesp/);
    const action = parseAction(
      {
        name: 'action.yml',
        content: 'name: x\ndescription: y\nruns:\n  using: node24\n  mian: dist/index.js\n',
      },
      new NoOperationTraceWriter(),
    );
    expect(errorsOf(action).length).toBeGreaterThan(0);
  });
});
