import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHeader, matchColumns } from '../../src/ingest/headers.js';
import { SERVER_FIELDS, LONG_FIELDS, HOST_FIELDS, ALIAS_TABLES } from '../../src/ingest/fields.js';
import { compactName, parseUnitOverrides, UNITS, cellUnit } from '../../src/ingest/units.js';
import { readNumber, numberProblem, parseNumberCell, decimalEvidence } from '../../src/ingest/numbers.js';
import { detectDecimal } from '../../src/ingest/dialect.js';
import { percentLooksFraction, memoryPerCoreSense, clockSense, median } from '../../src/ingest/sense.js';
import { sniffBinary } from '../../src/ingest/binary.js';
import { loadServers } from '../../src/ingest/servers.js';
import { loadHostCatalog } from '../../src/ingest/hosts.js';
import { loadLongCsv } from '../../src/ingest/long.js';
import { loadPackItems, loadPackHosts } from '../../src/ingest/pack-input.js';
import { loadPlanInput } from '../../src/ingest/plan-input.js';
import { NoUsableWorkloadsError, OptionsError } from '../../src/errors.js';
import { defaultUnitSenseLimits } from '../../src/defaults/ingest.js';
import { tempDir } from '../helpers/fixtures.js';

/** The shared ingest layer (src/ingest/: headers, units, numbers, dialect, sense) piece by piece. */
const DIR = tempDir('ingest-layer');
const put = (name: string, text: string) => {
  const f = join(DIR, name);
  writeFileSync(f, text);
  return f;
};
const unit = (id: string) => UNITS.find((u) => u.id === id)!;
const LIMITS = defaultUnitSenseLimits();

describe('headers: a name and a unit out of each header cell', () => {
  it.each([
    ['Memory (GB)', 'memory', 'GiB', false],
    ['memory_mb', 'memory', 'MiB', false],
    ['Memory (In MB)', 'memory', 'MiB', false],
    ['Memory in MB', 'memory', 'MiB', false],
    ['MemoryMB', 'memory', 'MiB', false],
    ['memoryMiB', 'memory', 'MiB', false],
    ['memory[MiB]', 'memory', 'MiB', true],
    ['CPU GHz', 'cpu', 'GHz', false],
    ['CPU MHz', 'cpu', 'MHz', false],
    ['CPU %', 'cpu', 'percent', false],
    ['cpu_util_avg_pct', 'cpuutilavg', 'percent', false],
    ['CPU utilization percentage', 'cpuutilization', 'percent', false],
    ['idle_watts', 'idle', 'W', false],
    ['Timestamp [ms]', 'timestamp', 'ms', true],
    ['*Server name', 'servername', undefined, false],
    ['vCPUs', 'vcpus', undefined, false],
    ['watts', 'watts', undefined, false],
    ['w_50pct', 'w50pct', undefined, false],
    ['Price (EUR)', 'priceeur', undefined, false],
  ])('%s → base %s, unit %s', (cell, base, u, stated) => {
    const h = parseHeader(cell);
    expect(h.base).toBe(base);
    expect(h.unit?.id).toBe(u);
    expect(h.unitStated).toBe(stated);
  });

  it('compactName ignores case, spaces, underscores and punctuation', () => {
    for (const s of ['CPU Cores', 'cpu_cores', 'cpu-cores', 'CpuCores', '*CPU cores', ' cpu.cores ']) expect(compactName(s)).toBe('cpucores');
  });

  it('maps an assessment tool\'s import header onto the servers CSV fields, converting MB, ignoring the rest once', () => {
    const header = ['*Server name', 'IP addresses', '*Cores', '*Memory (In MB)', '*OS name', 'CPU utilization percentage', 'Memory utilization percentage', 'Number of disks', 'Disk 1 size (In GB)'];
    const m = matchColumns(header, SERVER_FIELDS);
    expect([...m.byKey].map(([k, c]) => [k, c.header.raw, c.unit?.id])).toEqual([
      ['id', '*Server name', undefined],
      ['cores', '*Cores', undefined],
      ['memory_gb', '*Memory (In MB)', 'MiB'],
      ['cpu_util_avg_pct', 'CPU utilization percentage', 'percent'],
      ['memory_used_pct', 'Memory utilization percentage', 'percent'],
    ]);
    expect(m.ignored).toEqual(['IP addresses', '*OS name', 'Number of disks', 'Disk 1 size (In GB)']);
  });

  it('when two cells name one field, the name listed first wins and the other is reported', () => {
    const m = matchColumns(['Hostname', 'Name', 'RAM', 'CPUs'], SERVER_FIELDS);
    expect(m.byKey.get('id')!.header.raw).toBe('Name');
    expect(m.shadowed).toEqual([{ column: 'Hostname', field: 'id', used: 'Name' }]);
    expect(m.byKey.get('memory_gb')!.unit?.id).toBe('GiB');
  });

  it('a unit decides between fields that share a name: CPU GHz is the clock, CPU % the utilization, CPU the model', () => {
    const m = matchColumns(['id', 'cores', 'memory', 'CPU GHz', 'CPU %', 'CPU'], SERVER_FIELDS);
    expect(m.byKey.get('cpu_ghz')!.header.raw).toBe('CPU GHz');
    expect(m.byKey.get('cpu_util_avg_pct')!.header.raw).toBe('CPU %');
    expect(m.byKey.get('cpu_model')!.header.raw).toBe('CPU');
  });

  it('every alias of every table names its own field (no alias is taken by an earlier field)', () => {
    for (const t of ALIAS_TABLES) {
      for (const f of t.fields) {
        for (const a of [f.key, ...f.aliases]) {
          const m = matchColumns([a], t.fields);
          const got = [...m.byKey.keys()][0];
          // an alias shared by a memory field and its percent twin resolves to the first without a unit
          if (got !== f.key) expect(t.fields.findIndex((x) => x.key === got), `${t.title}: ${a}`).toBeLessThan(t.fields.indexOf(f));
          else expect(got).toBe(f.key);
        }
      }
    }
  });

  it('by words when no name matches as written: synonyms, fillers and any word order; the unit still decides', () => {
    // Headers of inventory and assessment exports; none is an alias as written.
    const cases: [string, string, string | undefined][] = [
      ['# of CPUs', 'cores', undefined],
      ['Num CPU', 'cores', undefined],
      ['Logical Processors', 'cores', undefined],
      ['Processor Cores', 'cores', undefined],
      ['Number of Processors', 'cores', undefined],
      ['Cores (#)', 'cores', undefined],
      ['Installed RAM (GB)', 'memory_gb', 'GiB'],
      ['Total RAM (MB)', 'memory_gb', 'MiB'],
      ['Memory Total (GB)', 'memory_gb', 'GiB'],
      ['Avg. CPU Utilization (%)', 'cpu_util_avg_pct', 'percent'],
      ['CPU Usage Average', 'cpu_util_avg_pct', 'percent'],
      ['CPU Usage 95th Percentile (%)', 'cpu_util_p95_pct', 'percent'],
      ['Maximum CPU Usage (%)', 'cpu_util_peak_pct', 'percent'],
      ['Memory Usage Avg (%)', 'memory_used_pct', 'percent'],
      ['Avg Memory Used (GB)', 'memory_used_gb', 'GiB'],
      ['Power Consumption (W)', 'watts', 'W'],
      ['Processor Speed (MHz)', 'cpu_ghz', 'MHz'],
    ];
    for (const [header, key, unitId] of cases) {
      const m = matchColumns([header], SERVER_FIELDS);
      expect([...m.byKey.keys()], header).toEqual([key]);
      expect(m.byKey.get(key)!.unit?.id, header).toBe(unitId);
    }
    // words a header lacks or has in excess match nothing: reported as ignored
    expect(matchColumns(['CPU Ready (%)', 'Total', 'Memory Peak Used (GB)', 'OS', 'IP Address'], SERVER_FIELDS).ignored).toEqual(['CPU Ready (%)', 'Total', 'Memory Peak Used (GB)', 'OS', 'IP Address']);
    // a percent column never becomes a memory column because its words say memory
    expect(matchColumns(['Installed Memory %'], SERVER_FIELDS).byKey.has('memory_gb')).toBe(false);
    // the long CSV: a timestamp in UTC, the CPU load
    const l = matchColumns(['Timestamp (UTC)', 'Server Name', 'CPU Load (%)'], LONG_FIELDS);
    expect([...l.byKey.keys()]).toEqual(['timestamp', 'id', 'cpu_pct']);
  });

  it('every name of every table, its words reversed and spelt with synonyms, still names its own field (no two fields share a word form)', () => {
    const respell: Record<string, string> = { memory: 'RAM', util: 'Usage', avg: 'Average', peak: 'Maximum', cpu: 'Processor', cpus: 'Processors', cores: 'Cores', num: 'Number of' };
    let checked = 0;
    for (const t of ALIAS_TABLES) {
      for (const f of t.fields) {
        for (const a of [f.key, ...f.aliases]) {
          const words = a.split(/[^\p{L}\p{N}%]+/u).filter((w) => w !== '');
          if (words.length < 2) continue;
          const variant = words.reverse().map((w) => respell[w.toLowerCase()] ?? w).join(' ');
          // (a reversal that moves a unit word to the end, `50pct W`, is a different header: the unit decides it)
          if (parseHeader(variant).unit?.id !== parseHeader(a).unit?.id) continue;
          const got = [...matchColumns([variant], t.fields).byKey.keys()][0];
          const exact = [...matchColumns([a], t.fields).byKey.keys()][0];
          expect(got, `${t.title}: ${a} -> ${variant}`).toBe(exact);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('--units entries: a header as written, a canonical name, or its leading words; the unit of the column\'s quantity', () => {
    const o = parseUnitOverrides('memory=MiB, cpu_util=fraction');
    const m = matchColumns(['id', 'cores', 'memory_gb', 'memory_used_gb', 'cpu_util_avg_pct', 'cpu_util_peak_pct', 'cpu_ghz'], SERVER_FIELDS, o);
    expect([...m.byKey.values()].filter((c) => c.unitSource === 'option').map((c) => [c.field.key, c.unit!.id])).toEqual([
      ['memory_gb', 'MiB'],
      ['memory_used_gb', 'MiB'],
      ['cpu_util_avg_pct', 'fraction'],
      ['cpu_util_peak_pct', 'fraction'],
    ]);
    expect([...m.overridesUsed]).toEqual([0, 1]);
    expect(() => parseUnitOverrides('memory')).toThrow(/NAME=UNIT/);
    expect(() => parseUnitOverrides('memory=parsecs')).toThrow(/not a unit/);
    // a unit stated in brackets wins over --units
    const s = matchColumns(['memory[GiB]'], SERVER_FIELDS, parseUnitOverrides('memory=MiB'));
    expect(s.byKey.get('memory_gb')!.unit!.id).toBe('GiB');
  });
});

describe('numbers: decimal point or comma, % in percent columns, never a thousands separator', () => {
  it.each([
    ['2.5', 'point', false, 2.5],
    ['2,5', 'comma', false, 2.5],
    ['0,125', 'comma', false, 0.125],
    ['-3,5e2', 'comma', false, -350],
    ['12%', 'point', true, 12],
    ['12,5 %', 'comma', true, 12.5],
    ['1,234', 'comma', false, 1.234],
    ['1.234', 'point', false, 1.234],
    ['2.5', 'unknown', false, 2.5],
    ['2,5', 'unknown', false, 2.5],
    ['1234,5', 'unknown', false, 1234.5],
    ['', 'point', false, undefined],
  ] as const)('%s with a decimal %s (percent %s) is %s', (raw, dec, pct, want) => {
    expect(readNumber(raw, dec, pct)).toBe(want);
  });

  it.each([
    ['12%', 'point', false, 'percent-sign'],
    ['1,234', 'point', false, 'thousands-separator'],
    ['1,234,567', 'point', false, 'thousands-separator'],
    ['2,5', 'point', false, 'decimal-comma'],
    ['1.234,5', 'comma', false, 'thousands-separator'],
    ['2.5', 'comma', false, 'decimal-point'],
    ['1,234', 'unknown', false, 'ambiguous-separator'],
    ['12.500', 'unknown', false, 'ambiguous-separator'],
    ['1.234,5', 'unknown', false, 'thousands-separator'],
    ['abc', 'point', false, undefined],
  ] as const)('%s with a decimal %s is not read: %s', (raw, dec, pct, problem) => {
    expect(readNumber(raw, dec, pct)).toBeNaN();
    expect(numberProblem(raw, dec, pct)).toBe(problem);
  });

  it('with a decimal point, readNumber agrees with the strict parseNumberCell on every string without % (independent checker)', () => {
    const same = (a: number | undefined, b: number | undefined) => (a === undefined ? b === undefined : b !== undefined && (Number.isNaN(a) ? Number.isNaN(b) : a === b));
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.eE+-x ,'.split('')), maxLength: 8 }), (s) => same(readNumber(s, 'point', false), parseNumberCell(s))), { seed: 7, numRuns: 5000 });
  });

  it('a decimal-comma number reads as the same number written with a point (seeded)', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (k) => {
        const dot = (k / 1000).toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
        if (!dot.includes('.')) return true;
        n++;
        expect(readNumber(dot.replace('.', ','), 'comma', false)).toBe(Number(dot));
        return true;
      }),
      { seed: 11, numRuns: 500 },
    );
    expect(n).toBeGreaterThan(100);
  });

  it('only a separator that cannot be a thousands separator tells the decimal separator', () => {
    expect(decimalEvidence('9,3')).toBe('comma');
    expect(decimalEvidence('0,125')).toBe('comma');
    expect(decimalEvidence('2.75')).toBe('point');
    expect(decimalEvidence('1234.5')).toBe('point');
    expect(decimalEvidence('1,234')).toBeUndefined();
    expect(decimalEvidence('42')).toBeUndefined();
  });
});

describe('units in cells', () => {
  it('a number followed by a unit of the column\'s quantity; anything else is not', () => {
    expect(cellUnit('16 GB', 'memory')).toEqual({ number: '16', unit: unit('GiB') });
    expect(cellUnit('16384MB', 'memory')).toEqual({ number: '16384', unit: unit('MiB') });
    expect(cellUnit('2,4 GHz', 'clock')).toEqual({ number: '2,4', unit: unit('GHz') });
    expect(cellUnit('0.3 kW', 'power')).toEqual({ number: '0.3', unit: unit('kW') });
    expect(cellUnit('16 GHz', 'memory')).toBeUndefined();
    expect(cellUnit('GB', 'memory')).toBeUndefined();
    expect(cellUnit('sixteen GB', 'memory')).toBeUndefined();
  });
});

describe('dialect: the decimal separator of a file', () => {
  const c = (raw: string, line = 2) => ({ line, column: 'x', raw });
  it('decides by the cells that can only be decimal, the majority winning; else point for comma-separated files and unknown otherwise', () => {
    expect(detectDecimal([c('1,234'), c('9,3', 3)], ';')).toEqual({ decimal: 'comma', from: 'cells', evidence: { line: 3, column: 'x', raw: '9,3' } });
    expect(detectDecimal([c('2.5'), c('3.25'), c('9,3')], ';').decimal).toBe('point');
    expect(detectDecimal([c('2.5'), c('9,3')], ';').decimal).toBe('unknown');
    expect(detectDecimal([c('1,234'), c('12')], ';')).toEqual({ decimal: 'unknown', from: 'none' });
    expect(detectDecimal([c('12')], ',')).toEqual({ decimal: 'point', from: 'none' });
    expect(detectDecimal([c('9,3')], ';', 'point')).toEqual({ decimal: 'point', from: 'option' });
  });
});

describe('unit sense', () => {
  it('percent columns of fractions; a column of 0 and 1 stays percent', () => {
    expect(percentLooksFraction([0.25, 0.5, 0])).toEqual({ max: 0.5 });
    expect(percentLooksFraction([0, 1, 1])).toBeUndefined();
    expect(percentLooksFraction([0.5, 12])).toBeUndefined();
  });
  it('memory per core: MiB read as GiB is 1,024 times too much; GiB read as MiB 1,024 times too little', () => {
    expect(median([3, 1, 2, 10])).toBe(2);
    const down = memoryPerCoreSense([4096, 2048, 4096], unit('GiB'), LIMITS)!;
    expect([down.multiplier, down.assumed.id, down.medianGiBPerCore]).toEqual([1 / 1024, 'MiB', 4096]);
    const up = memoryPerCoreSense([4 / 1024, 2 / 1024], unit('MiB'), LIMITS)!;
    expect([up.multiplier, up.assumed.id]).toEqual([1024, 'GiB']);
    // a real spread of 0.5 to 64 GiB per core is left alone
    expect(memoryPerCoreSense([0.5, 4, 8, 64], unit('GiB'), LIMITS)).toBeUndefined();
    // used memory is only bounded above (an idle server uses little)
    expect(memoryPerCoreSense([0.001], unit('GiB'), LIMITS, true)).toBeUndefined();
  });
  it('clock: MHz under a GHz header, GHz under an MHz header', () => {
    expect(clockSense([2400, 2600], unit('GHz'), LIMITS)).toMatchObject({ multiplier: 1 / 1000, assumed: { id: 'MHz' } });
    // 2.4 and 2.6 under an MHz header are 0.0024 and 0.0026 GHz as read
    expect(clockSense([0.0024, 0.0026], unit('MHz'), LIMITS)).toMatchObject({ multiplier: 1000, assumed: { id: 'GHz' } });
    expect(clockSense([2.4, 3.1], unit('GHz'), LIMITS)).toBeUndefined();
  });
});

describe('readers over the layer', () => {
  it('servers: memory_used_gb follows memory_gb into MiB when both headers state GB; memory_used_pct fills memory_used_gb', async () => {
    const f = put('follow.csv', 'id,cores,memory_gb,memory_used_gb\na,8,32768,20000\nb,4,16384,1000\n');
    const r = await loadServers(f);
    expect(r.records.map((w) => [w.memoryGiB, w.memoryUsedGiB])).toEqual([
      [32, 20000 / 1024],
      [16, 1000 / 1024],
    ]);
    expect(r.issues.filter((i) => i.code === 'data.unit-suspect').map((i) => [i.column, i.args?.problem, i.args?.assumed])).toEqual([
      ['memory_gb', 'memory-per-core', 'MiB'],
      ['memory_used_gb', 'same-unit-as', 'MiB'],
    ]);
    const p = await loadServers(put('usedpct.csv', 'Name;vCPUs;RAM (GB);Memory used %\na;4;16;25\n'));
    expect(p.records[0]).toMatchObject({ id: 'a', cores: 4, memoryGiB: 16, memoryUsedGiB: 4 });
    expect(p.issues.find((i) => i.code === 'file.dialect-detected')).toMatchObject({ args: { delimiter: ';', decimal: 'unknown' } });
  });

  it('servers: a unit stated by --units (the API: ingest.units) is never second-guessed', async () => {
    const f = put('stated.csv', 'id,cores,memory,cpu\na,8,32768,0.25\n');
    const r = await loadServers(f, { ingest: { units: parseUnitOverrides('memory=MiB,cpu=fraction') } });
    // `cpu` with no unit is the CPU model column, which --units cpu=fraction does not name
    expect(r.records[0]).toMatchObject({ memoryGiB: 32, cpuModel: '0.25' });
    expect(r.records[0].cpuUtilAvgFraction).toBeUndefined();
    const g = await loadServers(put('stated2.csv', 'id,cores,memory,CPU %\na,8,32768,0.25\n'), { ingest: { units: parseUnitOverrides('memory=MiB,cpu=fraction') } });
    expect(g.records[0]).toMatchObject({ memoryGiB: 32, cpuUtilAvgFraction: 0.25 });
    expect(g.issues.filter((i) => i.code === 'data.unit-suspect')).toEqual([]);
    expect(g.unitOverridesUsed).toEqual([0, 1]);
  });

  it('host catalog: Memory (GB) in MB and a clock in MHz, on a ;-file with decimal commas', async () => {
    const f = put('catalog.csv', 'Type;Cores;CPU MHz;Memory (GB);Price;Idle (W);Max (W)\nr1;64;2450;1048576;21000;110,5;420\n');
    const r = await loadHostCatalog(f);
    expect(r.rows).toEqual({ read: 1, accepted: 1, rejected: 0 });
    expect(r.records[0]).toMatchObject({ type: 'r1', cores: 64, cpuGhz: 2.45, memoryGiB: 1024, priceUsd: 21000 });
    expect(r.records[0].powerCurveWatts[0]).toBe(110.5);
    expect(r.issues.filter((i) => i.code === 'data.unit-suspect').map((i) => i.column)).toEqual(['Memory (GB)']);
  });

  it('long CSV: people\'s headers, a ;-file with decimal commas, CPU as fractions, memory in MB', async () => {
    const f = put('long-eu.csv', 'Time;Server;CPU %;Memory used (MB)\n2024-03-01T00:00:00Z;a;0,25;2048\n2024-03-01T00:05:00Z;a;0,5;3072\n2024-03-01T00:10:00Z;a;-0,1;1024\n');
    const r = await loadLongCsv(f);
    expect(r.rows).toEqual({ read: 3, accepted: 2, rejected: 1 });
    const s = r.series[0].samples;
    expect(Array.from(s.cpuFraction)).toEqual([0.25, 0.5]);
    expect(Array.from(s.memoryUsedGiB!)).toEqual([2, 3]);
    expect(r.issues.map((i) => i.code)).toEqual(['file.dialect-detected', 'row.out-of-range', 'data.unit-suspect']);
  });

  it('pack: resource headers match up to case and punctuation, and host capacities are converted into the VMs file\'s unit', async () => {
    const vms = put('pvms.csv', 'ID,vCPUs,memory_mb\nv1,2,4096\n');
    const hosts = put('phosts.csv', 'Type,VCPUS,Memory (GB),Count\nh,32,256,2\n');
    const items = await loadPackItems(vms);
    expect(items.dimensions).toEqual(['vcpus', 'memory_mb']);
    const h = await loadPackHosts(hosts, items.dimensions, { vmHeaders: items.resourceHeaders });
    expect(h.records).toEqual([{ type: 'h', capacity: [32, 256 * 1024], cost: 1, count: 2 }]);
  });

  it('loadPlanInput: no workload left throws NoUsableWorkloadsError with the rows per file; an unused --units entry is an option error', async () => {
    const f = put('nothing.csv', 'id,cores,memory_gb\na,0,16\n');
    const e = await loadPlanInput({ servers: f }, DIR).catch((x) => x);
    expect(e).toBeInstanceOf(NoUsableWorkloadsError);
    expect(e.issue.code).toBe('data.no-usable-workload');
    expect(e.found.inputs).toEqual([{ file: f, read: 1, accepted: 0, rejected: 1 }]);
    const ok = put('ok.csv', 'id,cores,memory_gb\na,4,16\n');
    await expect(loadPlanInput({ servers: ok, units: 'memroy=MiB' }, DIR)).rejects.toBeInstanceOf(OptionsError);
    await expect(loadPlanInput({ servers: ok, units: 'memory=MiB,memory=GiB' }, DIR)).rejects.toThrow(/given twice/);
  });

  it('binary files by their first bytes', () => {
    expect(sniffBinary(Buffer.from('PK\u0003\u0004rest', 'latin1'))).toBe('zip-like');
    expect(sniffBinary(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('xls');
    expect(sniffBinary(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(sniffBinary(Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(sniffBinary(Buffer.from([0xff, 0xfe, 0x69, 0]))).toBe('utf16');
    expect(sniffBinary(Buffer.from('id,cores\u0000'))).toBe('binary');
    expect(sniffBinary(Buffer.from('id,cores\na,4\n'))).toBeUndefined();
  });

  it('the LONG_FIELDS and HOST_FIELDS tables are what the README shows', () => {
    expect(ALIAS_TABLES.map((t) => t.fields)).toContain(LONG_FIELDS);
    expect(ALIAS_TABLES.map((t) => t.fields)).toContain(HOST_FIELDS);
  });
});
