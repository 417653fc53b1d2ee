#!/usr/bin/env node
/**
 * The year-scale ingest benchmark in one command: a year of 5-minute samples (105,120 per server)
 * for 1,000 servers, 105M samples, read and sized at p95 once as a folder of perfmon files (one per
 * server) and once as one long CSV, each by its own script (perfmon.mjs, long-csv.mjs) in a child
 * process. Each prints wall and CPU seconds, samples per second and peak RSS; the load is past the
 * exact-sample budget, so both are sized from the streaming sketch (docs/models.md#sample-sketch).
 * The data are generated once into --data (default a folder under the OS temp dir, never the
 * repository) and reused by later runs. Not a test: numbers are reported, never asserted.
 *   node benchmarks/ingest/year-scale.mjs [--servers 1000] [--samples 105120] [--data DIR] [--repeat 1] [--only perfmon|long]
 * On a loaded machine, measure a fraction (e.g. --servers 100) and say so.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const servers = opt('servers', '1000');
const samples = opt('samples', '105120');
const data = opt('data', join(tmpdir(), 'cp-bench-year'));
const repeat = opt('repeat', '1');
const only = opt('only', undefined);

const run = (script, extra) => {
  console.log(`$ node benchmarks/ingest/${script} --servers ${servers} --samples ${samples} --data ${data} --repeat ${repeat} ${extra.join(' ')}`);
  const r = spawnSync(process.execPath, [join(here, script), '--servers', servers, '--samples', samples, '--data', data, '--repeat', repeat, ...extra], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
};
console.log(`year-scale ingest: ${servers} servers x ${samples} samples = ${(Number(servers) * Number(samples)).toLocaleString('en-US')} samples`);
if (only !== 'long') run('perfmon.mjs', []);
if (only !== 'perfmon') run('long-csv.mjs', ['--no-baseline']);
