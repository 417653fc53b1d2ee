import { z } from 'zod';
import { solvePacking, type PackingProblem, type PackOptions, type PackingResult, type HaVerification } from './packing/index.js';
import { SCHEMA_VERSION, type PackResult, type HaSummary } from './model/plan-result.js';
import type { Issue, RowAccounting } from './model/issue.js';
import { OptionsError, AbortedError } from './errors.js';
import { round } from './util/round.js';
import { hostFill } from './model/host-fill.js';
import { unplacedReason, engineWarningIssues } from './model/engine-messages.js';
import { renderUnplacedReason } from './model/messages.js';

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(signal.reason instanceof Error ? signal.reason.message : 'aborted');
}

/**
 * The public `pack()` contract: items with named resource demands, host types with named
 * capacities, an optional cost (1 when absent) and count (unlimited when absent).
 */
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
export const PackProblemInputSchema = z.object({
  items: z.array(
    z.object({
      id: z.string().min(1),
      demand: z.record(z.string(), finite.refine((x) => x >= 0, 'must be >= 0')),
      antiAffinity: z.array(z.string()).optional(),
      affinity: z.string().optional(),
      site: z.string().optional(),
    }),
  ),
  hostTypes: z
    .array(
      z.object({
        type: z.string().min(1),
        capacity: z.record(z.string(), finite.refine((x) => x > 0, 'must be > 0')),
        cost: finite.refine((x) => x >= 0, 'must be >= 0').optional(),
        count: z.number().int().min(0).nullable().optional(),
      }),
    )
    .min(1),
  constraints: z.object({ maxItemsPerHost: z.number().int().positive().optional(), ha: z.number().int().min(0).optional() }).optional(),
});
export type PackProblemInput = z.input<typeof PackProblemInputSchema>;

/** Converts the named-resource input into the engine's positional problem. */
export function toPackingProblem(input: PackProblemInput): PackingProblem {
  const r = PackProblemInputSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new OptionsError(`invalid pack problem at ${i.path.join('.')}: ${i.message}`);
  }
  const p = r.data;
  const dims: string[] = [];
  for (const h of p.hostTypes) for (const k of Object.keys(h.capacity)) if (!dims.includes(k)) dims.push(k);
  for (const it of p.items) {
    for (const k of Object.keys(it.demand)) {
      if (!dims.includes(k)) throw new OptionsError(`item ${JSON.stringify(it.id)} demands resource ${JSON.stringify(k)} that no host type has`);
    }
  }
  const seen = new Set<string>();
  for (const it of p.items) {
    if (seen.has(it.id)) throw new OptionsError(`duplicate item id ${JSON.stringify(it.id)}`);
    seen.add(it.id);
  }
  return {
    dimensions: dims,
    items: p.items.map((it) => ({ ...it, demand: dims.map((d) => it.demand[d] ?? 0) })),
    hostTypes: p.hostTypes.map((h) => ({ type: h.type, capacity: dims.map((d) => h.capacity[d] ?? 0), cost: h.cost ?? 1, count: h.count ?? null })),
    constraints: p.constraints,
  };
}


/** summary.ha from the engine's N+ha verification (the per-failure cases stay out of the summary). */
export function haSummary(v: HaVerification): HaSummary {
  return { ha: v.ha, method: v.method, sparesAdded: v.sparesAdded, casesChecked: v.casesChecked, casesAbsorbed: v.casesAbsorbed, ok: v.ok };
}

/** Shapes an engine result into the versioned `pack` result object that the JSON shows. */
export function toPackResult(problem: PackingProblem, r: PackingResult, extra: { issues?: Issue[]; rows?: RowAccounting } = {}): PackResult {
  const caps = new Map(problem.hostTypes.map((t) => [t.type, t.capacity]));
  const hostsByType: Record<string, number> = {};
  for (const h of r.hosts) hostsByType[h.type] = (hostsByType[h.type] ?? 0) + 1;
  // the host of each item: the engine's placement (by item index) when present, else by id
  const placement = r.placement && r.placement.length === problem.items.length ? r.placement : null;
  const hostOf = placement ? null : new Map<string, string>();
  if (hostOf) for (const h of r.hosts) for (const id of h.items) hostOf.set(id, h.id);
  const warnings = engineWarningIssues(r.warnings);
  const result: PackResult = {
    schemaVersion: SCHEMA_VERSION,
    kind: 'pack',
    dimensions: problem.dimensions,
    summary: {
      vms: problem.items.length,
      placed: problem.items.length - r.unplaced.length,
      unplaced: r.unplaced.length,
      hostsUsed: r.hosts.length,
      hostsLowerBound: r.hostsLowerBound,
      totalCost: round(r.totalCost),
      costLowerBound: round(r.costLowerBound),
      gap: round(r.gap),
      optimal: r.optimal,
      algorithm: r.algorithm,
      boundSource: r.boundSource,
      hostsByType,
      rows: extra.rows ?? { read: problem.items.length, accepted: problem.items.length, rejected: 0 },
      ...(r.haVerification ? { ha: haSummary(r.haVerification) } : {}),
    },
    hosts: packHosts(problem.dimensions, r.hosts, caps),
    // every item's entry: built on first read (see lazyItems), so a report that shows no items
    // (the text report of a million VMs) never builds them
    items: undefined,
    unplaced: r.unplaced.map((u) => {
      const why = unplacedReason(u);
      return { id: u.id, reason: renderUnplacedReason(why), failures: u.failures, code: why.code, args: why.args };
    }),
    issues: [...(extra.issues ?? []), ...warnings],
    warnings: warnings.map((i) => i.message),
  };
  lazyItems(result, () => packItems(problem, r, placement, hostOf));
  return result;
}

/** `result.hosts`: per host its items, and per resource its load, capacity and fill (rounded), and
 *  the resource it is fullest in (the first of equals). One plain loop per host: at a million
 *  items there are a hundred thousand hosts. */
function packHosts(dims: string[], hosts: PackingResult['hosts'], caps: Map<string, number[]>): PackResult['hosts'] {
  const out: PackResult['hosts'] = new Array(hosts.length);
  for (let j = 0; j < hosts.length; j++) {
    const h = hosts[j];
    const { load, capacity, fill, bindingResource } = hostFill(dims, h.load, caps.get(h.type)!);
    const o: PackResult['hosts'][number] = { id: h.id, type: h.type, vms: h.items, load, capacity, fill, bindingResource };
    if (h.site) o.site = h.site;
    if (h.spare) o.spare = true;
    out[j] = o;
  }
  return out;
}

/** `result.items`: every problem item in input order with its host id (null when unplaced) and demand. */
function packItems(problem: PackingProblem, r: PackingResult, placement: Int32Array | null, hostOf: Map<string, string> | null): NonNullable<PackResult['items']> {
  const dims = problem.dimensions;
  const d = dims.length;
  const hostIds = r.hosts.map((h) => h.id);
  const out: NonNullable<PackResult['items']> = new Array(problem.items.length);
  for (let i = 0; i < problem.items.length; i++) {
    const it = problem.items[i];
    const demand: Record<string, number> = {};
    for (let k = 0; k < d; k++) demand[dims[k]] = round(it.demand[k]);
    const h = placement ? placement[i] : -1;
    out[i] = { id: it.id, host: placement ? (h >= 0 ? hostIds[h] : null) : (hostOf!.get(it.id) ?? null), demand };
  }
  return out;
}

/**
 * Makes `result.items` a property computed on first read (then an ordinary data property): it
 * keeps its place among the keys, so JSON.stringify, spreading and cloning see the same object
 * as if it had been built at once. Assigning to it replaces it.
 */
function lazyItems(result: PackResult, build: () => NonNullable<PackResult['items']>): void {
  const settle = (value: PackResult['items']) => Object.defineProperty(result, 'items', { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(result, 'items', {
    enumerable: true,
    configurable: true,
    get() {
      const v = build();
      settle(v);
      return v;
    },
    set(v: PackResult['items']) {
      settle(v);
    },
  });
}

/**
 * Pure vector bin packing: minimizes total host cost (the host count when costs are equal).
 * @example await pack({ items: [{ id: 'a', demand: { cpu: 2 } }], hostTypes: [{ type: 'h', capacity: { cpu: 4 } }] })
 */
export async function pack(input: PackProblemInput, options: PackOptions = {}): Promise<PackResult> {
  const problem = toPackingProblem(input);
  throwIfAborted(options.signal);
  const r = await solvePacking(problem, options);
  throwIfAborted(options.signal);
  return toPackResult(problem, r);
}
