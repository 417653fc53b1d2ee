import type { Workload } from '../model/workload.js';
import type { Issue } from '../model/issue.js';
import type { Assumption } from '../model/plan-result.js';
import { issue } from '../model/issue.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import type { UtilizationLoad } from './utilization.js';

/**
 * Joins utilization series to an inventory by id (exact match).
 * - With an inventory (--servers or --rvtools): each inventory workload gets its samples; those
 *   without any are listed (`data.no-samples`, warning) and sized as before from their summary
 *   columns; series with no inventory row are listed (`data.no-inventory`, warning) and left out
 *   of the plan, since their capacity is unknown.
 * - Without an inventory: every series becomes a workload. Capacity comes from the trace when it
 *   states it (Bitbrains), else from the defaults `vmCores` / `vmMemoryGiB` (--vm-cores,
 *   --vm-memory-gb), which are marked as assumed. PlanetLab and Bitbrains traces are of VMs
 *   (`isVirtual`: no physical server is retired per workload); a long CSV's ids are servers.
 */
export function joinUtilization(
  inventory: Workload[] | undefined,
  u: UtilizationLoad,
  defaults: { vmCores: number; vmMemoryGiB: number },
  label: string,
): { workloads: Workload[]; issues: Issue[]; assumptions: Assumption[]; noSamples: string[]; noInventory: string[] } {
  const issues: Issue[] = [];
  const assumptions: Assumption[] = [];
  if (inventory) {
    const byId = new Map(u.series.map((s) => [s.id, s]));
    const used = new Set<string>();
    const noSamples: string[] = [];
    const workloads = inventory.map((w) => {
      const s = byId.get(w.id);
      if (!s || s.samples.timestampsSec.length === 0) {
        noSamples.push(w.id);
        return w;
      }
      used.add(w.id);
      return { ...w, samples: s.samples };
    });
    const inventoryIds = new Set(inventory.map((w) => w.id));
    const noInventory = u.series.filter((s) => !inventoryIds.has(s.id)).map((s) => s.id);
    if (noSamples.length) issues.push(issue('data.no-samples', 'warning', { ids: noSamples }, { file: label }));
    if (noInventory.length) issues.push(issue('data.no-inventory', 'warning', { ids: noInventory }, { file: label }));
    return { workloads, issues, assumptions, noSamples, noInventory };
  }
  const virtual = u.format !== 'long';
  let defaultedCores = 0;
  let defaultedMemory = 0;
  const noSamples: string[] = [];
  const workloads = u.series.map((s) => {
    const assumed: string[] = [];
    const w: Workload = { id: s.id, source: s.source, cores: s.cores ?? defaults.vmCores, memoryGiB: s.memoryGiB ?? defaults.vmMemoryGiB, samples: s.samples };
    if (s.cpuGhz !== undefined) w.cpuGhz = s.cpuGhz;
    if (s.cores === undefined) {
      assumed.push('cores');
      defaultedCores++;
    }
    if (s.memoryGiB === undefined) {
      assumed.push('memory_gb');
      defaultedMemory++;
    }
    if (assumed.length) w.assumed = assumed;
    if (virtual) w.isVirtual = true;
    if (s.samples.timestampsSec.length === 0) noSamples.push(s.id);
    return w;
  });
  if (defaultedCores) {
    assumptions.push({ key: 'trace.vmCores', value: defaults.vmCores, unit: 'vCPU', source: defaults.vmCores === TRACE_DEFAULTS.vmCores.value ? TRACE_DEFAULTS.vmCores.source : 'set by --vm-cores' });
    issues.push(issue('data.assumed-value', 'info', { what: 'trace-cores', workloads: defaultedCores, vmCores: defaults.vmCores }, { file: label }));
  }
  if (defaultedMemory) {
    const hasMem = u.series.some((s) => s.samples.memoryUsedGiB);
    assumptions.push({ key: 'trace.vmMemoryGiB', value: defaults.vmMemoryGiB, unit: 'GiB', source: defaults.vmMemoryGiB === TRACE_DEFAULTS.vmMemoryGiB.value ? TRACE_DEFAULTS.vmMemoryGiB.source : 'set by --vm-memory-gb' });
    issues.push(issue('data.assumed-value', 'info', { what: 'trace-memory', workloads: defaultedMemory, vmMemoryGiB: defaults.vmMemoryGiB, memorySamples: hasMem }, { file: label }));
  }
  return { workloads, issues, assumptions, noSamples, noInventory: [] };
}
