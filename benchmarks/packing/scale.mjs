// Scale benchmark: n items x 4 resources (correlated VM-like demand, scale-problem.mjs), time limit 0, in process.
// Usage: npm run build && node benchmarks/packing/scale.mjs [n ...]
// Prints: pack time, peak RSS, hosts, lower bound, gap; csv-parse time for a CSV of the same items.
import { writeFileSync, readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { solvePacking, verifyPacking } from '../../dist/packing/index.js';
import { makeProblem } from '../lib/scale-problem.mjs';

export { makeProblem };

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length ? sizes : [100_000, 1_000_000]) {
  const p = makeProblem(n);
  // csv-parse baseline on the same items
  const file = join(tmpdir(), `scale-${n}.csv`);
  writeFileSync(file, 'id,cpu,memory,disk,net\n' + p.items.map((it) => `${it.id},${it.demand.join(',')}`).join('\n') + '\n');
  let t0 = performance.now();
  const rows = parse(readFileSync(file), { columns: true });
  const tCsv = performance.now() - t0;
  unlinkSync(file);
  if (rows.length !== n) throw new Error('csv rows');
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  t0 = performance.now();
  const r = await solvePacking(p, { timeLimitSeconds: 0 });
  const tPack = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  t0 = performance.now();
  const v = verifyPacking(p, r);
  const tVerify = performance.now() - t0;
  console.log(
    JSON.stringify({
      n,
      packSeconds: +(tPack / 1000).toFixed(2),
      csvParseSeconds: +(tCsv / 1000).toFixed(2),
      ratio: +(tPack / tCsv).toFixed(2),
      peakRssMiB: Math.round(peak / 2 ** 20),
      hosts: r.hosts.length,
      lowerBound: r.hostsLowerBound,
      gapPercent: +(r.gap * 100).toFixed(2),
      algorithm: r.algorithm,
      verifySeconds: +(tVerify / 1000).toFixed(2),
      verified: v.ok,
    }),
  );
}
