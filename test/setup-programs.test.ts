// scripts/setup is the one list of the external programs the tests, benchmarks and demo run. A test that
// starts a program the list lacks passes on a machine where someone installed it by hand and fails on a new
// one: this test finds such programs in the sources, and checks that what the list names is really here.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

/** Programs every Debian system has (Essential: yes) or that come with Node; scripts/setup does not list them. */
const BASE_SYSTEM = new Set([
  'sh',
  'bash',
  'env',
  'tar',
  'chmod',
  'stat',
  'mkfifo',
  'true',
  'false',
  'dpkg-query',
  'node',
  'npm',
  'npx',
  'pnpm',
]);

/** `program package` rows of the PROGRAMS table in scripts/setup. */
function setupPrograms(setupText: string): Map<string, string> {
  const table = /^PROGRAMS='\n([\s\S]*?)^'$/m.exec(setupText);
  if (table === null) throw new Error('scripts/setup has no PROGRAMS table');
  const rows = new Map<string, string>();
  for (const line of (table[1] ?? '').split('\n')) {
    const [program, pkg] = line.trim().split(/\s+/);
    if (program !== undefined && program !== '' && pkg !== undefined) rows.set(program, pkg);
  }
  return rows;
}

/**
 * The programs a source file starts: the first argument of a call that runs one (`run('skopeo', [...])`,
 * `execFileSync('openssl', …)`, `has('buildah')`), absolute paths of system binaries
 * (`'/usr/bin/docker-registry'`, `'/usr/lib/git-core/git-http-backend'`), and the programs scripts/setup
 * unpacks into the repository's `.tools/` (`'.tools/kubectl'`).
 */
function programsStarted(source: string): Set<string> {
  const found = new Set<string>();
  const withArgs = /(?<![.\w])(?:run|spawn|spawnSync|execFile|execFileSync)\(\s*['"]([\w.-]+)['"]\s*,\s*\[/g;
  const probe = /(?<![.\w])(?:has|which)\(\s*['"]([\w.-]+)['"]\s*\)/g;
  for (const match of [...source.matchAll(withArgs), ...source.matchAll(probe)]) found.add(match[1] ?? '');
  for (const match of source.matchAll(/['"]\/usr\/(?:s?bin|lib\/git-core)\/([\w.-]+)['"]/g)) {
    found.add(match[1] ?? '');
  }
  for (const match of source.matchAll(/['"](\.tools\/[\w.-]+)['"]/g)) found.add(match[1] ?? '');
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'fixtures') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe('scripts/setup lists every external program the tests run', () => {
  const listed = setupPrograms(readFileSync(join(ROOT, 'scripts/setup'), 'utf8'));
  const dirs = [
    join(ROOT, 'test'),
    join(ROOT, 'bench'),
    ...readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p, 'test')),
  ].filter((dir) => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  });

  it('finds programs the way tests start them (and ignores method calls and step names)', () => {
    const sample = `
      await run('skopeo', ['inspect']); execFileSync('openssl', ['req']); const ok = has('buildah');
      const s = '/usr/bin/docker-registry'; query.has('recursive'); await run('sign', scenario); await run('a');
      const kubectl = path.join(ROOT, '.tools/kubectl');`;
    expect([...programsStarted(sample)].sort()).toEqual([
      '.tools/kubectl',
      'buildah',
      'docker-registry',
      'openssl',
      'skopeo',
    ]);
  });

  it('every program a test, bench or demo starts is in the PROGRAMS table, with its Debian package', () => {
    const unlisted: string[] = [];
    for (const file of dirs.flatMap(sourceFiles)) {
      for (const program of programsStarted(readFileSync(file, 'utf8'))) {
        if (!BASE_SYSTEM.has(program) && !listed.has(program)) {
          unlisted.push(`${program} (${relative(ROOT, file)})`);
        }
      }
    }
    expect(unlisted, 'add these to PROGRAMS in scripts/setup, with their Debian package').toEqual([]);
  });

  it('every program of the table is installed here (scripts/setup ran)', () => {
    const absent = [...listed.keys()].filter((program) => {
      try {
        execFileSync(
          'bash',
          ['-c', `source <(sed -n '/^present()/,/^}/p' scripts/setup); present "$1"`, '_', program],
          {
            cwd: ROOT,
            stdio: 'ignore',
          },
        );
        return false;
      } catch {
        return true;
      }
    });
    expect(absent, 'run bash scripts/setup').toEqual([]);
  });
});
