#!/usr/bin/env node
// Runs every benchmark in this folder, each in a quick setting by default (a smoke run that shows
// the script works and prints its tables in a minute or two); `--full` uses each script's own
// defaults, the settings whose numbers the README quotes. Benchmarks that read the public data sets
// (CONSOLIDATE_DATA_DIR, see scripts/data-dir.mjs) are skipped, with a line saying so, when the
// folder is missing. Benchmarks are measurements, never tests: nothing here fails on a number.
//
//   npm run bench                       # quick run of all (npm run bench -- --full for full runs)
//   node benchmarks/run-all.mjs [--full] [--list] [NAME_FILTER ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, dataDirExists } from '../scripts/data-dir.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');

/** Every benchmark script with its quick and full arguments; `data`: reads the public data sets. */
export const BENCHMARKS = [
  { script: 'ingest/long-csv.mjs', quick: ['--servers', '1000', '--samples', '100', '--repeat', '1'], full: [], data: false },
  { script: 'ingest/yield-cost.mjs', quick: ['--rows', '100000', '--repeat', '1'], full: [], data: false },
  { script: 'ingest/perfmon.mjs', quick: ['--servers', '20', '--samples', '2016'], full: ['--servers', '100', '--samples', '105120'], data: false },
  { script: 'ingest/year-scale.mjs', quick: ['--servers', '10', '--samples', '2016', '--data', join(tmpdir(), 'cp-bench-year-quick')], full: [], data: false },
  { script: 'ingest/rvtools-xlsx.mjs', quick: ['--vms', '5000', '--repeat', '1'], full: [], data: false },
  { script: 'packing/scale.mjs', quick: ['10000'], full: ['100000', '1000000'], data: false },
  { script: 'packing/quality.mjs', quick: ['falkenauer', '0.2', '8'], full: ['falkenauer', '1'], data: true },
  { script: 'packing/quality.mjs', quick: ['ct', '0.2', '10'], full: ['ct', '1'], data: true },
  { script: 'packing/quality.mjs', quick: ['multidim', '0.2', '20'], full: ['multidim', '1', '4'], data: true },
  { script: 'packing/exact.mjs', quick: ['5', '1'], full: ['10', '3'], data: true },
  { script: 'packing/table.mjs', quick: ['--rows', 'falkenauer,classic,ct,multidim,scale100k', '--every', '40', '--runs', '1'], full: [], data: true },
  { script: 'packing/yield-cost.mjs', quick: ['20000', '1'], full: ['1000000', '3'], data: false },
  { script: 'planetlab/cloudsim-comparison.mjs', quick: ['--time-limit', '0', '--days', '20110303'], full: [], data: true },
  { script: 'models/wave-order.mjs', quick: [], full: [], data: false },
  { script: 'planetlab/risk.mjs', quick: ['--quick', '--days', '20110303,20110306'], full: [], data: true },
  { script: 'models/planetlab-days.mjs', quick: ['--time-limit', '0'], full: [], data: true },
  { script: 'embedding/cancel-planetlab.mjs', quick: ['--repeat', '1'], full: [], data: true },
  { script: 'fuzz-soak.sh', quick: ['10', '1'], full: ['3000', '42'], data: false },
];

/** Benchmark files on disk (for the check that none is left out of BENCHMARKS). */
export function benchmarkFiles() {
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? (f === 'lib' ? [] : walk(join(d, f))) : [join(d, f)]));
  return walk(here)
    .map((f) => relative(here, f).split('\\').join('/'))
    .filter((f) => (f.endsWith('.mjs') || f.endsWith('.sh')) && f !== 'run-all.mjs')
    .sort();
}

function main(argv) {
  const full = argv.includes('--full');
  const filters = argv.filter((a) => !a.startsWith('--'));
  const chosen = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.script.includes(f)));
  if (argv.includes('--list')) {
    for (const b of chosen) console.log(`${b.script} ${(full ? b.full : b.quick).join(' ')}${b.data ? '   (data sets)' : ''}`);
    return 0;
  }
  const haveData = dataDirExists();
  let failed = 0;
  for (const b of chosen) {
    const args = full ? b.full : b.quick;
    const title = `benchmarks/${b.script} ${args.join(' ')}`.trim();
    if (b.data && !haveData) {
      console.log(`\n== ${title}: skipped, needs the public data sets (not found at ${dataDir()}; set CONSOLIDATE_DATA_DIR)`);
      continue;
    }
    console.log(`\n== ${title}`);
    const file = join(here, b.script);
    const cmd = b.script.endsWith('.sh') ? ['bash', [file, ...args]] : [process.execPath, [file, ...args]];
    const t0 = Date.now();
    const r = spawnSync(cmd[0], cmd[1], { cwd: repo, stdio: 'inherit', env: process.env });
    console.log(`-- ${b.script}: exit ${r.status ?? r.signal}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (r.status !== 0) failed++;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
