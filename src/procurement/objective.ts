import type { HostModel } from '../model/host.js';
import type { PackingProblem } from '../packing/problem.js';
import type { ModelDefaults } from '../defaults/registry.js';
import { computeTco, tcoParams } from '../cost/tco.js';
import { powerAtUtilization } from '../energy/power-curve.js';
import { carbonPerHostKg } from './carbon.js';

/**
 * Procurement objectives for `--optimize`: what one host of each type costs the plan, so the
 * packing engine (which minimizes the sum of per-host costs, exactly where the size allows) picks
 * the mix that minimizes the objective.
 * - `tco`:   the host's own TCO over the horizon (capex inside the horizon, maintenance after the
 *            warranty, electricity at its expected utilization x PUE, facility per provisioned kW,
 *            licences), from the same `computeTco` that gives `summary.tco`; a reused server
 *            pays the source servers' maintenance (value x maintenance % x horizon) in the same
 *            computeTco, so the objective and summary.tco count the same things.
 * - `hosts`: 1 per host (fewest hosts).
 * - `power`: IT watts at the expected utilization (lowest power draw); with utilization time series,
 *            the host's IT energy over the observed window instead: its power curve at each
 *            interval's utilization, the estate's demand in that interval shared by the type's
 *            expected host count (energy/window.ts), so a type whose curve is steep where the
 *            estate spends its time costs what it draws.
 * - `carbon`: embodied + operational kg CO2e over the horizon (carbon.ts).
 */
export { OPTIMIZE_OBJECTIVES, OBJECTIVE_UNIT, type OptimizeObjective } from './objectives.js';
import type { OptimizeObjective } from './objectives.js';

/**
 * Expected average CPU utilization (0..1) of a host of type `k` if the whole estate ran on that
 * type alone: the average CPU demand over (the type's L1 host count x its raw CPU capacity).
 * O(items x dimensions).
 * @example 10 VMs of 4 avg GHz on hosts of 100 raw GHz needing 1 host each way → 0.4
 */
export function expectedUtilization(problem: PackingProblem, k: number, avgCpuDemandGhz: number, rawCpuGhz: number): number {
  const u = avgCpuDemandGhz / (expectedHosts(problem, k) * rawCpuGhz);
  return Number.isFinite(u) ? Math.min(1, Math.max(0, u)) : 0;
}

/**
 * Hosts of type `k` the whole estate needs by the continuous (L1) bound: the largest, over the
 * dimensions, of the summed demand over the type's capacity (items that fit it). At least 1.
 */
export function expectedHosts(problem: PackingProblem, k: number): number {
  const cap = problem.hostTypes[k].capacity;
  let hosts = 1;
  problem.dimensions.forEach((_, d) => {
    const sum = problem.items.reduce((s, it) => s + (it.demand[d] <= cap[d] + 1e-9 ? it.demand[d] : 0), 0);
    if (cap[d] > 0) hosts = Math.max(hosts, Math.ceil(sum / cap[d] - 1e-9));
  });
  return hosts;
}

/** Marks a host type made from a current physical server (`--reuse-existing`). */
export const isReused = (h: HostModel) => h.reusedFrom !== undefined;

/** The per-host objective of one host type at expected utilization `u`. */
export function perHostObjective(h: HostModel, u: number, objective: OptimizeObjective, model: ModelDefaults): number {
  if (objective === 'hosts') return 1;
  if (objective === 'carbon') return carbonPerHostKg(h, u, model);
  const watts = powerAtUtilization(h.powerCurveWatts, u);
  if (objective === 'power') return watts;
  const p = tcoParams(model);
  const t = computeTco(
    {
      after: { hosts: [{ type: h.type, count: 1, priceUsd: h.priceUsd, cores: h.cores, sockets: h.sockets ?? 2, provisionedWatts: h.powerCurveWatts[10] }], itPowerWatts: watts, leftPhysicalServers: 0, leftPhysicalProvisionedWatts: 0, keptServers: isReused(h) ? 1 : 0 },
      before: { servers: 0, itPowerWatts: 0, provisionedWatts: 0 },
    },
    p,
  );
  return t.totalUsd;
}
