#!/usr/bin/env node
/**
 * Perfmon ingest benchmark: generates a folder of typeperf-style CSV files, one per server
 * (SERVERS files of SAMPLES rows at 5-minute steps, `% Processor Time` and `Available MBytes`),
 * then, in a child process (so the peak RSS is its own), loads the folder with loadUtilization
 * (format detection, accounting, typed-array samples) and sizes every series at p95. Prints the
 * samples per second, wall and CPU seconds and the peak RSS. Not a test: numbers are reported,
 * never asserted. Run after `npm run build`:
 *   node benchmarks/ingest/perfmon.mjs [--servers 100] [--samples 105120] [--keep] [--data DIR] [--threads N]
 * (105,120 samples = one year at 5-minute steps.) `--data DIR` reads (and on first use writes) the
 * generated folder there instead of a new temp dir, so repeated runs skip the generation;
 * `--sample-budget N` sets the samples held exactly before the load is sketched (default: the
 * planner's, docs/models.md#sample-sketch); `--threads N` the worker threads reading (default:
 * the planner's, one per core up to 4; 0 reads in the main thread); `--repeat N` runs the ingest N times.
 */
import { createWriteStream, mkdtempSync, rmSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
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

async function phase(dir, budget, threads) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const { loadUtilization } = await import(resolve(here, '../../dist/ingest/registry.js'));
  const { sizeSamples } = await import(resolve(here, '../../dist/sizing/samples.js'));
  const r = await loadUtilization(dir, 'auto', { ...(budget ? { sampleBudget: Number(budget) } : {}), ...(threads ? { threads: Number(threads) } : {}) });
  const tRead = Number(process.hrtime.bigint() - t0) / 1e9;
  let sum = 0;
  let samples = 0;
  let sketched = 0;
  for (const s of r.series) {
    // A sketched series holds its samples summarised (docs/models.md#sample-sketch): count them there.
    samples += s.samples.sketch ? s.samples.sketch.samples : s.samples.timestampsSec.length;
    if (s.samples.sketch) sketched++;
    sum += sizeSamples(s.samples, 'p95').cpuFraction;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ format: r.format, rows: r.rows, series: r.series.length, sketched, samples, readSeconds: tRead, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMiB, meanP95: sum / r.series.length }));
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

async function generate(dir, servers, samples) {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const t0 = Date.UTC(2024, 0, 1);
  // The timestamps are the same for every server: written once.
  const stamps = Array.from({ length: samples }, (_, k) => {
    const d = new Date(t0 + k * 300_000);
    return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(k % 1000, 3)}`;
  });
  for (let s = 0; s < servers; s++) {
    const host = `SRV${pad(s, 4)}`;
    const out = createWriteStream(join(dir, `${host}.csv`));
    const write = (x) => (out.write(x) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
    await write(`"(PDH-CSV 4.0) (W. Europe Standard Time)(-60)","\\\\${host}\\Processor(_Total)\\% Processor Time","\\\\${host}\\Memory\\Available MBytes"\r\n`);
    let buf = '';
    for (let k = 0; k < samples; k++) {
      const ts = stamps[k];
      buf += k === 0 ? `"${ts}"," ","${(8192 * rnd()).toFixed(6)}"\r\n` : `"${ts}","${(rnd() * 40).toFixed(6)}","${(8192 * rnd()).toFixed(6)}"\r\n`;
      if (buf.length > 1 << 20) {
        await write(buf);
        buf = '';
      }
    }
    await write(buf);
    await new Promise((r) => out.end(r));
  }
}

if (args[0] === '--phase') {
  await phase(args[1], args[2] === '-' ? undefined : args[2], args[3]);
} else {
  const servers = Number(opt('servers', 100));
  const samples = Number(opt('samples', 105120));
  const data = opt('data', undefined);
  const dir = data ?? mkdtempSync(join(tmpdir(), 'cp-bench-perfmon-'));
  const folder = join(dir, `perfmon-${servers}x${samples}`);
  if (!existsSync(folder) || readdirSync(folder).length !== servers) {
    mkdirSync(folder, { recursive: true });
    const g0 = Date.now();
    await generate(folder, servers, samples);
    console.log(`generated ${servers} perfmon files x ${samples.toLocaleString('en-US')} rows (${(servers * samples).toLocaleString('en-US')} samples) in ${((Date.now() - g0) / 1000).toFixed(1)} s: ${folder}`);
  } else console.log(`reading the folder generated before: ${folder}`);
  const repeat = Number(opt('repeat', 1));
  for (let k = 0; k < repeat; k++) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', folder, opt('sample-budget') ?? '-', ...(opt('threads') !== undefined ? [opt('threads')] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`ingest failed: ${r.stderr}`);
    const x = JSON.parse(r.stdout);
    console.log(
      `perfmon ingest + p95 sizing: ${x.samples.toLocaleString('en-US')} samples of ${x.series} servers (${x.sketched} sketched) in ${x.seconds.toFixed(1)} s wall (reading ${x.readSeconds.toFixed(1)} s), ${x.cpuSeconds.toFixed(1)} s CPU, ` +
        `${Math.round(x.samples / x.seconds).toLocaleString('en-US')} samples/s wall, ${Math.round(x.samples / x.cpuSeconds).toLocaleString('en-US')} samples per CPU second, peak RSS ${x.maxRssMiB.toFixed(0)} MiB; rows ${x.rows.read} read, ${x.rows.accepted} accepted, ${x.rows.rejected} rejected`,
    );
  }
  if (!args.includes('--keep') && !data) rmSync(dir, { recursive: true, force: true });
}
