// Held-out one-dimensional instances: our own generator for the classic 1-D bin-packing families
// (same construction rules as the published sets, new random draws, fixed seeds). Nothing here is
// a published instance; the engine is never tuned on these draws.
//
// Families (construction as described in the cited papers; our parameters in brackets):
// - scholl1: Scholl, Klein & Jürgens 1997, set 1: n in {50,100,200,500}, C in {100,120,150},
//   sizes uniform in [1,100], [20,100] or [30,100].
// - scholl2: ibid., set 2: C = 1000, n in {50,100,200,500}, mean size C/3, C/5, C/7, C/9,
//   sizes uniform within ±20%, ±50% or ±90% of the mean.
// - scholl3: ibid., set 3 ("hard"): n = 200, C = 100,000, sizes uniform in [20,000, 35,000].
// - schwerin: Schwerin & Wäscher 1997: C = 1000, n = 100 or 120, sizes uniform in [150, 200].
// - waescher: Wäscher & Gau 1996, CUTGEN-style: C = 10,000, 15-60 distinct sizes uniform in
//   [0.02 C, 0.6 C], demands by random splitting so that n is in [57, 239].
// - hard: Schoenfield 2002 style ("hard28"): C = 1000, n in [160, 200], sizes uniform in [1, 800].
// - ai: Delorme, Iori & Martello 2016 style (augmented IRUP): m bins of capacity C are cut into
//   pieces (3 to 5 per bin, cut points uniform), so a perfect packing into m bins exists and the
//   optimum is m by construction; C = 2500/5000/7500/10000, n about 200-1000.
//
// Optima: by construction (ai); else a checked packing that meets the Martello–Toth L2 bound
// (computed in this file), else the arc-flow model solved to optimality by COIN-OR cbc
// (`node benchmarks/lib/classic-1d.mjs --solve [cbc seconds] [engine seconds]`), cached in
// classic-1d-optima.json next to this file.
import { mulberry32 } from '../../dist/packing/internal.js';

const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

function scholl1(seed) {
  const out = [];
  const r = mulberry32(seed);
  for (const n of [50, 100, 200, 500])
    for (const C of [100, 120, 150])
      for (const [lo, hi] of [
        [1, 100],
        [20, 100],
        [30, 100],
      ])
        out.push({ name: `scholl1_n${n}_c${C}_w${lo}`, capacity: [C], sizes: Array.from({ length: n }, () => int(r, lo, hi)) });
  return out;
}

function scholl2(seed) {
  const out = [];
  const r = mulberry32(seed);
  const C = 1000;
  for (const n of [50, 100, 200, 500])
    for (const div of [3, 5, 7, 9])
      for (const dev of [0.2, 0.5, 0.9]) {
        const mean = C / div;
        const lo = Math.max(1, Math.round(mean * (1 - dev)));
        const hi = Math.round(mean * (1 + dev));
        out.push({ name: `scholl2_n${n}_w${div}_b${Math.round(dev * 100)}`, capacity: [C], sizes: Array.from({ length: n }, () => int(r, lo, hi)) });
      }
  return out;
}

function scholl3(seed) {
  const r = mulberry32(seed);
  return Array.from({ length: 10 }, (_, j) => ({ name: `scholl3_${j}`, capacity: [100000], sizes: Array.from({ length: 200 }, () => int(r, 20000, 35000)) }));
}

function schwerin(seed) {
  const r = mulberry32(seed);
  const out = [];
  for (const n of [100, 120]) for (let j = 0; j < 10; j++) out.push({ name: `schwerin_n${n}_${j}`, capacity: [1000], sizes: Array.from({ length: n }, () => int(r, 150, 200)) });
  return out;
}

function waescher(seed) {
  const r = mulberry32(seed);
  const C = 10000;
  const out = [];
  for (let j = 0; j < 17; j++) {
    const n = int(r, 57, 239);
    const types = Math.min(n, int(r, 15, 60));
    const sizes = new Set();
    while (sizes.size < types) sizes.add(int(r, 0.02 * C, 0.6 * C));
    const list = [...sizes];
    // random split of n into `types` positive demands
    const cuts = new Set();
    while (cuts.size < types - 1) cuts.add(int(r, 1, n - 1));
    const pts = [0, ...[...cuts].sort((a, b) => a - b), n];
    const items = [];
    for (let t = 0; t < types; t++) for (let q = pts[t]; q < pts[t + 1]; q++) items.push(list[t]);
    out.push({ name: `waescher_${j}`, capacity: [C], sizes: items });
  }
  return out;
}

function hard(seed) {
  const r = mulberry32(seed);
  return Array.from({ length: 28 }, (_, j) => ({ name: `hard_${j}`, capacity: [1000], sizes: Array.from({ length: int(r, 160, 200) }, () => int(r, 1, 800)) }));
}

function ai(seed) {
  const r = mulberry32(seed);
  const out = [];
  for (const [m, C] of [
    [50, 2500],
    [100, 5000],
    [150, 7500],
    [200, 10000],
  ])
    for (let j = 0; j < 5; j++) {
      const sizes = [];
      for (let b = 0; b < m; b++) {
        const pieces = int(r, 3, 5);
        const cuts = new Set();
        while (cuts.size < pieces - 1) cuts.add(int(r, 1, C - 1));
        const pts = [0, ...[...cuts].sort((a, c) => a - c), C];
        for (let q = 0; q < pieces; q++) sizes.push(pts[q + 1] - pts[q]);
      }
      // shuffle (Fisher-Yates, seeded) so the bins are not given in order
      for (let i = sizes.length - 1; i > 0; i--) {
        const k = Math.floor(r() * (i + 1));
        [sizes[i], sizes[k]] = [sizes[k], sizes[i]];
      }
      out.push({ name: `ai_m${m}_${j}`, capacity: [C], sizes, optimum: m });
    }
  return out;
}

/** All held-out instances (deterministic: fixed seeds). */
export function classic1d() {
  return [...scholl1(101), ...scholl2(202), ...scholl3(303), ...schwerin(404), ...waescher(505), ...hard(606), ...ai(707)];
}

export const family = (name) => name.replace(/_.*$/, '');

/** Arc-flow model (Valério de Carvalho 1999) in CPLEX LP text, written independently of the engine. */
function arcflowLp(C, sizes) {
  const count = new Map();
  for (const s of sizes) count.set(s, (count.get(s) ?? 0) + 1);
  const types = [...count.keys()].sort((a, b) => b - a);
  const reach = new Uint8Array(C + 1);
  reach[0] = 1;
  const arcs = [];
  for (const [t, s] of types.entries()) {
    const copies = new Int32Array(C + 1).fill(1 << 30);
    for (let u = 0; u <= C; u++) if (reach[u]) copies[u] = 0;
    for (let u = 0; u + s <= C; u++) {
      if (copies[u] >= count.get(s)) continue;
      arcs.push([u, u + s, t]);
      copies[u + s] = Math.min(copies[u + s], copies[u] + 1);
    }
    for (let u = 0; u <= C; u++) if (copies[u] < 1 << 30) reach[u] = 1;
  }
  const nodes = [...new Set([0, C, ...arcs.flatMap(([u, v]) => [u, v])])].sort((a, b) => a - b);
  const flow = new Map(nodes.map((u) => [u, []]));
  arcs.forEach(([u, v], j) => {
    flow.get(u).push(`- x${j}`);
    flow.get(v).push(`+ x${j}`);
  });
  // loss arcs between consecutive nodes
  for (let q = 0; q + 1 < nodes.length; q++) {
    flow.get(nodes[q]).push(`- l${q}`);
    flow.get(nodes[q + 1]).push(`+ l${q}`);
  }
  const rows = [];
  for (const u of nodes) {
    if (u === 0) rows.push(`${flow.get(u).join(' ')} + z = 0`);
    else if (u === C) rows.push(`${flow.get(u).join(' ')} - z = 0`);
    else rows.push(`${flow.get(u).join(' ')} = 0`);
  }
  types.forEach((s, t) => rows.push(`${arcs.map((a, j) => (a[2] === t ? `+ x${j}` : '')).filter(Boolean).join(' ')} >= ${count.get(s)}`));
  const ints = [...arcs.map((_, j) => `x${j}`), ...nodes.slice(1).map((_, q) => `l${q}`), 'z'];
  const lines = ['Minimize', ' obj: z', 'Subject To', ...rows.map((r, i) => ` c${i}: ${r}`), 'General'];
  for (let i = 0; i < ints.length; i += 20) lines.push(' ' + ints.slice(i, i + 20).join(' '));
  lines.push('End');
  return { text: lines.join('\n'), arcs: arcs.length };
}

/**
 * Martello–Toth L2 lower bound of a 1-D instance, written here independently of the engine:
 * max over K in {0} ∪ {sizes <= C/2} of |N1| + |N2| + max(0, ceil((sum N3 − (|N2| C − sum N2)) / C)),
 * N1 = {w > C − K}, N2 = {C − K >= w > C/2}, N3 = {C/2 >= w >= K}.
 */
function martelloTothL2(C, sizes) {
  let best = Math.ceil(sizes.reduce((a, b) => a + b, 0) / C);
  for (const K of new Set([0, ...sizes.filter((w) => w <= C / 2)])) {
    let n1 = 0;
    let n2 = 0;
    let s2 = 0;
    let s3 = 0;
    for (const w of sizes) {
      if (w > C - K) n1++;
      else if (w > C / 2) {
        n2++;
        s2 += w;
      } else if (w >= K) s3 += w;
    }
    best = Math.max(best, n1 + n2 + Math.max(0, Math.ceil((s3 - (n2 * C - s2)) / C)));
  }
  return best;
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--solve') {
  // Establish optima, each with a proof: a packing checked by the independent checker that meets
  // the Martello–Toth L2 bound (computed above, not by the engine), else the arc-flow model solved
  // to optimality by COIN-OR cbc (Debian package coinor-cbc). Instances with neither stay without
  // an optimum (the table counts them apart). Run once; the cache is committed.
  const { readFileSync, writeFileSync, existsSync, mkdtempSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { solvePacking, verifyPacking } = await import('../../dist/packing/index.js');
  const file = new URL('./classic-1d-optima.json', import.meta.url);
  const known = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const sec = Number(process.argv[3] ?? 120);
  const engineSeconds = Number(process.argv[4] ?? 10);
  const dir = mkdtempSync(join(tmpdir(), 'arcflow-'));
  const save = () => writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(known).sort()), null, 1) + '\n');
  for (const inst of classic1d()) {
    if (inst.optimum !== undefined || known[inst.name] !== undefined) continue;
    const C = inst.capacity[0];
    const lb = martelloTothL2(C, inst.sizes);
    const problem = {
      dimensions: ['size'],
      items: inst.sizes.map((w, i) => ({ id: `i${String(i).padStart(4, '0')}`, demand: [w] })),
      hostTypes: [{ type: 'bin', capacity: [C], cost: 1, count: null }],
    };
    const r = await solvePacking(problem, { timeLimitSeconds: engineSeconds });
    if (verifyPacking(problem, r).ok && r.unplaced.length === 0 && r.hosts.length === lb) {
      known[inst.name] = lb;
      console.log(inst.name, `optimum ${lb} (meets L2)`);
      save();
      continue;
    }
    const { text, arcs } = arcflowLp(C, inst.sizes);
    const lp = join(dir, 'm.lp');
    writeFileSync(lp, text);
    let out = '';
    try {
      out = execFileSync('cbc', [lp, 'sec', String(sec), 'solve', 'quit'], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: (2 * sec + 60) * 1000 });
    } catch (e) {
      out = String(e.stdout ?? '');
    }
    const m = /Result - Optimal solution found[\s\S]*?Objective value:\s+([\d.]+)/.exec(out);
    if (m) known[inst.name] = Math.round(Number(m[1]));
    console.log(inst.name, `L2 ${lb}, engine ${r.hosts.length}, ${arcs} arcs`, m ? `optimum ${known[inst.name]} (cbc)` : 'not proven');
    save();
  }
  process.exit(0);
}
