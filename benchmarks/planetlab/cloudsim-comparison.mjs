// PlanetLab days planned statically through the real CLI, in CloudSim's setup. Not a test: it
// measures and prints Markdown tables.
//
//   npm run build && node benchmarks/planetlab/cloudsim-comparison.mjs [--time-limit S] [--days 20110303,...]
//
// Setup, following CloudSim's PlanetLab example (data set cloudsim-power-models, its PROVENANCE.md):
// - one VM per trace file, files in sorted order, VM type = floor(i / ceil(n / 4)) from
//   planetlab_example_vm_types.csv (MIPS -> cpu_ghz = MIPS / 1000 with 1 core; RAM MB -> GiB);
// - hosts: HP ProLiant ML110 G4 (2 x 1860 MIPS) and G5 (2 x 2660 MIPS), 4 GiB, their SPECpower
//   curves from specpower_models.csv, 400 of each (CloudSim's 800 hosts, i % 2), cost 1 each;
// - `--virtualization none --cpu-normalization ghz --cpu-target 100 --memory-target 100`.
// Sizings: peak, p95, and time profiles (`--profile-buckets 24`, hourly peaks; `--profile-buckets
// 288`, every 5-minute slot). Energy = summary.after.observedEnergyKWh (IT energy over the day);
// overload = summary.overloadRisk (share of 5-minute intervals in which some host exceeds its CPU)
// and the share of active host time overloaded (CloudSim's measure). Run memory-constrained and
// CPU-only (VM memory 1 MiB; CloudSim checks memory only at first placement).
// The planner sees the same day it is evaluated on (in-sample), unlike CloudSim's online policies.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dataDir } from '../../scripts/data-dir.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const DATA = dataDir();
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const timeLimit = opt('--time-limit', '2');
const days = opt('--days', readdirSync(join(DATA, 'cloudsim-planetlab')).filter((d) => /^\d{8}$/.test(d)).sort().join(',')).split(',');
const work = mkdtempSync(join(tmpdir(), 'cp-planetlab-'));

const csvLines = (p) => readFileSync(p, 'utf8').trim().split('\n').map((l) => l.split(','));
const vmTypes = csvLines(join(DATA, 'cloudsim-power-models/planetlab_example_vm_types.csv')).slice(1);
const power = csvLines(join(DATA, 'cloudsim-power-models/specpower_models.csv'));
const ph = power[0];
const curve = (cls) => {
  const r = power.find((x) => x[0] === cls);
  return ph.map((h, i) => (h.startsWith('w_') ? r[i] : null)).filter((x) => x !== null);
};
const hostsCsv = join(work, 'hosts.csv');
writeFileSync(
  hostsCsv,
  'type,cores,cpu_ghz,memory_gb,price_usd,count,' + ph.filter((h) => h.startsWith('w_')).join(',') + '\n' +
    `ml110-g4,2,1.86,4,1,400,${curve('PowerModelSpecPowerHpProLiantMl110G4Xeon3040').join(',')}\n` +
    `ml110-g5,2,2.66,4,1,400,${curve('PowerModelSpecPowerHpProLiantMl110G5Xeon3075').join(',')}\n`,
);
const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

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
    const dir = join(DATA, 'cloudsim-planetlab', day);
    const files = readdirSync(dir).filter((f) => f !== 'PROVENANCE.md').sort();
    const per = Math.ceil(files.length / 4);
    const servers = join(work, `${day}-${cpuOnly ? 'cpu' : 'mem'}.csv`);
    writeFileSync(servers, 'id,cores,cpu_ghz,memory_gb\n' + files.map((f, i) => { const t = vmTypes[Math.floor(i / per)]; return `${q(f)},1,${Number(t[2]) / 1000},${cpuOnly ? 1 / 1024 : Number(t[4]) / 1024}`; }).join('\n') + '\n');
    for (const c of configs) {
      const t0 = Date.now();
      const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(repo, 'bin/consolidate.js'), 'plan', '--servers', servers, '--utilization', dir, '--utilization-format', 'planetlab', '--hosts', hostsCsv, '--virtualization', 'none', '--cpu-normalization', 'ghz', '--cpu-target', '100', '--memory-target', '100', '--time-limit', timeLimit, '--format', 'json', ...c.args], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (r.status !== 0) {
        console.log(`| ${day} | ${files.length} | ${c.name} | failed: ${r.stderr.trim().split('\n')[0]} |`);
        continue;
      }
      const rssMiB = (Number(r.stderr.trim().split('\n').pop()) / 1024).toFixed(0);
      const s = JSON.parse(r.stdout).summary;
      const byType = `${s.hostsByType['ml110-g4'] ?? 0}+${s.hostsByType['ml110-g5'] ?? 0}`;
      const lb = s.hostsLowerBound ?? `cost ${Math.ceil(s.costLowerBound - 1e-9)}`;
      console.log(`| ${day} | ${files.length} | ${c.name} | ${s.hostsUsed} (${byType}) | ${lb} | ${s.after.observedEnergyKWh.toFixed(1)} | ${(s.overloadRisk * 100).toFixed(2)}% | ${(s.overload.fractionOfActiveHostTime * 100).toFixed(3)}% | ${secs} | ${rssMiB} |`);
    }
  }
}
console.log('\nCloudSim 3.0.3 on 20110303 with 800 hosts (dynamic, CPU-only): THR-MMT-0.8 198 kWh, 5.0% of active time overloaded; LR-MMT-1.2 168 kWh, 5.7%; no power management 2,411 kWh.');
