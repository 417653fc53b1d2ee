import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ISSUE_CODES, MESSAGES, renderMessage, renderUnplacedReason, type IssueCode, type MessageArgs, type Where } from '../../src/model/messages.js';
import { issue, IssueSchema } from '../../src/model/issue.js';
import { fillSections } from '../../src/report/docs.js';
import { unplacedReason, engineWarningIssues, tooLargeFromFailures } from '../../src/model/engine-messages.js';
import { REPO } from '../helpers/paths.js';

/**
 * One example per code, typed by the code's args: a code added to the catalogue without an
 * example here does not compile, so every code is rendered by this test.
 */
const EXAMPLES: { [C in IssueCode]: { args: MessageArgs[C]; where?: Where; text: string } } = {
  'row.invalid-number': { args: { expected: 'a number of cores > 0' }, where: { column: 'cores', raw: 'eight' }, text: `column 'cores': expected a number of cores > 0, got "eight"` },
  'row.out-of-range': { args: { expected: 'a percentage from 0 to 100' }, where: { column: 'memory_pct', raw: '140' }, text: `column 'memory_pct': value "140" is out of range: expected a percentage from 0 to 100` },
  'row.missing-value': { args: { expected: 'a server id' }, where: { column: 'id', raw: '' }, text: `column 'id': required value is empty (expected a server id)` },
  'row.invalid-enum': { args: { expected: 'cpu, io, mmu, syscall' }, where: { column: 'workload_class', raw: 'gpu' }, text: `column 'workload_class': expected one of cpu, io, mmu, syscall, got "gpu"` },
  'row.duplicate-id': { args: { firstLine: 3 }, where: { column: 'id', raw: 'web-01' }, text: `column 'id': duplicate id "web-01": first seen on line 3` },
  'row.parse-error': { args: { problem: { kind: 'unclosed-quote', openedLine: 7 } }, text: 'row could not be parsed as CSV: unclosed quote: the quoted field opened on line 7 never closes' },
  'row.column-count': { args: { fields: 5, expected: 3 }, text: 'row has 5 fields; expected 3' },
  'row.invalid-timestamp': { args: {}, where: { column: 'timestamp', raw: 'yesterday' }, text: `column 'timestamp': expected an ISO 8601 timestamp or Unix seconds, got "yesterday"` },
  'row.invalid-value': { args: { problem: 'memory-used-exceeds-installed', usedGb: 80, installedGb: 64, expected: 'memory_used_gb <= memory_gb' }, where: { column: 'memory_used_gb' }, text: `column 'memory_used_gb': memory used (80 GB) exceeds installed memory (64 GB) (expected memory_used_gb <= memory_gb)` },
  'file.missing-column': { args: { expected: 'id,cores,memory_gb', found: ['id', 'cores'] }, where: { column: 'memory_gb' }, text: `required column 'memory_gb' is missing (expected columns: id,cores,memory_gb; found: id, cores)` },
  'file.duplicate-column': { args: {}, where: { column: 'cores' }, text: `column 'cores' appears more than once in the header` },
  'file.unknown-column': { args: {}, where: { column: 'colour' }, text: 'column "colour" is not used (ignored)' },
  'file.empty': { args: { expected: 'a GWA-T-12 header line' }, text: 'file is empty: expected a GWA-T-12 header line' },
  'file.no-rows': { args: {}, text: 'file has a header but no data rows' },
  'file.unreadable': { args: { reason: 'io', errno: 'EACCES' }, text: 'file could not be read: permission denied (EACCES)' },
  'file.detected-format': { args: { format: 'planetlab' }, text: 'detected utilization format: planetlab (CloudSim PlanetLab folder (one file per VM, one CPU percent per line, 5-minute steps))' },
  'file.unit-detected': { args: { what: 'rvtools-host-memory', unit: 'MiB', medianHostGiB: 512 }, where: { column: '# Memory' }, text: `column '# Memory': host memory read as MiB (median host 512 GiB; values above 4 TiB-as-MiB mean KiB)` },
  'data.no-samples': { args: { ids: ['a', 'b'] }, text: '2 inventory workload(s) have no utilization samples and are sized from their inventory columns: a, b' },
  'data.no-inventory': { args: { ids: ['x'] }, text: '1 id(s) have samples but no inventory row and are left out of the plan: x' },
  'data.coverage': { args: { ids: ['w1'], belowFraction: 0.5 }, text: "1 workload(s) have samples for less than 50% of the run's time span (sized from what there is): w1" },
  'data.duplicate-timestamp': { args: { ids: ['w1', 'w2'], samples: 3 }, text: '3 duplicate-timestamp samples dropped (the first of each is kept) in 2 workload(s): w1, w2' },
  'data.out-of-range-sample': { args: { ids: ['w1'], samples: 1 }, text: '1 CPU sample outside 0..100% (clamped when sizing) in 1 workload(s): w1' },
  'data.assumed-value': { args: { what: 'trace-cores', workloads: 800, vmCores: 1 }, text: '800 traced workload(s) state no capacity: assumed 1 vCPU each (--vm-cores; or give --servers)' },
  'data.skipped': { args: { what: 'rvtools-vms', poweredOff: 1, templates: 1, srm: 1 }, text: 'skipped 3 VM(s): 1 powered off, 1 template(s), 1 SRM placeholder(s) (kept with --rvtools-include-all)' },
  'plan.unplaced': { args: { id: 'db-9', reason: { code: 'unplaced.no-host-left', args: {} } }, text: 'db-9: no host left: every host type that fits is used up (host counts)' },
  'plan.fallback': { args: { what: 'profile-without-samples', buckets: 24 }, text: '--profile-buckets 24 asked for a time profile, but no workload has utilization samples: CPU is packed as one figure' },
  'plan.warning': { args: { what: 'optimize-one-type', objective: 'tco', hostType: 'dell-r7525' }, text: '--optimize tco has one host type to choose from (dell-r7525): the plan packs it by the objective, and there is no mix to compare' },
  'solver.fallback': { args: { method: 'arc-flow', backend: 'glpk', fault: 'timeout', detail: 'no answer', gapFraction: 0.0476, bound: 'L1' }, text: 'exact phase (arc-flow, glpk) failed (timeout: no answer); kept the best heuristic result, gap 4.76% to the L1 bound' },
  'unplaced.too-large': { args: { dimensions: [{ dimension: 'memory_gib', name: 'memory', unit: 'GiB', demand: 2823.2, capacity: 847.94 }], afterReserve: true }, text: 'memory: needs 2823.2 GiB, largest host offers 847.9 GiB (after reserve and target)' },
  'unplaced.no-single-type': { args: { types: [{ hostType: 'big-cpu', dimension: 'mem', demand: 10, capacity: 4 }, { hostType: 'big-mem', dimension: 'cpu', demand: 10, capacity: 4 }] }, text: 'no single host type fits every dimension: big-cpu lacks mem (needs 10, offers 4); big-mem lacks cpu (needs 10, offers 4)' },
  'unplaced.no-host-left': { args: {}, text: 'no host left: every host type that fits is used up (host counts)' },
  'unplaced.invalid-demand': { args: { demand: [1, -2] }, text: 'invalid demand (1, -2): every value must be a finite number >= 0' },
  'unplaced.affinity-sites': { args: { group: 'g1' }, text: 'affinity group g1 spans several sites; its items cannot share a host' },
  'unplaced.affinity-conflict': { args: { group: 'g1', antiAffinityGroup: 'a1' }, text: 'affinity group g1 contains two items of anti-affinity group a1; both cannot hold' },
  'packing.not-proven': { args: { site: 'ams', gapFraction: 0.0123, bound: 'L2', beforeHa: false }, text: 'site ams: optimality not proven; gap 1.23% to the L2 bound' },
  'packing.aborted': { args: {}, text: 'aborted by signal: later phases were skipped; the best result so far is returned' },
  'packing.wall-clock': { args: {}, text: 'wall-clock safety net fired: the result may differ between runs' },
  'packing.ha-not-guaranteed': { args: { ha: 2 }, text: 'HA 2: could not add 2 spare hosts that dominate every used host type; tolerance of 2 failures is not guaranteed' },
  'packing.ha-unabsorbed': { args: { cases: 2, spares: 3, noHostLeft: false }, text: 'HA 1: 2 single-host failure case(s) cannot be absorbed after adding 3 spare hosts' },
  'option.invalid': { args: { option: 'cpuTarget', flag: '--cpu-target', problem: { kind: 'too-big', maximum: 100, inclusive: true, got: 150 } }, text: 'invalid option cpuTarget (--cpu-target): Too big: expected a number <= 100, got 150' },
  'data.no-usable-vm': {
    args: {
      table: 'vInfo',
      folder: false,
      sheets: ['vInfo', 'vHost'],
      rowsRead: 3,
      skipped: { poweredOff: 1, template: 1, srm: 0 },
      powerStates: { poweredOff: 1 },
      rejectedByColumn: { CPUs: 1 },
      firstRejected: { code: 'row.missing-value', args: { expected: 'a vCPU count > 0' }, file: 'x.xlsx#vInfo', line: 4, column: 'CPUs', raw: '' },
      hostTab: true,
      hostsRead: 2,
      includeAll: false,
    },
    text: `no usable VM to plan: found sheets vInfo, vHost; vInfo has 3 VM rows: 2 skipped (1 not powered on [Powerstate "poweredOff" 1], 1 template, 0 SRM placeholders; --rvtools-include-all plans them), 1 rejected (1 in column 'CPUs'; first: x.xlsx#vInfo:4: column 'CPUs': required value is empty (expected a vCPU count > 0)); vHost has 2 host rows`,
  },
  'data.unknown-host': { args: { vms: 2, ids: ['vm-3', 'vm-8'], hosts: ['10.5.126.198', '10.41.187.30'], unnamed: 0 }, text: '2 VMs run on hosts not in vHost (10.5.126.198, 10.41.187.30): they are planned, but the power of the hosts they run on now is not in "before": vm-3, vm-8' },
  'data.host-without-vms': { args: { hosts: ['esx-7'], vmsReported: 11 }, text: '1 vHost host runs 11 VMs by vHost\'s count, none of them in vInfo: left out of "before" (a partial export?): esx-7' },
  'options.ignored': { args: { option: 'sizing', flag: '--sizing', value: 'p99', reason: 'no-samples' }, text: '--sizing p99 does not apply: no workload has utilization samples (it sizes from samples only)' },
  'plan.no-before': { args: { reason: 'no-source-servers', workloads: 12 }, text: '12 workloads and no physical source server or host: there is no "before" to compare with, so the reports show the new hosts alone (no savings, no payback)' },
  'plan.hosted-hypervisor': { args: { hypervisor: 'virtualbox', workloads: 64 }, text: "--hypervisor virtualbox is a hosted hypervisor (an application on a desktop or server OS, for development and test labs), chosen for 64 server workloads: the plan keeps the host OS's own memory and cores and multiplies the CPU of I/O by the hosted I/O path; for a data-centre estate a bare-metal hypervisor (esxi, kvm, hyper-v, xen) is the usual choice" },
  'file.not-a-plan': { args: { path: 'kind', expected: '"plan" (got "pack")' }, text: 'not a plan result at kind: expected "plan" (got "pack")' },
  'replay.no-samples': { args: { ids: ['a', 'b'] }, text: '2 workloads of the plan have no samples in the new traces and are replayed at their planned demand: a, b' },
  'replay.not-in-plan': { args: { ids: ['d'] }, text: '1 id in the new traces is not placed by the plan and is not replayed: d' },
  'plan.active-memory': { args: { workloads: 2, fallback: 1 }, text: 'memory of 2 workloads is sized from active memory (pages touched recently), which understates what a guest holds: hosts may run short of memory after the move; --memory-sizing auto sizes VMs by their configured memory (1 without an active figure sized by used or configured memory)' },
  'data.unit-suspect': {
    args: { problem: 'memory-per-core', column: 'Memory (GB)', medianGiBPerCore: 2048, minGiBPerCore: 0.0625, maxGiBPerCore: 128, stated: 'GiB', assumed: 'MiB', override: 'memory_gb=GiB' },
    text: `column 'Memory (GB)': median 2048 GiB per core read as GiB, outside the plausible 0.063-128 GiB per core: read as MiB; if they are GiB, say --units memory_gb=GiB`,
  },
  'file.dialect-detected': {
    args: { delimiter: ';', decimal: 'comma', from: 'cells', evidence: { line: 2, column: 'cpu_ghz', raw: '2,83' } },
    text: `read as semicolon-separated with decimal commas (seen in column 'cpu_ghz' line 2: "2,83")`,
  },
  'data.no-usable-workload': {
    args: { inputs: [{ file: 's.csv', read: 2, accepted: 0, rejected: 2 }], rejectedByColumn: { cores: 2 }, firstRejected: [{ code: 'row.invalid-number', args: { expected: 'a number of cores > 0' }, file: 's.csv', line: 2, column: 'cores', raw: 'x' }] },
    text: `no workload to plan: s.csv: 2 rows read, 0 accepted, 2 rejected; rejected: 2 in column 'cores'; first: s.csv:2: column 'cores': expected a number of cores > 0, got "x"`,
  },
  'file.detected-inventory': { args: { format: 'azure-migrate' }, text: 'read as Azure Migrate import CSV (*Server name, *Cores, *Memory (In MB), *OS name, CPU and memory utilization percentage, ...)' },
  'file.time-zone': { args: { zone: 'W. Europe Standard Time', biasMinutes: -60 }, text: 'local timestamps of W. Europe Standard Time (UTC+01:00) turned into UTC' },
  'file.counters': {
    args: { format: 'perfmon', hosts: 2, cpu: ['\\Processor(_Total)\\% Processor Time'], memory: ['\\Memory\\Available MBytes'], ignored: ['\\PhysicalDisk(_Total)\\Disk Reads/sec'] },
    text: '2 hosts: CPU from \\Processor(_Total)\\% Processor Time (% Processor Utility wins over % Processor Time when both are there); memory from \\Memory\\Available MBytes; 1 other counter ignored: \\PhysicalDisk(_Total)\\Disk Reads/sec',
  },
  'data.id-case': { args: { pairs: [{ inventory: 'web01', samples: 'WEB01' }] }, text: '1 utilization id joined to the inventory ignoring case (host names are case-insensitive): WEB01 → web01' },
  'data.available-memory': { args: { ids: ['web01'], withoutInstalled: ['db01'] }, text: 'memory used = installed memory - available memory for 1 server; 1 server without installed memory (give --servers with memory_gb) keep no memory samples: db01' },
  'data.sketched': {
    args: { ids: ['a', 'b'], samples: 105120000, budget: 10000000, errorBoundPoints: 0.005, memoryRelativeError: 0.001, coarseStepSec: 3600, outOfOrder: 12 },
    text: 'a load of 105120000 samples is more than the 10000000 held exactly: 2 series sized from a streaming sketch (CPU percentiles within 0.005 percentage points, memory within 0.1% of the exact ones; the CPU mean exact); energy, timelines and the overload replay use 3600 s means and time profiles 3600 s maxima; 12 samples arrived out of time order, and a repeated timestamp among those cannot be found: a, b',
  },
  'waves.group-too-large': { args: { group: 'sap-prod', workloads: 3, waveSize: 2, ids: ['sap-app', 'sap-db', 'sap-web'] }, where: { column: 'group' }, text: 'column \'group\': migration group "sap-prod" has 3 workloads, more than --wave-size 2: a group moves in one wave (raise --wave-size, or split the group): sap-app, sap-db, sap-web' },
  'plan.io-missing': { args: { dimension: 'network', label: 'network', unit: 'Mbit/s', ids: ['web-01', 'db-01'] }, text: '--dimensions network: 2 workloads have no network figure (no samples and no inventory column), so their network demand is taken as 0 Mbit/s: web-01, db-01' },
  'file.dst-change': { args: { zone: 'W. Europe Daylight Time', iana: 'Europe/Berlin', applied: true, changes: [{ at: '10/27/2024 02:00:00.000', beforeMinutes: 120, afterMinutes: 60 }] }, text: "local times of W. Europe Daylight Time cross a daylight-saving change at 10/27/2024 02:00:00.000 (UTC+02:00 -> UTC+01:00): converted into UTC by the rules of Europe/Berlin (time-zone database), not the header's single bias" },
};

describe('message catalogue (model/messages.ts)', () => {
  it('renders every code: known text for each example, nothing left unrendered', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ISSUE_CODES].sort());
    for (const code of ISSUE_CODES) {
      const e = EXAMPLES[code] as { args: MessageArgs[IssueCode]; where?: Where; text: string };
      const text = renderMessage(code, e.args as never, e.where);
      expect(text, code).toBe(e.text);
      expect(text, code).not.toMatch(/undefined|NaN|\[object Object\]/);
      expect(MESSAGES[code].meaning.length, code).toBeGreaterThan(10);
    }
  });

  it('keeps the existing codes, in their order, at the start of the enum (a JSON contract)', () => {
    const existing = ['row.invalid-number', 'row.out-of-range', 'row.missing-value', 'row.invalid-enum', 'row.duplicate-id', 'row.parse-error', 'row.column-count', 'row.invalid-timestamp', 'row.invalid-value', 'file.missing-column', 'file.duplicate-column', 'file.unknown-column', 'file.empty', 'file.no-rows', 'file.unreadable', 'file.detected-format', 'file.unit-detected', 'data.no-samples', 'data.no-inventory', 'data.coverage', 'data.duplicate-timestamp', 'data.out-of-range-sample', 'data.assumed-value', 'data.skipped', 'plan.unplaced', 'plan.fallback', 'plan.warning', 'solver.fallback'];
    expect(ISSUE_CODES.slice(0, existing.length)).toEqual(existing);
  });

  it('an issue carries code, args and the message rendered from them, and validates', () => {
    const i = issue('row.invalid-number', 'error', { expected: 'a CPU percentage (0..100)' }, { file: 'u.csv', line: 7, column: 'cpu_pct', raw: 'x', rawLine: '1,a,x' });
    expect(i).toEqual({ code: 'row.invalid-number', severity: 'error', file: 'u.csv', line: 7, column: 'cpu_pct', raw: 'x', message: `column 'cpu_pct': expected a CPU percentage (0..100), got "x"`, rawLine: '1,a,x', args: { expected: 'a CPU percentage (0..100)' } });
    expect(IssueSchema.safeParse(i).success).toBe(true);
  });

  it('README lists every code with its meaning (generated: npm run readme)', () => {
    const readme = readFileSync(resolve(REPO, 'README.md'), 'utf8');
    expect(fillSections(readme)).toBe(readme);
    for (const c of ISSUE_CODES) expect(readme).toContain(`| \`${c}\` |`);
  });
});

describe('engine boundary (model/engine-messages.ts)', () => {
  it('an item too large everywhere names the dimension with units; one fitting nowhere by a mix says so', () => {
    const label = (d: string) => (d === 'memory_gib' ? { name: 'memory', unit: 'GiB' } : undefined);
    const failures = [{ hostType: 'a', dimension: 'memory_gib', demand: 900, capacity: 512 }, { hostType: 'b', dimension: 'memory_gib', demand: 900, capacity: 256 }];
    const tooLarge = unplacedReason({ reason: { code: 'unplaced.too-large', args: { dimensions: [{ dimension: 'memory_gib', demand: 900, capacity: 512 }] } } }, label, true);
    expect(tooLarge).toEqual({ code: 'unplaced.too-large', args: { dimensions: [{ dimension: 'memory_gib', name: 'memory', unit: 'GiB', demand: 900, capacity: 512 }], afterReserve: true } });
    expect(tooLargeFromFailures(failures, label, true)).toEqual(tooLarge);
    const mixFailures = [{ hostType: 'a', dimension: 'cpu', demand: 10, capacity: 4 }, { hostType: 'b', dimension: 'mem', demand: 10, capacity: 4 }];
    expect(tooLargeFromFailures(mixFailures)).toBeUndefined();
    const mix = unplacedReason({ reason: { code: 'unplaced.no-single-type', args: { types: mixFailures } } });
    expect(mix.code).toBe('unplaced.no-single-type');
    const group = unplacedReason({ reason: { code: 'unplaced.too-large', args: { dimensions: [{ dimension: 'cpu', demand: 20, capacity: 16 }], affinityGroup: { name: 'B', items: 2 } } } });
    expect(group).toEqual({ code: 'unplaced.too-large', args: { dimensions: [{ dimension: 'cpu', demand: 20, capacity: 16 }], affinityGroup: { name: 'B', items: 2 } } });
    expect(renderUnplacedReason(group)).toBe('affinity group B (2 items) cpu: needs 20, largest host offers 16');
  });

  it('engine warnings become coded issues whose words are unchanged', () => {
    const texts = [
      'site x: optimality not proven; gap 1.25% to the L2 bound (before the HA reserve)',
      'exact phase (arc-flow, glpk) failed (timeout: glpk: no answer after 1.0 s; worker terminated); kept the best heuristic result, gap 4.76% to the L1 bound',
      'HA 1: 2 single-host failure case(s) cannot be absorbed and no host is left to add as a spare',
      'arc-flow (glpk) stopped at its wall-clock safety limit; the result may differ between runs',
    ];
    const out = engineWarningIssues([
      { code: 'packing.not-proven', args: { site: 'x', gapFraction: 0.0125, bound: 'L2', beforeHa: true } },
      { code: 'solver.fallback', args: { method: 'arc-flow', backend: 'glpk', fault: 'timeout', detail: 'glpk: no answer after 1.0 s; worker terminated', gapFraction: 1 / 21, bound: 'L1' } },
      { code: 'packing.ha-unabsorbed', args: { cases: 2, spares: 0, noHostLeft: true } },
      { code: 'packing.wall-clock', args: { phase: 'arc-flow', backend: 'glpk' } },
    ]);
    expect(out.map((i) => i.code)).toEqual(['packing.not-proven', 'solver.fallback', 'packing.ha-unabsorbed', 'packing.wall-clock']);
    expect(out.map((i) => i.message)).toEqual(texts);
    // the engine now rejects when aborted; the code stays in the catalogue with its words
    expect(issue('packing.aborted', 'warning', {}).message).toBe('aborted by signal: later phases were skipped; the best result so far is returned');
  });
});
