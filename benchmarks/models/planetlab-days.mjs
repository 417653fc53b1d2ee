// PlanetLab days placed statically onto CloudSim's two HP ProLiant host types.
//
//   npm run build && node benchmarks/models/planetlab-days.mjs [--time-limit S]   (prints Markdown tables)
//
// For each day of the data set cloudsim-planetlab (in CONSOLIDATE_DATA_DIR): one VM per file, files in sorted order,
// VM type = floor(i / ceil(n / 4)) (CloudSim's rule; types from planetlab_example_vm_types.csv:
// MIPS and RAM), hosts = HP ProLiant ML110 G4 (2 x 1860 MIPS) and G5 (2 x 2660 MIPS), 4 GiB, their
// SPECpower curves, at most 400 of each (CloudSim's 800 hosts, i % 2). Virtualization none, CPU in
// plain MIPS (--cpu-normalization ghz: 1 "GHz-core" = 1000 MIPS), hosts planned to 100% CPU and
// memory (as CloudSim allocates). Sizing: peak (max sample), p95, and profile (p95 per hour of the
// day as 24 CPU dimensions: --sizing p95 --profile-buckets 24). Energy = summary.after.observedEnergyKWh (IT energy over the 24 h).
// Overload = share of active host time in which a host's summed demand exceeds its capacity
// (summary.overload.fractionOfActiveHostTime), CloudSim's "overloaded x% of active time" measure.
// Run twice: memory constrained, and CPU-only (VM memory set to 1 MiB, as CloudSim checks memory
// only at first placement).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { plan } from '../../dist/plan.js';
import { BUILTIN_HOSTS } from '../../dist/defaults/catalog.js';

import { dataDir } from '../../scripts/data-dir.mjs';

const DATA = dataDir();
const args = process.argv.slice(2);
const tl = args.indexOf('--time-limit');
const timeLimit = tl >= 0 ? Number(args[tl + 1]) : 5;
const days = readdirSync(join(DATA, 'cloudsim-planetlab')).filter((d) => /^\d{8}$/.test(d)).sort();
const vmTypes = readFileSync(join(DATA, 'cloudsim-power-models/planetlab_example_vm_types.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const hostTypes = ['hp-ml110-g4', 'hp-ml110-g5'].map((t) => ({ ...BUILTIN_HOSTS.find((h) => h.type === t), count: 400 }));

function quantile(sorted, q) {
  const x = (sorted.length - 1) * q;
  const lo = Math.floor(x);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (x - lo);
}

function workloadsOfDay(day, sizing, cpuOnly) {
  const dir = join(DATA, 'cloudsim-planetlab', day);
  const files = readdirSync(dir).sort();
  const per = Math.ceil(files.length / 4);
  return files.map((f, i) => {
    const t = vmTypes[Math.floor(i / per)];
    const pct = readFileSync(join(dir, f), 'utf8').trim().split('\n').map(Number);
    const frac = pct.map((x) => x / 100);
    const sorted = [...frac].sort((a, b) => a - b);
    const w = {
      id: f,
      cores: 1,
      cpuGhz: Number(t[2]) / 1000,
      memoryGiB: cpuOnly ? 1 / 1024 : Number(t[4]) / 1024,
      isVirtual: true,
      cpuUtilAvgFraction: frac.reduce((s, x) => s + x, 0) / frac.length,
      samples: { timestampsSec: Float64Array.from(frac.map((_, k) => k * 300)), cpuFraction: Float32Array.from(frac), stepSec: 300 },
    };
    // Summary columns for planners without sizing from samples; the planner sizes from the samples.
    w.cpuUtilPeakFraction = sorted[sorted.length - 1];
    w.cpuUtilP95Fraction = quantile(sorted, 0.95);
    return w;
  });
}

async function run(day, sizing, cpuOnly) {
  const workloads = workloadsOfDay(day, sizing, cpuOnly);
  const opts = { virtualization: 'none', cpuNormalization: 'ghz', cpuTarget: 100, memoryTarget: 100, timeLimit };
  // peak / p95: the statistic of the 288 samples; profile: the p95 of each hour of the day, packed
  // as 24 CPU dimensions (--sizing p95 --profile-buckets 24), so VMs that peak at different hours share hosts.
  if (sizing === 'profile') Object.assign(opts, { sizing: 'p95', profileBuckets: 24 });
  else opts.sizing = sizing;
  const t0 = performance.now();
  let r;
  try {
    r = await plan({ workloads, hostModels: hostTypes }, opts);
  } catch (e) {
    return { day, sizing, cpuOnly, error: e.message.split('\n')[0] };
  }
  const s = r.summary;
  return {
    day, sizing, cpuOnly, vms: s.vms, unplaced: s.unplaced, hosts: s.hostsUsed, byType: s.hostsByType,
    kwh: s.after.observedEnergyKWh, hours: s.observedWindowHours,
    overloadHostTime: s.overload?.fractionOfActiveHostTime ?? null, overloadIntervals: s.overload?.fractionOfIntervals ?? null,
    lowerBound: s.hostsLowerBound, seconds: (performance.now() - t0) / 1000,
  };
}

const rows = [];
for (const cpuOnly of [false, true]) for (const day of days) for (const sizing of ['peak', 'p95', 'profile']) rows.push(await run(day, sizing, cpuOnly));

const pct = (x) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(2)}%`);
for (const cpuOnly of [false, true]) {
  console.log(`\n${cpuOnly ? 'CPU-only (VM memory 1 MiB)' : 'Memory constrained (4 GiB hosts, CloudSim VM RAM)'}\n`);
  console.log('| day | VMs | sizing | hosts used (G4+G5) | lower bound | IT energy, 24 h (kWh) | overloaded host time | intervals with an overloaded host | unplaced | run s |');
  console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows.filter((x) => x.cpuOnly === cpuOnly)) {
    if (r.error) {
      console.log(`| ${r.day} | | ${r.sizing} | not run: ${r.error} | | | | | | |`);
      continue;
    }
    const mix = `${r.byType['hp-ml110-g4'] ?? 0}+${r.byType['hp-ml110-g5'] ?? 0}`;
    console.log(`| ${r.day} | ${r.vms} | ${r.sizing} | ${r.hosts} (${mix}) | ${r.lowerBound ?? '-'} | ${r.kwh?.toFixed(1) ?? '-'} | ${pct(r.overloadHostTime)} | ${pct(r.overloadIntervals)} | ${r.unplaced} | ${r.seconds.toFixed(1)} |`);
  }
}
