#!/usr/bin/env node
// What cooperative yielding costs the readers: the same files read with the event loop getting a
// turn every Cooperator time slice (the default clock) and with a frozen clock (never yields),
// alternating, median of runs: a pack VMS.csv of N rows (csv-parse path, `loadPackItems`, the
// front of `consolidate pack` at 1M VMs) and a long utilization CSV of N rows (lean reader,
// `loadLongCsv`). Also reports the longest event-loop stall (perf_hooks monitorEventLoopDelay)
// and checks that both modes read the same records. A measurement, not a test.
//
//   npm run build && node benchmarks/ingest/yield-cost.mjs [--rows 1000000] [--repeat 3]
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadPackItems, loadLongCsv } from '../../dist/index.js';
import { Cooperator } from '../../dist/util/cooperate.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const rows = arg('rows', 1_000_000);
const repeat = arg('repeat', 3);
const dir = mkdtempSync(join(tmpdir(), 'cp-yield-'));
const vms = join(dir, 'vms.csv');
const long = join(dir, 'util.csv');
{
  const a = ['id,cpu,mem,disk,net'];
  for (let i = 0; i < rows; i++) a.push(`vm-${i},${(i * 7919) % 97 + 1},${(i * 104729) % 61 + 1},${i % 13},${i % 29}`);
  writeFileSync(vms, a.join('\n') + '\n');
  const b = ['timestamp,id,cpu_pct,memory_used_gb'];
  const servers = Math.max(1, Math.floor(rows / 288));
  for (let i = 0; i < rows; i++) b.push(`${1_700_000_000 + Math.floor(i / servers) * 300},srv-${i % servers},${(i * 31) % 100},${(i % 64) + 1}`);
  writeFileSync(long, b.join('\n') + '\n');
}

const readers = {
  'pack VMS.csv (csv-parse)': (co) => loadPackItems(vms, { cooperator: co }).then((r) => r.records.length),
  'long utilization CSV (lean reader)': (co) => loadLongCsv(long, { cooperator: co }).then((r) => r.rows.accepted),
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${rows} rows, ${repeat} runs each, alternating; ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('| reader | yielding s | frozen clock s | cost | longest stall ms (yielding / frozen) | turns | same records |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [name, read] of Object.entries(readers)) {
  const t = { yielding: [], frozen: [] };
  const stall = { yielding: [], frozen: [] };
  const counts = new Set();
  let turns = 0;
  for (let r = 0; r < repeat; r++) {
    for (const mode of ['yielding', 'frozen']) {
      const co = mode === 'frozen' ? new Cooperator({ now: () => 0 }) : new Cooperator();
      const h = monitorEventLoopDelay({ resolution: 5 });
      h.enable();
      const t0 = performance.now();
      counts.add(await read(co));
      t[mode].push((performance.now() - t0) / 1000);
      h.disable();
      stall[mode].push(h.max / 1e6);
      if (mode === 'yielding') turns = co.turns;
    }
  }
  const y = median(t.yielding);
  const f = median(t.frozen);
  console.log(`| ${name} | ${y.toFixed(3)} | ${f.toFixed(3)} | ${((100 * (y - f)) / f).toFixed(1)}% | ${median(stall.yielding).toFixed(0)} / ${median(stall.frozen).toFixed(0)} | ${turns} | ${counts.size === 1} |`);
}
rmSync(dir, { recursive: true, force: true });
