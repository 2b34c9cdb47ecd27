import { terminalReporter } from '@slipway/ci';
import { describe, expect, it } from 'vitest';
import { promoteSummary, promoteText } from '../src/promote/render.js';
import type { PromoteResult } from '../src/promote/step.js';

const commit = 'a'.repeat(40);
const result = (configRepo: string, dryRun = false, created = false): PromoteResult => ({
  configRepo,
  dryRun,
  outcomes: [
    {
      env: 'prod',
      branch: 'env/prod',
      commit,
      noop: false,
      created,
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
const CONSOLE = 'https://eu-west-1.console.aws.amazon.com/codesuite/codecommit/repositories/config';

describe('promote rendering', () => {
  it('links the commit, the branch and each changed line when the config repo is on GitHub', () => {
    const md = promoteSummary(result('https://github.com/acme/config.git'), context);
    expect(md).toContain(
      `### Promote to \`prod\` ([\`env/prod\`](https://github.com/acme/config/tree/env/prod)): [\`aaaaaaaaaaaa\`](https://github.com/acme/config/commit/${commit})`,
    );
    expect(md).toContain(
      `[\`apps/cart/values.yaml\`](https://github.com/acme/config/blob/${commit}/apps/cart/values.yaml#L4) | 4 |`,
    );
    expect(md).toContain('Landed on attempt 3');
  });

  it.each([
    ['its HTTPS address', 'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/config', {}],
    ['a codecommit:: address', 'codecommit::eu-west-1://config', {}],
    ['a codecommit:// address and AWS_REGION', 'codecommit://config', { AWS_REGION: 'eu-west-1' }],
  ])('links the commit and the branch to the CodeCommit console for %s', (_name, address, env) => {
    const md = promoteSummary(result(address), { ...context, env });
    expect(md).toContain(
      `### Promote to \`prod\` ([\`env/prod\`](${CONSOLE}/browse/refs/heads/env/prod?region=eu-west-1)): [\`aaaaaaaaaaaa\`](${CONSOLE}/commit/${commit}?region=eu-west-1)`,
    );
    // The console has no file-at-a-line page to rely on: the file is named, not linked.
    expect(md).toContain('| `apps/cart/values.yaml` | 4 |');
  });

  it.each([
    ['a file:// URL', 'file:///srv/git/config.git'],
    ['a local path', '/srv/git/config.git'],
    ['another host', 'git@gitlab.com:acme/config.git'],
    ['a plain git server', 'https://git.example.com/acme/config.git'],
    ['CodeCommit with no region anywhere', 'codecommit://config'],
  ])('links nothing for %s (no broken link)', (_name, address) => {
    const md = promoteSummary(result(address), context);
    expect(md).not.toContain('](');
    expect(md).toContain('### Promote to `prod` (`env/prod`): `aaaaaaaaaaaa`');
  });

  it('links nothing a dry run did not push, nor a branch it would create', () => {
    const dry = promoteSummary(result('https://github.com/acme/config', true), context);
    expect(dry).toContain(
      '### Promote to `prod` ([`env/prod`](https://github.com/acme/config/tree/env/prod)): `aaaaaaaaaaaa` (dry run, not pushed)',
    );
    expect(dry).toContain('| `apps/cart/values.yaml` | 4 |');
    const created = promoteSummary(result('https://github.com/acme/config', true, true), context);
    expect(created).toContain('### Promote to `prod` (`env/prod`): `aaaaaaaaaaaa` (dry run, not pushed)');
    expect(created).not.toContain('](');
    // Pushed, a new branch exists and is linked.
    expect(promoteSummary(result('https://github.com/acme/config', false, true), context)).toContain(
      '([`env/prod`](https://github.com/acme/config/tree/env/prod))',
    );
  });

  it('prints a terminal line per branch and change', () => {
    expect(promoteText(result('/tmp/x'))).toBe(
      'env/prod: committed aaaaaaaaaaaa (1 change, 3 attempts)\n  apps/cart/values.yaml:4  tag: 1.1.0 -> tag: 1.2.0\n',
    );
  });
});
