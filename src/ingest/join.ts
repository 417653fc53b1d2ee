import type { Workload } from '../model/workload.js';
import type { Issue } from '../model/issue.js';
import type { Assumption } from '../model/plan-result.js';
import { issue } from '../model/issue.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { VIRTUAL_TRACE_FORMATS, type TracedWorkload, type UtilizationLoad } from './utilization.js';
import type { WorkloadSamples } from '../model/workload.js';

/**
 * The samples of a series for a server with `installedGiB` of memory: available memory
 * (perfmon, sysstat kbavail) becomes memory used = installed - available, at least 0.
 */
function withUsedMemory(s: TracedWorkload, installedGiB: number | undefined): WorkloadSamples {
  if (!s.memoryAvailableGiB || installedGiB === undefined || s.samples.memoryUsedGiB) return s.samples;
  const a = s.memoryAvailableGiB;
  const used = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) used[i] = Number.isNaN(a[i]) ? Number.NaN : Math.max(0, installedGiB - a[i]);
  // A sketch of available memory is read against the installed memory when sized (sizing/samples.ts).
  const sketch = s.samples.sketch?.memoryAvailable ? { ...s.samples.sketch, installedGiB } : s.samples.sketch;
  return { ...s.samples, memoryUsedGiB: used, ...(sketch ? { sketch } : {}) };
}

/**
 * Joins utilization series to an inventory by id: exact match first, then ignoring case (host
 * names are case-insensitive; such pairs are listed, `data.id-case`). Available-memory samples
 * become memory used against the installed memory (`data.available-memory`).
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
  const availIds: string[] = [];
  const availUnknown: string[] = [];
  const samplesOf = (s: TracedWorkload, id: string, installedGiB: number | undefined): WorkloadSamples => {
    if (s.memoryAvailableGiB && !s.samples.memoryUsedGiB) (installedGiB === undefined ? availUnknown : availIds).push(id);
    return withUsedMemory(s, installedGiB);
  };
  const noteAvailable = () => {
    if (availIds.length || availUnknown.length) issues.push(issue('data.available-memory', availUnknown.length ? 'warning' : 'info', { ids: availIds, withoutInstalled: availUnknown }, { file: label }));
  };
  if (inventory) {
    const byId = new Map(u.series.map((s) => [s.id, s]));
    const byLower = new Map<string, TracedWorkload | null>();
    for (const s of u.series) {
      const k = s.id.toLowerCase();
      byLower.set(k, byLower.has(k) ? null : s);
    }
    const inventoryIds = new Set(inventory.map((w) => w.id));
    const joined = new Set<string>();
    const pairs: { inventory: string; samples: string }[] = [];
    const noSamples: string[] = [];
    const workloads = inventory.map((w) => {
      let s = byId.get(w.id);
      if (!s) {
        // Ignoring case, when exactly one series matches and it is not another inventory row's own.
        const c = byLower.get(w.id.toLowerCase());
        if (c && !inventoryIds.has(c.id)) {
          s = c;
          pairs.push({ inventory: w.id, samples: c.id });
        }
      }
      if (s) joined.add(s.id);
      if (!s || s.samples.timestampsSec.length === 0) {
        noSamples.push(w.id);
        return w;
      }
      return { ...w, samples: samplesOf(s, w.id, w.memoryGiB) };
    });
    const noInventory = u.series.filter((s) => !joined.has(s.id)).map((s) => s.id);
    if (pairs.length) issues.push(issue('data.id-case', 'info', { pairs }, { file: label }));
    if (noSamples.length) issues.push(issue('data.no-samples', 'warning', { ids: noSamples }, { file: label }));
    if (noInventory.length) issues.push(issue('data.no-inventory', 'warning', { ids: noInventory }, { file: label }));
    noteAvailable();
    return { workloads, issues, assumptions, noSamples, noInventory };
  }
  const virtual = VIRTUAL_TRACE_FORMATS.includes(u.format);
  let defaultedCores = 0;
  let defaultedMemory = 0;
  const noSamples: string[] = [];
  const workloads = u.series.map((s) => {
    const assumed: string[] = [];
    const w: Workload = { id: s.id, source: s.source, cores: s.cores ?? defaults.vmCores, memoryGiB: s.memoryGiB ?? defaults.vmMemoryGiB, samples: samplesOf(s, s.id, s.memoryGiB) };
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
  noteAvailable();
  return { workloads, issues, assumptions, noSamples, noInventory: [] };
}
