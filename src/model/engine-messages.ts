import type { PackingNote, UnplacedItem } from '../packing/index.js';
import { issue, type Issue } from './issue.js';
import type { DimensionShortfall, MessageArgs, UnplacedReason } from './messages.js';

/**
 * The boundary between the packing engine and the coded messages. The engine already reports
 * unplaced reasons and warnings as `{ code, args }` data with the catalogue's codes; here the
 * caller adds what only it knows (a dimension's display name and unit; that a plan's capacities
 * are after reserve and targets) and the warnings become Issues, rendered by model/messages.ts
 * like every other message.
 */

/** Display name and unit of a dimension (plan: "memory", "GiB"); undefined = show the raw name. */
export type DimensionLabel = (dimension: string) => { name: string; unit: string } | undefined;

function labelled(d: { dimension: string; demand: number; capacity: number }, label: DimensionLabel): DimensionShortfall {
  const l = label(d.dimension);
  return { dimension: d.dimension, ...(l ? { name: l.name, unit: l.unit } : {}), demand: d.demand, capacity: d.capacity };
}

/** The coded reason of one unplaced engine item, with dimension labels added. */
export function unplacedReason(u: Pick<UnplacedItem, 'reason'>, label: DimensionLabel = () => undefined, afterReserve = false): UnplacedReason {
  const r = u.reason;
  if (r.code !== 'unplaced.too-large') return r;
  return {
    code: 'unplaced.too-large',
    args: {
      dimensions: r.args.dimensions.map((d) => labelled(d, label)),
      ...(afterReserve ? { afterReserve } : {}),
      ...(r.args.affinityGroup ? { affinityGroup: r.args.affinityGroup } : {}),
    },
  };
}

/**
 * The too-large reason read from per-type failures alone: the dimensions on which every failing
 * host type fails (undefined when there is none).
 */
export function tooLargeFromFailures(failures: UnplacedItem['failures'], label: DimensionLabel = () => undefined, afterReserve = false): UnplacedReason | undefined {
  const types = new Set(failures.map((f) => f.hostType));
  const byDim = new Map<string, { demand: number; capacity: number; types: Set<string> }>();
  for (const f of failures) {
    const cur = byDim.get(f.dimension) ?? { demand: f.demand, capacity: 0, types: new Set<string>() };
    cur.capacity = Math.max(cur.capacity, f.capacity);
    cur.types.add(f.hostType);
    byDim.set(f.dimension, cur);
  }
  const dims: DimensionShortfall[] = [];
  for (const [dimension, v] of byDim) if (v.types.size === types.size) dims.push(labelled({ dimension, demand: v.demand, capacity: v.capacity }, label));
  if (!dims.length) return undefined;
  return { code: 'unplaced.too-large', args: { dimensions: dims, ...(afterReserve ? { afterReserve } : {}) } };
}

type NoteArgsFit = { [N in PackingNote as N['code']]: N['args'] extends MessageArgs[N['code']] ? true : false };
/** Compiles only while every engine note's args are the catalogue's args for its code. */
export const ENGINE_NOTES_FIT_CATALOGUE: false extends NoteArgsFit[keyof NoteArgsFit] ? never : true = true;

/** Engine warnings as coded issues (severity warning), in the engine's order. */
export function engineWarningIssues(notes: readonly PackingNote[]): Issue[] {
  // safe by ENGINE_NOTES_FIT_CATALOGUE: TypeScript cannot pair a union's code with its args by itself
  return notes.map((n) => issue(n.code, 'warning', n.args as MessageArgs[typeof n.code] as never));
}
