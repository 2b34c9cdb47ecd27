export * from './context.js';
export * from './github-reporter.js';
export * from './reporter.js';
export * from './terminal-reporter.js';
