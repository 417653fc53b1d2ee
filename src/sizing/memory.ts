import type { MemorySizingPolicy } from '../defaults/sizing.js';

/**
 * The memory a workload is sized by, under the memory policy (`--memory-sizing`,
 * docs/models.md#memory-sizing), and the trail that says why.
 *
 * - `configured`: the configured (provisioned, installed) memory.
 * - `used`: measured used memory x comfort factor, capped at the configured memory when the input
 *   states it; configured memory when nothing was measured.
 * - `active`: the hypervisor's active memory x comfort factor (capped likewise); used, then
 *   configured, when it was not measured.
 * - `auto`: configured memory for a VM whose input states its provisioned memory (a guest uses
 *   what it is given, so its measured use says little about what it needs after the move);
 *   `used` for a physical server, or any workload whose configured size is only assumed, when its
 *   used memory was measured; configured memory otherwise.
 *
 * The comfort factor multiplies measured memory only, never configured memory (which is already
 * an allocation with the owner's own headroom) and never CPU (sized by its percentile or peak
 * factor). Pure; O(1).
 */
export interface MemoryMeasures {
  /** Configured memory, GiB. */
  configuredGiB: number;
  /** True when the configured memory is a default, not stated by the input. */
  configuredAssumed: boolean;
  /** Measured used memory, GiB, and the field it was read from. */
  usedGiB?: number;
  usedField?: string;
  /** Measured active memory, GiB, and the field it was read from. */
  activeGiB?: number;
  activeField?: string;
  /** The workload is already a VM (its configured memory is what the guest is given). */
  isVirtual: boolean;
}

export type MemoryBasis = 'configured' | 'used' | 'active';

export interface MemoryChoice {
  basis: MemoryBasis;
  /** The memory before growth, GiB. */
  giB: number;
  /** The comfort factor applied (measured bases only). */
  comfortFactor?: number;
  /** True when the measured value x comfort factor exceeded the configured memory and was capped. */
  cappedAtConfigured?: boolean;
  /** Why the basis is not the one the policy asks for first. */
  fallback?: 'no-used-measurement' | 'no-active-measurement';
}

/**
 * Chooses the memory of one workload.
 * @example chooseMemory({ configuredGiB: 32, configuredAssumed: false, usedGiB: 23.5, isVirtual: false }, 'auto', 1.3)
 *   → { basis: 'used', giB: 30.55, comfortFactor: 1.3 }   (23.5 x 1.3 = 30.55 <= 32)
 * @example chooseMemory({ configuredGiB: 3.44, configuredAssumed: false, activeGiB: 0.33, isVirtual: true }, 'auto', 1.3)
 *   → { basis: 'configured', giB: 3.44 }
 */
export function chooseMemory(m: MemoryMeasures, policy: MemorySizingPolicy, comfortFactor: number): MemoryChoice {
  const measured = (basis: 'used' | 'active', value: number, fallback?: MemoryChoice['fallback']): MemoryChoice => {
    const raw = value * comfortFactor;
    const cap = !m.configuredAssumed && raw > m.configuredGiB;
    return { basis, giB: cap ? m.configuredGiB : raw, comfortFactor, ...(cap ? { cappedAtConfigured: true } : {}), ...(fallback ? { fallback } : {}) };
  };
  const configured = (fallback?: MemoryChoice['fallback']): MemoryChoice => ({ basis: 'configured', giB: m.configuredGiB, ...(fallback ? { fallback } : {}) });
  switch (policy) {
    case 'configured':
      return configured();
    case 'used':
      return m.usedGiB !== undefined ? measured('used', m.usedGiB) : configured('no-used-measurement');
    case 'active':
      if (m.activeGiB !== undefined) return measured('active', m.activeGiB);
      return m.usedGiB !== undefined ? measured('used', m.usedGiB, 'no-active-measurement') : configured('no-active-measurement');
    case 'auto':
      if (m.isVirtual && !m.configuredAssumed) return configured();
      return m.usedGiB !== undefined ? measured('used', m.usedGiB) : configured();
  }
}
