import type { Workload } from '../model/workload.js';
import type { PlanOptions } from '../model/options.js';
import type { PlanVm } from '../model/plan-result.js';
import type { SizedWorkload } from '../sizing/size.js';
import { MEMORY_OVERHEAD } from '../defaults/memory.js';
import { cpuOverheadFactor, vmMemoryOverheadGiB } from './overhead.js';

const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

export interface VmDemand extends PlanVm {
  /** Average CPU demand on the host including overhead, GHz-cores (for energy). */
  cpuAvgDemandGhz: number;
}

/**
 * Overhead stage: CPU x factor[technique][class mix], memory + per-VM overhead (none with
 * technique `none`). Each VM carries a one-sentence explanation. Pure.
 */
export function applyOverhead(workloads: Workload[], sized: SizedWorkload[], o: PlanOptions): VmDemand[] {
  const virt = o.virtualization !== 'none';
  return workloads.map((w, i) => {
    const s = sized[i];
    const factor = cpuOverheadFactor(o.virtualization, w.workloadClass);
    const memoryOverheadGiB = virt ? vmMemoryOverheadGiB(o.hypervisor, w.cores, w.memoryGiB) : 0;
    const classes = w.workloadClass ? Object.entries(w.workloadClass).map(([c, x]) => `${c} ${Math.round(x! * 100)}%`).join(', ') : 'cpu (default)';
    return {
      id: w.id,
      host: null,
      cpuNativeGhz: round(s.cpuNativeGhz),
      cpuOverheadFactor: round(factor),
      cpuDemandGhz: round(s.cpuNativeGhz * factor),
      cpuAvgDemandGhz: round(s.cpuAvgNativeGhz * factor),
      memoryNativeGiB: round(s.memoryNativeGiB),
      memoryOverheadGiB: round(memoryOverheadGiB),
      memoryDemandGiB: round(s.memoryNativeGiB + memoryOverheadGiB),
      sizingBasis: s.basis,
      overheadExplanation: virt
        ? `${o.virtualization} on ${classes}: CPU x${round(factor, 3)}; ${o.hypervisor} memory overhead ${round(memoryOverheadGiB * 1024, 1)} MiB (${MEMORY_OVERHEAD[o.hypervisor].formula})`
        : 'no hypervisor: no CPU or memory overhead',
      assumed: s.assumed,
    };
  });
}
