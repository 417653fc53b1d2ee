// Instance parsers for the public benchmark data sets (CONSOLIDATE_DATA_DIR, see
// scripts/data-dir.mjs). Formats: see each set's PROVENANCE.md.
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename, resolve } from 'node:path';
import { DATA_DIR_DEFAULT } from '../../scripts/data-dir.mjs';

/** BPPLIB "BPP format": n, capacity, then n weights (CRLF tolerant). */
export function parseBpp(text) {
  const tok = text.split(/\s+/).filter(Boolean).map(Number);
  const n = tok[0];
  const capacity = tok[1];
  const sizes = tok.slice(2, 2 + n);
  if (sizes.length !== n) throw new Error(`expected ${n} weights, got ${sizes.length}`);
  return { capacity: [capacity], items: sizes.map((s) => [s]) };
}

/** VPSolver .vbp: d, d capacities, m item types, then m lines "w1..wd q". */
export function parseVbp(text) {
  const tok = text.split(/\s+/).filter(Boolean).map(Number);
  let p = 0;
  const d = tok[p++];
  const capacity = tok.slice(p, p + d);
  p += d;
  const m = tok[p++];
  const items = [];
  for (let j = 0; j < m; j++) {
    const w = tok.slice(p, p + d);
    p += d;
    const q = tok[p++];
    for (let r = 0; r < q; r++) items.push(w.slice());
  }
  return { capacity, items };
}

/** Build a PackingProblem with one unlimited host type of cost 1. */
export function toProblem(inst, name = 'bin') {
  const dims = inst.capacity.map((_, k) => `d${k}`);
  const width = String(inst.items.length).length;
  return {
    dimensions: dims,
    items: inst.items.map((w, i) => ({ id: `i${String(i).padStart(width, '0')}`, demand: w })),
    hostTypes: [{ type: name, capacity: inst.capacity, cost: 1, count: null }],
  };
}

/** The data sets folder: CONSOLIDATE_DATA_DIR (relative to the repository root), else the default. */
export function dataRoot(repoRoot) {
  return resolve(repoRoot, process.env.CONSOLIDATE_DATA_DIR || DATA_DIR_DEFAULT);
}

function readCsv(path, sep) {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(sep);
  return lines.slice(1).map((l) => {
    const cells = l.split(sep);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

/** All 160 Falkenauer instances with their proven optimum. */
export function loadFalkenauer(repoRoot) {
  const base = join(dataRoot(repoRoot), 'bpplib-falkenauer');
  const optima = new Map(readCsv(join(base, 'optima.csv'), ',').map((r) => [r.instance, Number(r.upper_bound)]));
  const out = [];
  for (const sub of ['Falkenauer U', 'Falkenauer_T']) {
    const dir = join(base, 'Falkenauer', sub);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
      const name = basename(f, '.txt');
      out.push({ name, optimum: optima.get(name), ...parseBpp(readFileSync(join(dir, f), 'utf8')) });
    }
  }
  return out;
}

/** Caprara–Toth 2-D instances; optimum undefined where unknown. */
export function loadCapraraToth(repoRoot) {
  const base = join(dataRoot(repoRoot), 'vbp2d-caprara-toth');
  const optima = new Map(readCsv(join(base, 'optima.csv'), ',').map((r) => [r.instance, Number(r.optimum)]));
  const dir = join(base, 'CT01');
  return readdirSync(dir)
    .filter((x) => x.endsWith('.vbp'))
    .sort()
    .map((f) => {
      const name = basename(f, '.vbp');
      return { name, optimum: optima.get(name), ...parseVbp(readFileSync(join(dir, f), 'utf8')) };
    });
}

/** Mommessin d = 3/5/10 instances (Panigrahy classes + Falkenauer-style triplets). */
export function loadMultidim(repoRoot) {
  const base = join(dataRoot(repoRoot), 'vbp-multidim-mommessin');
  const known = new Map();
  for (const f of ['Panigrahy_summary_known.csv', 'Triplet_summary_known.csv'])
    for (const r of readCsv(join(base, f), '\t')) known.set(r.instance_name, { lb: Number(r.LB), opt: Number(r.OPT) });
  const out = [];
  const roots = [join(base, 'Panigrahy_instances_multidim'), join(base, 'Triplet_instances_multidim')];
  for (const root of roots) {
    for (const cls of readdirSync(root).sort()) {
      const dir = join(root, cls);
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.vbp')).sort()) {
        const name = basename(f, '.vbp');
        const k = known.get(name);
        out.push({
          name,
          lb: k?.lb,
          optimum: k && k.opt > 0 ? k.opt : undefined,
          ...parseVbp(readFileSync(join(dir, f), 'utf8')),
        });
      }
    }
  }
  return out;
}
