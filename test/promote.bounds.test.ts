import { afterEach, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, createBareRepo } from './support/bareRepo.js';
import { HOSTILE_IMAGE, hostileRepo } from './support/hostileRepo.js';
import { runSlipway } from './support/slipway.js';

const IMAGE = `${HOSTILE_IMAGE}:1.1.0@sha256:${'1'.repeat(64)}`;

let repos: BareRepo[] = [];
afterEach(() => {
  for (const repo of repos) repo.cleanup();
  repos = [];
});

const promote = (repo: BareRepo, ...extra: string[]) =>
  runSlipway(['promote', '--config-repo', repo.url, '--env', 'dev', '--image', IMAGE, ...extra]);

describe('slipway promote against hostile config files', () => {
  for (const [kind, error] of [
    [
      'huge',
      /^slipway promote: error: branch env\/dev: apps\/cart\/huge\.yaml is 40 MiB, over Slipway's limit of 1 MiB/,
    ],
    [
      'bomb',
      /^slipway promote: error: apps\/cart\/bomb\.yaml:2: aliases expand to more than 1,000,000 nodes/,
    ],
  ] as const) {
    it(`ends a promotion next to ${kind === 'huge' ? 'a 40 MiB manifest' : 'an alias bomb'} with a one-line error and exit 1; nothing is pushed`, async () => {
      const repo = hostileRepo(kind);
      repos.push(repo);
      const tip = branchTip(repo.path, 'env/dev');
      const result = await promote(repo);
      expect(result.code).toBe(1);
      const errors = result.stderr.split('\n').filter((line) => line.includes('error'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(error);
      expect(result.stderr).not.toMatch(/FATAL|Native stack|\n\s+at /);
      expect(branchTip(repo.path, 'env/dev')).toBe(tip);
    });
  }

  it('warns about a Latin-1 manifest naming the image, and promotes the rest', async () => {
    const deployment = `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${HOSTILE_IMAGE}:1.0.0\n`;
    const repo = createBareRepo({
      branches: {
        main: { 'README.md': 'config\n' },
        'env/dev': {
          'apps/cart/deployment.yaml': deployment,
          'apps/cart/legacy.yaml': Buffer.from(`# d\u00e9ploiement\n${deployment}`, 'latin1'),
        },
      },
      defaultBranch: 'main',
    });
    repos.push(repo);
    const result = await promote(repo, '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^warning: (apps\/cart\/legacy\.yaml: )?apps\/cart\/legacy\.yaml is not UTF-8 text \(invalid UTF-8: Latin-1 or another 8-bit encoding\?\): skipped/m,
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      noop: false,
      changes: [{ file: 'apps/cart/deployment.yaml' }],
    });
  });
});
