import { buildStep } from './build/step.js';
import { contextStep } from './context/step.js';
import { copyStep } from './copy/step.js';
import type { Step } from './definition/step.js';
import { keygenStep } from './keygen/step.js';
import { promoteStep } from './promote/step.js';
import { signStep } from './sign/step.js';
import { verifyStep } from './verify/step.js';

/** Every step, in the order `slipway --help` lists them. */
export const allSteps: readonly Step[] = [
  buildStep,
  signStep,
  verifyStep,
  promoteStep,
  copyStep,
  keygenStep,
  contextStep,
];
