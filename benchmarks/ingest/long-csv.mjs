#!/usr/bin/env node
/**
 * Long-CSV ingest benchmark: generates a long utilization CSV of SERVERS x SAMPLES rows
 * (default 10,000 x 1,000 = 10M rows) in a temp dir, then in separate child processes (so that
 * each peak RSS is its own) measures:
 *   1. csv-parse alone: stream the file through csv-parse (default options) and count records;
 *   2. ingest + sizing: loadLongCsv (accounting, typed-array samples) + p95 sizing of every series.
 * Prints both times (wall and CPU), their ratio (goal <= 1.5), samples per second and each peak
 * RSS (goal < 1 GiB). Not a test: numbers are reported, never asserted. Run after `npm run build`:
 *   node benchmarks/ingest/long-csv.mjs [--servers 10000] [--samples 1000] [--repeat 2] [--keep]
 *     [--data DIR] [--no-baseline] [--sample-budget N] [--threads N]
 * `--data DIR` reads (and on first use writes) the generated file there, so repeated runs skip the
 * generation; `--no-baseline` skips the csv-parse phase (for the year-scale runs); `--sample-budget`
 * sets the samples held exactly before the load is sketched (docs/models.md#sample-sketch); `--threads`
 * the worker threads reading (default: the planner's, one per core up to 4; 0 reads in the main thread).
 */
import { createReadStream, createWriteStream, mkdtempSync, mkdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};

async function phase(name, file, budget, threads) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let records = 0;
  let extra = {};
  if (name === 'csv-parse') {
    const { parse } = await import('csv-parse');
    const parser = createReadStream(file).pipe(parse());
    for await (const _ of parser) records++;
    records--; // header
  } else {
    const { loadLongCsv } = await import(resolve(here, '../../dist/ingest/long.js'));
    const { sizeSamples } = await import(resolve(here, '../../dist/sizing/samples.js'));
    const r = await loadLongCsv(file, { ...(budget ? { sampleBudget: Number(budget) } : {}), ...(threads ? { threads: Number(threads) } : {}) });
    records = r.rows.read;
    let sum = 0;
    let sketched = 0;
    for (const s of r.series) {
      sum += sizeSamples(s.samples, 'p95').cpuFraction;
      if (s.samples.sketch) sketched++;
    }
    extra = { series: r.series.length, sketched, accepted: r.rows.accepted, rejected: r.rows.rejected, meanP95: sum / r.series.length };
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ name, records, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMiB, ...extra }));
}

async function generate(file, servers, samples) {
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write('timestamp,id,cpu_pct,memory_used_gb\n');
  const t0 = 1709251200; // 2024-03-01T00:00:00Z
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let k = 0; k < samples; k++) {
    let buf = '';
    const ts = t0 + k * 300;
    for (let s = 0; s < servers; s++) {
      buf += `${ts},srv-${s},${(rnd() * 60).toFixed(1)},${(4 + rnd() * 12).toFixed(2)}\n`;
    }
    await write(buf);
  }
  await new Promise((r) => out.end(r));
}

if (args[0] === '--phase') {
  await phase(args[1], args[2], args[3] === '-' ? undefined : args[3], args[4]);
} else {
  const servers = Number(opt('servers', 10000));
  const samples = Number(opt('samples', 1000));
  const data = opt('data', undefined);
  const dir = data ?? mkdtempSync(join(tmpdir(), 'cp-bench-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `long-${servers}x${samples}.csv`);
  if (!data || !existsSync(file)) {
    const g0 = Date.now();
    await generate(file, servers, samples);
    const size = statSync(file).size;
    console.log(`generated ${(servers * samples).toLocaleString('en-US')} rows (${(size / 2 ** 20).toFixed(0)} MiB) in ${((Date.now() - g0) / 1000).toFixed(1)} s: ${file}`);
  } else console.log(`reading the file generated before: ${file}`);
  const budget = opt('sample-budget', undefined);
  const run = (name) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', name, file, budget ?? '-', ...(opt('threads') !== undefined ? [opt('threads')] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  // Alternate the two phases and keep each one's best time: on a shared machine the load changes
  // during the run, and alternating exposes both to it alike.
  const repeat = Number(opt('repeat', 2));
  const baseline = !args.includes('--no-baseline');
  let base;
  let ours;
  for (let k = 0; k < repeat; k++) {
    const b = baseline ? run('csv-parse') : undefined;
    const o = run('ingest');
    console.log(`  run ${k + 1}: ${b ? `csv-parse ${b.seconds.toFixed(2)} s, ` : ''}ingest + sizing ${o.seconds.toFixed(2)} s wall, ${o.cpuSeconds.toFixed(2)} s CPU`);
    if (b && (!base || b.seconds < base.seconds)) base = { ...b, maxRssMiB: Math.max(b.maxRssMiB, base?.maxRssMiB ?? 0) };
    if (!ours || o.seconds < ours.seconds) ours = { ...o, maxRssMiB: Math.max(o.maxRssMiB, ours?.maxRssMiB ?? 0) };
  }
  if (base) console.log(`csv-parse alone:  ${base.seconds.toFixed(2)} s (best of ${repeat}), ${base.records.toLocaleString('en-US')} records, peak RSS ${base.maxRssMiB.toFixed(0)} MiB`);
  console.log(
    `ingest + sizing:  ${ours.seconds.toFixed(2)} s wall, ${ours.cpuSeconds.toFixed(2)} s CPU (best of ${repeat}), ${ours.records.toLocaleString('en-US')} rows read (${ours.accepted.toLocaleString('en-US')} accepted, ${ours.rejected} rejected), ` +
      `${ours.series} series (${ours.sketched} sketched), ${Math.round(ours.accepted / ours.seconds).toLocaleString('en-US')} samples/s wall, ${Math.round(ours.accepted / ours.cpuSeconds).toLocaleString('en-US')} per CPU second, peak RSS ${ours.maxRssMiB.toFixed(0)} MiB`,
  );
  if (base) {
    const ratio = ours.seconds / base.seconds;
    console.log(`ratio ${ratio.toFixed(2)}x (goal <= 1.5x): ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
  }
  console.log(`peak RSS ${ours.maxRssMiB < 1024 ? 'under' : 'OVER'} 1 GiB`);
  if (!args.includes('--keep') && !data) rmSync(dir, { recursive: true, force: true });
}
