// A promotion whose push went stale retries on the new tip, reading again only what that tip changed: the
// intent ("set image X to D") keeps its reads of every file nobody else touched.
import { afterEach, describe, expect, it } from 'vitest';
import { branchTip, commitFiles, createBareRepo, readFileAt } from '../../../test/support/bareRepo.js';
import { backoffDelay, DEFAULT_RETRY, promote } from '../src/index.js';
import { devRepos, promoteRequest } from './support/promote-fixture.js';

const makeRepo = devRepos();
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});
const CART = 'registry.example.com/shop/cart';
const NEW = `sha256:${'c'.repeat(64)}`;

const deployment = (name: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: app
          image: ${image}
`;
const kustomization = (name: string, tag: string) => `resources:
  - deployment.yaml
images:
  - name: registry.example.com/shop/${name}
    newTag: ${tag}
`;

/** The commands of each attempt: a new attempt starts with the fetch that follows a push. */
function byAttempt(commands: readonly string[][]): string[][][] {
  const attempts: string[][][] = [[]];
  let pushed = false;
  for (const argv of commands) {
    const verb = argv.find((arg, i) => i > 0 && !arg.startsWith('-') && argv[i - 1] !== '-c') ?? '';
    if (pushed && verb === 'fetch') {
      attempts.push([]);
      pushed = false;
    }
    if (verb === 'push') pushed = true;
    attempts.at(-1)?.push(argv);
  }
  return attempts;
}

const runs = (commands: readonly string[][], verb: string) => commands.filter((argv) => argv.includes(verb));

/** The git commands of an attempt that write its commit. */
const COMMIT_VERBS = [
  'hash-object',
  'read-tree',
  'update-index',
  'write-tree',
  'commit-tree',
  'mktree',
  'fast-import',
];
const commitProcesses = (commands: readonly string[][]) =>
  commands.flatMap((argv) => COMMIT_VERBS.filter((verb) => argv.includes(verb)));

describe('a retry after a stale push', () => {
  for (const scoped of [false, true]) {
    it(`reads again only the files the new tip changed (${scoped ? '--path apps' : 'whole branch'})`, async () => {
      const repo = makeRepo({
        'apps/cart/deployment.yaml': deployment('cart', `${CART}:1.0.0`),
        'apps/cart/kustomization.yaml': kustomization('cart', '1.0.0'),
        'apps/shop/deployment.yaml': deployment('shop', 'registry.example.com/shop/shop:1.0.0'),
        'apps/shop/kustomization.yaml': kustomization('shop', '1.0.0'),
      });
      const commands: string[][] = [];
      let raced = false;
      const [outcome] = await promote(
        promoteRequest(
          repo,
          { repository: CART, digest: NEW },
          {
            ...(scoped ? { targets: [{ env: 'dev', branch: 'env/dev', path: 'apps' }] } : {}),
            retry: { ...DEFAULT_RETRY, maxAttempts: 3 },
            sleep: async () => {},
            onCommand: (argv) => {
              commands.push(argv);
              // Another pipeline promotes shop just before our first push: that push goes stale.
              if (!raced && argv.includes('push')) {
                raced = true;
                commitFiles(repo.path, 'env/dev', {
                  'apps/shop/deployment.yaml': deployment('shop', 'registry.example.com/shop/shop:2.0.0'),
                });
              }
            },
          },
        ),
      );
      expect(outcome).toMatchObject({ noop: false, attempts: 2 });
      // The kustomization's images entry decides what runs: it is the one edited.
      expect(readFileAt(repo.path, 'env/dev', 'apps/cart/kustomization.yaml')?.toString()).toContain(
        `newTag: 1.1.0\n    digest: ${NEW}`,
      );
      // Both edits are on the branch: ours on top of the other pipeline's.
      expect(readFileAt(repo.path, 'env/dev', 'apps/shop/deployment.yaml')?.toString()).toContain(
        'shop:2.0.0',
      );

      const [first = [], second = []] = byAttempt(commands);
      // The first attempt searched and read the files; the retry compared the tips instead.
      expect(runs(first, 'cat-file').length).toBeGreaterThan(0);
      expect(runs(second, 'diff-tree')).toHaveLength(1);
      // Not one file read again: the only changed file (shop's deployment) is no candidate for cart, and
      // every file read before (cart's files, the kustomizations, the absent pins file) kept its blob.
      expect(runs(second, 'cat-file')).toEqual([]);
      // The retry's commit is one git process (fast-import), and the fetched tip is read without asking git.
      expect(commitProcesses(second)).toEqual(['fast-import']);
      expect(runs(second, 'for-each-ref')).toEqual([]);
      // The search looks at the changed file alone.
      const greps = runs(second, 'grep');
      expect(greps).toHaveLength(1);
      expect(greps[0]?.slice(greps[0].indexOf('--') + 1)).toEqual([':(literal)apps/shop/deployment.yaml']);
      expect(branchTip(repo.path, 'env/dev')).toBe(outcome?.commit);
    });
  }

  it('re-reads a file the new tip changed, and applies the intent to its new content', async () => {
    const repo = makeRepo({
      'apps/cart/deployment.yaml': deployment('cart', `${CART}:1.0.0`),
      'apps/cart/kustomization.yaml': kustomization('cart', '1.0.0'),
    });
    const commands: string[][] = [];
    let raced = false;
    const [outcome] = await promote(
      promoteRequest(
        repo,
        { repository: CART, digest: NEW },
        {
          retry: { ...DEFAULT_RETRY, maxAttempts: 3 },
          sleep: async () => {},
          onCommand: (argv) => {
            commands.push(argv);
            if (!raced && argv.includes('push')) {
              raced = true;
              // Someone edits the very file we edit (a namespace), without touching the image.
              commitFiles(repo.path, 'env/dev', {
                'apps/cart/kustomization.yaml': `namespace: shop\n${kustomization('cart', '1.0.0')}`,
              });
            }
          },
        },
      ),
    );
    expect(outcome).toMatchObject({ noop: false, attempts: 2 });
    const text = readFileAt(repo.path, 'env/dev', 'apps/cart/kustomization.yaml')?.toString();
    expect(text).toContain(`newTag: 1.1.0\n    digest: ${NEW}`);
    expect(text).toContain('namespace: shop');
    const [, second = []] = byAttempt(commands);
    expect(runs(second, 'cat-file')).toHaveLength(1);
    expect(commitProcesses(second)).toEqual(['fast-import']);
  });
});

describe('a scoped retry on a file another pipeline changed', () => {
  it("gets the changed file in the retry's one fetch, with no second fetch of blobs", async () => {
    const repo = createBareRepo({
      branches: {
        main: { 'README.md': 'config\n' },
        'env/dev': {
          'apps/cart/deployment.yaml': deployment('cart', `${CART}:1.0.0`),
          'apps/cart/kustomization.yaml': kustomization('cart', '1.0.0'),
          'apps/shop/deployment.yaml': deployment('shop', 'registry.example.com/shop/shop:1.0.0'),
        },
      },
      defaultBranch: 'main',
      // A server that honours filters: the first fetch brings commits and trees only.
      config: { 'uploadpack.allowFilter': 'true', 'uploadpack.allowAnySHA1InWant': 'true' },
    });
    cleanups.push(repo.cleanup);
    const commands: string[][] = [];
    let raced = false;
    const [outcome] = await promote(
      promoteRequest(
        repo,
        { repository: CART, digest: NEW },
        {
          targets: [{ env: 'dev', branch: 'env/dev', path: 'apps/cart' }],
          retry: { ...DEFAULT_RETRY, maxAttempts: 3 },
          sleep: async () => {},
          onCommand: (argv) => {
            commands.push(argv);
            if (!raced && argv.includes('push')) {
              raced = true;
              commitFiles(repo.path, 'env/dev', {
                'apps/cart/kustomization.yaml': `namespace: shop\n${kustomization('cart', '1.0.0')}`,
              });
            }
          },
        },
      ),
    );
    expect(outcome).toMatchObject({ noop: false, attempts: 2 });
    const text = readFileAt(repo.path, 'env/dev', 'apps/cart/kustomization.yaml')?.toString();
    expect(text).toContain(`newTag: 1.1.0\n    digest: ${NEW}`);
    expect(text).toContain('namespace: shop');
    const [first = [], second = []] = byAttempt(commands);
    // The first attempt fetched the folder's blobs after the trees; the retry needs no such second fetch.
    expect(runs(first, 'fetch')).toHaveLength(2);
    expect(runs(second, 'fetch')).toHaveLength(1);
    expect(runs(second, 'rev-list')).toEqual([]);
    expect(runs(second, 'cat-file')).toHaveLength(1);
  });
});

describe('backoffDelay', () => {
  const policy = { maxAttempts: 30, baseDelayMs: 50, maxDelayMs: 30_000 };

  it('retries within one slot after the first rejection, and doubles the window with each one after', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(0);
    expect(backoffDelay(policy, 1, () => 0.999, 400)).toBe(400);
    expect(backoffDelay(policy, 2, () => 0.999, 400)).toBe(799);
    expect(backoffDelay(policy, 5, () => 0.5, 400)).toBe(3_200);
  });

  it('takes the measured slot, never one shorter than the base, and caps the wait', () => {
    expect(backoffDelay(policy, 3, () => 0.5, 10)).toBe(100);
    expect(backoffDelay(policy, 30, () => 0.999, 2_000)).toBe(30_000);
  });
});
