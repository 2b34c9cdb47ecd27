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

/**
 * The major release each third-party action is pinned at, kept here once: a pin's `# vX.Y.Z` comment must
 * name this major, so an old major (and the Node runtime it brings) cannot come back unnoticed. To move one:
 * read the action's release tags and the commit each points to (`git ls-remote --tags <repo>`), pin the
 * newest tag of the new major by its commit SHA everywhere, and change its major here.
 */
const CURRENT_MAJORS: Readonly<Record<string, number>> = {
  'actions/checkout': 7,
  'actions/setup-node': 7,
  'aws-actions/configure-aws-credentials': 6,
  'docker/login-action': 4,
};

/** A `uses:` line: the action, and the comment after it. */
const USES_LINE = /^[ \t]*(?:-[ \t]*)?uses:[ \t]*['"]?([^\s'"#]+)['"]?[ \t]*(?:#[ \t]*(.*))?$/gm;

/** Why a third-party `uses:` is not pinned as it should be (by commit SHA, commented with a current version), or undefined. */
function pinProblem(use: string, comment: string): string | undefined {
  const at = use.lastIndexOf('@');
  const action = use.slice(0, at).split('/').slice(0, 2).join('/');
  if (at < 0 || !/^[0-9a-f]{40}$/.test(use.slice(at + 1))) return 'must be pinned to a 40-hex commit';
  const major = CURRENT_MAJORS[action];
  if (major === undefined)
    return `${action} is not in CURRENT_MAJORS (test/workflows.test.ts): add its current major`;
  const pinned = /^v(\d+)(?:\.\d+){0,2}$/.exec(comment.trim())?.[1];
  if (pinned === undefined) return 'needs the version the SHA is, as a comment: # vX.Y.Z';
  return Number(pinned) === major ? undefined : `is pinned at v${pinned}, not the current major v${major}`;
}

/** The Node versions templates may name: 22 and 24 (20 reached end of life in April 2026). */
const TARGET_NODE = ['22', '24'];

function errorsOf(result: { context: { errors: { getErrors(): Array<{ message: string }> } } }): string[] {
  return result.context.errors.getErrors().map((e) => e.message);
}

describe.each(workflows)('%s', (file) => {
  const content = readFileSync(join(ROOT, file), 'utf8');

  it("passes GitHub's workflow schema", () => {
    const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    expect(errorsOf(result)).toEqual([]);
  });

  it('uses Slipway actions that exist and third-party actions pinned by commit SHA at their current major', () => {
    const lines = [...content.matchAll(USES_LINE)];
    expect(lines.length).toBeGreaterThan(0);
    for (const [, use = '', comment = ''] of lines) {
      const local = /^(?:\.\/|[\w.-]+\/[\w.-]+\/)(actions\/[\w-]+)(?:@|$)/.exec(use);
      const reusable = /^(?:\.\/|[\w.-]+\/[\w.-]+\/)(\.github\/workflows\/[\w.-]+\.ya?ml)(?:@|$)/.exec(use);
      if (local?.[1] !== undefined && (use.startsWith('./') || use.includes('/slipway/'))) {
        expect(existsSync(join(ROOT, local[1], 'action.yml')), `${use} in ${file}`).toBe(true);
      } else if (reusable?.[1] !== undefined) {
        expect(existsSync(join(ROOT, reusable[1])), `${use} in ${file}`).toBe(true);
      } else {
        expect(pinProblem(use, comment), `${use} in ${file}`).toBeUndefined();
      }
    }
  });

  it('sets up Node 22 or 24 (a matrix may keep 20 beside them)', () => {
    const doc = parse(content) as {
      jobs: Record<
        string,
        { strategy?: { matrix?: Record<string, unknown> }; steps?: { with?: Record<string, unknown> }[] }
      >;
    };
    for (const [name, job] of Object.entries(doc.jobs)) {
      for (const step of job.steps ?? []) {
        const version = step.with?.['node-version'];
        if (version === undefined) continue;
        const matrixKey = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(String(version))?.[1];
        if (matrixKey === undefined) {
          expect(TARGET_NODE, `node-version in job ${name} of ${file}`).toContain(String(version));
          continue;
        }
        const legs = (job.strategy?.matrix?.[matrixKey] ?? []) as unknown[];
        expect(legs.map(String), `matrix.${matrixKey} of job ${name} in ${file}`).toEqual(
          expect.arrayContaining(TARGET_NODE),
        );
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
          dev: {
            uses: 'slipway-dev/slipway/.github/workflows/outer.yml@v1',
            permissions: { contents: 'read' },
          },
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

describe('third-party actions in the docs', () => {
  const documents = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`)].filter(
    (path) => path.endsWith('.md'),
  );
  it.each(documents)('%s pins them as the workflows do', (file) => {
    const content = readFileSync(join(ROOT, file), 'utf8');
    for (const [, use = '', comment = ''] of content.matchAll(USES_LINE)) {
      if (use.startsWith('./') || use.includes('/slipway/')) continue;
      expect(pinProblem(use, comment), `${use} in ${file}`).toBeUndefined();
    }
  });

  it('the pin check reports an old major, a tag and a missing comment', () => {
    const sha = 'a'.repeat(40);
    expect(pinProblem(`actions/checkout@${sha}`, 'v4.2.2')).toMatch(/v4, not the current major v7/);
    expect(pinProblem('actions/checkout@v7', '')).toMatch(/40-hex/);
    expect(pinProblem(`actions/checkout@${sha}`, '')).toMatch(/as a comment/);
    expect(pinProblem(`octo/unknown@${sha}`, 'v1.0.0')).toMatch(/not in CURRENT_MAJORS/);
    expect(pinProblem(`actions/checkout@${sha}`, 'v7.0.1')).toBeUndefined();
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
