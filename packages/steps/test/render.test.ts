import { terminalReporter } from '@slipway/ci';
import { describe, expect, it } from 'vitest';
import { promoteSummary, promoteText } from '../src/promote/render.js';
import type { PromoteResult } from '../src/promote/step.js';

const commit = 'a'.repeat(40);
const result = (configRepo: string, dryRun = false): PromoteResult => ({
  configRepo,
  dryRun,
  outcomes: [
    {
      env: 'prod',
      branch: 'env/prod',
      commit,
      noop: false,
      created: false,
      attempts: 3,
      images: [
        {
          name: 'ghcr.io/acme/cart',
          repository: 'ghcr.io/acme/cart',
          tag: '1.2.0',
          digest: `sha256:${'b'.repeat(64)}`,
        },
      ],
      changes: [
        {
          file: 'apps/cart/values.yaml',
          line: 4,
          repository: 'ghcr.io/acme/cart',
          before: 'tag: 1.1.0',
          after: 'tag: 1.2.0',
        },
      ],
    },
  ],
});
const context = {
  ci: { platform: 'github-actions' as const, serverUrl: 'https://github.com' },
  reporter: terminalReporter(() => {}),
  env: {},
  cwd: '/',
};

describe('promote rendering', () => {
  it('links the commit and each changed line when the config repo is on GitHub', () => {
    const md = promoteSummary(result('https://github.com/acme/config.git'), context);
    expect(md).toContain(`[\`aaaaaaaaaaaa\`](https://github.com/acme/config/commit/${commit})`);
    expect(md).toContain(
      `[\`apps/cart/values.yaml\`](https://github.com/acme/config/blob/${commit}/apps/cart/values.yaml#L4) | 4 |`,
    );
    expect(md).toContain('Landed on attempt 3');
  });

  it('does not link elsewhere, nor in a dry run', () => {
    expect(promoteSummary(result('git@gitlab.com:acme/config.git'), context)).not.toContain('](');
    expect(promoteSummary(result('https://github.com/acme/config', true), context)).toContain(
      '(dry run, not pushed)',
    );
  });

  it('prints a terminal line per branch and change', () => {
    expect(promoteText(result('/tmp/x'))).toBe(
      'env/prod: committed aaaaaaaaaaaa (1 change, 3 attempts)\n  apps/cart/values.yaml:4  tag: 1.1.0 -> tag: 1.2.0\n',
    );
  });
});
