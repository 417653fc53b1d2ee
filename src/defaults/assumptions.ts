import type { PlanOptions } from '../model/options.js';
import type { HostModel } from '../model/host.js';
import type { Workload } from '../model/workload.js';
import { WORKLOAD_CLASSES } from '../model/workload.js';
import type { Assumption } from '../model/plan-result.js';
import { BUILTIN_HOSTS } from './catalog.js';
import { listDefaults, resolveDefaults, type ResolvedDefaults } from './registry.js';
import { normalizeCpu } from '../sizing/normalize.js';
import { round } from '../util/round.js';

/**
 * The assumptions in force for a plan: the registry entries (defaults/registry.ts, the same list
 * `consolidate defaults` prints) that this plan used, in registry order, with their values and
 * sources; then host types read from a catalog file, which carry their file:line as the source.
 * `keys` are extra registry keys a stage reported as used (e.g. sizing.peakFactor).
 */
export function collectAssumptions(o: PlanOptions, keys: Set<string>, hostModels: HostModel[], resolved: ResolvedDefaults = resolveDefaults(o), workloads: Workload[] = []): Assumption[] {
  const m = resolved.model;
  const want = new Set<string>(keys);
  const add = (...k: string[]) => k.forEach((x) => want.add(x));
  add('plan.virtualization', 'plan.cpuNormalization', 'cpu.referenceModel', 'headroom.cpuTarget', 'headroom.memoryTarget');
  const classes = new Set<string>();
  for (const w of workloads) {
    const mix = w.workloadClass && Object.keys(w.workloadClass).length ? w.workloadClass : { cpu: 1 };
    for (const c of WORKLOAD_CLASSES) if ((mix[c] ?? 0) > 0) classes.add(c);
  }
  if (workloads.length === 0) classes.add('cpu');
  for (const c of WORKLOAD_CLASSES) if (classes.has(c)) add(`overhead.cpu.${o.virtualization}.${c}`);
  if (o.virtualization !== 'none') {
    add('plan.hypervisor');
    for (const k of ['fixedMiB', 'perVcpuMiB', 'perConfiguredFraction']) add(`overhead.memory.${o.hypervisor}.${k}`);
    for (const k of ['memoryMinGiB', 'memoryFraction', 'memoryFixedGiB', 'cpuCores', 'cpuFraction']) add(`reserve.${o.hypervisor}.${k}`);
    if (m.hostedIo[o.hypervisor] && classes.has('io')) add(`overhead.hostedIo.${o.hypervisor}.factor`);
  }
  if (want.has('sizing.statistic') && o.profileBuckets > 0) add('sizing.profileBuckets');
  if (want.has('sizing.growth')) add('cost.horizonYears');
  add('facility.pue', 'facility.usdPerKwh', 'facility.gridGco2PerKwh', 'facility.usdPerKwMonth', 'facility.hoursPerYear');
  add('cost.horizonYears', 'cost.amortizationYears', 'cost.warrantyYears', 'cost.maintenancePctPerYear', 'cost.sourceServerValueUsd', 'cost.avoidedRefresh', 'licence.model');
  if (m.cost.avoidedRefresh) add('cost.refreshUsdPerServer');
  if (m.licence !== 'none') for (const k of ['usdPerUnit', 'minCoresPerCpu', 'minCoresPerServer', 'minCoresPerOrder']) add(`licence.${m.licence}.${k}`);
  if (want.has('power.sourceProfile')) add(`host.${m.plan.sourceProfile}.powerCurveWatts`);
  const fromCatalog: Assumption[] = [];
  for (const h of hostModels) {
    add(normalizeCpu(h.cores, h.cpuGhz, h.cpuModel, m).key);
    const builtin = BUILTIN_HOSTS.some((b) => b.type === h.type && b.source === h.source);
    if (builtin) {
      add(`host.${h.type}.powerCurveWatts`, `host.${h.type}.memoryGiB`);
      if (o.hostPriceUsd === undefined) add(`host.${h.type}.priceUsd`);
    }
    if (!builtin || o.hostPriceUsd !== undefined) {
      fromCatalog.push({ key: `host.${h.type}.priceUsd`, value: h.priceUsd, unit: 'USD', source: o.hostPriceUsd !== undefined ? 'Set by option hostPriceUsd (--host-price-usd)' : `host catalog ${h.source ?? ''}`.trim() });
      if (!builtin) fromCatalog.push({ key: `host.${h.type}.powerCurveWatts`, value: h.powerCurveWatts.map((x) => round(x, 3)), unit: 'W at 0%,10%,...,100% CPU', source: `host catalog ${h.source ?? ''}`.trim() });
    }
  }
  return [...listDefaults(resolved).filter((e) => want.has(e.key)), ...fromCatalog];
}

/**
 * Adds the assumptions a loader reported (e.g. trace.vmCores for PlanetLab files) after the plan's
 * own, once per key; a key of the registry takes the registry entry, so value and source are the
 * ones `consolidate defaults` prints.
 */
export function mergeAssumptions(own: Assumption[], fromInput: Assumption[], resolved: ResolvedDefaults): Assumption[] {
  const reg = new Map(listDefaults(resolved).map((e) => [e.key, e]));
  const seen = new Set(own.map((a) => a.key));
  const out = [...own];
  for (const a of fromInput) {
    if (seen.has(a.key)) continue;
    seen.add(a.key);
    out.push(reg.get(a.key) ?? a);
  }
  return out;
}
