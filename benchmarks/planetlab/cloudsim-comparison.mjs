// PlanetLab days planned statically through the real CLI, in CloudSim's setup. Not a test: it
// measures and prints Markdown tables.
//
//   npm run build && node benchmarks/planetlab/cloudsim-comparison.mjs [--time-limit S] [--days 20110303,...]
//
// Setup: CloudSim's PlanetLab example (benchmarks/lib/cloudsim-setup.mjs).
// Sizings: peak, p95, and time profiles (`--profile-buckets 24`, hourly peaks; `--profile-buckets
// 288`, every 5-minute slot). Energy = summary.after.observedEnergyKWh (IT energy over the day);
// overload = summary.overloadRisk (share of 5-minute intervals in which some host exceeds its CPU)
// and the share of active host time overloaded (CloudSim's measure). Run memory-constrained and
// CPU-only (VM memory 1 MiB; CloudSim checks memory only at first placement).
// The planner sees the same day it is evaluated on (in-sample), unlike CloudSim's online policies.
import { join, resolve, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cloudsimSetup, cloudsimFlags } from '../lib/cloudsim-setup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const timeLimit = opt('--time-limit', '2');
const { days, hostsCsv, dayDir, writeServers } = cloudsimSetup('cp-planetlab-', opt('--days'));

const configs = [
  { name: 'peak', args: ['--sizing', 'peak'] },
  { name: 'p95', args: ['--sizing', 'p95'] },
  { name: 'profile 24 x 1 h (peak)', args: ['--sizing', 'peak', '--profile-buckets', '24'] },
  { name: 'profile 288 x 5 min', args: ['--sizing', 'peak', '--profile-buckets', '288'] },
];

for (const cpuOnly of [false, true]) {
  console.log(`\n### ${cpuOnly ? 'CPU-only (VM memory 1 MiB)' : 'Memory constrained (CloudSim VM RAM, 4 GiB hosts)'}\n`);
  console.log('| day | VMs | sizing | hosts used (G4+G5) | lower bound | IT energy kWh (24 h) | overload: intervals | overload: active host time | time s | peak RSS MiB |');
  console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const day of days) {
    const dir = dayDir(day);
    const { path: servers, vms } = writeServers(day, `${day}-${cpuOnly ? 'cpu' : 'mem'}.csv`, { cpuOnly });
    for (const c of configs) {
      const t0 = Date.now();
      const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(repo, 'bin/consolidate.js'), 'plan', '--servers', servers, '--utilization', dir, '--utilization-format', 'planetlab', ...cloudsimFlags(hostsCsv), '--time-limit', timeLimit, '--format', 'json', ...c.args], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (r.status !== 0) {
        console.log(`| ${day} | ${vms} | ${c.name} | failed: ${r.stderr.trim().split('\n')[0]} |`);
        continue;
      }
      const rssMiB = (Number(r.stderr.trim().split('\n').pop()) / 1024).toFixed(0);
      const s = JSON.parse(r.stdout).summary;
      const byType = `${s.hostsByType['ml110-g4'] ?? 0}+${s.hostsByType['ml110-g5'] ?? 0}`;
      const lb = s.hostsLowerBound ?? `cost ${Math.ceil(s.costLowerBound - 1e-9)}`;
      console.log(`| ${day} | ${vms} | ${c.name} | ${s.hostsUsed} (${byType}) | ${lb} | ${s.after.observedEnergyKWh.toFixed(1)} | ${(s.overloadRisk * 100).toFixed(2)}% | ${(s.overload.fractionOfActiveHostTime * 100).toFixed(3)}% | ${secs} | ${rssMiB} |`);
    }
  }
}
console.log('\nCloudSim 3.0.3 on 20110303 with 800 hosts (dynamic, CPU-only): THR-MMT-0.8 198 kWh, 5.0% of active time overloaded; LR-MMT-1.2 168 kWh, 5.7%; no power management 2,411 kWh.');
