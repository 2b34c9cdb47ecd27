import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer } from './support/registry.js';
import { CLI_BUNDLE, ROOT, runNode } from './support/slipway.js';

// What a start costs is measured by bench/startup; these tests hold the structure that keeps it low: which of
// Node's own modules a command has loaded by a given moment (no timings).

/** What npm links `slipway` to. */
const CLI_BIN = join(ROOT, 'packages/cli/bin/slipway.js');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-startup-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A preload that writes the built-in modules loaded so far to `file` at exit. */
async function builtinsAtExit(file: string): Promise<string> {
  const preload = join(dir, 'builtins-at-exit.mjs');
  await writeFile(
    preload,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(file)}, process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join('\\n')));\n`,
  );
  return preload;
}

/**
 * A CommonJS preload (an ESM one would start the ESM loader itself) that writes every module Node has loaded
 * so far, its own included (`NativeModule fs`, `NativeModule internal/modules/esm/loader`), to `file` at exit.
 */
async function modulesAtExit(file: string): Promise<string> {
  const preload = join(dir, `modules-at-exit-${file.replace(/\W/g, '_')}.cjs`);
  await writeFile(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(file)}, process.moduleLoadList.join('\\n')));\n`,
  );
  return preload;
}

/**
 * A CommonJS preload that writes the built-in modules loaded by the moment the process starts its first HTTP
 * request (Node's `http.client.request.start` diagnostics channel) to `file`.
 */
async function builtinsAtFirstRequest(file: string): Promise<string> {
  const preload = join(dir, 'builtins-at-first-request.cjs');
  await writeFile(
    preload,
    `const { subscribe, unsubscribe } = require('node:diagnostics_channel');\nconst onRequest = () => {\n  unsubscribe('http.client.request.start', onRequest);\n  require('node:fs').writeFileSync(${JSON.stringify(file)}, process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join('\\n'));\n};\nsubscribe('http.client.request.start', onRequest);\n`,
  );
  return preload;
}

/**
 * A CommonJS preload that notes, as each child process is created, which of the bundle's chunks and which of
 * Node's built-in modules are loaded by then, and writes at exit those noted for the first `git ls-remote` or
 * `git fetch` (the first command that talks to the config repo), every git command started before it, and
 * what was loaded at exit. The `child_process` diagnostics channel fires as the child is made, before it runs.
 */
async function loadedAtFirstListing(file: string): Promise<string> {
  const preload = join(dir, 'loaded-at-first-listing.cjs');
  await writeFile(
    preload,
    `const { subscribe } = require('node:diagnostics_channel');
const { writeFileSync } = require('node:fs');
const dist = ${JSON.stringify(join(ROOT, 'packages/cli/dist/'))};
const loaded = () => ({
  chunks: Object.keys(require.cache).filter((f) => f.startsWith(dist) && /\\d+\\.index\\.cjs\\.js$/.test(f)),
  builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
});
const before = [];
let listing;
subscribe('child_process', ({ process: child }) => {
  const now = loaded();
  process.nextTick(() => {
    const argv = child.spawnargs ?? [];
    if (listing !== undefined || argv[0] !== 'git') return;
    if (argv[1] === 'ls-remote' || argv[1] === 'fetch') listing = { argv, ...now };
    else before.push(argv.slice(0, 2).join(' '));
  });
});
process.on('exit', () => writeFileSync(${JSON.stringify(file)}, JSON.stringify({ listing, before, exit: loaded() })));
`,
  );
  return preload;
}

/** Code each of which is in the bundle's chunks once (ncc does not minify), for telling which are loaded. */
const PROMOTION_CODE = {
  'the promotion (gitops promote())': 'async function promote(',
  'the manifest planner (gitops manifest/)': 'function editFile(',
  'the YAML library': 'class YAMLMap',
  'the registry client (oci registry/)': 'class RegistryClient',
} as const;

/** Which of PROMOTION_CODE the given chunk files hold. */
async function promotionCodeIn(chunks: readonly string[]): Promise<string[]> {
  const texts = await Promise.all(chunks.map((chunk) => readFile(chunk, 'utf8')));
  return Object.entries(PROMOTION_CODE)
    .filter(([, code]) => texts.some((text) => text.includes(code)))
    .map(([what]) => what);
}

describe('slipway start-up', () => {
  it('answers --version without loading the CLI runtime (no child_process, crypto, v8 or os module)', async () => {
    const file = join(dir, 'version.txt');
    const result = await runNode(['--import', await builtinsAtExit(file), CLI_BUNDLE, '--version']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const loaded = (await readFile(file, 'utf8')).split('\n');
    expect(loaded).toContain('fs'); // the list is real: the preload itself loaded fs
    for (const heavy of ['child_process', 'crypto', 'v8', 'os', 'fs/promises', 'http']) {
      expect(loaded, heavy).not.toContain(heavy);
    }
  });

  it('answers --version from the bin and package.json alone: no bundle, no ESM loader', async () => {
    // The published layout without dist/: a version answered by the bin itself cannot depend on it.
    const pkg = join(dir, 'package');
    await cp(join(ROOT, 'packages/cli/bin'), join(pkg, 'bin'), { recursive: true });
    await cp(join(ROOT, 'packages/cli/package.json'), join(pkg, 'package.json'));
    const file = join(dir, 'bin-version.txt');
    const result = await runNode([
      '--require',
      await modulesAtExit(file),
      join(pkg, 'bin/slipway.js'),
      '--version',
    ]);
    expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
    const { version } = JSON.parse(await readFile(join(ROOT, 'packages/cli/package.json'), 'utf8')) as {
      version: string;
    };
    expect(result.stdout).toBe(`${version}\n`);
    const loaded = (await readFile(file, 'utf8')).split('\n');
    expect(loaded).toContain('NativeModule fs');
    expect(loaded).not.toContain('NativeModule internal/modules/esm/loader');
  });

  it('prints every command help without loading a step or what runs one (no child_process, crypto, http or zlib)', async () => {
    for (const command of ['copy', 'promote', 'build', 'sign', 'status']) {
      const file = join(dir, `${command}-help.txt`);
      const result = await runNode(['--import', await builtinsAtExit(file), CLI_BIN, command, '--help']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Usage: slipway ${command}`);
      const loaded = (await readFile(file, 'utf8')).split('\n');
      expect(loaded).toContain('fs');
      for (const heavy of ['child_process', 'crypto', 'http', 'https', 'zlib', 'os']) {
        expect(loaded, `${command} --help loaded ${heavy}`).not.toContain(heavy);
      }
    }
  });

  it('runs a command without the ESM loader of Node: the bin and the bundle are CommonJS', async () => {
    const file = join(dir, 'copy-run.txt');
    const missing = join(dir, 'no-such-layout');
    const result = await runNode([
      '--require',
      await modulesAtExit(file),
      CLI_BIN,
      'copy',
      `oci:${missing}`,
      `oci:${missing}-copy`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('slipway copy: error:');
    const loaded = (await readFile(file, 'utf8')).split('\n');
    expect(loaded).toContain('NativeModule fs');
    expect(loaded).not.toContain('NativeModule internal/modules/esm/loader');
  });

  it('copy sends its first registry request before loading child_process, crypto, fs/promises or os', async () => {
    // Those serve a credential helper, the docker config (read after a 401) and hashing (of an answer): none
    // is needed to ask the registry its first question.
    let requests = 0;
    const server = await startLoopbackServer((request, response) => {
      requests += 1;
      request.resume();
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"not here"}]}');
    });
    try {
      const file = join(dir, 'copy-first-request.txt');
      const result = await runNode([
        '--require',
        await builtinsAtFirstRequest(file),
        CLI_BIN,
        'copy',
        `${server.host}/startup/app:v1`,
        `${server.host}/startup/copy:v1`,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('not found');
      expect(requests).toBeGreaterThan(0);
      const loaded = (await readFile(file, 'utf8')).split('\n');
      expect(loaded).toContain('http'); // the list is real: the request itself needed http
      for (const deferred of ['child_process', 'crypto', 'fs/promises', 'os']) {
        expect(loaded, `copy loaded ${deferred} before its first request`).not.toContain(deferred);
      }
    } finally {
      await server.stop();
    }
  });

  // What the first request needs is the step's flags and a listing of the config repo: the rest of the
  // promotion loads while the listing is on the wire. Without --path the listing is `ls-remote`, which needs no
  // repository, so the temporary repository's `git init` runs beside it; under --path it is the fetch that
  // lists (packet-trace.ts), which needs the repository, so `git init` alone comes first.
  for (const [variant, flags, first, before] of [
    ['', [], ['git', 'ls-remote', '--symref'], []],
    [' --path', ['--path', 'apps/cart'], ['git', 'fetch', '--depth=1'], ['git init']],
  ] as const) {
    it(`promote${variant} starts its first git request before loading the promotion (planner, YAML, registry client), crypto, http or fs/promises`, async () => {
      let requests = 0;
      const server = await startLoopbackServer((request, response) => {
        requests += 1;
        request.resume();
        response.writeHead(404);
        response.end('not here');
      });
      try {
        const file = join(dir, `promote${variant.trim()}-first-listing.json`);
        const result = await runNode([
          '--require',
          await loadedAtFirstListing(file),
          CLI_BIN,
          'promote',
          '--config-repo',
          `${server.url}/config.git`,
          '--env',
          'dev',
          ...flags,
          '--image',
          `registry.example.com/shop/cart:1.0.0@sha256:${'a'.repeat(64)}`,
        ]);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('reading the default branch failed');
        expect(requests).toBeGreaterThan(0);
        const seen = JSON.parse(await readFile(file, 'utf8')) as {
          listing?: { argv: string[]; chunks: string[]; builtins: string[] };
          before: string[];
          exit: { chunks: string[]; builtins: string[] };
        };
        expect(seen.listing?.argv.slice(0, 3)).toEqual(first);
        // The lists are real: the whole promotion was loaded by the end (while the listing ran).
        expect(await promotionCodeIn(seen.exit.chunks)).toEqual(Object.keys(PROMOTION_CODE));
        expect(seen.exit.builtins).toContain('child_process');
        const listing = seen.listing ?? { chunks: [], builtins: [] };
        expect(await promotionCodeIn(listing.chunks), 'loaded before the first listing').toEqual([]);
        for (const deferred of ['crypto', 'http', 'https', 'zlib', 'fs/promises']) {
          expect(listing.builtins, `promote loaded ${deferred} before its first listing`).not.toContain(
            deferred,
          );
        }
        expect(seen.before).toEqual(before);
      } finally {
        await server.stop();
      }
    });
  }
});
