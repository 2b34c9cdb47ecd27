import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, type SourceKey, sourceKey } from '../src/index.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-reuse-'));
  dirs.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

async function repoWithService(): Promise<{ repo: string; context: string }> {
  const repo = await tempDir();
  const context = join(repo, 'svc');
  await mkdir(context);
  await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY a /a\n');
  await writeFile(join(context, 'a'), 'a\n');
  await writeFile(join(repo, '.gitignore'), 'dist/\n');
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'one');
  return { repo, context };
}

const keyed = (key: SourceKey) => {
  if (key.status !== 'keyed') throw new Error(`expected a key, got: ${key.reason}`);
  return key;
};

describe('sourceKey', () => {
  it('uses the git tree of a clean context, whatever else changes in the repository', async () => {
    const { repo, context } = await repoWithService();
    const options = { context, dockerfile: join(context, 'Dockerfile'), builder: 'buildah' as const };
    const first = keyed(await sourceKey(options));
    expect(first.source).toBe('git-tree');
    expect(first.sourceId).toBe(git(repo, 'rev-parse', 'HEAD:svc'));
    expect(first.tag).toBe(`src-${first.key.slice(0, 32)}`);
    await writeFile(join(repo, 'other.txt'), 'x');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'two');
    expect(keyed(await sourceKey(options)).key).toBe(first.key);
  });

  it('changes with the Dockerfile, build args, platforms, builder and target; not with their order', async () => {
    const { context } = await repoWithService();
    const base = { context, dockerfile: join(context, 'Dockerfile'), builder: 'buildah' as const };
    const key = async (extra: object) => keyed(await sourceKey({ ...base, ...extra })).key;
    const plain = await key({});
    const args = await key({ buildArgs: { A: '1', B: '2' } });
    expect(await key({ buildArgs: { B: '2', A: '1' } })).toBe(args);
    expect(args).not.toBe(plain);
    const platforms = await key({ platforms: ['linux/amd64', 'linux/arm64'] });
    expect(await key({ platforms: ['linux/arm64', 'linux/amd64'] })).toBe(platforms);
    expect(platforms).not.toBe(plain);
    expect(await key({ builder: 'buildx' })).not.toBe(plain);
    expect(await key({ target: 'runtime' })).not.toBe(plain);
    expect(await key({ extra: { labels: { a: 'b' } } })).not.toBe(plain);
    const other = join(context, 'Dockerfile.other');
    await writeFile(other, 'FROM scratch\nCOPY a /b\n');
    // The other Dockerfile is untracked: the context is dirty now.
    expect((await sourceKey({ ...base, dockerfile: other })).status).toBe('bypassed');
  });

  it('has no key for uncommitted changes, and says which files', async () => {
    const { context } = await repoWithService();
    await writeFile(join(context, 'a'), 'changed\n');
    await writeFile(join(context, 'new.txt'), 'new\n');
    const key = await sourceKey({ context, builder: 'files' });
    expect(key).toEqual({
      status: 'bypassed',
      reason: 'the build context has uncommitted changes (svc/a, svc/new.txt)',
    });
  });

  it('hashes the files when git-ignored ones are in the context', async () => {
    const { context } = await repoWithService();
    await mkdir(join(context, 'dist'));
    await writeFile(join(context, 'dist', 'bundle.js'), 'v1');
    const first = keyed(await sourceKey({ context, builder: 'files' }));
    expect(first.source).toBe('directory');
    await writeFile(join(context, 'dist', 'bundle.js'), 'v2');
    expect(keyed(await sourceKey({ context, builder: 'files' })).key).not.toBe(first.key);
  });

  it('hashes the files outside git, independent of their times', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a'), 'a');
    const first = keyed(await sourceKey({ context: dir, builder: 'files' }));
    expect(first.source).toBe('directory');
    await utimes(join(dir, 'a'), 12345, 12345);
    expect(keyed(await sourceKey({ context: dir, builder: 'files' })).key).toBe(first.key);
  });

  it('writes canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], u: undefined })).toBe(
      '{"a":[{"c":"x","d":null}],"b":1}',
    );
  });
});
