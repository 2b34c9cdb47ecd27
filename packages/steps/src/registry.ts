import { contextStep } from './context/step.js';
import type { Step } from './definition/step.js';
import { promoteStep } from './promote/step.js';

/** Every step, in the order `slipway --help` lists them. */
export const allSteps: readonly Step[] = [promoteStep, contextStep];
