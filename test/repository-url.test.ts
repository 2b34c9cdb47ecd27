import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/slipway.js';

/**
 * The repository's address is written once, as `repository` in the root package.json; everything a release
 * publishes (the npm manifest, the README, the docs, the reusable workflows and templates, the examples) must
 * name the same owner and repository. Placeholders like `<owner>/slipway` or `*\/slipway` are not addresses
 * and are left alone.
 */
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  repository: { url: string };
  homepage: string;
  bugs: string;
  license: string;
};
const slug = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(root.repository.url)?.[1];

/** The files a user reads or runs from a release (dist/ bundles hold no addresses of their own). */
function publishedFiles(): string[] {
  const files: string[] = ['README.md', 'packages/cli/README.md', 'packages/cli/CHANGELOG.md'];
  const walk = (dir: string, keep: (name: string) => boolean): void => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path, keep);
      else if (keep(name)) files.push(path);
    }
  };
  walk('docs', (name) => name.endsWith('.md'));
  walk('.github/workflows', (name) => name.endsWith('.yml'));
  walk('workflows', () => true);
  walk('examples', () => true);
  walk('actions', (name) => name === 'action.yml');
  walk('.changeset', (name) => name.endsWith('.md'));
  return files;
}

/** `uses: OWNER/slipway/actions/…`, `OWNER/slipway/.github/workflows/…`, `github.com/OWNER/slipway` (also regex-escaped). */
const ADDRESS =
  /(?:github(?:\.|\\\.)com\/|uses:\s*)([\w.-]+\/slipway)\b|\b([\w.-]+\/slipway)(?=\/(?:actions|\.github|\\\.github)\/)/g;

describe('the repository address', () => {
  it('is set once, in the root package.json, with its homepage and issues', () => {
    expect(slug).toBe('slipway-dev/slipway');
    expect(root.homepage).toBe(`https://github.com/${slug}#readme`);
    expect(root.bugs).toBe(`https://github.com/${slug}/issues`);
  });

  it('is the one every package manifest names, with the licence', () => {
    const manifests = readdirSync(join(ROOT, 'packages')).map((name) => ({
      name,
      json: JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as {
        private?: boolean;
        license?: string;
        repository?: { url: string; directory?: string };
        homepage?: string;
        bugs?: string;
      },
    }));
    const published = manifests.filter((m) => m.json.private !== true);
    expect(published.map((m) => m.name)).toEqual(['cli']);
    for (const { name, json } of published) {
      expect(json.license, name).toBe(root.license);
      expect(json.repository, name).toEqual({
        type: 'git',
        url: root.repository.url,
        directory: `packages/${name}`,
      });
      expect(json.homepage, name).toBe(root.homepage);
      expect(json.bugs, name).toBe(root.bugs);
    }
    for (const { name, json } of manifests) {
      if (json.repository !== undefined) expect(json.repository.url, name).toBe(root.repository.url);
    }
    expect(root.license).toBe('Apache-2.0');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(
      /^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\/\s+TERMS AND CONDITIONS/,
    );
  });

  it('is the one every published doc, badge, workflow, template and example names', () => {
    const seen = new Map<string, string[]>();
    for (const file of publishedFiles()) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, `${file} names the old placeholder`).not.toMatch(/acme\/slipway/);
      for (const match of text.matchAll(ADDRESS)) {
        const named = match[1] ?? match[2] ?? '';
        seen.set(named, [...(seen.get(named) ?? []), relative(ROOT, join(ROOT, file))]);
      }
    }
    const others = [...seen].filter(([named]) => named !== slug);
    expect(others).toEqual([]);
    // The scan reads what it should: the README's badges and quick start, the docs and the workflows.
    const files = new Set(seen.get(slug ?? ''));
    for (const file of [
      'README.md',
      'docs/releasing.md',
      'docs/github-actions.md',
      '.github/workflows/build-sign-promote-ecr.yml',
      'workflows/github/app-pipeline.yml',
      'examples/config-repo/.slipway.yaml',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(
      `](https://github.com/${slug}/actions/workflows/ci.yml)`,
    );
  });
});
