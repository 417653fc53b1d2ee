// Quality benchmark on the shared data sets at a time limit (default 1 s).
// Usage: npm run build && node benchmarks/packing/quality.mjs <falkenauer|ct|multidim> [timeLimitSeconds] [every]
//   every = take every k-th instance (default 1 = all).
// Prints per class: instances, with known optimum, hosts == optimum, proven optimal, mean gap to the
// optimum, mean/max seconds; then the totals. Every result is checked with verifyPacking.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { solvePacking, verifyPacking } from '../../dist/packing/index.js';
import { loadFalkenauer, loadCapraraToth, loadMultidim, toProblem } from '../lib/parsers.mjs';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');
const [set = 'falkenauer', tl = '1', every = '1'] = process.argv.slice(2);
const loaders = { falkenauer: loadFalkenauer, ct: loadCapraraToth, multidim: loadMultidim };
const list = loaders[set](repo).filter((_, i) => i % Number(every) === 0);
const cls = (name) =>
  set === 'falkenauer' ? name.replace(/_\d+$/, '') : set === 'ct' ? name.replace(/_\d+$/, '') : name.replace(/_\d+$/, '');
const rows = new Map();
const tot = { n: 0, known: 0, hit: 0, proven: 0, gap: 0, secs: 0, max: 0, bad: 0 };
for (const inst of list) {
  const p = toProblem(inst);
  const t0 = performance.now();
  const r = await solvePacking(p, { timeLimitSeconds: Number(tl) });
  const s = (performance.now() - t0) / 1000;
  if (!verifyPacking(p, r).ok) tot.bad++;
  const c = cls(inst.name);
  const row = rows.get(c) ?? { n: 0, known: 0, hit: 0, proven: 0, gap: 0, secs: 0, max: 0 };
  for (const x of [row, tot]) {
    x.n++;
    x.secs += s;
    x.max = Math.max(x.max, s);
    if (r.optimal) x.proven++;
    if (inst.optimum) {
      x.known++;
      if (r.hosts.length === inst.optimum) x.hit++;
      x.gap += (r.hosts.length - inst.optimum) / inst.optimum;
    }
    if (inst.optimum && r.hostsLowerBound > inst.optimum) throw new Error(`bound above optimum on ${inst.name}`);
  }
  rows.set(c, row);
}
const fmt = (c, x) =>
  `| ${c} | ${x.n} | ${x.known} | ${x.hit} | ${x.known ? ((100 * x.hit) / x.known).toFixed(1) : '-'}% | ${x.proven} | ${x.known ? ((100 * x.gap) / x.known).toFixed(2) : '-'}% | ${(x.secs / x.n).toFixed(2)} | ${x.max.toFixed(2)} |`;
console.log(`${set}, time limit ${tl} s${every !== '1' ? `, every ${every}th instance` : ''}`);
console.log('| class | inst | known opt | hosts = opt | % | proven optimal | mean gap to opt | mean s | max s |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [c, x] of [...rows].sort()) console.log(fmt(c, x));
console.log(fmt('**all**', tot));
console.log(`verify violations: ${tot.bad}`);
process.exit(0);
