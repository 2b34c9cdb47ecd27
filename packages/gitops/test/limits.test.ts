import { createGitHubClient } from '@slipway/github';
import { describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, createBareRepo, readFileAt } from '../../../test/support/bareRepo.js';
import { withCleanup } from '../../../test/support/cleanup.js';
import { startGitHubServer } from '../../../test/support/githubServer.js';
import {
  environmentTarget,
  FILE_LIMITS,
  formatPins,
  type PromoteRequest,
  promote,
  readStatus,
  withConfigFiles,
} from '../src/index.js';
import { devRepos, promoteRequest, refusal } from './support/promote-fixture.js';

const CART = 'registry.example.com/shop/cart';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const TOKEN = 'ghs_LimitsT0kenValue_1a2b3c4d';

const deployment = (image: string): string =>
  `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`;
const DEPLOYMENT = deployment(`${CART}:1.0.0`);

/** A manifest of `bytes` or more: many ConfigMaps, the first of which names `mention`. */
function bigManifest(bytes: number, mention: string): string {
  const doc = `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler\ndata:\n  a: "${'x'.repeat(200)}"\n`;
  return `# ${mention}\n${doc.repeat(Math.ceil(bytes / doc.length))}`;
}

/** Billion laughs: nine levels of nine aliases, a few hundred bytes that expand to 9^9 strings. */
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const prev = 'abcdefghi'[i];
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
].join('\n');

const devRepo = devRepos();
const request = (repo: BareRepo, extra: Partial<PromoteRequest> = {}): PromoteRequest =>
  promoteRequest(repo, { repository: CART, digest: D1 }, extra);

describe('config-repo files over the size limit', () => {
  it('refuses a candidate manifest over 1 MiB with file, size, limit and fix, before reading it; nothing is pushed', async () => {
    const repo = devRepo({
      'apps/cart/deployment.yaml': DEPLOYMENT,
      'apps/cart/bundle.yaml': bigManifest(2 * 1024 * 1024, 'cart'),
    });
    const tip = branchTip(repo.path, 'env/dev');
    const argv: string[][] = [];
    const error = await refusal(promote(request(repo, { onCommand: (a) => argv.push(a) })));
    expect(error.message).toMatch(
      /^apps\/cart\/bundle\.yaml is 2 MiB, over Slipway's limit of 1 MiB for a config file it reads$/,
    );
    expect(error.where).toBe('branch env/dev');
    expect(error.fix).toMatch(/split it into smaller files, or point --path at a folder without it/);
    // Its bytes never reached Slipway: the only `cat-file --batch` read the small candidate.
    expect(argv.filter((a) => a.includes('cat-file'))).toHaveLength(1);
    expect(branchTip(repo.path, 'env/dev')).toBe(tip);
  });

  it('skips, with a warning naming it, a large file that mentions only ImagePolicy (a CRD bundle)', async () => {
    const repo = devRepo({
      'apps/cart/deployment.yaml': DEPLOYMENT,
      'flux-system/gotk-components.yaml': bigManifest(FILE_LIMITS.file + 1, 'kind: ImagePolicy'),
    });
    const warnings: Array<{ message: string; file: string }> = [];
    const [outcome] = await promote(
      request(repo, { warn: (message, { file }) => warnings.push({ message, file }) }),
    );
    expect(outcome?.noop).toBe(false);
    expect(warnings).toEqual([
      {
        file: 'flux-system/gotk-components.yaml',
        message: expect.stringMatching(
          /^flux-system\/gotk-components\.yaml is 1 MiB, over the 1 MiB limit: skipped \(it mentions ImagePolicy but no image being promoted\)$/,
        ),
      },
    ]);
  });

  it('refuses a pins file over the limit by name, before reading it', async () => {
    const pins = `${formatPins([{ image: 'registry.example.com/shop/web', digest: D2, reason: 'x', at: '2026-01-01' }])}# ${'x'.repeat(FILE_LIMITS.file)}\n`;
    const repo = devRepo({ 'apps/cart/deployment.yaml': DEPLOYMENT, '.slipway/pins.yaml': pins });
    const error = await refusal(promote(request(repo)));
    expect(error.message).toMatch(/^\.slipway\/pins\.yaml is 1 MiB, over Slipway's limit of 1 MiB/);
  });

  it('refuses a policy or key file over its limit by name, through git and through the GitHub API', async () => {
    await withCleanup(async (defer) => {
      const repo = createBareRepo({
        branches: {
          main: { '.slipway.yaml': 'version: 1\n', 'keys/ci.pub': `# ${'k'.repeat(FILE_LIMITS.key)}\n` },
        },
      });
      defer(repo.cleanup);
      const server = await startGitHubServer({ repos: { 'acme/config': repo.path }, token: TOKEN });
      defer(server.close);
      const client = createGitHubClient({ token: TOKEN, apiUrl: server.url });
      for (const github of [undefined, { client, owner: 'acme', repo: 'config' }]) {
        const via = {
          configRepo: repo.url,
          ...(github === undefined ? {} : { github }),
          written: [],
          warn: () => {},
        };
        const readFrom = (path: string, limit?: number) =>
          withConfigFiles(via, async (reader) => {
            if (reader === undefined) throw new Error('no default branch');
            return reader.read([path], limit);
          });
        const policy = await readFrom('.slipway.yaml');
        expect(policy.get('.slipway.yaml')?.toString('utf8')).toBe('version: 1\n');
        const error = await refusal(readFrom('keys/ci.pub', FILE_LIMITS.key));
        expect(error.message).toMatch(/^keys\/ci\.pub is 64 KiB, over Slipway's limit of 64 KiB/);
        expect(error.where).toBe('branch main');
      }
    });
  });
});

describe('YAML that would exhaust memory or the stack', () => {
  it('refuses an alias bomb in a candidate manifest, naming the file and the line of its first alias', async () => {
    const repo = devRepo({
      'apps/cart/deployment.yaml': DEPLOYMENT,
      'apps/cart/lol.yaml': `${ALIAS_BOMB}\nimage: ${CART}:1.0.0\n`,
    });
    const tip = branchTip(repo.path, 'env/dev');
    const error = await refusal(promote(request(repo)));
    expect(error.message).toMatch(/aliases expand to more than 1,000,000 nodes/);
    expect(error.where).toBe('apps/cart/lol.yaml:2');
    expect(branchTip(repo.path, 'env/dev')).toBe(tip);
  });

  it('refuses an alias bomb in .slipway/pins.yaml, naming the file', async () => {
    const repo = devRepo({
      'apps/cart/deployment.yaml': DEPLOYMENT,
      '.slipway/pins.yaml': `${ALIAS_BOMB}\npins: []\n`,
    });
    const error = await refusal(promote(request(repo)));
    expect(error.message).toMatch(/aliases expand to more than 1,000,000 nodes/);
    expect(error.where).toMatch(/^\.slipway\/pins\.yaml at [0-9a-f]{12}:2$/);
  });

  it('refuses flow collections nested 100 000 deep in a candidate file, naming file and line, without a stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const repo = devRepo({
      'apps/cart/deployment.yaml': DEPLOYMENT,
      'apps/cart/deep.yaml': `# cart\nkind: List\nitems: ${deep}\n`,
    });
    const error = await refusal(promote(request(repo)));
    expect(error.message).toBe('flow collections ([…] or {…}) nest deeper than 64 levels');
    expect(error.where).toBe('apps/cart/deep.yaml:3');
  });
});

describe('candidate files that are not UTF-8', () => {
  it('promotes the rest and warns about a Latin-1 candidate, naming the file and why; it is left as it was', async () => {
    const latin1 = Buffer.from(`# Caf\u00e9\n${deployment(`${CART}:1.0.0`)}`, 'latin1');
    const repo = devRepo({ 'apps/cart/deployment.yaml': DEPLOYMENT, 'apps/cart/latin1.yaml': latin1 });
    const warnings: Array<{ message: string; file: string }> = [];
    const [outcome] = await promote(
      request(repo, { warn: (message, { file }) => warnings.push({ message, file }) }),
    );
    expect(outcome?.changes).toHaveLength(1);
    expect(warnings).toEqual([
      {
        file: 'apps/cart/latin1.yaml',
        message: expect.stringMatching(
          /^apps\/cart\/latin1\.yaml is not UTF-8 text \(invalid UTF-8: Latin-1 or another 8-bit encoding\?\): skipped/,
        ),
      },
    ]);
    expect(readFileAt(repo.path, 'env/dev', 'apps/cart/latin1.yaml')).toEqual(latin1);
  });
});

describe('status reads within the same bounds, and says what it leaves out', () => {
  it('shows the deployment and warns about a file over the limit, a Latin-1 file and an alias bomb, reading none', async () => {
    const repo = devRepo({
      'apps/cart/deployment.yaml': DEPLOYMENT,
      'apps/big/huge.yaml': bigManifest(FILE_LIMITS.file + 1, `image: ${CART}:0.9.0`),
      'apps/old/latin1.yaml': Buffer.from(`# Caf\u00e9\n${deployment(`${CART}:0.8.0`)}`, 'latin1'),
      'apps/bomb/bomb.yaml': `${ALIAS_BOMB}\nimage: ${CART}:0.7.0\n`,
    });
    const warnings: string[] = [];
    const status = await readStatus({
      configRepo: repo.url,
      targets: [environmentTarget('dev')],
      warn: (message) => warnings.push(message),
    });
    expect(status.rows).toHaveLength(1);
    expect(status.rows[0]?.cells.dev).toMatchObject({ tag: '1.0.0', conflict: false });
    expect(status.rows[0]?.cells.dev?.places).toEqual(['apps/cart/deployment.yaml:7']);
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(
      /env\/dev: apps\/big\/huge\.yaml is 1 MiB, over Slipway's limit of 1 MiB: not read/,
    );
    expect(warnings.join('\n')).toMatch(/env\/dev: apps\/old\/latin1\.yaml is not UTF-8 text: not read/);
    expect(warnings.join('\n')).toMatch(
      /env\/dev: apps\/bomb\/bomb\.yaml:\d+: aliases expand to more than 1,000,000 nodes/,
    );
  });
});
