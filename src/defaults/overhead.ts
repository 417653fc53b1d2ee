import type { WorkloadClass } from '../model/workload.js';

/**
 * Hypervisor CPU overhead factors: virtualized CPU demand / native CPU demand for the same work,
 * per virtualization technique and workload class. Source: ../shared/MODELS.md §1.3 (table) and
 * §6 (`virtualizationOverhead`), which cites:
 * - emulation: QEMU GSoC 2020 "Measuring QEMU Emulation Efficiency" (host/guest instruction ratio,
 *   int mean 10.2, FP 17.9) [R]; syscall/mmu/io are our inference from the 10-50x doc claim [I].
 * - binary-translation and hw-assist: Adams & Agesen, ASPLOS 2006 (SPECjbb 98%/99% of native, kernel
 *   compile 67.4%/54.8%, Apache 45-67%, forkwait 6.1x/17.7x) [R/R2]; Barham et al. SOSP 2003 (ttcp).
 * - paravirtual: Barham et al., "Xen and the Art of Virtualization", SOSP 2003 (SPEC INT 567 vs 567,
 *   kernel build +3%, SPECweb99 within 1%) [R/R2].
 * - hw-assist-ept: inference bounded by VMware's EPT (2009) and RVI (2008) evaluations and Felter et
 *   al. IBM RC25482 (2014) [I/R/M].
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
    cpu: { factor: 12.0, range: [6.5, 21], source: 'QEMU GSoC 2020 TCG efficiency: host/guest instruction ratio (int 10.2, FP 17.9) [R]; MODELS.md §1.3' },
    syscall: { factor: 20.0, range: [10, 50], source: 'Our inference: user-mode ratio plus softmmu and privileged-code emulation; quicksand docs "10-50x slower" [I]; MODELS.md §1.3' },
    mmu: { factor: 30.0, range: [10, 50], source: 'Our inference: page-table writes and TLB flushes all emulated [I]; MODELS.md §1.3' },
    io: { factor: 10.0, range: [5, 30], source: 'Our inference: emulated NIC/IDE, no measurement found [I]; MODELS.md §1.3' },
  },
  'binary-translation': {
    cpu: { factor: 1.03, range: [1.0, 1.05], source: 'Adams & Agesen ASPLOS 2006: SPECjbb 98% of native [R2]; MODELS.md §1.3' },
    syscall: { factor: 1.9, range: [1.5, 3.0], source: 'Adams & Agesen ASPLOS 2006: Apache 45-53% of native [R2]; Barham SOSP 2003 [R]; MODELS.md §1.3' },
    mmu: { factor: 1.5, range: [1.48, 6.1], source: 'Adams & Agesen ASPLOS 2006: kernel compile 67.4% of native => 1.48 [R2]; forkwait 6.1x [R]; MODELS.md §1.3' },
    io: { factor: 3.1, range: [1.5, 5.0], source: 'Barham SOSP 2003 Table 6: emulated NIC 291 vs 897 Mb/s [R2]; MODELS.md §1.3' },
  },
  paravirtual: {
    cpu: { factor: 1.0, range: [1.0, 1.02], source: 'Barham SOSP 2003 Fig. 3: SPEC INT2000 567 vs 567 [R2]; MODELS.md §1.3' },
    syscall: { factor: 1.01, range: [1.0, 1.1], source: 'Barham SOSP 2003: SPECweb99 within 1% of native [R]; MODELS.md §1.3' },
    mmu: { factor: 1.05, range: [1.03, 1.5], source: 'Barham SOSP 2003: kernel build +3% [R]; upper bound our inference [I]; MODELS.md §1.3' },
    io: { factor: 1.05, range: [1.0, 1.16], source: 'Barham SOSP 2003 Table 6: ttcp 0% at MTU 1500, -14% at MTU 500 [R2]; MODELS.md §1.3' },
  },
  'hw-assist': {
    cpu: { factor: 1.01, range: [1.0, 1.05], source: 'Adams & Agesen ASPLOS 2006: SPECjbb 99% of native (VT-x, shadow paging) [R2]; MODELS.md §1.3' },
    syscall: { factor: 1.5, range: [1.0, 2.6], source: 'Adams & Agesen ASPLOS 2006: Apache 38-67% of native [R2]; MODELS.md §1.3' },
    mmu: { factor: 1.8, range: [1.8, 17.7], source: 'Adams & Agesen ASPLOS 2006: kernel compile 54.8% of native => 1.82 [R2]; forkwait 17.7x [R]; MODELS.md §1.3' },
    io: { factor: 2.0, range: [1.5, 2.6], source: 'Our inference: exit-heavy device emulation, same order as BT [I]; MODELS.md §1.3' },
  },
  'hw-assist-ept': {
    cpu: { factor: 1.02, range: [1.0, 1.2], source: 'Felter et al. IBM RC25482 2014: Linpack -2% tuned KVM [M]; default assumes a tuned hypervisor [I]; MODELS.md §1.3' },
    syscall: { factor: 1.08, range: [1.02, 1.2], source: 'Our inference: exits remain for timers/IPIs/I/O at ~500 cycles each (Bugnion, Nieh & Tsafrir 2017) [I/R2]; MODELS.md §1.3' },
    mmu: { factor: 1.1, range: [1.02, 1.3], source: 'VMware EPT evaluation 2009: up to 48% better than shadow paging [R]; 2-D walk up to 24 refs/TLB miss [C]; MODELS.md §1.3' },
    io: { factor: 1.15, range: [1.05, 2.0], source: 'Felter et al. 2014: IOPS halve through QEMU (upper bound) [R2]; virtio/vhost near low end [I]; MODELS.md §1.3' },
  },
  none: {
    cpu: { factor: 1, range: [1, 1], source: 'No hypervisor: native execution (definition)' },
    syscall: { factor: 1, range: [1, 1], source: 'No hypervisor: native execution (definition)' },
    mmu: { factor: 1, range: [1, 1], source: 'No hypervisor: native execution (definition)' },
    io: { factor: 1, range: [1, 1], source: 'No hypervisor: native execution (definition)' },
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
