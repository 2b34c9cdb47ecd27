import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareRepo, readFileAt } from './support/bareRepo.js';
import { CLI_BUNDLE, ROOT } from './support/slipway.js';

/**
 * What `npm publish` would upload, packed with pnpm (as the release workflow publishes: pnpm applies
 * `publishConfig` and turns `workspace:` ranges into versions), then installed the way a CodeBuild buildspec's
 * `npx -y @slipway/cli@1` does: offline, from an empty npm cache, with no workspace anywhere near.
 */

const CLI_DIR = join(ROOT, 'packages', 'cli');
const VERSION = /VERSION = '([^']+)'/.exec(readFileSync(join(CLI_DIR, 'src', 'version.ts'), 'utf8'))?.[1];
const IMAGE = `registry.example.com/shop/cart:1.1.0@sha256:${'1'.repeat(64)}`;
const deployment = (image: string) =>
  `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`;

let scratch = '';
let tarball = '';
/** Paths in the tarball, without the `package/` prefix. */
let entries: string[] = [];
let manifest: Record<string, unknown> = {};

/** Node, npm and git, and nothing of this machine's or the workspace's environment. */
function cleanEnv(): NodeJS.ProcessEnv {
  const home = join(scratch, 'home');
  mkdirSync(home, { recursive: true });
  const userconfig = join(scratch, 'npmrc');
  writeFileSync(userconfig, '');
  return {
    PATH: [...new Set([dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'])].join(':'),
    HOME: home,
    npm_config_cache: join(scratch, 'npm-cache'),
    npm_config_userconfig: userconfig,
    npm_config_update_notifier: 'false',
  };
}

/** The file paths an `exports` field points to, at any depth of conditions and subpaths. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** Runs a command with the clean environment, outside the repository. */
function run(command: string, args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const cwd = join(scratch, 'work');
  mkdirSync(cwd, { recursive: true });
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

beforeAll(() => {
  // test/global-setup.ts has just built packages/cli/dist from the sources (it is not committed).
  expect(existsSync(CLI_BUNDLE), `${CLI_BUNDLE} is missing: run 'pnpm build'`).toBe(true);
  scratch = mkdtempSync(join(tmpdir(), 'slipway-cli-package-'));
  const out = join(scratch, 'pack');
  mkdirSync(out);
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: CLI_DIR, stdio: 'pipe' });
  const packed = readdirSync(out).filter((name) => name.endsWith('.tgz'));
  expect(packed).toEqual([`slipway-cli-${VERSION}.tgz`]);
  tarball = join(out, packed[0] ?? '');
  entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''));
  manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
  ) as Record<string, unknown>;
}, 120_000);

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

describe('the @slipway/cli package', () => {
  it('holds the bin, the bundle, the changelog, the licence and the manifest, and no sources or tests', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/slipway.js',
        'bin/package.json',
        'bin/code-cache.js',
        'dist/index.js',
        'dist/build-id',
        'dist/licenses.txt',
        'CHANGELOG.md',
        'README.md',
        'LICENSE',
      ]),
    );
    const allowed =
      /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|bin\/(slipway\.js|package\.json|code-cache\.js)|dist\/[^/]+)$/;
    expect(entries.filter((entry) => !allowed.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /(^|\/)(src|test)\/|\.test\.|\.ts$|tsconfig/.test(entry))).toEqual([]);
    // The whole bundle as built, lazily loaded chunks included.
    const built = readdirSync(join(CLI_DIR, 'dist')).map((name) => `dist/${name}`);
    expect(entries.filter((entry) => entry.startsWith('dist/')).sort()).toEqual(built.sort());
    const bin = execFileSync('tar', ['-xzOf', tarball, 'package/bin/slipway.js'], { encoding: 'utf8' });
    expect(bin).toMatch(/^#!\/usr\/bin\/env node\n/);
    // Third-party code in the bundle comes with its licenses.
    const licenses = execFileSync('tar', ['-xzOf', tarball, 'package/dist/licenses.txt'], {
      encoding: 'utf8',
    });
    expect(licenses).toMatch(/^@octokit\//m);
    expect(licenses).toMatch(/^yaml\n/m);
  });

  it('has a manifest with nothing to install: no dependencies, no workspace ranges, a bin and only shipped exports', () => {
    expect(manifest).toMatchObject({
      name: '@slipway/cli',
      version: VERSION,
      type: 'module',
      bin: { slipway: './bin/slipway.js' },
      engines: { node: expect.stringMatching(/^>=20/) },
      license: expect.any(String),
      repository: { url: expect.stringMatching(/github\.com/) },
      publishConfig: { access: 'public' },
    });
    expect(manifest.private).toBeUndefined();
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) {
      expect(Object.keys((manifest[field] as object | undefined) ?? {}), field).toEqual([]);
    }
    expect(JSON.stringify(manifest)).not.toMatch(/workspace:/);
    // publishConfig.exports replaced the workspace's `./src/index.ts`: every export names a shipped file.
    const targets = exportTargets(manifest.exports);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(entries).toContain(target.replace(/^\.\//, ''));
  });

  it('installs offline from an empty npm cache and runs with a clean environment', () => {
    const prefix = join(scratch, 'prefix');
    const install = run('npm', [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--prefix',
      prefix,
      tarball,
    ]);
    expect(install.code, install.stderr).toBe(0);
    // Nothing but the package itself was installed.
    expect(readdirSync(join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([
      '@slipway',
    ]);
    expect(readdirSync(join(prefix, 'node_modules', '@slipway'))).toEqual(['cli']);
    const slipway = join(prefix, 'node_modules', '.bin', 'slipway');

    const version = run(slipway, ['--version']);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);

    const context = run(slipway, ['context', '--json']);
    expect(context.code, context.stderr).toBe(0);
    expect(JSON.parse(context.stdout)).toMatchObject({ platform: 'local' });

    // A real promotion: the git and manifest code of the bundle works outside the workspace.
    const repo = createBareRepo({
      branches: {
        'env/dev': { 'apps/cart/deployment.yaml': deployment('registry.example.com/shop/cart:1.0.0') },
      },
    });
    try {
      const promoted = run(slipway, [
        'promote',
        '--config-repo',
        repo.url,
        '--env',
        'dev',
        '--image',
        IMAGE,
        '--json',
      ]);
      expect(promoted.code, promoted.stderr).toBe(0);
      expect(JSON.parse(promoted.stdout)).toMatchObject({ env: 'dev', noop: false });
      expect(readFileAt(repo.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
        deployment(IMAGE),
      );
    } finally {
      repo.cleanup();
    }

    // The same through npm's runners: the installed bin, and the tarball fetched into npx's cache as
    // `npx -y @slipway/cli@1` fetches the published package.
    const exec = run('npm', ['exec', '--offline', '--prefix', prefix, '--', 'slipway', '--version']);
    expect(exec.code, exec.stderr).toBe(0);
    expect(exec.stdout.trim()).toBe(VERSION);
    const npx = run('npx', ['--offline', '-y', '--package', tarball, '--', 'slipway', 'context', '--json']);
    expect(npx.code, npx.stderr).toBe(0);
    expect(JSON.parse(npx.stdout)).toMatchObject({ platform: 'local' });
  });
});
