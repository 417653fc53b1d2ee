import type { Workload } from '../model/workload.js';
import { issueError } from '../model/issue.js';

/**
 * A move unit: the workloads that must move in the same wave, one migration group (its placed
 * members) or a single workload without a group, with the hosts they go to.
 */
export interface MoveUnit {
  /** The group name, or the workload id of a single workload. */
  id: string;
  /** Member workload ids, sorted. */
  members: string[];
  /** Target host ids of the members, sorted, without repeats. */
  hosts: string[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The move units of the placed workloads (`hostOf`: workload id → host id), in order of their first
 * member id. Groups are keyed `group:<name>` internally so a group and a workload may share a name.
 * O(W log W).
 */
export function moveUnits(workloads: readonly Pick<Workload, 'id' | 'group'>[], hostOf: ReadonlyMap<string, string>): MoveUnit[] {
  const byKey = new Map<string, { id: string; members: string[]; hosts: Set<string> }>();
  for (const w of workloads) {
    const host = hostOf.get(w.id);
    if (host === undefined) continue;
    const key = w.group !== undefined ? `group:${w.group}` : `id:${w.id}`;
    let u = byKey.get(key);
    if (!u) byKey.set(key, (u = { id: w.group ?? w.id, members: [], hosts: new Set() }));
    u.members.push(w.id);
    u.hosts.add(host);
  }
  return [...byKey.values()]
    .map((u) => ({ id: u.id, members: [...u.members].sort(cmp), hosts: [...u.hosts].sort(cmp) }))
    .sort((a, b) => cmp(a.members[0], b.members[0]));
}

/**
 * A migration group larger than the wave size cannot move in one wave: the run stops with
 * `waves.group-too-large` (exit 2), naming the first such group (by name) with its workloads and the
 * file and line of its first member. Counts every workload of the input, placed or not, so the
 * check can run before packing. O(W).
 */
export function checkGroupSizes(workloads: readonly Pick<Workload, 'id' | 'group' | 'source'>[], waveSize: number): void {
  const groups = new Map<string, Pick<Workload, 'id' | 'group' | 'source'>[]>();
  for (const w of workloads) if (w.group !== undefined) groups.set(w.group, [...(groups.get(w.group) ?? []), w]);
  const big = [...groups.entries()].filter(([, ws]) => ws.length > waveSize).sort(([a], [b]) => cmp(a, b));
  if (!big.length) return;
  const [group, ws] = big[0];
  const first = ws[0];
  throw issueError(
    'waves.group-too-large',
    { group, workloads: ws.length, waveSize, ids: ws.map((w) => w.id).sort(cmp) },
    { file: first.source?.file, line: first.source?.line, column: 'group', raw: group, path: ['waveSize'] },
  );
}
