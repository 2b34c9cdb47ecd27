// Replays every case of test/corpus/cases (real public config trees and peers' fixtures, see
// test/corpus/README.md) through the real CLI bundle: the promoted branch must equal after/ byte for byte,
// a refusal must leave the branch as it was, no output may carry an internal `bug:` error, and where the case
// asks, kustomize (and helm) must render the new image after the promotion and not before.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { branchTip, createBareRepo } from './support/bareRepo.js';
import { withCleanup } from './support/cleanup.js';
import {
  branchTree,
  CORPUS_DIR,
  type CorpusCase,
  caseDirs,
  containerImages,
  readCase,
  readTree,
  treeBytes,
  treeDifferences,
} from './support/corpus.js';
import { testGitEnv } from './support/git.js';
import { ROOT, runSlipway } from './support/slipway.js';

/** Where scripts/setup puts kubectl (kustomize v5) and helm, from the npm package it names; never PATH's. */
const KUBECTL = path.join(ROOT, '.tools/kubectl');
const HELM = path.join(ROOT, '.tools/helm');

const cases = caseDirs('cases').map(readCase);

/** A case runs a CLI and up to four renders, several at once on a shared 2-core machine. */
const CASE_TIMEOUT_MS = 180_000;

describe('the corpus of real config repos', () => {
  it('has cases, each with a known source', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it('has well-formed pending cases (the styles not supported yet), ready to move to cases/', () => {
    for (const dir of caseDirs('pending')) expect(readCase(dir).name).toBe(path.basename(dir));
  });

  describe.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', (_name, corpusCase) => {
    it(
      `promotes as expected: ${corpusCase.description}`,
      async () => {
        await withCleanup(async (defer) => {
          const before = readTree(path.join(corpusCase.dir, 'before'));
          const branch = `env/${corpusCase.env}`;
          const branches =
            corpusCase.head === 'main' ? { main: before, [branch]: before } : { [branch]: before };
          const repo = createBareRepo({ branches, defaultBranch: corpusCase.head });
          defer(repo.cleanup);
          const tipBefore = branchTip(repo.path, branch);

          const result = await runSlipway([
            'promote',
            '--config-repo',
            repo.path,
            '--env',
            corpusCase.env,
            ...corpusCase.args,
          ]);
          const output = `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
          expect(
            `${result.stdout}\n${result.stderr}`,
            `${corpusCase.name}: internal error\n${output}`,
          ).not.toMatch(/\bbug:/);
          expect(result.code, `${corpusCase.name}: exit code\n${output}`).toBe(corpusCase.expect.exit);
          for (const text of corpusCase.expect.stderr) expect(result.stderr, corpusCase.name).toContain(text);
          for (const text of corpusCase.expect.stdout) expect(result.stdout, corpusCase.name).toContain(text);

          const expected = treeBytes(readTree(path.join(corpusCase.dir, 'after')));
          const actual = branchTree(repo.path, branch);
          const differences = treeDifferences(expected, actual);
          expect(
            differences,
            `${corpusCase.name}: env/${corpusCase.env} after the promotion vs after/`,
          ).toEqual([]);
          if (corpusCase.expect.exit !== 0) {
            expect(branchTip(repo.path, branch), `${corpusCase.name}: a refusal writes nothing`).toBe(
              tipBefore,
            );
            expect(
              treeDifferences(treeBytes(before), expected),
              `${corpusCase.name}: after/ of a refusal`,
            ).toEqual([]);
          }
          if (corpusCase.peer !== undefined) checkPeer(corpusCase, treeBytes(before), actual);
        });
      },
      CASE_TIMEOUT_MS,
    );

    // Only cases that name something to render get this test. kubectl and helm are installed by scripts/setup
    // (test/setup-programs.test.ts holds it to that): missing, the test fails rather than skips.
    if (corpusCase.render.length === 0 && corpusCase.helm.length === 0) return;
    it(
      'renders the new image after the promotion and not before',
      async () => {
        if (!existsSync(KUBECTL) || !existsSync(HELM)) {
          throw new Error(`kubectl/helm are not in .tools/ (${KUBECTL}): run scripts/setup`);
        }
        await withCleanup(async (defer) => {
          const work = mkdtempSync(path.join(os.tmpdir(), 'slipway-corpus-render-'));
          defer(() => rmSync(work, { recursive: true, force: true }));
          const image = corpusCase.image ?? '';
          for (const [tree, shows] of [
            ['before', false],
            ['after', true],
          ] as const) {
            const dir = path.join(work, tree);
            writeTree(dir, treeBytes(readTree(path.join(corpusCase.dir, tree))));
            for (const target of corpusCase.render) {
              const images = containerImages(await renderKustomize(path.join(dir, target)));
              expect(
                images.has(image),
                `${corpusCase.name}: kustomize ${tree}/${target} shows ${image}? images: ${[...images].join(', ')}`,
              ).toBe(shows);
            }
            for (const chart of corpusCase.helm) {
              const images = containerImages(await renderHelm(dir, chart.chart, chart.values));
              expect(
                images.has(image),
                `${corpusCase.name}: helm ${tree}/${chart.chart} shows ${image}? images: ${[...images].join(', ')}`,
              ).toBe(shows);
            }
          }
        });
      },
      CASE_TIMEOUT_MS,
    );
  });
});

/**
 * The peer's expected file equals Slipway's output byte for byte, or the case says how and why it differs
 * (and then it must really differ: a stale note is an error too).
 */
function checkPeer(corpusCase: CorpusCase, before: Map<string, Buffer>, actual: Map<string, Buffer>): void {
  const peer = corpusCase.peer;
  if (peer === undefined) return;
  const changed = [...actual.keys()].filter(
    (file) => !before.get(file)?.equals(actual.get(file) ?? Buffer.alloc(0)),
  );
  const file = peer.file ?? (changed.length === 1 ? changed[0] : undefined);
  if (file === undefined) {
    throw new Error(
      `${corpusCase.name}: peer.file is needed (the promotion changed ${changed.length} files)`,
    );
  }
  const peerBytes = readFileSync(path.join(CORPUS_DIR, peer.expected));
  const ours = actual.get(file) ?? Buffer.alloc(0);
  const equal = treeDifferences(new Map([[file, peerBytes]]), new Map([[file, ours]]));
  if (peer.differs === undefined) {
    expect(equal, `${corpusCase.name}: ${file} vs the peer's ${peer.expected}`).toEqual([]);
  } else {
    expect(equal.length, `${corpusCase.name}: peer.differs is set but ${file} equals ${peer.expected}`).toBe(
      1,
    );
  }
}

function writeTree(dir: string, files: Map<string, Buffer>): void {
  for (const [file, bytes] of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), bytes);
  }
}

function renderKustomize(dir: string): Promise<string> {
  return runTool(KUBECTL, ['kustomize', dir]);
}

function renderHelm(tree: string, chart: string, values: readonly string[]): Promise<string> {
  return runTool(HELM, [
    'template',
    'corpus',
    path.join(tree, chart),
    ...values.flatMap((file) => ['-f', path.join(tree, file)]),
  ]);
}

/**
 * Runs a render tool with no kubeconfig or helm state from the host, resolving to stdout; fails with stderr.
 * Asynchronous, so the concurrent cases' renders and promotions overlap.
 */
async function runTool(program: string, args: string[]): Promise<string> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'slipway-corpus-home-'));
  const env = {
    ...testGitEnv(),
    HOME: home,
    KUBECONFIG: path.join(home, 'none'),
    HELM_CACHE_HOME: home,
    HELM_CONFIG_HOME: home,
    HELM_DATA_HOME: home,
  };
  try {
    return await new Promise<string>((resolve, reject) => {
      execFile(program, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else
          reject(new Error(`${path.basename(program)} ${args.join(' ')} failed: ${stderr || error.message}`));
      });
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

describe('the corpus helpers', () => {
  it('name the file and the first differing line, and missing and extra files', () => {
    const expected = new Map([
      ['a.yaml', Buffer.from('x: 1\ny: 2\n')],
      ['gone.yaml', Buffer.from('z\n')],
    ]);
    const actual = new Map([
      ['a.yaml', Buffer.from('x: 1\ny: 3\n')],
      ['new.yaml', Buffer.from('n\n')],
    ]);
    expect(treeDifferences(expected, actual)).toEqual([
      'a.yaml: line 2: expected "y: 2", got "y: 3"',
      'gone.yaml: missing from the branch',
      'new.yaml: on the branch but not expected',
    ]);
    expect(treeDifferences(expected, new Map(expected))).toEqual([]);
  });

  it('find container images wherever a workload nests them, and nothing else named image', () => {
    const rendered = `apiVersion: batch/v1
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: i, image: "reg/init:1"}]
          containers: [{name: c, image: reg/app:2}]
---
apiVersion: v1
kind: ConfigMap
data: {image: reg/not-a-container:3}
`;
    expect([...containerImages(rendered)].sort()).toEqual(['reg/app:2', 'reg/init:1']);
  });
});
