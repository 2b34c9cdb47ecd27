import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './support/slipway.js';
import {
  calledWorkflowPath,
  permissionViolations,
  type WorkflowDocument,
  type WorkflowLoader,
} from './support/workflowPermissions.js';

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

/** Reads this repository's workflows by path; undefined for a file that is not here. */
const loadWorkflow: WorkflowLoader = (path) =>
  existsSync(join(ROOT, path))
    ? (parse(readFileSync(join(ROOT, path), 'utf8')) as WorkflowDocument)
    : undefined;

describe('calls to reusable workflows', () => {
  const callers = workflows.filter((file) =>
    Object.values(loadWorkflow(file)?.jobs ?? {}).some(
      (job) => typeof job.uses === 'string' && calledWorkflowPath(job.uses) !== undefined,
    ),
  );

  it('are found in the starters and in the reusable workflows', () => {
    expect(callers).toContain('workflows/github/app-pipeline.yml');
  });

  // GitHub refuses a run before any job starts when one job of a called workflow (nested calls included,
  // whatever its `if:`) asks for more than the calling job grants.
  it.each(callers)('%s grants every job it calls what that job requests', (file) => {
    expect(permissionViolations(file, loadWorkflow)).toEqual([]);
  });

  it('the check reports a called job asking for more than the caller grants, through nested calls', () => {
    const files: Record<string, WorkflowDocument> = {
      'starter.yml': {
        permissions: {},
        jobs: {
          dev: { uses: 'acme/slipway/.github/workflows/outer.yml@v1', permissions: { contents: 'read' } },
        },
      },
      '.github/workflows/outer.yml': {
        jobs: {
          fine: { permissions: { contents: 'read' } },
          inherits: {},
          nested: { uses: './.github/workflows/inner.yml' },
        },
      },
      '.github/workflows/inner.yml': {
        permissions: 'read-all',
        jobs: {
          push: { permissions: { contents: 'read', packages: 'write' } },
          oidc: { permissions: { 'id-token': 'write' } },
        },
      },
    };
    const violations = permissionViolations('starter.yml', (path) => files[path]);
    expect(violations).toEqual([
      'starter.yml job dev → .github/workflows/outer.yml job nested → .github/workflows/inner.yml job push: packages write > none granted by the caller',
      'starter.yml job dev → .github/workflows/outer.yml job nested → .github/workflows/inner.yml job oidc: id-token write > none granted by the caller',
    ]);
    // write-all grants everything; `{}` grants nothing, and a job that inherits it asks for nothing.
    files['starter.yml'] = {
      permissions: 'write-all',
      jobs: { dev: { uses: './.github/workflows/outer.yml' } },
    };
    expect(permissionViolations('starter.yml', (path) => files[path])).toEqual([]);
    files['starter.yml'] = { permissions: {}, jobs: { dev: { uses: './.github/workflows/outer.yml' } } };
    expect(permissionViolations('starter.yml', (path) => files[path])).toHaveLength(4);
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
