/**
 * Per-VM memory overhead and host reserve, by hypervisor: docs/models.md#memory-overhead and
 * docs/models.md#host-reserve.
 */
export const HYPERVISORS = ['esxi', 'kvm', 'hyper-v', 'xen', 'vmware-workstation', 'virtualbox'] as const;
export type Hypervisor = (typeof HYPERVISORS)[number];

/**
 * Bare-metal hypervisors run on the hardware and own it (ESXi, KVM, Hyper-V, Xen/XenServer);
 * hosted ones run as an application on a host operating system (VMware Workstation, VirtualBox),
 * which keeps its own memory and CPU and carries every VM's I/O through its drivers
 * (docs/models.md#hosted-hypervisors). Hosted hypervisors are for development and test labs.
 */
export type HypervisorKind = 'bare-metal' | 'hosted';
export const HYPERVISOR_KIND: Record<Hypervisor, HypervisorKind> = {
  esxi: 'bare-metal',
  kvm: 'bare-metal',
  'hyper-v': 'bare-metal',
  xen: 'bare-metal',
  'vmware-workstation': 'hosted',
  virtualbox: 'hosted',
};

/** The hosted hypervisors (HYPERVISOR_KIND 'hosted'), in table order. */
export const HOSTED_HYPERVISORS = HYPERVISORS.filter((h) => HYPERVISOR_KIND[h] === 'hosted') as Hypervisor[];

export interface HostedIoModel {
  /** Multiplier on the CPU overhead of the `io` workload class: the host OS's I/O path. */
  factor: number;
  range: [number, number];
  source: string;
}

/**
 * The hosted I/O path: each VM's disk and network I/O leaves the virtual machine monitor for a
 * user-level process on the host OS (a world switch), which issues it through the host's drivers.
 * Its cost multiplies the technique's `io` factor (docs/models.md#hosted-hypervisors). Bare-metal
 * hypervisors have no such path (factor 1 by definition) and no registry entry.
 */
const HOSTED_IO_SOURCE =
  'Sugerman, Venkitachalam & Lim, "Virtualizing I/O Devices on VMware Workstation\'s Hosted Virtual Machine Monitor", USENIX ATC 2001: every I/O goes through the host OS, and a straightforward hosted implementation is CPU-limited at 100 Mb/s on a 733 MHz Pentium III [R]; Menon, Cox & Zwaenepoel (USENIX ATC 2006) quote it as 5 to 6 times the CPU of native Linux to saturate the link [R2]; Barham et al. (SOSP 2003): VMware Workstation 3.2 ttcp 291 vs 897 Mb/s native [R2]; 2.0 for a current hosted hypervisor with hardware assist and paravirtual devices is our estimate [I]; docs/models.md#hosted-hypervisors';
export const HOSTED_IO: Partial<Record<Hypervisor, HostedIoModel>> = {
  'vmware-workstation': { factor: 2.0, range: [1.2, 6], source: HOSTED_IO_SOURCE },
  virtualbox: { factor: 2.0, range: [1.2, 6], source: HOSTED_IO_SOURCE },
};

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

/** The ESXi per-VM overhead fit, also the proxy for hypervisors without a published table. */
const ESXI_FIT: Pick<MemoryOverheadModel, 'fixedMiB' | 'perVcpuMiB' | 'perConfiguredFraction'> = {
  fixedMiB: 14.2,
  perVcpuMiB: 4.03,
  perConfiguredFraction: 0.00743,
};
const ESXI_FIT_FORMULA = '14.2 MB + 4.03 MB x vCPU + 0.743% of configured memory';

export const MEMORY_OVERHEAD: Record<Hypervisor, MemoryOverheadModel> = {
  esxi: {
    ...ESXI_FIT,
    formula: ESXI_FIT_FORMULA,
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
    ...ESXI_FIT,
    formula: `ESXi formula used as a proxy: ${ESXI_FIT_FORMULA}`,
    source: 'Our estimate [I]: no Hyper-V per-VM overhead table was found, so the ESXi hardware-MMU fit is used as a proxy; docs/models.md#memory-overhead-hyper-v',
  },
  xen: {
    fixedMiB: 0.02,
    perVcpuMiB: 0,
    perConfiguredFraction: 0,
    formula: '20 kB of hypervisor state per domain',
    source: 'Barham et al., SOSP 2003: Xen keeps "a fixed 20kB of state per domain" [R]; docs/models.md#memory-overhead-xen',
  },
  'vmware-workstation': {
    ...ESXI_FIT,
    formula: `ESXi formula used as a proxy: ${ESXI_FIT_FORMULA}`,
    source: 'Our estimate [I]: Workstation runs the same virtual machine monitor lineage as ESXi, so the ESXi hardware-MMU fit is used; its user-level VMX process adds more that no source quantifies; docs/models.md#hosted-hypervisors',
  },
  virtualbox: {
    ...ESXI_FIT,
    formula: `ESXi formula used as a proxy: ${ESXI_FIT_FORMULA}`,
    source: 'Our estimate [I]: no per-VM overhead table for VirtualBox was found, so the ESXi hardware-MMU fit is used as a proxy; docs/models.md#hosted-hypervisors',
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

/** The host OS's own reserve under a hosted hypervisor (docs/models.md#hosted-hypervisors). */
const HOSTED_RESERVE_SOURCE =
  'VMware Workstation documentation: the host "must have enough memory to run the host operating system" besides the guests, 1 GB minimum and 2 GB recommended for Workstation [R]; VMware Server documentation: memory "must be kept available for the host", an amount that "depends on the host operating system and the size of the host computer\'s memory" [R]; Microsoft\'s Windows 11 requirements: 4 GB of RAM and 2 cores [R2]; the 4 GiB floor, 10% of memory and 2 cores kept for the host OS are our estimate [I]; docs/models.md#hosted-hypervisors';

/** The host OS's own reserve, one model for every hosted hypervisor. */
const HOSTED_RESERVE: HostReserveModel = {
  memoryMinGiB: 4,
  memoryFraction: 0.1,
  memoryFixedGiB: 0,
  cpuCores: 2,
  cpuFraction: 0,
  formula: 'the host OS keeps max(4 GiB, 10% of physical memory) and 2 cores',
  source: HOSTED_RESERVE_SOURCE,
};

/** VMware's "leave at least 8%" rule, also the proxy for Hyper-V's root partition and Xen's dom0. */
const EIGHT_PERCENT_RULE: Pick<HostReserveModel, 'memoryMinGiB' | 'memoryFraction' | 'memoryFixedGiB' | 'cpuCores' | 'cpuFraction'> = {
  memoryMinGiB: 4,
  memoryFraction: 0.08,
  memoryFixedGiB: 0,
  cpuCores: 0,
  cpuFraction: 0.08,
};

export const HOST_RESERVE: Record<Hypervisor, HostReserveModel> = {
  esxi: {
    ...EIGHT_PERCENT_RULE,
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
    ...EIGHT_PERCENT_RULE,
    formula: 'max(4 GiB, 8% of physical memory) and 8% of CPU (ESXi rule used as a proxy)',
    source: 'Our estimate [I]: no Hyper-V root-partition figure was read, so the ESXi 8% rule is used as a proxy; docs/models.md#host-reserve',
  },
  xen: {
    ...EIGHT_PERCENT_RULE,
    formula: 'max(4 GiB, 8% of physical memory) and 8% of CPU for dom0 (ESXi rule used as a proxy)',
    source: 'Our estimate [I]: dom0 sizing varies, so the ESXi 8% rule is used as a proxy; docs/models.md#host-reserve',
  },
  'vmware-workstation': HOSTED_RESERVE,
  virtualbox: HOSTED_RESERVE,
};
