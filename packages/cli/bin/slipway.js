#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), like the bundle: `--version` is answered here before anything else loads,
// and no command pays for Node's ESM loader (some 8 ms before an ES module's first line runs).
const [command] = process.argv.slice(2);
if (command === '--version' || command === '-v') {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('./code-cache.js').installCodeCache(process.env);
  require('../dist/index.js');
}
