import type { WorkloadClass } from '../model/workload.js';

/**
 * Hypervisor CPU overhead factors: virtualized CPU demand / native CPU demand for the same work,
 * per virtualization technique and workload class. The model, each figure's primary source and
 * its range are in docs/models.md#cpu-overhead. Primary sources:
 * - emulation: QEMU GSoC 2020 "Measuring QEMU Emulation Efficiency" (host/guest instruction ratio,
 *   integer mean 10.2, floating point 17.9) [R]; syscall/mmu/io are our estimates [I].
 * - binary-translation and hw-assist: Adams & Agesen, ASPLOS 2006 (SPECjbb 98%/99% of native, kernel
 *   compile 67.4%/54.8%, Apache 45-67%, forkwait 6.1x/17.7x) [R/R2]; Barham et al. SOSP 2003 (ttcp).
 * - paravirtual: Barham et al., "Xen and the Art of Virtualization", SOSP 2003 (SPEC INT 567 vs 567,
 *   kernel build +3%, SPECweb99 within 1%) [R/R2].
 * - hw-assist-ept: our estimates bounded by VMware's EPT (2009) and RVI (2008) evaluations and by
 *   Felter et al., IBM Research Report RC25482 (2014) [I].
 */
export const VIRTUALIZATION_TECHNIQUES = ['emulation', 'binary-translation', 'paravirtual', 'hw-assist', 'hw-assist-ept', 'none'] as const;
export type VirtualizationTechnique = (typeof VIRTUALIZATION_TECHNIQUES)[number];

export interface OverheadFactorEntry {
  factor: number;
  range: [number, number];
  source: string;
}

export const CPU_OVERHEAD: Record<VirtualizationTechnique, Record<WorkloadClass, OverheadFactorEntry>> = {
  emulation: {
    cpu: { factor: 12.0, range: [6.5, 21], source: 'QEMU GSoC 2020 "Measuring QEMU Emulation Efficiency": host/guest instruction ratio, integer mean 10.2, FP 17.9 [R]; docs/models.md#technique-emulation' },
    syscall: { factor: 20.0, range: [10, 50], source: 'Our estimate [I]: the user-mode ratio plus software MMU and privileged-code emulation; Microsoft quicksand docs: software emulation "10-50x slower"; docs/models.md#technique-emulation' },
    mmu: { factor: 30.0, range: [10, 50], source: 'Our estimate [I]: every page-table write and TLB flush is emulated; no measurement found; docs/models.md#technique-emulation' },
    io: { factor: 10.0, range: [5, 30], source: 'Our estimate [I]: emulated NIC and IDE devices; no measurement found; docs/models.md#technique-emulation' },
  },
  'binary-translation': {
    cpu: { factor: 1.03, range: [1.0, 1.05], source: 'Adams & Agesen, ASPLOS 2006: SPECjbb2005 at 98% of native under binary translation [R2]; docs/models.md#technique-binary-translation' },
    syscall: { factor: 1.9, range: [1.5, 3.0], source: 'Adams & Agesen, ASPLOS 2006: Apache ab at 45-53% of native [R2]; Barham et al., SOSP 2003: hosted VMware under a third of native SPECweb99 clients [R]; docs/models.md#technique-binary-translation' },
    mmu: { factor: 1.5, range: [1.48, 6.1], source: 'Adams & Agesen, ASPLOS 2006: Linux kernel compile at 67.4% of native = 1.48 [R2]; forkwait 6.1x [R]; docs/models.md#technique-binary-translation' },
    io: { factor: 3.1, range: [1.5, 5.0], source: 'Barham et al., SOSP 2003, Table 6: VMware Workstation 3.2 ttcp 291 vs native 897 Mb/s [R2]; docs/models.md#technique-binary-translation' },
  },
  paravirtual: {
    cpu: { factor: 1.0, range: [1.0, 1.02], source: 'Barham et al., SOSP 2003, Fig. 3: SPEC INT2000 567 on Xen vs 567 native [R2]; docs/models.md#technique-paravirtual' },
    syscall: { factor: 1.01, range: [1.0, 1.1], source: 'Barham et al., SOSP 2003: SPECweb99 within 1% of native [R]; docs/models.md#technique-paravirtual' },
    mmu: { factor: 1.05, range: [1.03, 1.5], source: 'Barham et al., SOSP 2003: Linux kernel build +3% [R]; the upper bound is our estimate [I]; docs/models.md#technique-paravirtual' },
    io: { factor: 1.05, range: [1.0, 1.16], source: 'Barham et al., SOSP 2003, Table 6: ttcp 0% at MTU 1500, -14% at MTU 500 [R2]; docs/models.md#technique-paravirtual' },
  },
  'hw-assist': {
    cpu: { factor: 1.01, range: [1.0, 1.05], source: 'Adams & Agesen, ASPLOS 2006: SPECjbb2005 at 99% of native on VT-x with shadow paging [R2]; docs/models.md#technique-hw-assist' },
    syscall: { factor: 1.5, range: [1.0, 2.6], source: 'Adams & Agesen, ASPLOS 2006: Apache ab at 38-67% of native [R2]; docs/models.md#technique-hw-assist' },
    mmu: { factor: 1.8, range: [1.8, 17.7], source: 'Adams & Agesen, ASPLOS 2006: Linux kernel compile at 54.8% of native = 1.82 [R2]; forkwait 17.7x [R]; docs/models.md#technique-hw-assist' },
    io: { factor: 2.0, range: [1.5, 2.6], source: 'Our estimate [I]: device emulation is exit-heavy, the same order as binary translation; docs/models.md#technique-hw-assist' },
  },
  'hw-assist-ept': {
    cpu: { factor: 1.02, range: [1.0, 1.2], source: 'Our estimate [I] for a tuned hypervisor: Felter et al., IBM Research Report RC25482 (2014), find CPU-bound work near native on tuned KVM (the exact Linpack figure was not re-read); docs/models.md#technique-hw-assist-ept' },
    syscall: { factor: 1.08, range: [1.02, 1.2], source: 'Our estimate [I]: VM exits remain for timers, IPIs and I/O at about 500 cycles each (Bugnion, Nieh & Tsafrir 2017, Table 4.3) [R2]; docs/models.md#technique-hw-assist-ept' },
    mmu: { factor: 1.1, range: [1.02, 1.3], source: 'VMware, "Performance Evaluation of Intel EPT Hardware Assist" (2009): up to 48% better than shadow paging [R]; a 2-D page walk costs up to 24 references per TLB miss [C]; docs/models.md#technique-hw-assist-ept' },
    io: { factor: 1.15, range: [1.05, 2.0], source: 'Felter et al., IBM RC25482 (2014): random-I/O IOPS halve through QEMU (the upper bound) [R2]; virtio/vhost sits near the low end [I]; docs/models.md#technique-hw-assist-ept' },
  },
  none: {
    cpu: { factor: 1, range: [1, 1], source: 'No hypervisor: native execution (definition); docs/models.md#technique-none' },
    syscall: { factor: 1, range: [1, 1], source: 'No hypervisor: native execution (definition); docs/models.md#technique-none' },
    mmu: { factor: 1, range: [1, 1], source: 'No hypervisor: native execution (definition); docs/models.md#technique-none' },
    io: { factor: 1, range: [1, 1], source: 'No hypervisor: native execution (definition); docs/models.md#technique-none' },
  },
};

/** One-line explanation of each technique, shown in reports. */
export const TECHNIQUE_EXPLANATION: Record<VirtualizationTechnique, string> = {
  emulation: 'Full software emulation (QEMU TCG): every guest instruction is translated and every memory access goes through a software TLB, so kernel-mode work costs 10-50x native.',
  'binary-translation': 'Binary translation (VMware, c. 2006): guest kernel code is rewritten on the fly; user code runs natively, but syscalls, page-table updates and emulated devices are expensive.',
  paravirtual: 'Paravirtualization (Xen PV, 2003): the guest kernel is modified to make hypercalls instead of privileged instructions; near-native for most work.',
  'hw-assist': 'First-generation hardware assist (VT-x/AMD-V, 2006): the guest kernel runs in ring 0 of non-root mode and traps to the VMM in root mode (ring -1), but page tables are still shadowed in software, so process-heavy work pays.',
  'hw-assist-ept': 'Hardware assist with nested paging (VT-x/AMD-V with EPT/NPT, 2008+): the MMU walks guest and host page tables in hardware, removing most of the remaining overhead.',
  none: 'No hypervisor: workloads run natively (stacking on bare metal).',
};

/** The technique a plan assumes unless told (--virtualization). */
export const DEFAULT_TECHNIQUE: { value: VirtualizationTechnique; source: string } = {
  value: 'hw-assist-ept',
  source: `Our choice [I]: modern platforms use hardware assist with nested paging (docs/models.md#plan-defaults). ${TECHNIQUE_EXPLANATION['hw-assist-ept']}`,
};

