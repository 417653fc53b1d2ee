/**
 * TEMPORARY minimal engine (vector first-fit-decreasing + continuous bound) so the pipeline runs
 * end to end; replaced by the full portfolio engine of the packing issue.
 */
import type { PackingProblem, PackingResult, PackOptions, PackedHost, UnplacedItem } from './problem.js';
export * from './problem.js';

export async function solvePacking(problem: PackingProblem, _options: PackOptions = {}): Promise<PackingResult> {
  const D = problem.dimensions.length;
  const types = problem.hostTypes;
  const maxCap = problem.dimensions.map((_, k) => Math.max(...types.map((t) => t.capacity[k])));
  const key = (d: number[]) => Math.max(...d.map((x, k) => x / maxCap[k]));
  const order = problem.items.map((it, i) => ({ it, i, s: key(it.demand) })).sort((a, b) => b.s - a.s || (a.it.id < b.it.id ? -1 : a.it.id > b.it.id ? 1 : 0));
  const hosts: (PackedHost & { cap: number[] })[] = [];
  const used = new Map<string, number>();
  const unplaced: UnplacedItem[] = [];
  for (const { it } of order) {
    let h = hosts.find((h) => h.load.every((l, k) => l + it.demand[k] <= h.cap[k] + 1e-9));
    if (!h) {
      const cand = types
        .filter((t) => it.demand.every((x, k) => x <= t.capacity[k] + 1e-9) && (t.count === null || (used.get(t.type) ?? 0) < t.count))
        .sort((a, b) => a.cost - b.cost || (a.type < b.type ? -1 : 1));
      if (!cand.length) {
        const failures = types.flatMap((t) => problem.dimensions.flatMap((dim, k) => (it.demand[k] > t.capacity[k] ? [{ hostType: t.type, dimension: dim, demand: it.demand[k], capacity: t.capacity[k] }] : [])));
        const worst = failures[0];
        unplaced.push({ id: it.id, failures, reason: worst ? `${worst.dimension}: needs ${worst.demand}, largest host offers ${maxCap[problem.dimensions.indexOf(worst.dimension)]}` : 'no host of any type is still available' });
        continue;
      }
      const t = cand[0];
      used.set(t.type, (used.get(t.type) ?? 0) + 1);
      h = { id: `host-${String(hosts.length + 1).padStart(3, '0')}`, type: t.type, items: [], load: new Array(D).fill(0), cap: t.capacity };
      hosts.push(h);
    }
    h.items.push(it.id);
    h.load = h.load.map((l, k) => l + it.demand[k]);
  }
  const totalCost = hosts.reduce((s, h) => s + types.find((t) => t.type === h.type)!.cost, 0);
  const placed = problem.items.filter((it) => !unplaced.some((u) => u.id === it.id));
  const sums = problem.dimensions.map((_, k) => placed.reduce((s, it) => s + it.demand[k], 0));
  const single = types.length === 1;
  const lb = single ? Math.max(0, ...sums.map((s, k) => Math.ceil(s / types[0].capacity[k] - 1e-9))) : null;
  const costLb = single ? lb! * types[0].cost : Math.max(0, ...sums.map((s, k) => s * Math.min(...types.map((t) => t.cost / t.capacity[k]))));
  return {
    dimensions: problem.dimensions,
    hosts: hosts.map(({ cap: _c, ...h }) => h),
    unplaced,
    totalCost,
    hostsLowerBound: lb,
    costLowerBound: costLb,
    gap: costLb > 0 ? (totalCost - costLb) / costLb : 0,
    optimal: costLb > 0 && totalCost <= costLb + 1e-9,
    algorithm: 'ffd-max',
    boundSource: 'L1',
    warnings: [],
  };
}
