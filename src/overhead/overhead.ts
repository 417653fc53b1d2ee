import { CPU_OVERHEAD, type OverheadFactorEntry, type VirtualizationTechnique } from '../defaults/overhead.js';
import { HOST_RESERVE, MEMORY_OVERHEAD, type Hypervisor, type HostReserveModel, type MemoryOverheadModel } from '../defaults/memory.js';
import type { WorkloadClass } from '../model/workload.js';
import { WORKLOAD_CLASSES, type ClassMix } from '../model/workload.js';

/**
 * CPU overhead factor for a technique and a workload class mix: the weighted blend
 * sum_c weight_c x factor[technique][c] (docs/models.md#cpu-overhead). Under a hosted hypervisor
 * the `io` class's factor is multiplied by the hosted I/O path's factor `hostedIo`
 * (docs/models.md#hosted-hypervisors; 1 for bare-metal hypervisors).
 * An empty mix counts as pure `cpu`.
 * @example cpuOverheadFactor('hw-assist-ept', { syscall: 1 }) === 1.08
 * @example cpuOverheadFactor('hw-assist-ept', { io: 1 }, CPU_OVERHEAD, 2) === 2.3 (1.15 x 2)
 */
export function cpuOverheadFactor(
  technique: VirtualizationTechnique,
  mix: ClassMix | undefined,
  tables: Record<VirtualizationTechnique, Record<WorkloadClass, OverheadFactorEntry>> = CPU_OVERHEAD,
  hostedIo = 1,
): number {
  const table = tables[technique];
  let total = 0;
  let weight = 0;
  for (const c of WORKLOAD_CLASSES) {
    const w = mix?.[c] ?? 0;
    if (w > 0) {
      total += w * table[c].factor * (c === 'io' ? hostedIo : 1);
      weight += w;
    }
  }
  return weight > 0 ? total / weight : table.cpu.factor;
}

/** The hosted I/O path factor of a hypervisor in a model (1 for bare-metal ones, and with no virtualization). */
export function hostedIoFactor(hypervisor: Hypervisor, technique: VirtualizationTechnique, tables: Partial<Record<Hypervisor, { factor: number }>>): number {
  return technique === 'none' ? 1 : (tables[hypervisor]?.factor ?? 1);
}

/**
 * Per-VM memory overhead in GiB: fixedMiB + perVcpuMiB x vCPU + fraction x configured memory
 * (docs/models.md#memory-overhead). Zero with technique `none`.
 * @example vmMemoryOverheadGiB('esxi', 1, 16) ≈ (14.2 + 4.03 + 0.00743 x 16384) / 1024 = 0.1358
 */
export function vmMemoryOverheadGiB(hypervisor: Hypervisor, vcpus: number, configuredGiB: number, tables: Record<Hypervisor, MemoryOverheadModel> = MEMORY_OVERHEAD): number {
  const m = tables[hypervisor];
  return (m.fixedMiB + m.perVcpuMiB * vcpus + m.perConfiguredFraction * configuredGiB * 1024) / 1024;
}

/**
 * Host reserve kept by the hypervisor: memory GiB, and CPU as whole cores plus a fraction of the
 * rest (docs/models.md#host-reserve). `cpuFraction` is the share of the host's CPU capacity left to VMs.
 * @example hostReserve('esxi', 1024).memoryGiB === 81.92 (8% of 1024 GiB)
 * @example hostReserve('kvm', 256).cpuCores === 2
 */
export function hostReserve(hypervisor: Hypervisor, physicalMemoryGiB: number, tables: Record<Hypervisor, HostReserveModel> = HOST_RESERVE): { memoryGiB: number; cpuCores: number; cpuFraction: number } {
  const r = tables[hypervisor];
  return { memoryGiB: Math.max(r.memoryMinGiB, r.memoryFraction * physicalMemoryGiB) + r.memoryFixedGiB, cpuCores: r.cpuCores, cpuFraction: r.cpuFraction };
}

/**
 * CPU a host offers to VMs after the hypervisor reserve, in the same unit as `capacity`:
 * capacity x (cores - reservedCores) / cores x (1 - reservedFraction).
 * @example cpuAfterReserve(256, 128, { cpuCores: 2, cpuFraction: 0 }) === 252
 */
export function cpuAfterReserve(capacity: number, cores: number, r: { cpuCores: number; cpuFraction: number }): number {
  if (cores <= 0) return 0;
  return Math.max(0, (capacity * Math.max(0, cores - r.cpuCores)) / cores) * (1 - r.cpuFraction);
}
