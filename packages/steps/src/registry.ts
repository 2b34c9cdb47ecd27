import { buildStep } from './build/step.js';
import { changedImagesStep } from './changed-images/step.js';
import { contextStep } from './context/step.js';
import { copyStep } from './copy/step.js';
import type { Step } from './definition/step.js';
import { historyStep } from './history/step.js';
import { keygenStep } from './keygen/step.js';
import { promoteStep } from './promote/step.js';
import { rollbackStep } from './rollback/step.js';
import { signStep } from './sign/step.js';
import { statusStep } from './status/step.js';
import { unpinStep } from './unpin/step.js';
import { verifyStep } from './verify/step.js';
import { waitStep } from './wait/step.js';

/** Every step, in the order `slipway --help` lists them. */
export const allSteps: readonly Step[] = [
  buildStep,
  signStep,
  verifyStep,
  promoteStep,
  waitStep,
  statusStep,
  historyStep,
  changedImagesStep,
  rollbackStep,
  unpinStep,
  copyStep,
  keygenStep,
  contextStep,
];
