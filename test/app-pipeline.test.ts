import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareRepo, createBareRepo, readFileAt } from './support/bareRepo.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { runSlipway } from './support/slipway.js';
import { runCalledWorkflow } from './support/workflowRunner.js';

// CI installs the registry (scripts/setup): there a missing one fails instead of skipping.
const skip = !registryBinaries().registry && process.env.CI !== 'true';
const SHA = '5e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b';

let registry: TestRegistry;
let config: BareRepo;
let dir: string;

beforeAll(async () => {
  if (skip) return;
  registry = await startRegistry();
  dir = mkdtempSync(join(tmpdir(), 'slipway-app-pipeline-'));
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  config?.cleanup();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** An env/dev branch whose kustomization pins `image` at 0.9.0. */
function configRepo(image: string): BareRepo {
  config?.cleanup();
  config = createBareRepo({
    branches: {
      'env/dev': {
        'apps/cart/kustomization.yaml': `resources:\n  - deployment.yaml\nimages:\n  - name: ${image}\n    newTag: 0.9.0\n`,
        'apps/cart/deployment.yaml': `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`,
      },
    },
  });
  return config;
}

describe.skipIf(skip)('workflows/github/app-pipeline.yml on a push to main', () => {
  it('promotes the commit tag sha-<commit> with its digest, not the branch tag main', async () => {
    const image = `${registry.host}/shop/cart`;
    configRepo(image);
    const run = await runCalledWorkflow('workflows/github/app-pipeline.yml', 'dev', {
      vars: {
        IMAGE_REPOSITORY: image,
        CONFIG_REPO: config.url,
        AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/cart-pipeline',
        AWS_REGION: 'eu-west-1',
        SIGNING_KEY: 'awskms:///alias/slipway-release',
      },
      secrets: { CONFIG_REPO_TOKEN: '' },
      workspace: { 'index.html': '<h1>cart</h1>\n' },
      github: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: SHA },
      // AWS, the checkout and KMS signing are not reachable here; the reference flows through the rest.
      skip: [
        'actions/checkout',
        'aws-actions/configure-aws-credentials',
        'docker/login-action',
        'acme/slipway/actions/sign',
      ],
      // The files builder needs no docker engine or buildah storage; the tag rules are the workflow's.
      override: { builder: 'files' },
    });
    const built = Object.values(run.jobs).find((job) => job.steps.build !== undefined);
    const digest = built?.steps.build?.outputs.digest ?? '';
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.jobs.promote?.result).toBe('success');
    const kustomization = readFileAt(config.path, 'env/dev', 'apps/cart/kustomization.yaml')?.toString(
      'utf8',
    );
    expect(kustomization).toContain(`newTag: sha-${SHA.slice(0, 7)}`);
    expect(kustomization).toContain(`digest: ${digest}`);
    expect(kustomization).not.toContain('newTag: main');
    // Both tags were pushed; only the commit's one is promoted.
    expect(built?.steps.build?.outputs.tags?.split('\n')).toEqual(['main', `sha-${SHA.slice(0, 7)}`]);
    expect(built?.outputs['image-ref']).toBe(`${image}:sha-${SHA.slice(0, 7)}@${digest}`);
    expect(run.jobs.promote?.outputs.commit).toMatch(/^[0-9a-f]{40}$/);
  }, 180_000);

  // The GHCR job docs/github-actions.md shows, with the sign step run for real with a PEM key secret.
  it('build-sign-promote-ghcr.yml, called as the docs show, signs and promotes sha-<commit>', async () => {
    const image = `${registry.host}/acme/cart`;
    configRepo(image);
    const password = 'ghcr-pipeline';
    const keygen = await runSlipway(['keygen', '--output-prefix', join(dir, 'cosign'), '--json'], {
      env: { SLIPWAY_KEY_PASSWORD: password },
    });
    expect(keygen.code, keygen.stderr).toBe(0);
    const fingerprint = (JSON.parse(keygen.stdout) as { keyFingerprint: string }).keyFingerprint;
    const caller = join(dir, 'pipeline.yml');
    writeFileSync(
      caller,
      `on: push
permissions: {}
jobs:
  dev:
    if: github.event_name == 'push'
    uses: acme/slipway/.github/workflows/build-sign-promote-ghcr.yml@v1
    permissions: { contents: read, packages: write }
    with: { repository: "\${{ vars.IMAGE_REPOSITORY }}", config-repo: "\${{ vars.CONFIG_REPO }}", environment: dev }
    secrets:
      config-repo-token: \${{ secrets.CONFIG_REPO_TOKEN }}
      signing-key: \${{ secrets.SIGNING_KEY_PEM }}
      signing-key-password: \${{ secrets.SIGNING_KEY_PASSWORD }}
`,
    );
    const run = await runCalledWorkflow(caller, 'dev', {
      vars: { IMAGE_REPOSITORY: image, CONFIG_REPO: config.url },
      secrets: {
        CONFIG_REPO_TOKEN: '',
        SIGNING_KEY_PEM: readFileSync(join(dir, 'cosign.key'), 'utf8'),
        SIGNING_KEY_PASSWORD: password,
      },
      workspace: { 'index.html': '<h1>cart</h1>\n' },
      github: {
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: SHA,
        GITHUB_ACTOR: 'octocat',
      },
      skip: ['actions/checkout', 'docker/login-action'],
      override: { builder: 'files' },
    });
    expect(run.file).toBe('.github/workflows/build-sign-promote-ghcr.yml');
    const digest = run.jobs.build?.outputs.digest ?? '';
    expect(run.jobs.build?.outputs['image-ref']).toBe(`${image}:sha-${SHA.slice(0, 7)}@${digest}`);
    const kustomization = readFileAt(config.path, 'env/dev', 'apps/cart/kustomization.yaml')?.toString(
      'utf8',
    );
    expect(kustomization).toContain(`newTag: sha-${SHA.slice(0, 7)}`);
    expect(kustomization).toContain(`digest: ${digest}`);
    // The sign step signed what was promoted.
    const verified = await runSlipway([
      'verify',
      '--image',
      run.jobs.build?.outputs['image-ref'] ?? '',
      '--key',
      join(dir, 'cosign.pub'),
      '--json',
    ]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      digest,
      verified: [{ keyFingerprint: fingerprint }],
    });
  }, 180_000);
});
