// Exact mode: time to proven optimality on 1-D (Falkenauer u120/t60, arc-flow on glpk.js) and
// 2-D (Caprara-Toth n = 50, column generation: glpk.js LPs + HiGHS restricted-master IP).
// Usage: npm run build && node benchmarks/packing/exact.mjs [timeLimitSeconds=10] [count=5]
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { solvePacking } from '../../dist/packing/index.js';
import { loadFalkenauer, loadCapraraToth, toProblem } from '../lib/parsers.mjs';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');
const tl = Number(process.argv[2] ?? 10);
const count = Number(process.argv[3] ?? 5);
const falk = loadFalkenauer(repo);
const ct = loadCapraraToth(repo);
const groups = [
  ['1-D u120', falk.filter((x) => x.name.startsWith('Falkenauer_u120')).slice(0, count)],
  ['1-D t60', falk.filter((x) => x.name.startsWith('Falkenauer_t60')).slice(0, count)],
  ['2-D CT n=50', ct.filter((x) => /^CL_\d+_50_/.test(x.name) && x.optimum).slice(0, count * 3)],
];
console.log(`exact mode, time limit ${tl} s`);
console.log('| set | instance | optimum | hosts | proven | seconds | algorithm | bound |');
console.log('| --- | --- | ---: | ---: | --- | ---: | --- | --- |');
for (const [g, list] of groups) {
  for (const inst of list) {
    const t0 = performance.now();
    const r = await solvePacking(toProblem(inst), { timeLimitSeconds: tl });
    const s = (performance.now() - t0) / 1000;
    console.log(`| ${g} | ${inst.name} | ${inst.optimum} | ${r.hosts.length} | ${r.optimal} | ${s.toFixed(2)} | ${r.algorithm} | ${r.boundSource} |`);
  }
}
process.exit(0);
