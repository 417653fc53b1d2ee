#!/usr/bin/env node
// The migration-wave order against the naive order by workload id, on the bundled data center
// (or any servers CSV / RVTools workbook): for each wave size K, the mean IT power over the waves,
// the power half way, the electricity saved by the last wave (one wave every --wave-days), and the
// most hosts standing half full at once. A measurement, never a test.
//
//   npm run build && node benchmarks/models/wave-order.mjs [--servers FILE | --rvtools PATH] [--sizes 4,8,16]
import { loadPlanInput, plan } from '../../dist/index.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const input = args.includes('--rvtools') ? { rvtools: opt('--rvtools') } : { servers: opt('--servers', join(repo, 'examples/datacenter/servers.csv')) };
const sizes = opt('--sizes', '4,8,16').split(',').map(Number);

const loaded = await loadPlanInput(input, repo);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f0 = (x) => Math.round(x).toLocaleString('en-US');
console.log(`input: ${input.servers ?? input.rvtools}; ${loaded.workloads.length} workloads`);
console.log('K   waves  mean IT W (plan / naive)  W at mid-wave (plan / naive)  saved USD (plan / naive)  max half-full hosts (plan / naive)');
for (const k of sizes) {
  const r = await plan(loaded, { waveSize: k, timeLimit: 0 });
  const w = r.summary.waves;
  const n = r.summary.waveComparison.naive;
  const mid = Math.max(0, Math.ceil(w.length / 2) - 1);
  console.log(
    [
      String(k).padEnd(3),
      String(w.length).padStart(5),
      `${f0(mean(w.map((x) => x.itPowerWatts)))} / ${f0(mean(n.itPowerWatts))}`.padStart(25),
      `${f0(w[mid].itPowerWatts)} / ${f0(n.itPowerWatts[mid])}`.padStart(29),
      `${f0(w.at(-1).cumulativeSavedUsd)} / ${f0(n.cumulativeSavedUsd.at(-1))}`.padStart(25),
      `${Math.max(...r.summary.waveComparison.partlyFilledHosts)} / ${Math.max(...n.partlyFilledHosts)}`.padStart(35),
    ].join(' '),
  );
}
