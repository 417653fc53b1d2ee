/**
 * Defaults of the overload-risk search (`--overload-risk`, risk/search.ts) and of the risk-energy
 * curve (`--risk-curve`): docs/models.md#overload-risk. Evidence tags: docs/models.md#evidence-tags.
 */
export const RISK_DEFAULTS = {
  minPercent: { value: 10, unit: '% of CPU for VMs', source: 'Our choice [I]: the lowest CPU target the search tries; below it a plan is mostly idle hosts; docs/models.md#overload-risk' },
  maxPercent: { value: 200, unit: '% of CPU for VMs', source: 'Our choice [I]: the highest CPU target the search tries (twice the hardware; the replay check, not this bound, limits it in practice); docs/models.md#overload-risk' },
  stepFactor: { value: 1.25, unit: 'x per step', source: 'Our choice [I]: the target moves by 25% per step until the risk is bracketed; docs/models.md#overload-risk' },
  tolerancePercent: { value: 1, unit: 'percentage points', source: 'Our choice [I]: bisection stops when the bracket is 1 point wide (about one VM in a hundred on a host); docs/models.md#overload-risk' },
  resolutionPercent: { value: 0.25, unit: 'percentage points', source: 'Our choice [I]: targets are rounded to a quarter point, so searches share packings; docs/models.md#overload-risk' },
  maxEvaluations: { value: 10, unit: 'packings per search', source: 'Our choice [I]: bracketing from the start target takes 1-6 packings, bisection to 1 point about 4 more; docs/models.md#overload-risk' },
  curveLevelsPercent: { value: [0, 0.5, 1, 2, 5], unit: '% of active host time', source: 'Our choice [I]: the risk levels of --risk-curve, from none to one interval in twenty; docs/models.md#overload-risk' },
} as const;

/** The search settings as plain numbers. */
export function riskSearchSettings() {
  return {
    minPercent: RISK_DEFAULTS.minPercent.value,
    maxPercent: RISK_DEFAULTS.maxPercent.value,
    stepFactor: RISK_DEFAULTS.stepFactor.value,
    tolerancePercent: RISK_DEFAULTS.tolerancePercent.value,
    resolutionPercent: RISK_DEFAULTS.resolutionPercent.value,
    maxEvaluations: RISK_DEFAULTS.maxEvaluations.value,
  };
}
