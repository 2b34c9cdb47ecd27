// `readChangedImages` on real bare repos: for every layout the edit engine writes, the commit Slipway's own
// promote makes is listed site by site (file, line, before, after, the reference to verify), and hand edits
// (tags without a digest, removed sites, moved lines, placeholders) are told apart.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, commitFiles, createBareRepo } from '../../../test/support/bareRepo.js';
import { withCleanup } from '../../../test/support/cleanup.js';
import { startGitHttpServer } from '../../../test/support/gitHttpServer.js';
import { readChangedImages } from '../src/history/index.js';
import { environmentTarget, promote } from '../src/promotion/index.js';

const IMAGE = 'registry.example.com/shop/cart';
const OTHER = 'registry.example.com/shop/web';
const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'d'.repeat(64)}`;
const bot = { name: 'Slipway Bot', email: 'bot@slipway.test' };

function deployment(name: string, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;
}

/** Each layout promote edits: the files of env/dev, and where the promoted image's site is. */
const LAYOUTS: Record<string, { files: Record<string, string>; file: string; line: number }> = {
  'plain manifest': {
    files: { 'apps/cart/deployment.yaml': deployment('cart', `${IMAGE}:1.0.0@${OLD}`) },
    file: 'apps/cart/deployment.yaml',
    line: 10,
  },
  'multi-document manifest': {
    files: {
      'apps/all.yaml': `${deployment('web', `${OTHER}:2.0.0`)}---\n${deployment('cart', `${IMAGE}:1.0.0`)}`,
    },
    file: 'apps/all.yaml',
    line: 21,
  },
  'Kustomize images entry (newTag, digest)': {
    files: {
      'base/deployment.yaml': deployment('cart', IMAGE),
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'overlays/dev/kustomization.yaml': `resources:\n  - ../../base\nimages:\n  - name: ${IMAGE}\n    newTag: 1.0.0\n`,
    },
    file: 'overlays/dev/kustomization.yaml',
    line: 5,
  },
  'Helm values (repository, tag, digest)': {
    files: {
      'charts/cart/values.yaml': `replicaCount: 2\nimage:\n  repository: ${IMAGE}\n  tag: 1.0.0\n  digest: ""\n`,
    },
    file: 'charts/cart/values.yaml',
    line: 4,
  },
  'Flux setter markers': {
    files: {
      'clusters/dev/cart.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: cart
spec:
  values:
    app:
      name: ${IMAGE} # {"$imagepolicy": "flux-system:cart:name"}
      version: 1.0.0 # {"$imagepolicy": "flux-system:cart:tag"}
      digest: ${OLD} # {"$imagepolicy": "flux-system:cart:digest"}
`,
    },
    file: 'clusters/dev/cart.yaml',
    line: 9,
  },
};

function fixture(files: Record<string, string>): BareRepo {
  return createBareRepo({ branches: { 'env/dev': files } });
}

async function promoteCart(url: string): Promise<void> {
  const [outcome] = await promote({
    configRepo: url,
    targets: [environmentTarget('dev')],
    images: [{ name: IMAGE, repository: IMAGE, tag: '1.4.2', digest: NEW }],
    pin: 'tag+digest',
    valuesPaths: [],
    createBranch: false,
    dryRun: false,
    author: bot,
    committer: bot,
    source: {},
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  expect(outcome?.noop).toBe(false);
}

describe('changed images between two commits', () => {
  it.each(Object.entries(LAYOUTS))('lists what promote writes in a %s', async (_, layout) =>
    withCleanup(async (defer) => {
      const remote = fixture(layout.files);
      defer(remote.cleanup);
      const before = branchTip(remote.path, 'env/dev')!;
      await promoteCart(remote.url);

      const result = await readChangedImages({ configRepo: remote.url, from: before, to: 'env/dev' });
      expect(result.fromCommit).toBe(before);
      expect(result.toCommit).toBe(branchTip(remote.path, 'env/dev'));
      expect(result.changes).toEqual([
        expect.objectContaining({
          file: layout.file,
          repository: IMAGE,
          change: 'changed',
          after: expect.objectContaining({ line: layout.line, tag: '1.4.2', digest: NEW }),
          reference: `${IMAGE}:1.4.2@${NEW}`,
          placeholder: false,
        }),
      ]);
      expect(result.changes[0]?.before).toMatchObject({ tag: '1.0.0' });
    }),
  );

  it('tells a tag without a digest, a removed site, a moved line and a placeholder apart', () =>
    withCleanup(async (defer) => {
      const remote = fixture({
        'apps/web.yaml': deployment('web', `${OTHER}:2.0.0@${OLD}`),
        'apps/cart.yaml': deployment('cart', `${IMAGE}:1.0.0@${OLD}`),
        'apps/old.yaml': deployment('old', 'registry.example.com/shop/old:1.0'),
        'base/deployment.yaml': deployment('cart', `${IMAGE}:1.0.0`),
        'overlays/dev/kustomization.yaml': `images:\n  - name: ${IMAGE}\n    newTag: 1.0.0\n`,
      });
      defer(remote.cleanup);
      const before = branchTip(remote.path, 'env/dev')!;
      const after = commitFiles(remote.path, 'env/dev', {
        // A hand edit to a tag alone: nothing can be verified.
        'apps/web.yaml': deployment('web', `${OTHER}:2.1.0`),
        // Only moved two lines down: not a change.
        'apps/cart.yaml': `# moved\n\n${deployment('cart', `${IMAGE}:1.0.0@${OLD}`)}`,
        'apps/old.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n',
        // Untagged: Kustomize sets the version.
        'base/deployment.yaml': deployment('cart', IMAGE),
      });

      const { changes } = await readChangedImages({ configRepo: remote.path, from: before, to: after });
      expect(changes.map((c) => [c.file, c.change, c.reference ?? null, c.placeholder])).toEqual([
        ['apps/old.yaml', 'removed', null, false],
        ['apps/web.yaml', 'changed', null, false],
        ['base/deployment.yaml', 'changed', null, true],
      ]);
      expect(changes[1]).toMatchObject({
        repository: OTHER,
        before: { line: 10, tag: '2.0.0', digest: OLD },
        after: { line: 10, tag: '2.1.0', text: `${OTHER}:2.1.0` },
      });
      expect(changes[1]?.after?.digest).toBeUndefined();
      expect(changes[0]?.after).toBeUndefined();
    }));

  it('lists :tag markers whose ImagePolicy is elsewhere when --image-policy ties it to an image', () =>
    withCleanup(async (defer) => {
      const values = (tag: string) =>
        `app:\n  version: ${tag} # {"$imagepolicy": "flux-system:cart:tag"}\n  sum: ${OLD} # {"$imagepolicy": "flux-system:cart:digest"}\n`;
      const remote = fixture({ 'clusters/dev/values.yaml': values('1.0.0') });
      defer(remote.cleanup);
      const before = branchTip(remote.path, 'env/dev')!;
      const after = commitFiles(remote.path, 'env/dev', { 'clusters/dev/values.yaml': values('1.1.0') });

      const untied = await readChangedImages({ configRepo: remote.path, from: before, to: after });
      expect(untied.changes).toEqual([]);
      const tied = await readChangedImages({
        configRepo: remote.path,
        from: before,
        to: after,
        imagePolicies: [{ policy: 'flux-system:cart', repository: IMAGE }],
      });
      expect(tied.changes.map((c) => [c.file, c.change, c.reference])).toEqual([
        ['clusters/dev/values.yaml', 'changed', `${IMAGE}:1.1.0@${OLD}`],
      ]);
    }));

  it('compares one folder with --path, and names a revision the repo does not have', () =>
    withCleanup(async (defer) => {
      const remote = fixture({
        'apps/cart/deployment.yaml': deployment('cart', `${IMAGE}:1.0.0`),
        'apps/web/deployment.yaml': deployment('web', `${OTHER}:1.0.0`),
      });
      defer(remote.cleanup);
      const before = branchTip(remote.path, 'env/dev')!;
      commitFiles(remote.path, 'env/dev', {
        'apps/cart/deployment.yaml': deployment('cart', `${IMAGE}:1.1.0@${NEW}`),
        'apps/web/deployment.yaml': deployment('web', `${OTHER}:1.1.0`),
      });
      const scoped = await readChangedImages({
        configRepo: remote.url,
        from: before,
        to: 'env/dev',
        path: 'apps/cart',
      });
      expect(scoped.changes.map((c) => c.reference)).toEqual([`${IMAGE}:1.1.0@${NEW}`]);

      await expect(
        readChangedImages({ configRepo: remote.url, from: 'env/nope', to: 'env/dev' }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/has no branch, ref or commit "env\/nope"/),
        where: '--from env/nope',
        fix: expect.stringMatching(/fetch-depth: 0/),
      });
      // A commit the remote does not hold: the other revision still comes, and the error names this one.
      const absent = 'f'.repeat(40);
      await expect(
        readChangedImages({ configRepo: remote.url, from: before, to: absent }),
      ).rejects.toMatchObject({ where: `--to ${absent}` });
      await expect(
        readChangedImages({ configRepo: remote.url, from: '--upload-pack=x', to: 'env/dev' }),
      ).rejects.toThrow(/not a ref name or a full commit id/);
    }));

  it('reads a remote over HTTP with a token, by commit id and by branch', () =>
    withCleanup(async (defer) => {
      const remote = fixture(LAYOUTS['Helm values (repository, tag, digest)']!.files);
      defer(remote.cleanup);
      const before = branchTip(remote.path, 'env/dev')!;
      await promoteCart(remote.url);
      const server = await startGitHttpServer({
        root: path.dirname(remote.path),
        username: 'x-access-token',
        password: 's3cret-token',
      });
      defer(server.close);
      const { changes } = await readChangedImages({
        configRepo: `${server.url}/config.git`,
        auth: { token: 's3cret-token', username: 'x-access-token' },
        from: before,
        to: 'env/dev',
      });
      expect(changes.map((c) => [c.file, c.after?.line, c.reference])).toEqual([
        ['charts/cart/values.yaml', 4, `${IMAGE}:1.4.2@${NEW}`],
      ]);
    }));
});
