'use strict';
// The bundle's entry. ncc writes a CommonJS bundle only for a .cjs entry, and an ES module bundle makes every
// command start Node's ESM loader and compile its chunks as ES modules: some 15-20 ms of CPU a start
// (bench/results/startup.md). The CLI itself is src/main.ts.
require('./main.ts');
