'use strict';
// A V8 code cache for the bundle's chunks (Node 20 has no module.enableCompileCache): a command compiles its
// chunks from cached bytecode instead of parsing and compiling their functions again on every start. The first
// run of a build writes the cache as it exits (the functions that run compiled by then); later runs read it.
//
// Where: $XDG_CACHE_HOME/slipway/code-cache (else ~/.cache/…), one directory per bundle content
// (dist/build-id, a sha256 the build writes), Node version and architecture. V8 refuses data made by another
// V8 or with other flags (`cachedDataRejected`), but compares a source only by its length: the build id is what
// keeps a rebuilt chunk from running another build's code. The directories are created private (0700) and
// used only while they stay ours and private; files are written whole under a temporary name, then renamed.
// Rejected or unreadable data is ignored and written anew; any failure leaves the command compiling as
// without a cache. SLIPWAY_CODE_CACHE=0 turns it off.

const fs = require('node:fs');
const path = require('node:path');
// The loader's Module, as this file's own module object holds it: require('node:module') would load Node's ESM
// loader and source-map support with it.
const Module = module.constructor;
const vm = require('node:vm');

const DIST = path.join(__dirname, '..', 'dist');
/** The chunks only: the entry is compiled before the CLI sets its V8 flags, so its data would never match. */
const CHUNK = /^\d+\.index\.cjs\.js$/;
/** A build's directory, as cacheDirectory names them. */
const BUILD_DIR = /^[0-9a-f]{32}-node/;
/** Other builds' directories kept when a new one is made: a few versions in use side by side keep theirs. */
const OTHER_BUILDS_KEPT = 3;

/** The cache directory of this bundle on this Node, or undefined when there is none to use. */
function cacheDirectory(env) {
  if (env.SLIPWAY_CODE_CACHE === '0') return undefined;
  const base =
    env.XDG_CACHE_HOME !== undefined && path.isAbsolute(env.XDG_CACHE_HOME)
      ? env.XDG_CACHE_HOME
      : env.HOME !== undefined && path.isAbsolute(env.HOME)
        ? path.join(env.HOME, '.cache')
        : undefined;
  if (base === undefined) return undefined;
  let buildId;
  try {
    buildId = fs.readFileSync(path.join(DIST, 'build-id'), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (!/^[0-9a-f]{64}$/.test(buildId)) return undefined;
  const root = path.join(base, 'slipway', 'code-cache');
  const dir = path.join(root, `${buildId.slice(0, 32)}-node${process.version}-${process.arch}`);
  return { levels: [path.dirname(root), root, dir], root, dir };
}

/** Ours and private: another user's directory, or one others may write to, is not read or written. */
function isPrivate(dir) {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isDirectory()) return false;
  const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
  return stat.uid === uid && (stat.mode & 0o077) === 0;
}

function writeCaches(where, produced) {
  try {
    // Each level is made private; one that exists already must be ours and private, or nothing is made in it.
    if (where.levels.some((level) => fs.existsSync(level) && !isPrivate(level))) return;
    const made = !fs.existsSync(where.dir);
    fs.mkdirSync(where.dir, { recursive: true, mode: 0o700 });
    if (!where.levels.every(isPrivate)) return;
    if (made) pruneOtherBuilds(where);
    for (const { file, script } of produced) {
      const temp = `${file}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
        fs.renameSync(temp, file);
      } catch {
        fs.rmSync(temp, { force: true });
      }
    }
  } catch {
    // No cache then: a read-only home, a full disk.
  }
}

/**
 * Every build writes a directory of its own, so a new one removes other builds' directories but the few most
 * recently written: without it every release (and, in development, every build) would leave one behind.
 */
function pruneOtherBuilds(where) {
  const others = fs
    .readdirSync(where.root)
    .filter((name) => BUILD_DIR.test(name) && path.join(where.root, name) !== where.dir)
    .map((name) => {
      const stat = fs.statSync(path.join(where.root, name), { throwIfNoEntry: false });
      return { name, mtimeMs: stat?.mtimeMs ?? 0 };
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { name } of others.slice(OTHER_BUILDS_KEPT)) {
    fs.rmSync(path.join(where.root, name), { recursive: true, force: true });
  }
}

/** Compiles the bundle's chunks through the cache; everything else as Node does. */
function installCodeCache(env) {
  const where = cacheDirectory(env);
  if (where === undefined) return;
  const readable = where.levels.every(isPrivate);
  const produced = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileCached(content, filename, ...rest) {
    const name = path.basename(filename);
    // Everything else, and anything Node would load as an ES module (`rest` holds the format on Node >= 20.19),
    // as Node compiles it.
    if (path.dirname(filename) !== DIST || !CHUNK.test(name) || rest[0] === 'module') {
      return compile.call(this, content, filename, ...rest);
    }
    const file = path.join(where.dir, `${name}.v8`);
    let cachedData;
    if (readable) {
      try {
        cachedData = fs.readFileSync(file);
      } catch {
        cachedData = undefined;
      }
    }
    // No importModuleDynamically: ncc turns every import() into its own chunk loading, and the main
    // context's loader would start Node's ESM loader for every command (test/startup.cli.test.ts).
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected === true) produced.push({ file, script });
    const run = script.runInThisContext({ displayErrors: true });
    const require = (id) => this.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    return run.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    if (produced.length > 0) writeCaches(where, produced);
  });
}

module.exports = { installCodeCache };
