import { DEFAULT_TIME_LIMIT_SECONDS } from '../packing/index.js';

/** Defaults of how a plan runs: its packing time budget and its N+ha reserve. */
export const PLAN_RUN_DEFAULTS = {
  timeLimitSeconds: {
    value: DEFAULT_TIME_LIMIT_SECONDS,
    unit: 's',
    source: "The packing engine's default budget (packing/index.ts); a plan's stages share it (the plan and each counterfactual get equal parts)",
  },
  haFailures: {
    value: 0,
    unit: 'host failures',
    source: 'No spare capacity unless asked (--ha N) [I]',
  },
} as const;
