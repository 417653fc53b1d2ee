// The packing scorecard: six rows, one command. Every instance goes through the real CLI
// (`consolidate pack --format json`) in its own process, and every answer is checked by the
// independent checker (dist/packing/verify.js, which shares no code with the packers).
//
// Usage: npm run build && CONSOLIDATE_DATA_DIR=DIR node benchmarks/packing/table.mjs
//          [--rows falkenauer,classic,ct,multidim,scale100k,scale1m] [--time-limit 1] [--every 1]
//          [--runs 3] [--json results.json]
// Rows:
//   falkenauer  BPPLIB Falkenauer U+T (160, proven optima): hosts = optimum, mean gap, max seconds
//   classic     held-out 1-D families from our own generator (classic-1d.mjs; optima by construction
//               or proven by cbc, classic-1d-optima.json)
//   ct          Caprara-Toth 2-D (shared classes; optima known for 170 of 200)
//   multidim    Mommessin d = 3/5/10 Panigrahy classes + Falkenauer-style triplets (optima known for 780)
//   scale100k / scale1m   n VMs x 4 resources (correlated VM-like demand, seeded), whole
//               `consolidate pack --time-limit 0` against csv-parse streaming the same file, median
//               of --runs alternating runs; peak RSS (/usr/bin/time), gap to the engine's bound.
// "optimal" means hosts = the known optimum; the gap is (hosts - optimum) / optimum, averaged over
// instances with a known optimum. A lower bound above a known optimum is counted as an error.
// Seconds per instance are whole-process wall time (and CPU time, all threads) minus the median
// start-up of the same command on a one-item instance (measured in the same run). The scale rows
// time the command as a user runs it (default text report) and once more with --format json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyPacking } from '../../dist/packing/verify.js';
import { forEachScaleItem, SCALE_DIMENSIONS, SCALE_CAPACITY } from '../lib/scale-problem.mjs';
import { loadFalkenauer, loadCapraraToth, loadMultidim } from '../lib/parsers.mjs';
import { classic1d, family } from '../lib/classic-1d.mjs';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');
const bin = join(repo, 'bin', 'consolidate.js');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const rowsWanted = opt('rows', 'falkenauer,classic,ct,multidim,scale100k,scale1m').split(',');
const timeLimit = opt('time-limit', '1');
const every = Number(opt('every', '1'));
const runs = Number(opt('runs', '3'));
const jsonOut = opt('json', null);
const dir = mkdtempSync(join(tmpdir(), 'pack-table-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const load0 = loadavg();

/** Writes the instance as the pack command's two CSV files. */
function writeInstance(capacity, items) {
  const dims = capacity.map((_, k) => `d${k}`);
  const width = String(items.length).length;
  const ids = items.map((_, i) => `i${String(i).padStart(width, '0')}`);
  writeFileSync(join(dir, 'vms.csv'), `id,${dims.join(',')}\n${items.map((w, i) => `${ids[i]},${w.join(',')}`).join('\n')}\n`);
  writeFileSync(join(dir, 'hosts.csv'), `type,${dims.join(',')},cost\nbin,${capacity.join(',')},1\n`);
  return {
    dimensions: dims,
    items: items.map((w, i) => ({ id: ids[i], demand: w })),
    hostTypes: [{ type: 'bin', capacity, cost: 1, count: null }],
  };
}

/** One `consolidate pack --format json` run: the JSON, wall seconds and CPU seconds (user + system,
 *  all threads, from GNU time), so that a loaded machine can be told from a slow solve. */
function runPack(tl, extra = []) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, bin, 'pack', join(dir, 'vms.csv'), '--hosts', join(dir, 'hosts.csv'), '--format', 'json', '--time-limit', String(tl), ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const secs = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`consolidate pack exited ${r.status}: ${r.stderr}`);
  const [, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { json: extra.includes('--out') ? null : JSON.parse(r.stdout), secs, cpu: user + sys };
}

/** Checks a CLI JSON result with the independent checker. */
function check(problem, json) {
  const dims = problem.dimensions;
  const s = json.summary;
  const result = {
    dimensions: dims,
    hosts: json.hosts.map((h) => ({ id: h.id, type: h.type, items: h.vms, load: dims.map((d) => h.load[d]), ...(h.site ? { site: h.site } : {}) })),
    unplaced: json.unplaced,
    totalCost: s.totalCost,
    hostsLowerBound: s.hostsLowerBound,
    costLowerBound: s.costLowerBound,
    // the JSON rounds the gap to 6 decimals; the checker's own consistency test needs the exact value
    gap: s.costLowerBound > 0 ? Math.max(0, (s.totalCost - s.costLowerBound) / s.costLowerBound) : 0,
    optimal: s.optimal,
    algorithm: s.algorithm,
    boundSource: s.boundSource,
    warnings: json.warnings,
  };
  return verifyPacking(problem, result);
}

let startup = 0;
let startupCpu = 0;
function measureStartup() {
  writeInstance([10], [[1]]);
  const runs = [0, 1, 2].map(() => runPack(0));
  startup = median(runs.map((x) => x.secs));
  startupCpu = median(runs.map((x) => x.cpu));
}

/** Runs a set of instances; returns per-class and total statistics. */
function quality(name, list, classOf) {
  const per = new Map();
  const rows = [];
  const tot = { n: 0, known: 0, hit: 0, gap: 0, maxSecs: 0, secs: [], maxCpu: 0, bad: 0, boundAbove: 0, proven: 0 };
  let done = 0;
  for (const inst of list) {
    const problem = writeInstance(inst.capacity, inst.items);
    const { json, secs, cpu } = runPack(timeLimit);
    const solve = Math.max(0, secs - startup);
    const solveCpu = Math.max(0, cpu - startupCpu);
    const v = check(problem, json);
    const hosts = json.summary.hostsUsed;
    const lb = json.summary.hostsLowerBound;
    const c = classOf(inst.name);
    const row = per.get(c) ?? { n: 0, known: 0, hit: 0, gap: 0, maxSecs: 0, secs: [], maxCpu: 0, bad: 0, boundAbove: 0, proven: 0 };
    for (const x of [row, tot]) {
      x.n++;
      x.secs.push(solve);
      x.maxSecs = Math.max(x.maxSecs, solve);
      x.maxCpu = Math.max(x.maxCpu, solveCpu);
      if (!v.ok) x.bad++;
      if (json.summary.optimal) x.proven++;
      if (inst.optimum !== undefined) {
        x.known++;
        if (hosts === inst.optimum) x.hit++;
        x.gap += (hosts - inst.optimum) / inst.optimum;
        if (lb > inst.optimum) x.boundAbove++;
      }
    }
    per.set(c, row);
    rows.push({ name: inst.name, hosts, lb, optimum: inst.optimum ?? null, proven: json.summary.optimal, secs: +solve.toFixed(3), cpu: +solveCpu.toFixed(3), algorithm: json.summary.algorithm, ok: v.ok });
    if (!v.ok) console.error(`${name}: ${inst.name}: checker: ${v.violations.slice(0, 3).join('; ')}`);
    if (++done % 50 === 0) console.error(`${name}: ${done}/${list.length}`);
  }
  return { name, per, tot, rows };
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
function qualityLine(label, q) {
  const t = q.tot;
  return `| ${label} | ${t.hit}/${t.known} optimal (${pct(t.hit, t.known)}), mean gap ${((100 * t.gap) / Math.max(1, t.known)).toFixed(2)}%, proven ${t.proven}/${t.n}, median ${median(t.secs).toFixed(2)} s, max ${t.maxSecs.toFixed(2)} s wall / ${t.maxCpu.toFixed(2)} s CPU${t.bad ? `, **${t.bad} checker failures**` : ''}${t.boundAbove ? `, **${t.boundAbove} bounds above the optimum**` : ''} |`;
}
function classTable(q) {
  const out = [`#### ${q.name}`, '| class | inst | known opt | hosts = opt | % | proven | mean gap | median s | max s | max CPU s |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const [c, x] of [...q.per].sort(([a], [b]) => (a < b ? -1 : 1)))
    out.push(`| ${c} | ${x.n} | ${x.known} | ${x.hit} | ${pct(x.hit, x.known)} | ${x.proven} | ${((100 * x.gap) / Math.max(1, x.known)).toFixed(2)}% | ${median(x.secs).toFixed(2)} | ${x.maxSecs.toFixed(2)} | ${x.maxCpu.toFixed(2)} |`);
  return out.join('\n');
}

/** The scale instance (scale-problem.mjs) as the pack command's CSV files. */
function writeScaleCsv(n, file) {
  const fd = openSync(file, 'w');
  writeSync(fd, `id,${SCALE_DIMENSIONS.join(',')}\n`);
  let buf = '';
  forEachScaleItem(n, (id, d) => {
    buf += `${id},${d.join(',')}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  });
  writeSync(fd, buf);
  closeSync(fd);
  writeFileSync(join(dir, 'scale-hosts.csv'), `type,${SCALE_DIMENSIONS.join(',')}\nhost,${SCALE_DIMENSIONS.map(() => SCALE_CAPACITY).join(',')}\n`);
}

function timed(cmd) {
  // GNU time: %e wall seconds, %M peak RSS KiB
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const last = r.stderr.trim().split('\n').pop().split(' ');
  return { secs: Number(last[0]), rssMiB: Number(last[1]) / 1024 };
}

function scale(n) {
  const file = join(dir, `scale-${n}.csv`);
  writeScaleCsv(n, file);
  const out = join(dir, `scale-${n}.json`);
  const csv = [];
  const pack = [];
  const textOut = join(dir, `scale-${n}.txt`);
  for (let k = 0; k < runs; k++) {
    csv.push(timed([process.execPath, join(repo, 'benchmarks', 'lib', 'csv-parse-stream.mjs'), file]));
    // the command as a user runs it (default text report)
    pack.push(timed([process.execPath, bin, 'pack', file, '--hosts', join(dir, 'scale-hosts.csv'), '--time-limit', '0', '--out', textOut]));
  }
  // once more with the whole JSON result (every host and item), for the checker and the gap
  const jsonRun = timed([process.execPath, bin, 'pack', file, '--hosts', join(dir, 'scale-hosts.csv'), '--format', 'json', '--time-limit', '0', '--out', out]);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  // independent check of the last result
  const text = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const problem = {
    dimensions: SCALE_DIMENSIONS,
    items: text.map((l) => {
      const c = l.split(',');
      return { id: c[0], demand: c.slice(1).map(Number) };
    }),
    hostTypes: [{ type: 'host', capacity: SCALE_DIMENSIONS.map(() => SCALE_CAPACITY), cost: 1, count: null }],
  };
  const v = check(problem, json);
  const tp = median(pack.map((x) => x.secs));
  const tc = median(csv.map((x) => x.secs));
  return {
    n,
    packSeconds: tp,
    csvParseSeconds: tc,
    ratio: tp / tc,
    peakRssMiB: Math.max(...pack.map((x) => x.rssMiB)),
    hosts: json.summary.hostsUsed,
    lowerBound: json.summary.hostsLowerBound,
    gap: json.summary.gap,
    algorithm: json.summary.algorithm,
    verified: v.ok,
    jsonSeconds: jsonRun.secs,
    jsonPeakRssMiB: jsonRun.rssMiB,
    runs: { pack: pack.map((x) => x.secs), csv: csv.map((x) => x.secs) },
  };
}

const out = { cores: cpus().length, loadBefore: load0, timeLimit, every, rows: {} };
const lines = [];
const details = [];
measureStartup();
const sample = (l) => l.filter((_, i) => i % every === 0);
const asItems = (inst) => ({ ...inst, items: inst.items });

if (rowsWanted.includes('falkenauer')) {
  const q = quality('Falkenauer U+T', sample(loadFalkenauer(repo)).map(asItems), (n) => n.replace(/^Falkenauer_/, '').replace(/_\d+$/, ''));
  lines.push(qualityLine('Falkenauer U+T (160, proven optima)', q));
  details.push(classTable(q));
  out.rows.falkenauer = q;
}
if (rowsWanted.includes('classic')) {
  const optFile = new URL('../lib/classic-1d-optima.json', import.meta.url);
  const known = existsSync(optFile) ? JSON.parse(readFileSync(optFile, 'utf8')) : {};
  const list = sample(classic1d()).map((x) => ({ name: x.name, capacity: x.capacity, items: x.sizes.map((s) => [s]), optimum: x.optimum ?? known[x.name] }));
  const q = quality('held-out classic 1-D families', list, family);
  lines.push(qualityLine('1-D classic families, held out (own generator)', q));
  details.push(classTable(q));
  out.rows.classic = q;
}
if (rowsWanted.includes('ct')) {
  const q = quality('Caprara-Toth 2-D', sample(loadCapraraToth(repo)), (n) => n.replace(/_\d+$/, ''));
  lines.push(qualityLine('Caprara–Toth 2-D', q));
  details.push(classTable(q));
  out.rows.ct = q;
}
if (rowsWanted.includes('multidim')) {
  const q = quality('d = 3/5/10', sample(loadMultidim(repo)), (n) => n.replace(/_\d+_(\d+)_\d+$/, '_d$1'));
  lines.push(qualityLine('d = 3/5/10 Panigrahy-style + triplets', q));
  details.push(classTable(q));
  out.rows.multidim = q;
}
for (const [key, n] of [
  ['scale100k', 100_000],
  ['scale1m', 1_000_000],
]) {
  if (!rowsWanted.includes(key)) continue;
  const s = scale(n);
  lines.push(
    `| ${n.toLocaleString('en')} VMs × 4, whole \`consolidate pack --time-limit 0\` vs csv-parse streaming | ${s.ratio.toFixed(2)}× (${s.packSeconds.toFixed(2)} s vs ${s.csvParseSeconds.toFixed(2)} s), ${Math.round(s.peakRssMiB)} MiB, gap ${(100 * s.gap).toFixed(2)}%${s.verified ? '' : ', **checker failed**'}; with \`--format json\` (every host and item): ${s.jsonSeconds.toFixed(2)} s, ${Math.round(s.jsonPeakRssMiB)} MiB |`,
  );
  out.rows[key] = s;
}
out.loadAfter = loadavg();
const head = [
  `Packing scorecard: ${out.cores} cores, load average ${load0.map((x) => x.toFixed(2)).join(' ')} at start, ${out.loadAfter.map((x) => x.toFixed(2)).join(' ')} at end; --time-limit ${timeLimit} per quality instance; start-up ${startup.toFixed(2)} s wall / ${startupCpu.toFixed(2)} s CPU subtracted${every > 1 ? `; every ${every}th instance` : ''}`,
  '',
  '| measure | result |',
  '| --- | --- |',
];
console.log([...head, ...lines, '', ...details].join('\n'));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, (k, v) => (v instanceof Map ? Object.fromEntries(v) : v), 1));
rmSync(dir, { recursive: true, force: true });
process.exit(0);
