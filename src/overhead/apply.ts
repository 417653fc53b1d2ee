import type { Workload } from '../model/workload.js';
import { WORKLOAD_CLASSES } from '../model/workload.js';
import type { PlanOptions } from '../model/options.js';
import type { PlanVm, SizingTrail } from '../model/plan-result.js';
import type { SizedWorkload } from '../sizing/size.js';
import { defaultModel, type ModelDefaults } from '../defaults/registry.js';
import { cpuOverheadFactor, vmMemoryOverheadGiB, hostedIoFactor } from './overhead.js';
import { runSync, mapSteps, type Steps } from '../util/cooperate.js';
import { round } from '../util/round.js';

const r3 = (x: number) => String(round(x, 3));

export interface VmDemand extends PlanVm {
  /** Average CPU demand on the host including overhead, reference GHz-cores (for energy). */
  cpuAvgDemandGhz: number;
  /** Host CPU demand per unit of source utilization: source capacity x overhead factor (for time series). */
  cpuDemandPerUtilGhz: number;
}

/** Short form of each technique for per-VM explanations. */
const WHY: Record<string, string> = {
  emulation: 'every guest instruction is translated in software and every memory access goes through a software TLB',
  'binary-translation': 'kernel code is rewritten on the fly; syscalls, page-table updates and emulated devices are expensive',
  paravirtual: 'the guest kernel makes hypercalls instead of privileged instructions',
  'hw-assist': 'VT-x/AMD-V run the guest kernel natively in non-root mode, but page tables are shadowed in software',
  'hw-assist-ept': 'VT-x/AMD-V with EPT/NPT: the guest kernel runs natively and the MMU walks nested page tables in hardware',
};

/**
 * Overhead stage: CPU x factor[technique][class mix], memory + per-VM overhead (none with
 * technique `none`). Each VM carries an explanation that shows the arithmetic. Pure.
 */
export function applyOverhead(workloads: Workload[], sized: SizedWorkload[], o: PlanOptions, model: ModelDefaults = defaultModel()): VmDemand[] {
  return runSync(applyOverheadSteps(workloads, sized, o, model));
}

/** `applyOverhead` as a cooperative stage: a checkpoint after each VM (util/cooperate.ts). */
export function applyOverheadSteps(workloads: Workload[], sized: SizedWorkload[], o: PlanOptions, model: ModelDefaults = defaultModel()): Steps<VmDemand[]> {
  const virt = o.virtualization !== 'none';
  return mapSteps(workloads, (w, i): VmDemand => {
    const s = sized[i];
    const hostedIo = hostedIoFactor(o.hypervisor, o.virtualization, model.hostedIo);
    const factor = cpuOverheadFactor(o.virtualization, w.workloadClass, model.cpuOverhead, hostedIo);
    const memoryOverheadGiB = virt ? vmMemoryOverheadGiB(o.hypervisor, w.cores, w.memoryGiB, model.memoryOverhead) : 0;
    const mix = w.workloadClass && Object.keys(w.workloadClass).length ? w.workloadClass : { cpu: 1 };
    const classes = WORKLOAD_CLASSES.filter((c) => (mix[c] ?? 0) > 0);
    const hostedPath = hostedIo !== 1 && classes.includes('io');
    const terms = classes.map((c) => {
      const f = model.cpuOverhead[o.virtualization][c].factor;
      const x = c === 'io' && hostedPath ? `x${f} x${hostedIo} (hosted I/O path)` : `x${f}`;
      return mix[c] === 1 ? `${c} ${x}` : `${Math.round(mix[c]! * 100)}% ${c} ${x}`;
    });
    const cpuDemand = s.cpuNativeGhz * factor;
    const keys = classes.map((c) => `overhead.cpu.${o.virtualization}.${c}`);
    if (hostedPath) keys.push(`overhead.hostedIo.${o.hypervisor}.factor`);
    const overheadFactor = { what: `hypervisor CPU overhead (${o.virtualization}: ${terms.join(' + ')})`, key: keys.join(', '), value: round(factor) };
    const sizing: SizingTrail = {
      cpu: { ...s.trail.cpu, factors: [...s.trail.cpu.factors, overheadFactor], demandGhz: round(cpuDemand) },
      memory: { ...s.trail.memory, overheadGiB: round(memoryOverheadGiB), demandGiB: round(s.memoryNativeGiB + memoryOverheadGiB) },
      ...(s.trail.io ? { io: s.trail.io } : {}),
    };
    const mem = model.memoryOverhead[o.hypervisor];
    const explanation = virt
      ? `${o.virtualization} (${WHY[o.virtualization]}): CPU ${terms.join(' + ')} = x${r3(factor)}, ` +
        `${r3(s.cpuNativeGhz)} -> ${r3(cpuDemand)} ref GHz-cores (+${r3(cpuDemand - s.cpuNativeGhz)}); ` +
        `${o.hypervisor} memory overhead ${r3(mem.fixedMiB)} MiB + ${r3(mem.perVcpuMiB)} MiB x ${w.cores} vCPU + ${r3(mem.perConfiguredFraction * 100)}% x ${r3(w.memoryGiB)} GiB = ${round(memoryOverheadGiB * 1024, 1)} MiB`
      : 'no hypervisor (none): workloads stacked natively, no CPU or memory overhead and no host reserve';
    return {
      id: w.id,
      host: null,
      cpuNativeGhz: round(s.cpuNativeGhz),
      cpuOverheadFactor: round(factor),
      cpuDemandGhz: round(cpuDemand),
      cpuAvgDemandGhz: round(s.cpuAvgNativeGhz * factor),
      cpuDemandPerUtilGhz: s.cpuCapacityGhz * factor,
      memoryNativeGiB: round(s.memoryNativeGiB),
      memoryOverheadGiB: round(memoryOverheadGiB),
      memoryDemandGiB: round(s.memoryNativeGiB + memoryOverheadGiB),
      sizingBasis: s.basis,
      overheadExplanation: explanation,
      assumed: s.assumed,
      ...(s.ioDemand ? { ioDemand: s.ioDemand } : {}),
      ...(s.cpuProfileGhz ? { cpuProfileDemandGhz: s.cpuProfileGhz.map((g) => round(g * factor)) } : {}),
      sizing,
    };
  });
}
