// PlanetLab days planned with a stated overload risk and with fixed sizings, CPU-only, through the
// real CLI, beside CloudSim's dynamic policies; then out of sample: planned on one day, replayed
// on another (`consolidate replay`). Not a test: it measures and prints Markdown tables.
//
//   npm run build && node benchmarks/planetlab/risk.mjs [--time-limit S] [--days 20110303,...] [--quick]
//
// Setup (CloudSim's PlanetLab example, benchmarks/lib/cloudsim-setup.mjs): one VM
// per trace file, files in sorted order, VM type = floor(i / ceil(n / 4)) from
// planetlab_example_vm_types.csv (MIPS -> cpu_ghz = MIPS / 1000, 1 core); hosts HP ProLiant ML110
// G4 (2 x 1.86 GHz) and G5 (2 x 2.66 GHz) with their SPECpower curves, 400 of each, cost 1 each;
// `--virtualization none --cpu-normalization ghz --cpu-target 100 --memory-target 100`; CPU-only
// (VM memory 1 MiB), every VM kept, no migrations. Energy = summary.after.observedEnergyKWh (IT
// energy over the day, each host's curve at each 5-minute interval's utilization); overload =
// share of active host time over capacity (summary.overload.fractionOfActiveHostTime), CloudSim's
// "SLA violation time per active host".
// Out of sample: for each ordered pair of days, the VMs present on both (same file name) are
// planned on the first day (peak per 5-minute slot; hourly peak or p95; hourly p95 with
// --overload-risk 1) and the placement is replayed on the second (replay
// summary.overload.fractionOfActiveHostTime).
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cloudsimSetup, cloudsimFlags } from '../lib/cloudsim-setup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const quick = args.includes('--quick');
const timeLimit = opt('--time-limit', '0');
const { days, work, hostsCsv, dayDir, filesOf, writeServers } = cloudsimSetup('cp-planetlab-risk-', opt('--days'));

// CloudSim 3.0.3's dynamic consolidation on these days (800 hosts, its PlanetLab examples ThrMmt
// 0.8 and LrMmt 1.2, CPU-only), IT energy in kWh, as measured by running CloudSim on them.
const CLOUDSIM = {
  20110303: { thr: 198.08, lr: 167.83 },
  20110306: { thr: 150.7, lr: 127.98 },
  20110309: { thr: 162.2, lr: 139.4 },
};

/** servers CSV of a day (CloudSim's VM types by position, CPU-only), optionally only some ids. */
const serversOf = (day, only) => writeServers(day, `${day}${only ? '-common' : ''}.csv`, { cpuOnly: true, only });

const COMMON = [...cloudsimFlags(hostsCsv), '--time-limit', timeLimit];
function cli(argv) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(repo, 'bin/consolidate.js'), ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`consolidate ${argv.slice(0, 3).join(' ')} failed: ${r.stderr.trim().split('\n')[0]}`);
  return { out: r.stdout, secs: (Date.now() - t0) / 1000 };
}

const configs = [
  { name: 'peak', args: ['--sizing', 'peak'] },
  { name: 'p95', args: ['--sizing', 'p95'] },
  { name: 'p95, 24 buckets', args: ['--sizing', 'p95', '--profile-buckets', '24'] },
  { name: 'peak, 288 buckets', args: ['--sizing', 'peak', '--profile-buckets', '288'] },
  { name: '--overload-risk 0 (peak, 288)', args: ['--sizing', 'peak', '--profile-buckets', '288', '--overload-risk', '0'] },
  { name: '--overload-risk 1 (peak, 288)', args: ['--sizing', 'peak', '--profile-buckets', '288', '--overload-risk', '1'] },
  { name: '--overload-risk 0 (p95, 24)', args: ['--sizing', 'p95', '--profile-buckets', '24', '--overload-risk', '0'] },
  { name: '--overload-risk 1 (p95, 24)', args: ['--sizing', 'p95', '--profile-buckets', '24', '--overload-risk', '1'] },
].filter((c) => !quick || c.name === 'peak, 288 buckets' || c.name === '--overload-risk 1 (p95, 24)');

const pct = (x, d = 2) => `${(x * 100).toFixed(d)}%`;
console.log(`\n### In sample: planned and replayed on the same day (CPU-only, --time-limit ${timeLimit})\n`);
console.log('| day | VMs | planning | hosts (G4+G5) | IT energy kWh | overload (active host time) | CPU target | CloudSim THR-MMT-0.8 kWh | CloudSim LR-MMT-1.2 kWh | time s |');
console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const day of days) {
  const { path, vms } = serversOf(day);
  for (const c of configs) {
    const { out, secs } = cli(['plan', '--servers', path, '--utilization', dayDir(day), '--utilization-format', 'planetlab', ...COMMON, '--format', 'json', ...c.args]);
    const s = JSON.parse(out).summary;
    const mix = `${s.hostsByType['ml110-g4'] ?? 0}+${s.hostsByType['ml110-g5'] ?? 0}`;
    const target = s.overload.cpuTargetPercent !== undefined ? `${s.overload.cpuTargetPercent}%${s.overload.met ? '' : ' (not met)'}` : '100%';
    const cs = CLOUDSIM[day];
    console.log(`| ${day} | ${vms} | ${c.name} | ${s.hostsUsed} (${mix}) | ${s.after.observedEnergyKWh.toFixed(1)} | ${pct(s.overload.fractionOfActiveHostTime, 3)} | ${target} | ${cs ? cs.thr.toFixed(2) : '-'} | ${cs ? cs.lr.toFixed(2) : '-'} | ${secs.toFixed(1)} |`);
  }
}

console.log('\n### Out of sample: planned on one day (VMs present on both), replayed on the other\n');
console.log('| planned on | replayed on | VMs | planning | hosts | overload in sample | overload replayed | replayed: hot hosts | IT energy replayed kWh |');
console.log('|---|---|---:|---|---:|---:|---:|---:|---:|');
const pairs = [];
for (const a of days) for (const b of days) if (a !== b && (!quick || pairs.length < 1)) pairs.push([a, b]);
const oos = [
  { name: 'peak, 288 buckets', args: ['--sizing', 'peak', '--profile-buckets', '288'] },
  { name: 'peak, 24 buckets', args: ['--sizing', 'peak', '--profile-buckets', '24'] },
  { name: 'p95, 24 buckets', args: ['--sizing', 'p95', '--profile-buckets', '24'] },
  { name: '--overload-risk 1 (p95, 24)', args: ['--sizing', 'p95', '--profile-buckets', '24', '--overload-risk', '1'] },
].filter((c) => !quick || c.name === 'peak, 288 buckets');
const worst = {};
for (const [a, b] of pairs) {
  const common = new Set(filesOf(a).filter((f) => new Set(filesOf(b)).has(f)));
  const { path, vms } = serversOf(a, common);
  for (const c of oos) {
    const planPath = join(work, `plan-${a}-${b}-${c.args.join('')}.json`);
    cli(['plan', '--servers', path, '--utilization', dayDir(a), '--utilization-format', 'planetlab', ...COMMON, '--format', 'json', '--out', planPath, ...c.args]);
    const p = JSON.parse(readFileSync(planPath, 'utf8')).summary;
    const { out } = cli(['replay', '--plan', planPath, '--utilization', dayDir(b), '--utilization-format', 'planetlab', '--format', 'json']);
    const r = JSON.parse(out).summary;
    worst[c.name] = Math.max(worst[c.name] ?? 0, r.overload.fractionOfActiveHostTime);
    console.log(`| ${a} | ${b} | ${vms} | ${c.name} | ${p.hostsUsed} | ${pct(p.overload.fractionOfActiveHostTime, 3)} | ${pct(r.overload.fractionOfActiveHostTime, 3)} | ${r.hotHosts} | ${r.energyKWh.toFixed(1)} |`);
  }
}
for (const [k, v] of Object.entries(worst)) console.log(`\nWorst out-of-sample overload, ${k}: ${pct(v, 3)} of active host time.`);
