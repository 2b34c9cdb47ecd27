#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), not ESM: `--version` is answered here before anything else loads, and an
// ESM entry costs Node's ESM loader (some 8 ms) before its first line runs. The bundle is ESM; every other
// command imports it.
const [command] = process.argv.slice(2);
if (command === '--version' || command === '-v') {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  import('../dist/index.js');
}
