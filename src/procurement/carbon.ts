import type { HostModel } from '../model/host.js';
import type { PlanHost, EnergySide } from '../model/plan-result.js';
import type { ModelDefaults } from '../defaults/registry.js';
import { powerAtUtilization } from '../energy/power-curve.js';

/**
 * `--optimize carbon`: the CO2e of a plan over the horizon, embodied plus operational.
 * - per host (what the packing engine minimizes, summed over the hosts it opens):
 *     embodied kg CO2e of one new host (0 for a kept server)
 *   + IT watts at the expected utilization x PUE x hours per year x horizon years / 1000
 *     x grid gCO2/kWh / 1000
 * - of a placement (what the procurement comparison reports): the embodied CO2e of its hosts plus
 *   its "after" CO2 per year (new hosts and servers left as they are, at PUE and grid intensity)
 *   x horizon years.
 * Units: kg CO2e. The same figures as `summary.carbon` (energy/carbon.ts), which counts the
 * embodied CO2e of the new hosts and the operational CO2e saved.
 */

/** Operational kg CO2e of `itWatts` drawn over the whole horizon, at the model's PUE and grid intensity. */
export function operationalKgCo2eOverHorizon(itWatts: number, model: ModelDefaults): number {
  return (itWatts * model.facility.pue * model.facility.hoursPerYear * model.cost.horizonYears * model.facility.gridGco2PerKwh) / 1e6;
}

/**
 * Per-host objective of `--optimize carbon`: embodied + operational kg CO2e over the horizon of one
 * host of type `h` at expected CPU utilization `u` (0..1).
 * @example a host of 1,500 kg embodied drawing 200 W, PUE 1.5, 8760 h, 5 years, 400 g/kWh
 *   → 1500 + 200 x 1.5 x 8760 x 5 x 400 / 1e6 = 1500 + 5256 = 6756 kg
 */
export function carbonPerHostKg(h: HostModel, u: number, model: ModelDefaults): number {
  return (h.embodiedKgCo2e ?? 0) + operationalKgCo2eOverHorizon(powerAtUtilization(h.powerCurveWatts, u), model);
}

/** Embodied kg CO2e of the hosts of a plan: each host's type's figure (kept servers: 0). */
export function embodiedKgCo2e(hosts: Pick<PlanHost, 'type'>[], hostModels: HostModel[]): number {
  const byType = new Map(hostModels.map((m) => [m.type, m.embodiedKgCo2e ?? 0]));
  return hosts.reduce((s, h) => s + (byType.get(h.type) ?? 0), 0);
}

/** The `carbon` objective of a placement: embodied of its hosts + its "after" CO2 per year x horizon years. */
export function carbonObjectiveValue(p: { hosts: Pick<PlanHost, 'type'>[]; energy: { after: EnergySide } }, hostModels: HostModel[], model: ModelDefaults): number {
  return embodiedKgCo2e(p.hosts, hostModels) + p.energy.after.annualCo2Kg * model.cost.horizonYears;
}
