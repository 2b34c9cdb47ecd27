import { configRepoWebLinks, type Status } from '@slipway/gitops';
import { describe, expect, it } from 'vitest';
import { type StatusResult, statusSummary } from '../src/status/step.js';

const PROMOTED = '0123456789abcdef0123456789abcdef01234567';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

const status: Status = {
  environments: [
    { env: 'dev', branch: 'env/dev', commit: 'f'.repeat(40) },
    { env: 'prod', branch: 'env/prod', commit: 'e'.repeat(40) },
  ],
  rows: [
    {
      repository: 'registry.example.com/shop/cart',
      cells: {
        dev: {
          tag: '1.4.2',
          digest: DIGEST,
          conflict: false,
          places: ['apps/cart.yaml:7'],
          commit: PROMOTED,
          since: '2026-03-01T00:00:00Z',
          pinned: false,
        },
        // Pinned by hand: no promotion commit names it, so there is nothing to link.
        prod: { tag: '1.4.1', conflict: false, places: ['apps/cart.yaml:7'], pinned: false },
      },
    },
  ],
};
const at = new Date('2026-03-04T00:00:00Z');

function summaryFor(configRepo: string, hosts = {}): string {
  const links = configRepoWebLinks(configRepo, hosts);
  const result: StatusResult = { status, at, ...(links === undefined ? {} : { links }) };
  return statusSummary(result);
}

describe('the status summary', () => {
  it('links each version to its promotion commit and each environment to its branch on GitHub', () => {
    const summary = summaryFor('https://github.com/acme/config.git');
    expect(summary).toContain(
      '| Image | dev ([`env/dev`](https://github.com/acme/config/tree/env/dev)) | prod ([`env/prod`](https://github.com/acme/config/tree/env/prod)) |',
    );
    expect(summary).toContain(
      `| \`registry.example.com/shop/cart\` | [\`1.4.2\` \`${'ab'.repeat(6)}\`](https://github.com/acme/config/commit/${PROMOTED}) · 3d | \`1.4.1\` · — |`,
    );
  });

  it('links to the CodeCommit console', () => {
    const summary = summaryFor('codecommit::eu-west-1://config');
    const base = 'https://eu-west-1.console.aws.amazon.com/codesuite/codecommit/repositories/config';
    expect(summary).toContain(`[\`env/prod\`](${base}/browse/refs/heads/env/prod?region=eu-west-1)`);
    expect(summary).toContain(`](${base}/commit/${PROMOTED}?region=eu-west-1) · 3d`);
  });

  it('links nothing for a plain git server or a local path', () => {
    for (const repo of ['https://git.example.com/acme/config.git', '/srv/git/config.git']) {
      const summary = summaryFor(repo);
      expect(summary).not.toMatch(/\]\(/);
      expect(summary).toContain(`| Image | dev (\`env/dev\`) | prod (\`env/prod\`) |`);
    }
  });
});
