export * from './changes.js';
export * from './entry.js';
export * from './read.js';
export * from './status.js';
