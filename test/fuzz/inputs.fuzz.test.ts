import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { checkResult, planDemands } from '../helpers/check-plan.js';
import { mutationArb, render, type CsvCase } from './mutate.js';

/**
 * Property-based fuzzing of every CSV input through the real CLI entry point (in-process).
 * Seeded, so a failure reproduces: FUZZ_SEED and FUZZ_RUNS override (the soak in
 * benchmarks/fuzz-soak.sh runs thousands of cases). Every case must end with exit 0 and a valid
 * plan, or exit 2 with a clear message; never a stack trace, never a hang, read = accepted +
 * rejected, every VM placed or unplaced with a reason, and no prototype pollution.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'cp-fuzz-'));
let n = 0;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd: dir });
  return { code, out, err };
}

function assertOutcome(r: { code: number; out: string; err: string }): unknown {
  expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  expect(r.err).not.toMatch(/internal error/);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  if (r.code === 2) {
    expect(r.err).toMatch(/^consolidate: error: .+/);
    return undefined;
  }
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  expect(j.summary.rows.read).toBe(j.summary.rows.accepted + j.summary.rows.rejected);
  expect(j.summary.placed + j.summary.unplaced).toBe(j.summary.vms);
  for (const u of j.unplaced) expect(u.reason.length).toBeGreaterThan(0);
  for (const i of j.issues.filter((x: { severity: string }) => x.severity === 'error')) {
    expect(typeof i.file).toBe('string');
    expect(i.line).toBeGreaterThanOrEqual(2);
  }
  return j;
}

const SERVERS: CsvCase = {
  header: ['id', 'cores', 'cpu_ghz', 'memory_gb', 'cpu_util_avg_pct', 'cpu_util_p95_pct', 'memory_used_gb', 'watts', 'workload_class'],
  rows: [
    ['web-01', '8', '2.6', '32', '9.5', '24', '18', '180', 'syscall'],
    ['db-01', '16', '2.4', '128', '12', '31', '96', '', 'mmu'],
    ['app-01', '12', '2.9', '64', '7', '19', '40', '210', 'cpu'],
    ['file-01', '4', '3.0', '16', '4.2', '11', '9', '', 'io'],
    ['big-01', '64', '2.2', '4096', '30', '60', '4000', '900', 'mmu'],
  ],
};
const CATALOG: CsvCase = {
  header: ['type', 'cores', 'cpu_ghz', 'memory_gb', 'price_usd', 'idle_watts', 'max_watts', 'count'],
  rows: [
    ['std', '64', '2.4', '512', '20000', '90', '450', ''],
    ['big', '128', '2.0', '1024', '32000', '110', '520', '2'],
  ],
};
const VMS: CsvCase = {
  header: ['id', 'cpu', 'mem', 'iops', 'anti_affinity'],
  rows: [
    ['a', '2', '8', '100', 'g1'],
    ['b', '4', '16', '200', 'g1'],
    ['c', '8', '32', '50', ''],
    ['d', '1', '2', '800', ''],
    ['e', '70', '8', '10', ''],
  ],
};
const HOSTS: CsvCase = {
  header: ['type', 'cpu', 'mem', 'iops', 'count', 'cost'],
  rows: [
    ['s', '16', '64', '1000', '', '1'],
    ['l', '32', '256', '4000', '3', '2'],
  ],
};

function write(bytes: Buffer, ext = 'csv'): string {
  const f = join(dir, `case-${n++}.${ext}`);
  writeFileSync(f, bytes);
  return f;
}

const caseArb = (base: CsvCase) => fc.array(mutationArb(base.rows.length, base.header.length), { minLength: 1, maxLength: 4 });

describe('fuzz: every CSV input ends in a plan or a clear exit 2', () => {
  it('servers CSV (plan)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(SERVERS), async (muts) => {
        const f = write(render(SERVERS, muts));
        const r = await run(['plan', '--servers', f, '--format', 'json', '--time-limit', '0']);
        const j = assertOutcome(r) as Parameters<typeof checkResult>[0] & { vms: { id: string; cpuDemandGhz: number; memoryDemandGiB: number }[] } | undefined;
        if (j) expect(checkResult(j, planDemands(j))).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('host catalog CSV (plan --hosts)', async () => {
    const servers = write(render(SERVERS, []));
    await fc.assert(
      fc.asyncProperty(caseArb(CATALOG), async (muts) => {
        const f = write(render(CATALOG, muts));
        const r = await run(['plan', '--servers', servers, '--hosts', f, '--format', 'json', '--time-limit', '0']);
        const j = assertOutcome(r) as Parameters<typeof checkResult>[0] & { vms: { id: string; cpuDemandGhz: number; memoryDemandGiB: number }[] } | undefined;
        if (j) expect(checkResult(j, planDemands(j))).toEqual([]);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('VMS.csv and HOSTS.csv (pack)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(VMS), fc.boolean(), async (muts, mutateHosts) => {
        const vms = write(render(VMS, mutateHosts ? [] : muts));
        const hosts = write(render(HOSTS, mutateHosts ? muts : []));
        const r = await run(['pack', vms, '--hosts', hosts, '--format', 'json', '--time-limit', '0']);
        const j = assertOutcome(r) as { hosts: { vms: string[]; load: Record<string, number>; capacity: Record<string, number> }[]; unplaced: { id: string }[]; summary: { vms: number } } | undefined;
        if (j) {
          const ids = [...j.hosts.flatMap((h) => h.vms), ...j.unplaced.map((u) => u.id)];
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.length).toBe(j.summary.vms);
          for (const h of j.hosts) for (const k of Object.keys(h.capacity)) expect(h.load[k]).toBeLessThanOrEqual(h.capacity[k] * (1 + 1e-9) + 1e-9);
        }
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });
});
