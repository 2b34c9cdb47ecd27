export * from './context/step.js';
export * from './definition/inputs.js';
export * from './definition/step.js';
export * from './promote/step.js';
export { allSteps } from './registry.js';
export * from './runtime/action.js';
export * from './runtime/action-metadata.js';
export * from './runtime/cli.js';
