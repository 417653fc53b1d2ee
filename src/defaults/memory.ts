/**
 * Per-VM memory overhead and host reserve, by hypervisor: docs/models.md#memory-overhead and
 * docs/models.md#host-reserve.
 */
export const HYPERVISORS = ['esxi', 'kvm', 'hyper-v', 'xen'] as const;
export type Hypervisor = (typeof HYPERVISORS)[number];

/** The hypervisor a plan assumes unless told (--hypervisor). */
export const DEFAULT_HYPERVISOR: { value: Hypervisor; source: string } = {
  value: 'esxi',
  source: 'Our choice [I]: ESXi, whose per-VM overhead table (vSphere Resource Management Guide) is the best documented; docs/models.md#plan-defaults',
};

export interface MemoryOverheadModel {
  /** Fixed MiB per VM. */
  fixedMiB: number;
  /** MiB per vCPU. */
  perVcpuMiB: number;
  /** Fraction of configured memory. */
  perConfiguredFraction: number;
  formula: string;
  source: string;
}

export const MEMORY_OVERHEAD: Record<Hypervisor, MemoryOverheadModel> = {
  esxi: {
    fixedMiB: 14.2,
    perVcpuMiB: 4.03,
    perConfiguredFraction: 0.00743,
    formula: '14.2 MB + 4.03 MB x vCPU + 0.743% of configured memory',
    source: 'Our least-squares fit (max error 0.46 MB) of the VMware vSphere 6.5/6.7 Resource Management Guide table "Sample Overhead Memory on Virtual Machines" [R/C]; docs/models.md#memory-overhead-esxi',
  },
  kvm: {
    fixedMiB: 218,
    perVcpuMiB: 8,
    perConfiguredFraction: 0.002,
    formula: '218 MiB (virt-launcher) + 8 MiB x vCPU + 0.2% of requested memory',
    source: 'Red Hat OpenShift Virtualization documentation, "Virtualization cluster resource requirements" [R]; conservative for plain libvirt [I]; docs/models.md#memory-overhead-kvm',
  },
  'hyper-v': {
    fixedMiB: 14.2,
    perVcpuMiB: 4.03,
    perConfiguredFraction: 0.00743,
    formula: 'ESXi formula used as a proxy: 14.2 MB + 4.03 MB x vCPU + 0.743% of configured memory',
    source: 'Our estimate [I]: no Hyper-V per-VM overhead table was found, so the ESXi hardware-MMU fit is used as a proxy; docs/models.md#memory-overhead-hyper-v',
  },
  xen: {
    fixedMiB: 0.02,
    perVcpuMiB: 0,
    perConfiguredFraction: 0,
    formula: '20 kB of hypervisor state per domain',
    source: 'Barham et al., SOSP 2003: Xen keeps "a fixed 20kB of state per domain" [R]; docs/models.md#memory-overhead-xen',
  },
};

export interface HostReserveModel {
  /** Memory reserve = max(minGiB, fraction x physical memory). */
  memoryMinGiB: number;
  memoryFraction: number;
  /** Fixed extra memory, GiB. */
  memoryFixedGiB: number;
  /** Cores kept for the hypervisor. */
  cpuCores: number;
  /** Fraction of the host's CPU kept for the hypervisor (applied after `cpuCores`). */
  cpuFraction: number;
  formula: string;
  source: string;
}

export const HOST_RESERVE: Record<Hypervisor, HostReserveModel> = {
  esxi: {
    memoryMinGiB: 4,
    memoryFraction: 0.08,
    memoryFixedGiB: 0,
    cpuCores: 0,
    cpuFraction: 0.08,
    formula: 'max(4 GiB, 8% of physical memory) and 8% of CPU',
    source: 'VMware Telco Cloud Infrastructure 2.2 Reference Architecture: "leave at least 8% of the resources for ESXi host operations" (memory and CPU) [R]; the 4 GiB floor is our estimate [I]; docs/models.md#host-reserve',
  },
  kvm: {
    memoryMinGiB: 2,
    memoryFraction: 0,
    memoryFixedGiB: 360 / 1024,
    cpuCores: 2,
    cpuFraction: 0,
    formula: '2 GiB host OS + 360 MiB virtualization stack; 2 cores per host',
    source: 'Red Hat OpenShift Virtualization documentation, "Virtualization cluster resource requirements": about 360 MiB and 2 cores per worker node for the virtualization stack [R]; 2 GiB for the host OS is our estimate [I]; docs/models.md#host-reserve',
  },
  'hyper-v': {
    memoryMinGiB: 4,
    memoryFraction: 0.08,
    memoryFixedGiB: 0,
    cpuCores: 0,
    cpuFraction: 0.08,
    formula: 'max(4 GiB, 8% of physical memory) and 8% of CPU (ESXi rule used as a proxy)',
    source: 'Our estimate [I]: no Hyper-V root-partition figure was read, so the ESXi 8% rule is used as a proxy; docs/models.md#host-reserve',
  },
  xen: {
    memoryMinGiB: 4,
    memoryFraction: 0.08,
    memoryFixedGiB: 0,
    cpuCores: 0,
    cpuFraction: 0.08,
    formula: 'max(4 GiB, 8% of physical memory) and 8% of CPU for dom0 (ESXi rule used as a proxy)',
    source: 'Our estimate [I]: dom0 sizing varies, so the ESXi 8% rule is used as a proxy; docs/models.md#host-reserve',
  },
};
