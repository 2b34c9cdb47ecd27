// Every step behind a loader, so a face can load the one step a command names and nothing else: a
// `slipway copy` then never loads git, GitHub, AWS or the builders. `registry.ts` holds the same steps
// loaded eagerly, for the action generator and tests; `surfaces.generated.ts` holds what help needs of
// them. A test keeps the three lists equal.

import type { Step } from './definition/step.js';

export type StepLoader = () => Promise<Step>;

/** Loaders by step name, in the order `slipway --help` lists the steps. */
export const stepLoaders: Readonly<Record<string, StepLoader>> = {
  build: async () => (await import('./build/step.js')).buildStep,
  sign: async () => (await import('./sign/step.js')).signStep,
  verify: async () => (await import('./verify/step.js')).verifyStep,
  promote: async () => (await import('./promote/step.js')).promoteStep,
  wait: async () => (await import('./wait/step.js')).waitStep,
  status: async () => (await import('./status/step.js')).statusStep,
  history: async () => (await import('./history/step.js')).historyStep,
  'changed-images': async () => (await import('./changed-images/step.js')).changedImagesStep,
  rollback: async () => (await import('./rollback/step.js')).rollbackStep,
  unpin: async () => (await import('./unpin/step.js')).unpinStep,
  copy: async () => (await import('./copy/step.js')).copyStep,
  keygen: async () => (await import('./keygen/step.js')).keygenStep,
  context: async () => (await import('./context/step.js')).contextStep,
};
