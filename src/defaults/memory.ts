/**
 * Per-VM memory overhead and host reserve, by hypervisor. Sources: ../shared/MODELS.md §2.
 */
export const HYPERVISORS = ['esxi', 'kvm', 'hyper-v', 'xen'] as const;
export type Hypervisor = (typeof HYPERVISORS)[number];

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
    source: 'Least-squares fit (max error 0.46 MB) of the vSphere 6.5/6.7 Resource Management Guide table "Sample Overhead Memory on Virtual Machines" [R/C]; MODELS.md §2.1',
  },
  kvm: {
    fixedMiB: 218,
    perVcpuMiB: 8,
    perConfiguredFraction: 0.002,
    formula: '218 MiB (virt-launcher) + 8 MiB x vCPU + 0.2% of requested memory',
    source: 'Red Hat OpenShift Virtualization docs, virt-cluster-resource-requirements.adoc [R]; conservative for plain libvirt [I]; MODELS.md §2.2',
  },
  'hyper-v': {
    fixedMiB: 14.2,
    perVcpuMiB: 4.03,
    perConfiguredFraction: 0.00743,
    formula: 'ESXi formula used as a proxy: 14.2 MB + 4.03 MB x vCPU + 0.743% of configured memory',
    source: 'Our judgement: no Hyper-V per-VM overhead table was found; the ESXi hardware-MMU fit (MODELS.md §2.1) is used as a proxy [I]',
  },
  xen: {
    fixedMiB: 0.02,
    perVcpuMiB: 0,
    perConfiguredFraction: 0,
    formula: '20 kB of hypervisor state per domain',
    source: 'Barham et al., SOSP 2003: "a fixed 20kB of state per domain" [R]; MODELS.md §2.2',
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
    source: 'VMware Telco Cloud Infrastructure RA 2.2: "leave at least 8% of the resources for ESXi host operations" (memory and CPU) [R]; 4 GiB floor our judgement [I]; MODELS.md §2.3',
  },
  kvm: {
    memoryMinGiB: 2,
    memoryFraction: 0,
    memoryFixedGiB: 360 / 1024,
    cpuCores: 2,
    cpuFraction: 0,
    formula: '2 GiB host OS + 360 MiB virtualization stack; 2 cores per host',
    source: 'Red Hat OpenShift Virtualization docs, virt-cluster-resource-requirements.adoc: ~360 MiB and 2 cores per worker node for the virtualization stack [R]; 2 GiB for the host OS itself is our judgement [I]; MODELS.md §2.2-2.3',
  },
  'hyper-v': {
    memoryMinGiB: 4,
    memoryFraction: 0.08,
    memoryFixedGiB: 0,
    cpuCores: 0,
    cpuFraction: 0.08,
    formula: 'max(4 GiB, 8% of physical memory) and 8% of CPU (ESXi rule used as a proxy)',
    source: 'Our judgement: no Hyper-V root-partition figure was read; the ESXi 8% rule (MODELS.md §2.3) is used as a proxy [I]',
  },
  xen: {
    memoryMinGiB: 4,
    memoryFraction: 0.08,
    memoryFixedGiB: 0,
    cpuCores: 0,
    cpuFraction: 0.08,
    formula: 'max(4 GiB, 8% of physical memory) and 8% of CPU for dom0 (ESXi rule used as a proxy)',
    source: 'Our judgement: dom0 sizing varies; the ESXi 8% rule (MODELS.md §2.3) is used as a proxy [I]',
  },
};
