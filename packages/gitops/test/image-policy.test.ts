// Flux markers name an ImagePolicy, not an image. After moving from Flux image automation, the ImagePolicy
// objects often stay in the Flux repo: the user ties each policy to the promoted image (`--image-policy`).
import { afterEach, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, createBareRepo, readFileAt } from '../../../test/support/bareRepo.js';
import { DEFAULT_RETRY, environmentTarget, type PromoteRequest, promote, readStatus } from '../src/index.js';

const CART = 'ghcr.io/acme/cart';
const OLD = `sha256:${'1'.repeat(64)}`;
const NEW = `sha256:${'2'.repeat(64)}`;
const values = [
  'cart:',
  '  image:',
  '    tag: 1.0.0 # {"$imagepolicy": "flux-system:cart:tag"}',
  `    digest: ${OLD} # {"$imagepolicy": "flux-system:cart:digest"}`,
  '  sidecar:',
  '    tag: 1.0.0 # {"$imagepolicy": "flux-system:proxy:tag"}',
  'worker:',
  '  version: "1.0.0" # {"$imagepolicy": "apps:cart-worker:tag"}',
  '',
].join('\n');

describe('promote with --image-policy, with real git', () => {
  let repos: BareRepo[] = [];
  afterEach(() => {
    for (const repo of repos) repo.cleanup();
    repos = [];
  });

  const repo = (): BareRepo => {
    const created = createBareRepo({
      branches: { main: { 'README.md': 'config\n' }, 'env/dev': { 'apps/values.yaml': values } },
      defaultBranch: 'main',
    });
    repos.push(created);
    return created;
  };
  const request = (bare: BareRepo, extra: Partial<PromoteRequest>): PromoteRequest => ({
    configRepo: bare.url,
    targets: [environmentTarget('dev')],
    images: [{ name: CART, repository: CART, tag: '1.2.0', digest: NEW }],
    pin: 'tag+digest',
    valuesPaths: [],
    createBranch: false,
    dryRun: false,
    author: { name: 'CI', email: 'ci@example.com' },
    committer: { name: 'CI', email: 'ci@example.com' },
    source: {},
    retry: { ...DEFAULT_RETRY, maxAttempts: 2 },
    ...extra,
  });

  it('without it, markers of a policy not on the branch tie to no image: the promotion is refused', async () => {
    const bare = repo();
    const tip = branchTip(bare.path, 'env/dev');
    await expect(promote(request(bare, {}))).rejects.toThrow(/referenced nowhere on branch env\/dev/);
    expect(branchTip(bare.path, 'env/dev')).toBe(tip);
  });

  it('edits every marker naming the policies given, and nothing else', async () => {
    const bare = repo();
    await promote(
      request(bare, {
        imagePolicies: [
          { policy: 'flux-system:cart', repository: CART },
          { policy: 'apps:cart-worker', repository: CART },
        ],
      }),
    );
    expect(readFileAt(bare.path, 'env/dev', 'apps/values.yaml')?.toString('utf8')).toBe(
      values.replace('tag: 1.0.0', 'tag: 1.2.0').replace(OLD, NEW).replace('"1.0.0"', '"1.2.0"'),
    );
  });

  it('status shows what the markers of a policy given with --image-policy pin', async () => {
    const bare = repo();
    const read = (imagePolicies: PromoteRequest['imagePolicies']) =>
      readStatus({
        configRepo: bare.url,
        targets: [environmentTarget('dev')],
        ...(imagePolicies === undefined ? {} : { imagePolicies }),
      });
    expect((await read(undefined)).rows.map((row) => row.repository)).not.toContain(CART);
    const row = (await read([{ policy: 'flux-system:cart', repository: CART }])).rows.find(
      (r) => r.repository === CART,
    );
    expect(row?.cells.dev).toMatchObject({ tag: '1.0.0', digest: OLD, places: ['apps/values.yaml:3'] });
  });
});
