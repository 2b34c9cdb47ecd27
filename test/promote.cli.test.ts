import { afterEach, describe, expect, it } from 'vitest';
import {
  type BareRepo,
  branchTip,
  commitFiles,
  countCommits,
  createBareRepo,
  listCommits,
  readFileAt,
} from './support/bareRepo.js';
import { runSlipway } from './support/slipway.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;

const deployment = (image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart # the cart service
  annotations:
    note: "built from registry.example.com/shop/cart"
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/shop/cart-migrations:2.0.0
      containers:
        - name: cart
          image: '${image}'   # set by CI
          env:
            - name: SELF_IMAGE
              value: ${image}
`;

const kustomization = `resources:
  - deployment.yaml

images:
  - name: registry.example.com/shop/cart
    newTag: "1.4.1" # current
`;

const payments = `apiVersion: batch/v1
kind: CronJob
metadata: {name: payments-sync}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - {name: sync, image: registry.example.com/shop/payments:0.9.0}
`;

let repos: BareRepo[] = [];
afterEach(() => {
  for (const repo of repos) repo.cleanup();
  repos = [];
});

function configRepo(branches: Record<string, Record<string, string | { symlink: string }>>): BareRepo {
  const repo = createBareRepo({
    branches: { main: { 'README.md': '# config\n' }, ...branches },
    defaultBranch: 'main',
  });
  repos.push(repo);
  return repo;
}

const shopFiles = {
  'apps/cart/deployment.yaml': deployment('registry.example.com/shop/cart:1.4.1'),
  'apps/cart/kustomization.yaml': kustomization,
  'apps/payments/cronjob.yaml': payments,
};

function text(repo: BareRepo, branch: string, file: string): string {
  return readFileAt(repo.path, branch, file)?.toString('utf8') ?? '<missing>';
}

describe('slipway promote', () => {
  it('pins one image everywhere it is referenced, touching nothing else, in one commit with trailers', async () => {
    const repo = configRepo({ 'env/dev': shopFiles });
    const before = branchTip(repo.path, 'env/dev');
    const result = await runSlipway(
      [
        'promote',
        '--config-repo',
        repo.url,
        '--env',
        'dev',
        '--image',
        `registry.example.com/shop/cart:1.4.2@${D2}`,
        '--json',
      ],
      { env: { SLIPWAY_TEST: '1' } },
    );
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    const tip = branchTip(repo.path, 'env/dev');
    expect(json).toEqual({
      env: 'dev',
      branch: 'env/dev',
      commit: tip,
      noop: false,
      attempts: 1,
      // The kustomization's images entry overrides the container it lists: only the entry decides what runs.
      changes: [expect.objectContaining({ file: 'apps/cart/kustomization.yaml' })],
    });
    expect(text(repo, 'env/dev', 'apps/cart/deployment.yaml')).toBe(
      deployment('registry.example.com/shop/cart:1.4.1'),
    );
    expect(text(repo, 'env/dev', 'apps/cart/kustomization.yaml')).toBe(
      `resources:\n  - deployment.yaml\n\nimages:\n  - name: registry.example.com/shop/cart\n    newTag: "1.4.2" # current\n    digest: ${D2}\n`,
    );
    expect(text(repo, 'env/dev', 'apps/payments/cronjob.yaml')).toBe(payments);

    const [commit] = listCommits(repo.path, 'env/dev');
    expect(commit?.parents).toEqual([before]);
    expect(commit?.author).toBe('Slipway <slipway@localhost>');
    expect(commit?.message.split('\n')[0]).toBe(
      'promote(dev): registry.example.com/shop/cart 1.4.2 (sha256:222222222222)',
    );
    expect(commit?.message).toMatch(
      new RegExp(
        `\\n\\nSlipway-Image: registry.example.com/shop/cart:1.4.2@${D2}\\nSlipway-Previous: registry.example.com/shop/cart:1.4.1\\nSlipway-Source-Commit: [0-9a-f]{40}$`,
      ),
    );
  });

  it('is a no-op when the branch already pins the image: no commit, noop true', async () => {
    const repo = configRepo({
      'env/dev': {
        'apps/cart/deployment.yaml': deployment(`registry.example.com/shop/cart:1.4.2@${D2}`),
      },
    });
    const tip = branchTip(repo.path, 'env/dev');
    const result = await runSlipway([
      'promote',
      '--config-repo',
      repo.path,
      '--env',
      'dev',
      '--image',
      `registry.example.com/shop/cart:1.4.2@${D2}`,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ noop: true, commit: null, changes: [] });
    expect(branchTip(repo.path, 'env/dev')).toBe(tip);
  });

  it('promotes several images in one commit and several environments atomically, one commit each', async () => {
    const repo = configRepo({ 'env/dev': shopFiles, 'env/staging': shopFiles });
    const result = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'dev',
      '--env',
      'staging',
      '--image',
      `registry.example.com/shop/cart:1.5.0@${D3}`,
      '--image',
      `registry.example.com/shop/payments:1.0.0@${D1}`,
      '--json',
      '--run-url',
      'https://ci.example.com/runs/7',
      '--source-commit',
      'f'.repeat(40),
    ]);
    expect(result.code).toBe(0);
    const outcomes = JSON.parse(result.stdout) as Array<{
      branch: string;
      commit: string;
      changes: unknown[];
    }>;
    expect(outcomes.map((o) => o.branch)).toEqual(['env/dev', 'env/staging']);
    for (const branch of ['env/dev', 'env/staging']) {
      expect(countCommits(repo.path, branch)).toBe(2);
      const [commit] = listCommits(repo.path, branch);
      expect(commit?.message.split('\n')[0]).toBe(`promote(${branch.slice(4)}): 2 images`);
      expect(commit?.message).toContain(`Slipway-Image: registry.example.com/shop/payments:1.0.0@${D1}`);
      expect(commit?.message).toContain('Slipway-Previous: registry.example.com/shop/payments:0.9.0');
      expect(commit?.message).toMatch(
        /Slipway-Source-Commit: f{40}\nSlipway-Run: https:\/\/ci.example.com\/runs\/7$/,
      );
      expect(text(repo, branch, 'apps/payments/cronjob.yaml')).toBe(
        payments.replace('payments:0.9.0', `payments:1.0.0@${D1}`),
      );
    }
  });

  it('--from takes the digest pinned in another environment', async () => {
    const repo = configRepo({
      'env/staging': {
        'apps/cart/deployment.yaml': deployment(`registry.example.com/shop/cart:1.4.2@${D2}`),
      },
      'env/prod': { 'apps/cart/deployment.yaml': deployment(`registry.example.com/shop/cart:1.3.0@${D1}`) },
    });
    const result = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'prod',
      '--from',
      'staging',
      '--image',
      'registry.example.com/shop/cart',
      '--json',
    ]);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(text(repo, 'env/prod', 'apps/cart/deployment.yaml')).toBe(
      deployment(`registry.example.com/shop/cart:1.4.2@${D2}`).replace(
        `value: registry.example.com/shop/cart:1.4.2@${D2}`,
        `value: registry.example.com/shop/cart:1.3.0@${D1}`,
      ),
    );
    expect(listCommits(repo.path, 'env/prod')[0]?.message).toContain(
      `Slipway-Previous: registry.example.com/shop/cart:1.3.0@${D1}`,
    );
  });

  it('--dry-run prints the diff and pushes nothing', async () => {
    const repo = configRepo({ 'env/dev': shopFiles });
    const tip = branchTip(repo.path, 'env/dev');
    const result = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'dev',
      '--image',
      `registry.example.com/shop/payments:1.0.0@${D1}`,
      '--dry-run',
    ]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('would commit');
    expect(result.stdout).toContain(
      `+            - {name: sync, image: registry.example.com/shop/payments:1.0.0@${D1}}`,
    );
    expect(branchTip(repo.path, 'env/dev')).toBe(tip);
  });

  it('refuses a missing branch unless --create-branch, which starts it from the default branch', async () => {
    const repo = configRepo({ main: shopFiles });
    const args = [
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'qa',
      '--image',
      `registry.example.com/shop/cart:2.0.0@${D3}`,
    ];
    const refused = await runSlipway(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/branch env\/qa does not exist.*--create-branch/);
    expect(branchTip(repo.path, 'env/qa')).toBeUndefined();

    const created = await runSlipway([...args, '--create-branch', '--json']);
    expect(created.code).toBe(0);
    expect(listCommits(repo.path, 'env/qa')[0]?.parents).toEqual([branchTip(repo.path, 'main')]);
    expect(text(repo, 'env/qa', 'apps/cart/kustomization.yaml')).toContain(`digest: ${D3}`);
  });

  it('honours --pin tag and --path', async () => {
    const repo = configRepo({
      'env/dev': {
        ...shopFiles,
        'other/cart.yaml': deployment('registry.example.com/shop/cart:0.1.0'),
      },
    });
    const result = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'dev',
      '--path',
      'apps/cart',
      '--pin',
      'tag',
      '--image',
      'registry.example.com/shop/cart:1.4.9',
    ]);
    expect(result.code).toBe(0);
    expect(text(repo, 'env/dev', 'apps/cart/kustomization.yaml')).toContain('newTag: "1.4.9" # current\n');
    expect(text(repo, 'env/dev', 'other/cart.yaml')).toBe(deployment('registry.example.com/shop/cart:0.1.0'));
  });
  it('--values-path sets a tag that no built-in shape recognises', async () => {
    const values =
      '# chart values\nfrontend:\n  image:\n    name: registry.example.com/shop/cart\n    version: "1.0.0" # app version\n';
    const repo = configRepo({ 'env/dev': { 'charts/cart/values.yaml': values } });
    const result = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'dev',
      '--pin',
      'tag',
      '--image',
      'registry.example.com/shop/cart:1.2.3',
      '--values-path',
      'charts/cart/values.yaml:frontend.image.version',
    ]);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(text(repo, 'env/dev', 'charts/cart/values.yaml')).toBe(values.replace('"1.0.0"', '"1.2.3"'));
  });

  it('leaves an untagged base image alone when Kustomize sets the version, and pins a lone untagged image', async () => {
    const base = deployment('registry.example.com/shop/cart');
    const repo = configRepo({
      'env/dev': { 'apps/cart/deployment.yaml': base, 'apps/cart/kustomization.yaml': kustomization },
      'env/qa': { 'apps/cart/deployment.yaml': base },
    });
    const image = `registry.example.com/shop/cart:1.4.2@${D2}`;
    const dev = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'dev',
      '--image',
      image,
      '--json',
    ]);
    expect(dev.code).toBe(0);
    expect(JSON.parse(dev.stdout).changes.map((c: { file: string }) => c.file)).toEqual([
      'apps/cart/kustomization.yaml',
    ]);
    expect(text(repo, 'env/dev', 'apps/cart/deployment.yaml')).toBe(base);
    expect(listCommits(repo.path, 'env/dev')[0]?.message).toContain(
      'Slipway-Previous: registry.example.com/shop/cart:1.4.1\n',
    );

    const qa = await runSlipway(['promote', '--config-repo', repo.url, '--env', 'qa', '--image', image]);
    expect(qa.code).toBe(0);
    expect(text(repo, 'env/qa', 'apps/cart/deployment.yaml')).toBe(
      base.replace("image: 'registry.example.com/shop/cart'", `image: '${image}'`),
    );
  });
});

describe('slipway promote: bad input fails with one clear line and pushes nothing', () => {
  const cases: Array<{
    name: string;
    args: string[];
    files?: Record<string, string | { symlink: string }>;
    error: RegExp;
  }> = [
    {
      name: 'invalid reference',
      args: ['--image', 'Registry.Example.com/Shop/Cart:1'],
      error: /--image.*lowercase/,
    },
    {
      name: 'neither tag nor digest',
      args: ['--image', 'registry.example.com/shop/cart'],
      error: /neither a tag nor a digest/,
    },
    {
      name: 'bad digest',
      args: ['--image', 'registry.example.com/shop/cart@sha256:1234'],
      error: /not "sha256:" followed by 64/,
    },
    {
      name: 'tag that injects YAML',
      args: ['--image', 'registry.example.com/shop/cart:1.0\n# x: y'],
      error: /white space/,
    },
    { name: 'tag with #', args: ['--image', 'registry.example.com/shop/cart:1#2'], error: /tag "1#2"/ },
    {
      name: 'image referenced nowhere',
      args: ['--image', `registry.example.com/shop/cart-legacy:1.0.0@${D1}`, '--path', 'apps'],
      error:
        /image registry.example.com\/shop\/cart-legacy is referenced nowhere on branch env\/dev \(searched under apps\//,
    },
    {
      name: 'path that escapes',
      args: ['--path', '../../etc', '--image', `registry.example.com/shop/cart:1@${D1}`],
      error: /leaves the config repo/,
    },
    {
      name: 'absolute path',
      args: ['--path', '/etc', '--image', `registry.example.com/shop/cart:1@${D1}`],
      error: /is absolute/,
    },
    {
      name: 'symlink out of the repo',
      files: { 'apps/cart/evil.yaml': { symlink: '../../../etc/passwd' } },
      args: ['--image', `registry.example.com/shop/cart:1@${D1}`],
      error: /apps\/cart\/evil.yaml is a symlink to "..\/..\/..\/etc\/passwd", outside the config repo/,
    },
    {
      name: 'file that mentions the image but does not parse',
      files: {
        'apps/cart/broken.yaml':
          'containers:\n  - image: registry.example.com/shop/cart:1.0\n    name: [unclosed\n',
      },
      args: ['--image', `registry.example.com/shop/cart:1@${D1}`],
      error: /apps\/cart\/broken.yaml:\d+/,
    },
    {
      name: 'token on the command line',
      args: ['--token', 'hunter2', '--image', `registry.example.com/shop/cart:1@${D1}`],
      error: /--token is not accepted on the command line/,
    },
    { name: 'unknown flag', args: ['--imgae', 'x'], error: /unknown flag --imgae; did you mean --image\?/ },
  ];

  it.each(cases)('$name', async ({ args, files, error }) => {
    const repo = configRepo({ 'env/dev': { ...shopFiles, ...files } });
    const tip = branchTip(repo.path, 'env/dev');
    const result = await runSlipway(['promote', '--config-repo', repo.url, '--env', 'dev', ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(error);
    expect(lines.at(-1)).toMatch(/^slipway promote: /);
    expect(branchTip(repo.path, 'env/dev')).toBe(tip);
  });

  it('a push the server keeps refusing is reported with the reason', async () => {
    const repo = configRepo({ 'env/dev': shopFiles });
    const { installHook } = await import('./support/bareRepo.js');
    installHook(repo.path, 'pre-receive', 'echo "env/dev is protected: changes need a review" >&2; exit 1');
    const result = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'dev',
      '--image',
      `registry.example.com/shop/cart:1.4.2@${D2}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the push.*(protected|declined)/);
    expect(countCommits(repo.path, 'env/dev')).toBe(1);
  });

  it('a branch that keeps moving under every push fails after --max-attempts, saying how many and why', async () => {
    const repo = configRepo({ 'env/dev': shopFiles });
    const { installHook } = await import('./support/bareRepo.js');
    // Another pipeline lands on env/dev while each of our pushes is being received.
    installHook(
      repo.path,
      'pre-receive',
      [
        'unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES',
        'tip=$(git rev-parse refs/heads/env/dev)',
        'next=$(echo concurrent | git commit-tree "$tip^{tree}" -p "$tip")',
        'git update-ref refs/heads/env/dev "$next" "$tip"',
      ].join('\n'),
    );
    const result = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'dev',
      '--max-attempts',
      '3',
      '--image',
      `registry.example.com/shop/cart:1.4.2@${D2}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /the push kept being rejected after 3 attempts because the branch kept moving \(last: .*cannot lock ref/,
    );
    expect(listCommits(repo.path, 'env/dev').map((c) => c.message.split('\n')[0])).toEqual([
      'concurrent',
      'concurrent',
      'concurrent',
      'init env/dev',
    ]);
  });

  it('commitFiles helper sanity: later commits are seen by the next promotion', async () => {
    const repo = configRepo({ 'env/dev': shopFiles });
    commitFiles(repo.path, 'env/dev', {
      'apps/cart/kustomization.yaml': kustomization.replace('"1.4.1"', '"1.4.5"'),
    });
    const result = await runSlipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'dev',
      '--image',
      `registry.example.com/shop/cart:1.4.5@${D2}`,
      '--json',
    ]);
    expect(JSON.parse(result.stdout).changes[0].before).toBe('newTag: 1.4.5');
  });
});
