import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareRepo, readFileAt } from './support/bareRepo.js';
import { CLI_BUNDLE, ROOT } from './support/slipway.js';

/**
 * The release workflow's steps, run without publishing, with the scripts .github/workflows/release.yml runs:
 * scripts/release-version on a throw-away copy (the tree stays as it is), the CLI bundle test/global-setup.ts
 * has just built (the workflow's `pnpm --filter @slipway/cli run build`), scripts/check-dist, scripts/release-pack
 * (the tarball `npm publish` uploads), an offline install of it into an empty prefix that then runs, the tags
 * scripts/release-tags names and the notes scripts/release-notes writes. Only the network steps are left out:
 * `npm publish`, `git push` of the tags and `gh release create`.
 */

const CLI_DIR = join(ROOT, 'packages', 'cli');
const VERSION_TS = /VERSION = '([^']+)'/;
const cliVersion = (root: string): string =>
  (JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string })
    .version;
const IMAGE = `registry.example.com/shop/cart:1.1.0@sha256:${'1'.repeat(64)}`;
const deployment = (image: string) =>
  `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`;

let scratch = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'slipway-release-dry-run-'));
});
afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Node, npm, pnpm and git, and nothing of this machine's npm configuration or cache. */
function cleanEnv(): NodeJS.ProcessEnv {
  const home = join(scratch, 'home');
  mkdirSync(home, { recursive: true });
  const userconfig = join(scratch, 'npmrc');
  writeFileSync(userconfig, '');
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    // pnpm comes through corepack, from its cache under the real home: nothing is downloaded.
    COREPACK_HOME: process.env.COREPACK_HOME ?? join(homedir(), '.cache', 'node', 'corepack'),
    npm_config_cache: join(scratch, 'npm-cache'),
    npm_config_userconfig: userconfig,
    npm_config_update_notifier: 'false',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'release',
    GIT_AUTHOR_EMAIL: 'release@example.com',
    GIT_COMMITTER_NAME: 'release',
    GIT_COMMITTER_EMAIL: 'release@example.com',
  };
}

function run(command: string, args: readonly string[], cwd: string): Run {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 300_000 });
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** `key=value` lines (what a step appends to GITHUB_OUTPUT). */
function outputs(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** The files `changeset version` and the release scripts read and write, in a fresh git repository. */
function throwAwayCopy(): string {
  const copy = join(scratch, 'copy');
  const files = [
    'package.json',
    'pnpm-workspace.yaml',
    // The changesets' configuration, without what is pending in the repository: each dry run versions exactly
    // the changesets it writes, whatever the repository holds between two releases.
    ...readdirSync(join(ROOT, '.changeset'))
      .filter((name) => !name.endsWith('.md') || name === 'README.md')
      .map((name) => `.changeset/${name}`),
    ...readdirSync(join(ROOT, 'packages'))
      .map((name) => `packages/${name}/package.json`)
      .filter((path) => existsSync(join(ROOT, path))),
    'packages/cli/CHANGELOG.md',
    'packages/cli/src/version.ts',
    'scripts/release-version',
    'scripts/release-tags',
    'scripts/release-notes',
  ];
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['commit', '-qm', 'release base'],
  ]) {
    expect(run('git', args, copy).code).toBe(0);
  }
  return copy;
}

describe('the release workflow, dry run', () => {
  it('versions pending changesets on a throw-away copy: package.json, VERSION, CHANGELOG.md, tags and notes', () => {
    const before = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' });
    const copy = throwAwayCopy();
    const current = cliVersion(copy);
    const [major, minor, patch] = current.split('.').map(Number);
    writeFileSync(
      join(copy, '.changeset', 'dry-run-fix.md'),
      '---\n"@slipway/cli": patch\n---\n\nThe dry run\'s fix.\n',
    );

    const versioned = run('bash', ['scripts/release-version'], copy);
    expect(versioned.code, versioned.stderr).toBe(0);
    const next = `${major}.${minor}.${(patch ?? 0) + 1}`;
    expect(versioned.stdout.trim()).toBe(next);
    expect(cliVersion(copy)).toBe(next);
    expect(VERSION_TS.exec(readFileSync(join(copy, 'packages/cli/src/version.ts'), 'utf8'))?.[1]).toBe(next);
    const changelog = readFileSync(join(copy, 'packages/cli/CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(
      new RegExp(
        `^# @slipway/cli\\n\\n## ${next.replace(/\./g, '\\.')}\\n\\n### Patch Changes\\n\\n- The dry run's fix\\.\\n\\n## ${current.replace(/\./g, '\\.')}\\n`,
      ),
    );
    expect(existsSync(join(copy, '.changeset', 'dry-run-fix.md'))).toBe(false);

    const tags = run('bash', ['scripts/release-tags'], copy);
    expect(tags.code, tags.stderr).toBe(0);
    expect(outputs(tags.stdout)).toEqual({
      version: next,
      tag: `v${next}`,
      major: `v${major}`,
      prerelease: 'false',
      release: 'true',
    });
    const notes = run('bash', ['scripts/release-notes', next], copy);
    expect(notes.code, notes.stderr).toBe(0);
    expect(notes.stdout).toBe(
      `### Patch Changes\n\n- The dry run's fix.\n\n**npm:** \`npx -y @slipway/cli@${next}\` · **actions:** \`uses: slipway-dev/slipway/actions/<step>@v${next}\`\n`,
    );

    // A re-run after the tag exists releases nothing; a pre-release moves no major tag.
    expect(run('git', ['tag', `v${next}`], copy).code).toBe(0);
    expect(outputs(run('bash', ['scripts/release-tags'], copy).stdout).release).toBe('false');
    const manifest = join(copy, 'packages/cli/package.json');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace(`"version": "${next}"`, '"version": "2.0.0-rc.1"'),
    );
    expect(outputs(run('bash', ['scripts/release-tags'], copy).stdout)).toMatchObject({
      tag: 'v2.0.0-rc.1',
      major: 'v2',
      prerelease: 'true',
      release: 'true',
    });
    expect(run('bash', ['scripts/release-notes', '9.9.9'], copy).code).not.toBe(0);

    expect(execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' })).toBe(before);
  });

  it('names the tags a release of this commit pushes (vX.Y.Z and the moving vX) and its notes', () => {
    const version = cliVersion(ROOT);
    expect(VERSION_TS.exec(readFileSync(join(CLI_DIR, 'src/version.ts'), 'utf8'))?.[1]).toBe(version);
    const tags = run('bash', ['scripts/release-tags'], ROOT);
    expect(tags.code, tags.stderr).toBe(0);
    expect(outputs(tags.stdout)).toMatchObject({
      version,
      tag: `v${version}`,
      major: `v${version.split('.')[0]}`,
      prerelease: String(version.includes('-')),
    });
    const notes = run('bash', ['scripts/release-notes', version], ROOT);
    expect(notes.code, notes.stderr).toBe(0);
    expect(notes.stdout).toMatch(/^### Major Changes|^### Minor Changes|^### Patch Changes/);
    expect(notes.stdout).toContain(`**npm:** \`npx -y @slipway/cli@${version}\``);
  });

  it('checks that a committed action bundle matches a fresh build (scripts/check-dist)', () => {
    // One action: scripts/test checks them all on every run; this proves the release's command works.
    const fresh = run('bash', ['scripts/check-dist', 'wait'], ROOT);
    expect(fresh.code, fresh.stderr).toBe(0);
    const unknown = run('bash', ['scripts/check-dist', 'no-such-action'], ROOT);
    expect(unknown).toMatchObject({ code: 2, stderr: 'actions/no-such-action: no such action\n' });
    // An ncc build of one action: some 15 s on a quiet machine, minutes on a loaded one.
  }, 300_000);

  it('refuses to pack a CLI bundle with a chunk its entry never loads, or without one it loads (scripts/check-cli-chunks.ts)', () => {
    // On a copy: the tests running beside this one read packages/cli/dist.
    const dist = join(scratch, 'cli-dist');
    cpSync(join(CLI_DIR, 'dist'), dist, { recursive: true });
    const check = () => run('node', ['--import', 'tsx', 'scripts/check-cli-chunks.ts', dist], ROOT);
    expect(check(), 'the bundle as built').toMatchObject({ code: 0, stderr: '' });
    // A chunk as the build names them (`<id>.index.cjs.js`), and one an older build left behind.
    const loaded = readdirSync(dist).find((name) => /^\d+\./.test(name)) ?? '';
    const stale = `99999${loaded.replace(/^\d+/, '')}`;
    writeFileSync(join(dist, stale), 'exports.id = 99999;\n');
    expect(check()).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${stale}: no chunk of the CLI bundle loads it`),
    });
    rmSync(join(dist, stale));
    rmSync(join(dist, loaded));
    expect(check()).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${loaded}: the CLI bundle loads it but it is missing`),
    });
  });

  it('packs the CLI as it is published, installs the tarball offline into an empty prefix, and runs it', () => {
    expect(existsSync(CLI_BUNDLE), `${CLI_BUNDLE} is missing: run 'pnpm build'`).toBe(true);
    const packed = run('bash', ['scripts/release-pack', join(scratch, 'pack')], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = packed.stdout.trim();
    const version = cliVersion(ROOT);
    expect(tarball).toBe(join(scratch, 'pack', `slipway-cli-${version}.tgz`));
    expect(existsSync(join(CLI_DIR, 'LICENSE'))).toBe(false);
    const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(entries).toEqual(
      expect.arrayContaining([
        'package/LICENSE',
        'package/CHANGELOG.md',
        'package/dist/index.js',
        'package/bin/slipway.js',
      ]),
    );
    const shipped = (path: string) => execFileSync('tar', ['-xzOf', tarball, `package/${path}`]);
    expect(shipped('LICENSE').equals(readFileSync(join(ROOT, 'LICENSE')))).toBe(true);
    expect(shipped('CHANGELOG.md').toString('utf8')).toContain(`\n## ${version}\n`);

    const prefix = join(scratch, 'prefix');
    mkdirSync(prefix);
    const install = run(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball],
      scratch,
    );
    expect(install.code, install.stderr).toBe(0);
    const slipway = join(prefix, 'node_modules', '.bin', 'slipway');
    const printed = run(slipway, ['--version'], scratch);
    expect(printed).toMatchObject({ code: 0, stdout: `${version}\n` });

    const repo = createBareRepo({
      branches: {
        'env/dev': { 'apps/cart/deployment.yaml': deployment('registry.example.com/shop/cart:1.0.0') },
      },
    });
    try {
      const promoted = run(
        slipway,
        ['promote', '--config-repo', repo.url, '--env', 'dev', '--image', IMAGE, '--json'],
        scratch,
      );
      expect(promoted.code, promoted.stderr).toBe(0);
      expect(JSON.parse(promoted.stdout)).toMatchObject({ env: 'dev', noop: false });
      expect(readFileAt(repo.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
        deployment(IMAGE),
      );
    } finally {
      repo.cleanup();
    }
  });
});
