export * from './reference.js';
export * from './registry/index.js';
