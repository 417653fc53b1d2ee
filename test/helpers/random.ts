import type { PackingProblem, PackingItem } from '../../src/packing/problem.js';

import { mulberry32 } from '../../src/packing/internal.js';

/** Deterministic PRNG for tests: the engine's own mulberry32. */
export const rng = mulberry32;

export interface RandomSpec {
  n: number;
  d: number;
  types?: number;
  constraints?: boolean;
  sites?: number;
  counts?: boolean;
  maxItemsPerHost?: number;
  ha?: number;
}

/** Seeded random problem: correlated VM-like demands; optional host types, constraints, sites. */
export function randomProblem(seed: number, spec: RandomSpec): PackingProblem {
  const r = rng(seed);
  const dims = Array.from({ length: spec.d }, (_, k) => `r${k}`);
  const nt = spec.types ?? 1;
  const hostTypes = Array.from({ length: nt }, (_, t) => ({
    type: `T${t}`,
    capacity: dims.map(() => Math.round(100 * (1 + t * 0.5) * (0.8 + 0.4 * r()))),
    cost: Math.round(10 * (1 + t * 0.6) * (0.8 + 0.4 * r())) / 10,
    count: spec.counts ? Math.max(2, Math.floor(spec.n / (3 + t))) : null,
  }));
  const items: PackingItem[] = [];
  for (let i = 0; i < spec.n; i++) {
    const base = 5 + r() * 45;
    const it: PackingItem = { id: `vm${String(i).padStart(4, '0')}`, demand: dims.map(() => Math.round(base * (0.5 + r()))) };
    if (spec.constraints) {
      if (r() < 0.2) it.antiAffinity = [`aa${Math.floor(r() * 4)}`];
      if (r() < 0.1) it.affinity = `af${Math.floor(r() * 5)}`;
    }
    if (spec.sites) it.site = `s${Math.floor(r() * spec.sites)}`;
    items.push(it);
  }
  // an oversized item now and then
  if (spec.constraints && spec.n > 5) items[3].demand = dims.map((_, k) => (k === 0 ? 10_000 : 1));
  const p: PackingProblem = { dimensions: dims, items, hostTypes };
  if (spec.maxItemsPerHost || spec.ha) p.constraints = { maxItemsPerHost: spec.maxItemsPerHost, ha: spec.ha };
  return p;
}
