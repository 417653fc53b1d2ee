import type { LicenceModel, LicenceRule } from '../defaults/cost.js';

/** Hosts of one type, as a licence counts them. */
export interface LicensedHostGroup {
  count: number;
  cores: number;
  sockets: number;
}

export interface LicenceCount {
  model: LicenceModel;
  metric: LicenceRule['metric'];
  /** Cores licensed after the per-CPU, per-server and per-order minimums (core metrics). */
  licensedCores: number;
  /** Physical cores actually present. */
  physicalCores: number;
  /** Socket pairs licensed (socket-pair metric). */
  socketPairs: number;
  /** Licence units (cores or socket pairs) the price applies to. */
  units: number;
}

/**
 * Counts licence units for a set of hosts (docs/models.md#licences):
 * - per-core metrics: per host max(minCoresPerServer, sockets x max(minCoresPerCpu, cores/socket)),
 *   summed, then at least minCoresPerOrder (VCF/VVF: 16 per CPU, 72 per order; Windows: 8 per
 *   CPU, 16 per server).
 * - per-socket-pair: ceil(sockets / 2) per host (RHEL for Virtual Datacenters).
 * @example countLicences('vmware-vcf', rule, [{ count: 1, cores: 16, sockets: 2 }]).licensedCores === 72
 *   (2 CPUs x 16 = 32, raised to the 72-core order minimum)
 */
export function countLicences(model: LicenceModel, rule: LicenceRule, hosts: readonly LicensedHostGroup[]): LicenceCount {
  let licensed = 0;
  let physical = 0;
  let pairs = 0;
  for (const h of hosts) {
    if (h.count <= 0) continue;
    const sockets = Math.max(1, h.sockets);
    physical += h.count * h.cores;
    const perHost = Math.max(rule.minCoresPerServer, sockets * Math.max(rule.minCoresPerCpu, Math.ceil(h.cores / sockets)));
    licensed += h.count * perHost;
    pairs += h.count * Math.ceil(sockets / 2);
  }
  if (licensed > 0) licensed = Math.max(rule.minCoresPerOrder, licensed);
  const units = rule.metric === 'per-socket-pair-year' ? pairs : rule.metric === 'none' ? 0 : licensed;
  return { model, metric: rule.metric, licensedCores: rule.metric === 'per-core-year' || rule.metric === 'per-core-perpetual' ? licensed : 0, physicalCores: physical, socketPairs: rule.metric === 'per-socket-pair-year' ? pairs : 0, units };
}

/** Licence cost split into one-off (perpetual) and per-year (subscription) parts, USD. */
export function licenceCost(rule: LicenceRule, c: LicenceCount): { oneOffUsd: number; perYearUsd: number } {
  if (rule.metric === 'per-core-perpetual') return { oneOffUsd: c.units * rule.usdPerUnit, perYearUsd: 0 };
  if (rule.metric === 'none') return { oneOffUsd: 0, perYearUsd: 0 };
  return { oneOffUsd: 0, perYearUsd: c.units * rule.usdPerUnit };
}
