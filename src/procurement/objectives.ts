/**
 * Procurement objectives for `--optimize` (see objective.ts for what each one costs per host):
 * `tco` (TCO over the horizon), `hosts` (fewest hosts), `power` (lowest IT power), `carbon`
 * (embodied plus operational CO2e over the horizon, carbon.ts).
 */
export const OPTIMIZE_OBJECTIVES = ['tco', 'hosts', 'power', 'carbon'] as const;
export type OptimizeObjective = (typeof OPTIMIZE_OBJECTIVES)[number];

export const OBJECTIVE_UNIT: Record<OptimizeObjective, string> = { tco: 'USD over the horizon', hosts: 'hosts', power: 'W (IT, after)', carbon: 'kg CO2e over the horizon (embodied + operational)' };

/** The unit of `--optimize power` with utilization time series: IT energy over the observed window. */
export const POWER_WINDOW_UNIT = 'kWh (IT, over the observed window)';
