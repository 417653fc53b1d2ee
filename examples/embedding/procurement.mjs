// A procurement tool that embeds consolidation-planner (see README.md in this folder).
// It builds its inventory and the vendor quotes in code, asks the planner how many hosts of each
// quoted model the estate needs, and picks the quote with the lowest 5-year TCO.
import { plan, pack, BUILTIN_HOSTS, PlanResultSchema, AbortedError } from 'consolidation-planner';

// 1. The inventory, as the tool holds it (here: 48 generated servers, deterministic).
const workloads = [];
for (let i = 0; i < 48; i++) {
  workloads.push({
    id: `srv-${String(i + 1).padStart(2, '0')}`,
    cores: [4, 8, 16][i % 3],
    cpuGhz: 2.4,
    memoryGiB: [16, 32, 64, 128][i % 4],
    memoryUsedGiB: [10, 20, 40, 90][i % 4],
    cpuUtilAvgFraction: 0.05 + (i % 5) * 0.03,
    cpuUtilP95Fraction: 0.2 + (i % 5) * 0.08,
    measuredWatts: 180 + (i % 7) * 15,
    workloadClass: { cpu: 0.6, io: 0.4 },
  });
}

// 2. The vendor quotes: built-in SPECpower-measured models with the quoted price.
const quotes = [
  { type: 'dell-r740', priceUsd: 14500 },
  { type: 'dell-r7525', priceUsd: 23900 },
  { type: 'hpe-dl380-gen10-plus', priceUsd: 19800 },
];
const models = quotes.map((q) => ({ ...BUILTIN_HOSTS.find((h) => h.type === q.type), priceUsd: q.priceUsd, priceAssumed: false, source: 'vendor quote 2026-Q4' }));

// 3. Plan each quote. Progress arrives through a callback; cancellation through an AbortSignal.
const controller = new AbortController();
let progressEvents = 0;
const rows = [];
for (const m of models) {
  const result = await plan({ workloads, hostModels: [m] }, { hypervisor: 'kvm', timeLimit: 0, horizonYears: 5 }, { signal: controller.signal, onProgress: () => progressEvents++ });
  PlanResultSchema.parse(result); // the same object `consolidate plan --format json` prints
  rows.push({ type: m.type, hosts: result.summary.hostsUsed, unplaced: result.summary.unplaced, capexUsd: m.priceUsd * result.summary.hostsUsed, tcoUsd: result.summary.tco?.totalUsd ?? null, savedKWhPerYear: Math.round(result.summary.savings.annualEnergyKWh) });
}
rows.sort((a, b) => (a.tcoUsd ?? Infinity) - (b.tcoUsd ?? Infinity) || a.type.localeCompare(b.type));
console.log('quote                 hosts  unplaced  capex USD   5y TCO USD  kWh saved/y');
for (const r of rows) console.log(`${r.type.padEnd(20)}  ${String(r.hosts).padStart(5)}  ${String(r.unplaced).padStart(8)}  ${String(r.capexUsd).padStart(9)}  ${String(Math.round(r.tcoUsd)).padStart(11)}  ${String(r.savedKWhPerYear).padStart(11)}`);
console.log(`best quote: ${rows[0].type}`);

// 4. Pure bin packing with named resources (the pack() contract).
const packed = await pack({
  items: [
    { id: 'a', demand: { vcpus: 8, memoryGiB: 64 } },
    { id: 'b', demand: { vcpus: 8, memoryGiB: 64 } },
    { id: 'c', demand: { vcpus: 16, memoryGiB: 128 } },
  ],
  hostTypes: [{ type: 'box', capacity: { vcpus: 32, memoryGiB: 256 }, cost: 1 }],
});
console.log(`pack: ${packed.summary.hostsUsed} host(s), lower bound ${packed.summary.hostsLowerBound}`);

// 5. A cancelled plan rejects (here the signal is aborted before the call).
controller.abort();
try {
  await plan({ workloads, hostModels: [models[0]] }, {}, { signal: controller.signal });
  console.log('cancel: not rejected');
} catch (e) {
  console.log(`cancel: rejected with ${e instanceof AbortedError ? 'AbortedError' : e.name}`);
}
