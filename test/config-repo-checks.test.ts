import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareRepo, commitFiles, createBareRepo } from './support/bareRepo.js';
import { gitSync, gitText } from './support/git.js';
import { pushImage, registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { ROOT, runSlipway } from './support/slipway.js';
import { loadWorkflowStep, runWorkflowStep } from './support/workflowStep.js';

// The config repo's checks (workflows/github/config-repo-checks.yml) run for real: the step that verifies
// signatures, extracted from the workflow and run in a clone of a config repo whose pull-request branch
// Slipway's own promote wrote, in every layout promote edits, against a real registry holding a signed and
// an unsigned image. It must fail on the unsigned one naming the file and line, and pass on the signed one.

const WORKFLOW = join(ROOT, 'workflows', 'github', 'config-repo-checks.yml');
const env = { SLIPWAY_KEY_PASSWORD: 'config-repo-checks-test' };
const skip = !registryBinaries().registry && process.env.CI !== 'true';

let registry: TestRegistry;
let dir: string;
let cart: string;
let publicKey: string;
const images: Record<'signed' | 'unsigned', { tag: string; digest: string }> = {
  signed: { tag: '1.1.0', digest: '' },
  unsigned: { tag: '1.2.0', digest: '' },
};
const cleanups: (() => void)[] = [];

const deployment = (name: string, image: string): string => `apiVersion: apps/v1
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

/** Each layout promote edits: env/dev's files, and the file and line of the site promote changes. */
function layouts(): Record<string, { files: Record<string, string>; file: string; line: number }> {
  return {
    'plain manifest': {
      files: { 'apps/cart/deployment.yaml': deployment('cart', `${cart}:1.0.0`) },
      file: 'apps/cart/deployment.yaml',
      line: 10,
    },
    'multi-document manifest': {
      files: {
        'apps/all.yaml': `${deployment('web', 'ghcr.io/shop/web:2.0.0')}---\n${deployment('cart', `${cart}:1.0.0`)}`,
      },
      file: 'apps/all.yaml',
      line: 21,
    },
    'Kustomize overlay': {
      files: {
        'base/deployment.yaml': deployment('cart', cart),
        'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
        'overlays/dev/kustomization.yaml': `resources:\n  - ../../base\nimages:\n  - name: ${cart}\n    newTag: 1.0.0\n`,
      },
      file: 'overlays/dev/kustomization.yaml',
      line: 5,
    },
    'Helm values': {
      files: {
        'charts/cart/values.yaml': `image:\n  repository: ${cart}\n  tag: 1.0.0\n  digest: ""\n`,
      },
      file: 'charts/cart/values.yaml',
      line: 3,
    },
    'Flux markers': {
      files: {
        'clusters/dev/cart.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: cart
spec:
  values:
    image:
      repository: ${cart} # {"$imagepolicy": "flux-system:cart:name"}
      tag: 1.0.0 # {"$imagepolicy": "flux-system:cart:tag"}
`,
      },
      file: 'clusters/dev/cart.yaml',
      line: 9,
    },
  };
}

beforeAll(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'slipway-config-repo-checks-'));
  registry = await startRegistry();
  cart = `${registry.host}/shop/cart`;
  for (const image of Object.values(images)) {
    image.digest = (
      await pushImage({ url: registry.url, repository: 'shop/cart', tag: image.tag, seed: image.tag })
    ).digest;
  }
  const keygen = await runSlipway(['keygen', '--output-prefix', join(dir, 'release'), '--json'], { env });
  expect(keygen.code, keygen.stderr).toBe(0);
  publicKey = readFileSync(join(dir, 'release.pub'), 'utf8');
  const signed = await runSlipway(
    ['sign', `${cart}@${images.signed.digest}`, '--key', join(dir, 'release.key')],
    { env },
  );
  expect(signed.code, signed.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await registry?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/**
 * A config repo with the trusted key on main and `files` on env/dev, and a pull-request branch pr/dev made
 * from it by `change`; returns a clone checked out at pr/dev, as actions/checkout (fetch-depth: 0) leaves it.
 */
async function pullRequest(
  files: Record<string, string>,
  change: (repo: BareRepo) => Promise<void> | void,
): Promise<string> {
  const repo = createBareRepo({
    branches: { main: { 'keys/release.pub': publicKey }, 'env/dev': files },
    defaultBranch: 'main',
  });
  gitSync(['--git-dir', repo.path, 'branch', 'pr/dev', 'env/dev']);
  cleanups.push(repo.cleanup);
  await change(repo);
  const checkout = join(mkdtempSync(join(dir, 'checkout-')), 'config');
  gitSync(['clone', '--quiet', '--branch', 'pr/dev', repo.path, checkout]);
  return checkout;
}

async function promoteTo(repo: BareRepo, image: { tag: string; digest: string }): Promise<void> {
  const result = await runSlipway([
    'promote',
    '--config-repo',
    repo.url,
    '--env',
    'dev',
    '--branch-template',
    'pr/{env}',
    '--image',
    `${cart}:${image.tag}@${image.digest}`,
  ]);
  expect(result.code, result.stderr).toBe(0);
}

function runChecks(checkout: string) {
  return runWorkflowStep(loadWorkflowStep(WORKFLOW, 'checks', /signed/), {
    cwd: checkout,
    expressions: {
      'github.base_ref': 'env/dev',
      'github.event.repository.default_branch': 'main',
      'vars.TRUSTED_KEYS': '',
    },
  });
}

describe.skipIf(skip)('config-repo-checks.yml: changed images are signed', () => {
  it('runs on pull requests into env/* only', () => {
    expect(loadWorkflowStep(WORKFLOW, 'checks', /signed/).if).toBe("startsWith(github.base_ref, 'env/')");
  });

  // Names only here: the layouts name the registry, which starts in beforeAll.
  for (const name of Object.keys(layouts())) {
    it(`fails on an unsigned image in a ${name}, naming the file and line`, async () => {
      const { files, file, line } = layouts()[name]!;
      const checkout = await pullRequest(files, (repo) => promoteTo(repo, images.unsigned));
      const run = await runChecks(checkout);
      expect(run.code, run.output).toBe(1);
      expect(run.errors).toEqual([
        {
          file,
          line: String(line),
          message: `${cart}:${images.unsigned.tag}@${images.unsigned.digest} is not signed by a trusted key`,
        },
      ]);
    });

    it(`passes on a signed image in a ${name}`, async () => {
      const { files, file, line } = layouts()[name]!;
      const checkout = await pullRequest(files, (repo) => promoteTo(repo, images.signed));
      const run = await runChecks(checkout);
      expect(run.code, run.output).toBe(0);
      expect(run.errors).toEqual([]);
      expect(run.output).toContain(
        `signed: ${cart}:${images.signed.tag}@${images.signed.digest} (${file}:${line})`,
      );
    });
  }

  it("fails on an unsigned image promoted in the demo's config repo (examples/config-repo)", async () => {
    // The demo's own layout: a Kustomize entry over an untagged placeholder, Helm values, a Flux marker.
    const example = join(ROOT, 'examples', 'config-repo');
    const files = Object.fromEntries(
      gitText(['ls-files', '--', '.'], { cwd: example })
        .split('\n')
        .filter((file) => file !== '' && file !== '.slipway.yaml')
        .map((file) => [
          file,
          readFileSync(join(example, file), 'utf8').replaceAll('registry.example.com', registry.host),
        ]),
    );
    expect(files['apps/cart/kustomization.yaml']).toBeDefined();
    const checkout = await pullRequest(files, (repo) => promoteTo(repo, images.unsigned));
    const run = await runChecks(checkout);
    expect(run.code, run.output).toBe(1);
    expect(run.errors).toEqual([
      {
        file: 'apps/cart/kustomization.yaml',
        line: '8',
        message: `${cart}:${images.unsigned.tag}@${images.unsigned.digest} is not signed by a trusted key`,
      },
    ]);
  });

  it('fails on a hand edit that pins a tag without a digest', async () => {
    const { files, file, line } = layouts()['Helm values']!;
    const checkout = await pullRequest(files, (repo) => {
      commitFiles(repo.path, 'pr/dev', {
        [file]: `image:\n  repository: ${cart}\n  tag: ${images.unsigned.tag}\n  digest: ""\n`,
      });
    });
    const run = await runChecks(checkout);
    expect(run.code, run.output).toBe(1);
    expect(run.errors).toEqual([
      expect.objectContaining({
        file,
        line: String(line),
        message: expect.stringMatching(/^tag: 1\.2\.0, digest: {2}pins no digest/),
      }),
    ]);
  });

  it('passes when no image changed', async () => {
    const { files } = layouts()['plain manifest']!;
    const checkout = await pullRequest(files, (repo) => {
      commitFiles(repo.path, 'pr/dev', { 'README.md': 'docs only\n' });
    });
    const run = await runChecks(checkout);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('no image changed');
  });
});

describe.skipIf(skip)('slipway changed-images (CLI)', () => {
  it('compares a remote-tracking ref with HEAD in a clone, in text and JSON', async () => {
    const { files } = layouts()['Kustomize overlay']!;
    const checkout = await pullRequest(files, (repo) => promoteTo(repo, images.signed));
    const reference = `${cart}:${images.signed.tag}@${images.signed.digest}`;
    const json = await runSlipway(
      ['changed-images', '--config-repo', checkout, '--from', 'origin/env/dev', '--json'],
      { cwd: checkout },
    );
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { toCommit: string; images: unknown[] };
    expect(parsed.toCommit).toBe(gitText(['rev-parse', 'HEAD'], { cwd: checkout }));
    expect(parsed.images).toEqual([
      {
        file: 'overlays/dev/kustomization.yaml',
        line: 5,
        repository: cart,
        kind: 'kustomize',
        change: 'changed',
        tag: images.signed.tag,
        digest: images.signed.digest,
        reference,
        placeholder: false,
        before: { line: 5, tag: '1.0.0', digest: null, text: 'newTag: 1.0.0' },
        after: {
          line: 5,
          tag: images.signed.tag,
          digest: images.signed.digest,
          text: `newTag: ${images.signed.tag}, digest: ${images.signed.digest}`,
        },
      },
    ]);

    const text = await runSlipway(['changed-images', '--config-repo', '.', '--from', 'origin/env/dev'], {
      cwd: checkout,
    });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^FILE:LINE\s+IMAGE\s+BEFORE\s+AFTER/);
    expect(text.stdout).toContain(`overlays/dev/kustomization.yaml:5  ${cart}  newTag: 1.0.0`);

    const missing = await runSlipway(['changed-images', '--config-repo', '.', '--from', 'env/gone'], {
      cwd: checkout,
    });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n').at(-1)).toMatch(
      /--from env\/gone: .*no branch, ref or commit "env\/gone".*fetch-depth: 0/,
    );
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
