/**
 * An independent checker for plan/pack results. It shares no code with the packers or with
 * plan(): it recomputes loads from the per-VM demands and checks the invariants directly.
 */
interface HostLike {
  id: string;
  /** An empty host kept as HA reserve. */
  spare?: boolean;
  vms: string[];
  load: Record<string, number>;
  capacity: Record<string, number>;
}
interface ResultLike {
  dimensions: string[];
  summary: { vms: number; placed: number; unplaced: number; hostsUsed: number; hostsLowerBound: number | null };
  hosts: HostLike[];
  unplaced: { id: string; reason: string }[];
}

export function checkResult(r: ResultLike, demands: Map<string, Record<string, number>>, tol = 1e-6): string[] {
  const v: string[] = [];
  const seen = new Map<string, string>();
  for (const h of r.hosts) {
    const sum: Record<string, number> = {};
    for (const id of h.vms) {
      if (seen.has(id)) v.push(`${id} placed twice (${seen.get(id)}, ${h.id})`);
      seen.set(id, h.id);
      const d = demands.get(id);
      if (!d) {
        v.push(`${h.id} holds unknown VM ${id}`);
        continue;
      }
      for (const k of r.dimensions) sum[k] = (sum[k] ?? 0) + (d[k] ?? 0);
    }
    for (const k of r.dimensions) {
      if ((sum[k] ?? 0) > h.capacity[k] * (1 + tol) + tol) v.push(`${h.id} over capacity in ${k}: ${sum[k]} > ${h.capacity[k]}`);
      if (Math.abs((sum[k] ?? 0) - h.load[k]) > tol * Math.max(1, h.load[k]) + 1e-3) v.push(`${h.id} reports load ${h.load[k]} in ${k}, VMs sum to ${sum[k]}`);
    }
    if (h.vms.length === 0 && !h.spare) v.push(`${h.id} is empty`);
  }
  for (const u of r.unplaced) {
    if (seen.has(u.id)) v.push(`${u.id} both placed and unplaced`);
    seen.set(u.id, '(unplaced)');
    if (!u.reason) v.push(`${u.id} unplaced without a reason`);
  }
  for (const id of demands.keys()) if (!seen.has(id)) v.push(`${id} neither placed nor unplaced`);
  if (seen.size !== demands.size) v.push(`result covers ${seen.size} VMs, input has ${demands.size}`);
  if (r.summary.vms !== demands.size) v.push(`summary.vms ${r.summary.vms} != ${demands.size}`);
  if (r.summary.placed + r.summary.unplaced !== r.summary.vms) v.push('placed + unplaced != vms');
  if (r.summary.hostsUsed !== r.hosts.length) v.push('hostsUsed != hosts.length');
  if (r.summary.hostsLowerBound !== null && r.summary.hostsLowerBound > r.summary.hostsUsed) v.push('lower bound above hosts used');
  return v;
}

/** Demands of a plan result, from its per-VM records. */
export function planDemands(r: { vms: { id: string; cpuDemandGhz: number; memoryDemandGiB: number; ioDemand?: Record<string, number> }[] }): Map<string, Record<string, number>> {
  return new Map(r.vms.map((vm) => [vm.id, { cpu_ghz: vm.cpuDemandGhz, memory_gib: vm.memoryDemandGiB, ...vm.ioDemand }]));
}
