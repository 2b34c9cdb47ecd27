import { describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, readFileAt } from '../../../test/support/bareRepo.js';
import { environmentTarget, type PromoteRequest, promote, readStatus } from '../src/index.js';
import { devRepos, promoteRequest, refusal } from './support/promote-fixture.js';

const CART = 'ghcr.io/shop/cart';
const D1 = `sha256:${'1'.repeat(64)}`;

const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`;
const BASE = {
  'base/deployment.yaml': deployment(`${CART}:1.0.0`),
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
};
const overlay = (entry: string, bases = '../../base'): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${bases}\nimages:\n${entry}`;

const devRepo = devRepos();
const request = (repo: BareRepo, extra: Partial<PromoteRequest> = {}): PromoteRequest =>
  promoteRequest(repo, { repository: CART, digest: D1 }, extra);

const read = (repo: BareRepo, file: string): string | undefined =>
  readFileAt(repo.path, 'env/dev', file)?.toString('utf8');

describe('kustomization files by every name kustomize reads', () => {
  for (const name of ['Kustomization', 'kustomization.yml']) {
    it(`edits the overlay's images entry in a file named ${name}`, async () => {
      const entry = `  - name: ${CART}\n    newTag: 1.0.0\n`;
      const repo = devRepo({ ...BASE, [`overlays/dev/${name}`]: overlay(entry) });
      const [outcome] = await promote(request(repo));
      expect(outcome?.changes.map((c) => `${c.file}:${c.line}`)).toContain(`overlays/dev/${name}:7`);
      expect(read(repo, `overlays/dev/${name}`)).toBe(
        overlay(`  - name: ${CART}\n    newTag: 1.1.0\n    digest: ${D1}\n`),
      );
    });
  }

  it('status reads JSON manifests too', async () => {
    const json = JSON.stringify({
      kind: 'Pod',
      spec: { containers: [{ name: 'c', image: `${CART}:2.0.0` }] },
    });
    const repo = devRepo({ 'app/pod.json': json });
    const status = await readStatus({ configRepo: repo.url, targets: [environmentTarget('dev')] });
    expect(status.rows[0]?.cells.dev?.tag).toBe('2.0.0');
  });
});

describe('the edit that wins in the render', () => {
  const entry = `  - name: ${CART}\n    newTag: 1.0.0\n`;
  const promotedEntry = `  - name: ${CART}\n    newTag: 1.1.0\n    digest: ${D1}\n`;

  it("edits the overlay's entry and leaves the base container it overrides alone", async () => {
    const repo = devRepo({ ...BASE, 'overlays/dev/kustomization.yaml': overlay(entry) });
    const [outcome] = await promote(request(repo));
    expect(outcome?.changes.map((c) => `${c.file}:${c.line}`)).toEqual(['overlays/dev/kustomization.yaml:7']);
    expect(read(repo, 'base/deployment.yaml')).toBe(BASE['base/deployment.yaml']);
    expect(read(repo, 'overlays/dev/kustomization.yaml')).toBe(overlay(promotedEntry));
  });

  it("leaves a base kustomization's entry alone when the overlay's entry overrides it, through an intermediate kustomization", async () => {
    const baseEntry = `resources:\n  - deployment.yaml\nimages:\n  - name: ${CART}\n    newTag: 0.9.0\n`;
    const repo = devRepo({
      ...BASE,
      'base/kustomization.yaml': baseEntry,
      'mid/kustomization.yaml': 'resources:\n  - ../base\n',
      'overlays/dev/kustomization.yaml': overlay(entry, '../../mid'),
    });
    const [outcome] = await promote(request(repo));
    expect(outcome?.changes.map((c) => c.file)).toEqual(['overlays/dev/kustomization.yaml']);
    expect(read(repo, 'base/kustomization.yaml')).toBe(baseEntry);
    expect(read(repo, 'base/deployment.yaml')).toBe(BASE['base/deployment.yaml']);
  });

  it('still edits a base that another kustomization renders without overriding it', async () => {
    const repo = devRepo({
      ...BASE,
      'overlays/dev/kustomization.yaml': overlay(entry),
      'overlays/canary/kustomization.yaml': 'resources:\n  - ../../base\n',
    });
    const [outcome] = await promote(request(repo));
    expect(outcome?.changes.map((c) => c.file).sort()).toEqual([
      'base/deployment.yaml',
      'overlays/dev/kustomization.yaml',
    ]);
  });

  it('an entry in the kustomization that lists the manifest overrides its container', async () => {
    const repo = devRepo({
      'app/deployment.yaml': deployment(`${CART}:1.0.0`),
      'app/kustomization.yaml': `resources: [deployment.yaml]\nimages:\n${entry}`,
    });
    const [outcome] = await promote(request(repo));
    expect(outcome?.changes.map((c) => c.file)).toEqual(['app/kustomization.yaml']);
  });

  it('refuses, naming the entry, when every reference is renamed away to another image; nothing is pushed', async () => {
    const repo = devRepo({
      ...BASE,
      'overlays/dev/kustomization.yaml': overlay(
        `  - name: ${CART}\n    newName: ghcr.io/shop/cart-v2\n    newTag: 2.0.0\n`,
      ),
    });
    const tip = branchTip(repo.path, 'env/dev');
    const error = await refusal(promote(request(repo)));
    expect(error.message).toMatch(
      /every reference to ghcr\.io\/shop\/cart .* renames it to ghcr\.io\/shop\/cart-v2/,
    );
    expect(error.where).toBe('overlays/dev/kustomization.yaml:6');
    expect(error.fix).toMatch(/promote ghcr\.io\/shop\/cart-v2, or remove newName/);
    expect(branchTip(repo.path, 'env/dev')).toBe(tip);
  });

  it('status shows what the overlay renders, not the base container it overrides', async () => {
    const repo = devRepo({
      ...BASE,
      'overlays/dev/Kustomization': overlay(`  - name: ${CART}\n    newTag: 2.0.0\n`),
    });
    const status = await readStatus({ configRepo: repo.url, targets: [environmentTarget('dev')] });
    expect(status.rows[0]?.cells.dev).toMatchObject({
      tag: '2.0.0',
      conflict: false,
      places: ['overlays/dev/Kustomization:7'],
    });
  });
});
