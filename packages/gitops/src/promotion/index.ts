export * from './backoff.js';
export * from './config-files.js';
export * from './message.js';
export * from './pins.js';
export * from './promote.js';
export * from './pull-request.js';
export * from './target.js';
export * from './transport.js';
