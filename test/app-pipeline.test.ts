import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryRepository } from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GITHUB_ACTIONS_ISSUER,
  loadTrustRoot,
  SLSA_PROVENANCE_V1,
  verifyBundleReferrers,
} from '../packages/sign/src/index.js';
import { type BareRepo, createBareRepo, readFileAt } from './support/bareRepo.js';
import { type GitHubOidcServer, startGitHubOidc, workflowClaims } from './support/githubOidc.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { type SigstoreServices, startSigstoreServices } from './support/sigstoreServer.js';
import { runSlipway } from './support/slipway.js';
import { runCalledWorkflow } from './support/workflowRunner.js';

// CI installs the registry (scripts/setup): there a missing one fails instead of skipping.
const skip = !registryBinaries().registry && process.env.CI !== 'true';
const SHA = '5e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b';

/** The reusable workflow's job builds and signs: Fulcio certifies its `job_workflow_ref`. */
const GHCR_WORKFLOW = 'slipway-dev/slipway/.github/workflows/build-sign-promote-ghcr.yml@refs/tags/v1';
const GHCR_IDENTITY = `https://github.com/${GHCR_WORKFLOW}`;

/** What a runner sets for acme/shop's push to main (the provenance records the run). */
const GITHUB_RUN = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: SHA,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_REPOSITORY_ID: '123456',
  GITHUB_REPOSITORY_OWNER_ID: '654321',
  GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/pipeline.yml@refs/heads/main',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_ACTOR: 'octocat',
};

let registry: TestRegistry;
let config: BareRepo;
let dir: string;
let oidc: GitHubOidcServer;
let services: SigstoreServices;

beforeAll(async () => {
  if (skip) return;
  registry = await startRegistry();
  dir = mkdtempSync(join(tmpdir(), 'slipway-app-pipeline-'));
  oidc = await startGitHubOidc({
    claims: workflowClaims({
      sha: SHA,
      workflow_ref: GITHUB_RUN.GITHUB_WORKFLOW_REF,
      job_workflow_ref: GHCR_WORKFLOW,
    }),
  });
  services = await startSigstoreServices({ oidcKey: oidc.publicKey });
}, 60_000);

/**
 * The runner of a job with id-token: write (the OIDC token endpoint), with Sigstore set runner-wide to the
 * loopback fakes, as a private Sigstore is; the workflow is not edited for it.
 */
function keylessRunner(sigstore: { rekor: boolean }): Record<string, string> {
  return {
    ...oidc.env,
    RUNNER_ENVIRONMENT: 'github-hosted',
    SLIPWAY_FULCIO_URL: services.fulcioUrl,
    SLIPWAY_TSA_URL: services.tsaUrl,
    ...(sigstore.rekor ? { SLIPWAY_REKOR_URL: services.rekorUrl } : {}),
  };
}

afterAll(async () => {
  await services?.close();
  await oidc?.close();
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
        // No KMS key: keyless signing and provenance (KMS is not reachable here).
        SIGNING_KEY: '',
      },
      secrets: { CONFIG_REPO_TOKEN: '' },
      workspace: { 'index.html': '<h1>cart</h1>\n' },
      github: GITHUB_RUN,
      runner: keylessRunner({ rekor: true }),
      // AWS and the checkout are not reachable here; the reference flows through the rest.
      skip: ['actions/checkout', 'aws-actions/configure-aws-credentials', 'docker/login-action'],
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
    // Signed keyless, with provenance, without a key anywhere.
    expect(built?.steps.build?.outputs['provenance-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    const identities = Object.values(built?.steps ?? {}).map((step) => step.outputs['certificate-identity']);
    expect(identities).toContain(GHCR_IDENTITY);
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
    uses: slipway-dev/slipway/.github/workflows/build-sign-promote-ghcr.yml@v1
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
      github: GITHUB_RUN,
      runner: { RUNNER_ENVIRONMENT: 'github-hosted' },
      skip: ['actions/checkout', 'docker/login-action'],
      override: { builder: 'files' },
    });
    expect(run.file).toBe('.github/workflows/build-sign-promote-ghcr.yml');
    // With the key, the provenance is signed by it too.
    expect(run.jobs.build?.steps.build?.outputs['provenance-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
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

  // The GHCR job as docs/github-actions.md shows it for a private repository: no key, `sigstore: github`.
  it('build-sign-promote-ghcr.yml keyless: the promoted image verifies by the workflow identity, with provenance', async () => {
    const image = `${registry.host}/acme/shop`;
    configRepo(image);
    const caller = join(dir, 'keyless.yml');
    writeFileSync(
      caller,
      `on: push
permissions: {}
jobs:
  dev:
    uses: slipway-dev/slipway/.github/workflows/build-sign-promote-ghcr.yml@v1
    permissions: { contents: read, packages: write, id-token: write }
    with: { repository: "\${{ vars.IMAGE_REPOSITORY }}", config-repo: "\${{ vars.CONFIG_REPO }}", sigstore: github }
    secrets:
      config-repo-token: \${{ secrets.CONFIG_REPO_TOKEN }}
`,
    );
    const run = await runCalledWorkflow(caller, 'dev', {
      vars: { IMAGE_REPOSITORY: image, CONFIG_REPO: config.url },
      secrets: { CONFIG_REPO_TOKEN: '' },
      workspace: { 'index.html': '<h1>shop</h1>\n' },
      github: GITHUB_RUN,
      // GitHub's instance has no public log: Fulcio and the timestamp authority only.
      runner: keylessRunner({ rekor: false }),
      skip: ['actions/checkout', 'docker/login-action'],
      override: { builder: 'files' },
    });
    const promoted = run.jobs.build?.outputs['image-ref'] ?? '';
    const digest = run.jobs.build?.outputs.digest ?? '';
    expect(promoted).toBe(`${image}:sha-${SHA.slice(0, 7)}@${digest}`);
    expect(readFileAt(config.path, 'env/dev', 'apps/cart/kustomization.yaml')?.toString('utf8')).toContain(
      `digest: ${digest}`,
    );

    const verified = await runSlipway([
      'verify',
      promoted,
      '--certificate-identity',
      GHCR_IDENTITY,
      '--certificate-oidc-issuer',
      GITHUB_ACTIONS_ISSUER,
      '--trusted-root',
      services.trustedRootPath,
      '--json',
    ]);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      digest,
      verified: [{ format: 'bundle', signedBy: `${GHCR_IDENTITY} (${GITHUB_ACTIONS_ISSUER})` }],
    });

    // The build's provenance referrer, signed by the same identity.
    const provenance = await verifyBundleReferrers({
      repository: new RegistryRepository(registry.host, 'acme/shop', { env: { HOME: dir } }),
      digest,
      predicateType: SLSA_PROVENANCE_V1,
      keys: [],
      identities: [{ subject: { exact: GHCR_IDENTITY }, issuer: { exact: GITHUB_ACTIONS_ISSUER } }],
      trustRoot: await loadTrustRoot({
        kind: 'json',
        bytes: new Uint8Array(readFileSync(services.trustedRootPath)),
        where: services.trustedRootPath,
      }),
    });
    expect(provenance.rejected).toEqual([]);
    expect(provenance.verified.map((v) => v.manifestDigest)).toEqual([
      run.jobs.build?.steps.build?.outputs['provenance-digest'],
    ]);
  }, 180_000);
});
