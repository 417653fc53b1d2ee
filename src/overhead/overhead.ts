import { CPU_OVERHEAD, type VirtualizationTechnique } from '../defaults/overhead.js';
import { HOST_RESERVE, MEMORY_OVERHEAD, type Hypervisor } from '../defaults/memory.js';
import { WORKLOAD_CLASSES, type ClassMix } from '../model/workload.js';

/**
 * CPU overhead factor for a technique and a workload class mix: the weighted blend
 * sum_c weight_c x factor[technique][c] (MODELS.md §1.3 "How to use the factors").
 * An empty mix counts as pure `cpu`.
 * @example cpuOverheadFactor('hw-assist-ept', { syscall: 1 }) === 1.08
 */
export function cpuOverheadFactor(technique: VirtualizationTechnique, mix: ClassMix | undefined): number {
  const table = CPU_OVERHEAD[technique];
  let total = 0;
  let weight = 0;
  for (const c of WORKLOAD_CLASSES) {
    const w = mix?.[c] ?? 0;
    if (w > 0) {
      total += w * table[c].factor;
      weight += w;
    }
  }
  return weight > 0 ? total / weight : table.cpu.factor;
}

/**
 * Per-VM memory overhead in GiB: fixedMiB + perVcpuMiB x vCPU + fraction x configured memory
 * (MODELS.md §2.1-2.2). Zero with technique `none`.
 * @example vmMemoryOverheadGiB('esxi', 1, 16) ≈ (14.2 + 4.03 + 0.00743 x 16384) / 1024 = 0.1358
 */
export function vmMemoryOverheadGiB(hypervisor: Hypervisor, vcpus: number, configuredGiB: number): number {
  const m = MEMORY_OVERHEAD[hypervisor];
  return (m.fixedMiB + m.perVcpuMiB * vcpus + m.perConfiguredFraction * configuredGiB * 1024) / 1024;
}

/**
 * Host reserve kept by the hypervisor: memory GiB and CPU cores (MODELS.md §2.3).
 * @example hostReserve('esxi', 1024).memoryGiB === 81.92 (8% of 1024 GiB)
 */
export function hostReserve(hypervisor: Hypervisor, physicalMemoryGiB: number): { memoryGiB: number; cpuCores: number } {
  const r = HOST_RESERVE[hypervisor];
  return { memoryGiB: Math.max(r.memoryMinGiB, r.memoryFraction * physicalMemoryGiB) + r.memoryFixedGiB, cpuCores: r.cpuCores };
}
