export * from './git/index.js';
export * from './history/index.js';
export * from './limits.js';
export * from './manifest/index.js';
export * from './promotion/index.js';
export * from './web-links.js';
