export * from './reference.js';
export * from './registry/index.js';
export * from './store/index.js';
