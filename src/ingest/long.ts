import type { Issue, RowAccounting } from '../model/issue.js';
import { issue, issueError } from '../model/issue.js';
import { statSync } from 'node:fs';
import { readHead, sniffDelimiter, assertReadableFile } from './csv.js';
import { readNumber, numberProblem, type DecimalSeparator } from './numbers.js';
import { compactName } from './units.js';
import { LeanLines, streamInto, type LeanRecord, type LeanSkip } from './lines.js';
import { assertTextFile } from './binary.js';
import { Col, LongRowReader, parseTimestamp } from './long-row.js';
import { readLongRanges, longHeadEnd, LONG_PARALLEL } from './long-range.js';
import { readThreads } from './parallel.js';
import { SampleBudget, SeriesSet, type SeriesBuilder } from './samples.js';
import { sketchNote } from './sketch-series.js';
import { byId, type TracedWorkload, type UtilizationLoad, type UtilizationLoadOptions } from './utilization.js';
import { TRACE_DEFAULTS } from '../defaults/traces.js';
import { Cooperator } from '../util/cooperate.js';
import { matchColumns, type MatchedColumn } from './headers.js';
import { LONG_FIELDS } from './fields.js';
import { detectDecimal, dialectIssues, DIALECT_SAMPLE_ROWS, type SampleCell } from './dialect.js';
import { unitScaled, type UnitSuspect } from './sense.js';

export { fastNumber } from './numbers.js';
export { parseTimestamp, MAX_TIMESTAMP_SEC } from './long-row.js';

/**
 * The long utilization CSV: one row per sample,
 * `timestamp,id,cpu_pct[,memory_used_gb|memory_pct][,disk_iops][,disk_mb_per_s][,net_mbps]`, rows in any order,
 * columns found by the names people give them (fields.ts: `Time`, `Server`, `CPU %`,
 * `Memory used (MB)`, ...), units in headers converted once, numbers read with the file's
 * decimal separator (detected from its first rows, dialect.ts).
 * Timestamps are ISO 8601 (`2024-03-01T10:05:00Z`, `2024-03-01 10:05`, offsets allowed; no
 * offset = UTC) or Unix seconds (values above 1e11 are read as Unix milliseconds, and that is
 * reported once per file as `file.unit-detected`). `cpu_pct` is 0..100 of the server's capacity;
 * values above 100 are kept and counted by the data-quality stage, not rejected; a column whose
 * values are all at most 1 is read as fractions (`data.unit-suspect`) unless its unit is stated.
 * Rejected (severity error, with file/line/column): unparseable row, extra fields, empty id,
 * bad timestamp, non-numeric value, a negative CPU, memory or I/O value, memory_pct above 100.
 */

/** The columns a long CSV must have; the others of LONG_FIELDS are optional. */
export const LONG_REQUIRED = ['timestamp', 'id', 'cpu_pct'];

/** Every column of the long utilization CSV (for --help): memory as GB used or as a percent. */
export const LONG_CSV_COLUMNS = `${LONG_REQUIRED.join(', ')}; optional: ${LONG_FIELDS.filter((f) => !LONG_REQUIRED.includes(f.key)).map((f) => f.key).join(', ')}`;

export const LONG_DESCRIBE = `${LONG_CSV_COLUMNS} (or the names of the alias table)`;

/**
 * Whether rows are read by the fused fast path (`fastRow` in loadLongCsv) when they fit it, and how
 * many rows it has taken in this process: tests turn it off to check that both paths give the same load.
 */
export const LONG_FAST_ROWS = { enabled: true, taken: 0 };

/** A series builder known by its id, and the one that followed it last (rows of many servers come in a cycle). */
interface IdEntry {
  id: string;
  b: SeriesBuilder;
  next: IdEntry | undefined;
}

/** Loads a long utilization CSV. Bad rows become Issues; good rows go on. */
export async function loadLongCsv(path: string, opts: UtilizationLoadOptions = {}): Promise<UtilizationLoad> {
  const label = opts.label ?? path;
  const ingest = opts.ingest ?? {};
  assertReadableFile(path, label);
  const head = readHead(path);
  const delimiter = sniffDelimiter(head);
  const issues: Issue[] = [];
  const rows: RowAccounting = { read: 0, accepted: 0, rejected: 0 };
  let header: string[] | undefined;
  let headerLine = 1;
  let set: SeriesSet | undefined;
  let msReported = false;
  const tsCache = new Map<string, number>();
  const co = opts.cooperator ?? new Cooperator({ signal: opts.signal });
  let overridesUsed: number[] = [];
  // Column indexes (-1: absent), names as written, and factors into the canonical units.
  let iTs = -1, iId = -1, iCpu = -1, iMem = -1, iMemPct = -1, iDisk = -1, iDiskMb = -1, iNet = -1;
  let nTs = 'timestamp', nId = 'id', nCpu = 'cpu_pct', nMem = 'memory_used_gb', nMemPct = 'memory_pct', nDisk = 'disk_iops', nDiskMb = 'disk_mb_per_s', nNet = 'net_mbps';
  let cpuFactor = 0.01, memFactor = 1, memPctFactor = 0.01, netFactor = 1;
  let cpuCol: MatchedColumn | undefined;
  let memPctCol: MatchedColumn | undefined;
  // Unit sense of the percent columns: the largest value, and whether one lies strictly between 0 and 1.
  let cpuMax = -Infinity, cpuBetween = false, memPctMax = -Infinity, memPctBetween = false;
  let decimal: DecimalSeparator = 'point';
  // A percent column whose values all lie in 0..1 is read as fractions (below); once the load is
  // sketched the samples can no longer be rescaled at the end, so the switch decides it on the
  // values so far (all at most 1) and scales the rest as they come.
  const stated = (c: MatchedColumn | undefined) => c?.unitSource === 'stated' || c?.unitSource === 'option';
  const fractions = (c: MatchedColumn | undefined, max: number, between: boolean) => c?.unit?.id === 'percent' && !stated(c) && between && max <= 1;
  const fractionsAtSwitch = (c: MatchedColumn | undefined, max: number) => c?.unit?.id === 'percent' && !stated(c) && max <= 1;
  let cpuScaledEarly = false;
  let memPctScaledEarly = false;
  const budget = new SampleBudget(opts.sampleBudget, () => {
    cpuScaledEarly = fractionsAtSwitch(cpuCol, cpuMax);
    memPctScaledEarly = fractionsAtSwitch(memPctCol, memPctMax) && memPctMax > -Infinity;
    for (const b of set!.byId.values()) {
      if (cpuScaledEarly) for (let i = 0; i < b.n; i++) b.cpu[i] *= 100;
      if (memPctScaledEarly && b.memFrac) for (let i = 0; i < b.n; i++) b.memFrac[i] *= 100;
    }
    if (cpuScaledEarly) cpuFactor *= 100;
    if (memPctScaledEarly) memPctFactor *= 100;
  });
  let pending: (LeanRecord | (LeanSkip & { skip: true }))[] | undefined = [];
  // The fused fast path (fastRow): what each column is, and whether rows may take it (once the
  // decimal separator is known: a point, or unknown with plain numbers).
  let kinds: Col[] = [];
  let fastOn = false;
  let rowReader: LongRowReader | undefined;
  const entries = new Map<string, IdEntry>();
  let lastEntry: IdEntry | undefined;

  const reject = (line: number, code: 'row.column-count' | 'row.missing-value' | 'row.invalid-timestamp' | 'row.invalid-number' | 'row.out-of-range', column: string | undefined, raw: string | undefined, rawLine: string, expected: string, fields?: number, percent = false) => {
    rows.rejected++;
    if (code === 'row.column-count') issues.push(issue(code, 'error', { fields: fields ?? 0, expected: Number(expected) }, { file: label, line, rawLine }));
    else if (code === 'row.invalid-number') {
      const problem = numberProblem(raw ?? '', decimal, percent);
      issues.push(issue(code, 'error', { expected, ...(problem ? { problem } : {}) }, { file: label, line, column, raw, rawLine }));
    } else issues.push(issue(code, 'error', { expected }, { file: label, line, column, raw, rawLine }));
  };
  /** An optional column of non-negative numbers in row r: NaN when the column or the cell is absent, null when the row was rejected. */
  const optional = (r: LeanRecord, i: number, column: string, expected: string): number | null => {
    const f = r.fields;
    if (i < 0 || i >= f.length) return Number.NaN;
    const v = readNumber(f[i], decimal, false);
    if (v === undefined) return Number.NaN;
    if (Number.isNaN(v) || v < 0) {
      reject(r.line, Number.isNaN(v) ? 'row.invalid-number' : 'row.out-of-range', column, f[i], r.raw, expected);
      return null;
    }
    return v;
  };

  const onHeader = (r: LeanRecord) => {
    header = r.fields.map((h) => h.replace(/^\ufeff/, '').trim());
    headerLine = r.line;
    const m = matchColumns(header, LONG_FIELDS, ingest.units ?? []);
    const seen = new Set<string>();
    for (const h of header) {
      const c = compactName(h);
      if (c !== '' && seen.has(c)) throw issueError('file.duplicate-column', {}, { file: label, line: r.line, column: h });
      seen.add(c);
    }
    for (const f of LONG_FIELDS) {
      if (LONG_REQUIRED.includes(f.key) && !m.byKey.has(f.key)) {
        throw issueError('file.missing-column', { expected: LONG_DESCRIBE, found: header }, { file: label, line: r.line, column: f.key });
      }
    }
    const col = (k: string) => m.byKey.get(k);
    const at = (k: string) => col(k)?.index ?? -1;
    const nm = (k: string) => col(k)?.header.raw ?? k;
    iTs = at('timestamp'); iId = at('id'); iCpu = at('cpu_pct'); iMem = at('memory_used_gb'); iMemPct = at('memory_pct'); iDisk = at('disk_iops'); iDiskMb = at('disk_mb_per_s'); iNet = at('net_mbps');
    nTs = nm('timestamp'); nId = nm('id'); nCpu = nm('cpu_pct'); nMem = nm('memory_used_gb'); nMemPct = nm('memory_pct'); nDisk = nm('disk_iops'); nDiskMb = nm('disk_mb_per_s'); nNet = nm('net_mbps');
    cpuCol = col('cpu_pct');
    memPctCol = col('memory_pct');
    cpuFactor = (cpuCol?.unit?.factor ?? 1) / 100;
    memFactor = col('memory_used_gb')?.unit?.factor ?? 1;
    memPctFactor = (memPctCol?.unit?.factor ?? 1) / 100;
    netFactor = col('net_mbps')?.unit?.factor ?? 1;
    overridesUsed = [...m.overridesUsed];
    if (m.ignored.length || m.shadowed.length) {
      issues.push(issue('file.unknown-column', 'warning', { columns: m.ignored, ...(m.shadowed.length ? { shadowed: m.shadowed } : {}) }, { file: label, line: r.line, column: m.ignored[0] ?? m.shadowed[0].column }));
    }
    kinds = header.map(() => Col.Ignored);
    for (const [i, k] of [[iTs, Col.Timestamp], [iId, Col.Id], [iCpu, Col.Cpu], [iMem, Col.Mem], [iMemPct, Col.MemPct], [iDisk, Col.Disk], [iDiskMb, Col.DiskMb], [iNet, Col.Net]] as [number, Col][]) if (i >= 0) kinds[i] = k;
    set = new SeriesSet({ memoryUsedGiB: iMem >= 0, memoryFraction: iMemPct >= 0, diskIops: iDisk >= 0, diskMbPerS: iDiskMb >= 0, netMbps: iNet >= 0 }, budget);
  };

  const onRow = (r: LeanRecord) => {
    rows.read++;
    const f = r.fields;
    if (f.length > header!.length) {
      for (let k = header!.length; k < f.length; k++) {
        if (f[k].trim() !== '') return reject(r.line, 'row.column-count', undefined, undefined, r.raw, String(header!.length), f.length);
      }
    }
    const id = iId < f.length ? f[iId].trim() : '';
    if (id === '') return reject(r.line, 'row.missing-value', nId, '', r.raw, 'a server id');
    const tsRaw = iTs < f.length ? f[iTs] : '';
    let ts = tsCache.get(tsRaw);
    if (ts === undefined) {
      const p = parseTimestamp(tsRaw);
      if (Number.isNaN(p.sec)) return reject(r.line, tsRaw.trim() === '' ? 'row.missing-value' : 'row.invalid-timestamp', nTs, tsRaw, r.raw, 'an ISO 8601 timestamp or Unix seconds');
      if (p.ms && !msReported) {
        msReported = true;
        issues.push(issue('file.unit-detected', 'info', { what: 'timestamp-ms' }, { file: label, line: r.line, column: nTs }));
      }
      ts = p.sec;
      if (tsCache.size < 100_000) tsCache.set(tsRaw, ts);
    }
    const cpu = iCpu < f.length ? readNumber(f[iCpu], decimal, true) : undefined;
    if (cpu === undefined) return reject(r.line, 'row.missing-value', nCpu, '', r.raw, 'a CPU percentage');
    if (Number.isNaN(cpu)) return reject(r.line, 'row.invalid-number', nCpu, f[iCpu], r.raw, 'a CPU percentage (0..100)', undefined, true);
    if (cpu < 0) return reject(r.line, 'row.out-of-range', nCpu, f[iCpu], r.raw, 'a CPU percentage >= 0');
    let memFrac = Number.NaN;
    const memGb = optional(r, iMem, nMem, 'memory in GB >= 0');
    if (memGb === null) return;
    const mem = memGb * memFactor;
    if (iMemPct >= 0 && iMemPct < f.length) {
      const v = readNumber(f[iMemPct], decimal, true);
      if (v !== undefined) {
        if (Number.isNaN(v)) return reject(r.line, 'row.invalid-number', nMemPct, f[iMemPct], r.raw, 'a percentage from 0 to 100', undefined, true);
        const x = v * memPctFactor;
        if (v < 0 || x > 1) return reject(r.line, 'row.out-of-range', nMemPct, f[iMemPct], r.raw, 'a percentage from 0 to 100');
        if (v > memPctMax) memPctMax = v;
        if (v > 0 && v < 1) memPctBetween = true;
        memFrac = x;
      }
    }
    const disk = optional(r, iDisk, nDisk, 'a number >= 0');
    if (disk === null) return;
    const diskMb = optional(r, iDiskMb, nDiskMb, 'a number >= 0');
    if (diskMb === null) return;
    const netRaw = optional(r, iNet, nNet, 'a number >= 0');
    if (netRaw === null) return;
    const net = netRaw * netFactor;
    if (cpu > cpuMax) cpuMax = cpu;
    if (cpu > 0 && cpu < 1) cpuBetween = true;
    rows.accepted++;
    set!.get(id, label, r.line).push(ts, cpu * cpuFactor, mem, memFrac, disk, net, diskMb);
  };

  /**
   * A row read in place, without splitting it into strings: taken (true) only when every cell is
   * one the general path (onRow) would accept as it is (long-row.ts), so its outcome is exactly
   * onRow's. Anything else returns false before any effect, and the general path reads the row.
   */
  const fastRow = (text: string, start: number, end: number, lineNo: number): boolean => {
    if (!fastOn || pending !== undefined || !LONG_FAST_ROWS.enabled) return false;
    const rr = rowReader!;
    if (!rr.read(text, start, end) || !fits(rr.memPct)) return false;
    // The series: the one of the row before, or the one that followed it last time, else by id.
    const { idFrom, idTo } = rr;
    const len = idTo - idFrom;
    const prev = lastEntry;
    let e: IdEntry;
    if (prev !== undefined && prev.id.length === len && text.startsWith(prev.id, idFrom)) e = prev;
    else if (prev?.next !== undefined && prev.next.id.length === len && text.startsWith(prev.next.id, idFrom)) e = prev.next;
    else {
      const id = text.slice(idFrom, idTo);
      let f = entries.get(id);
      if (f === undefined) {
        // Keyed by the builder's id, not the slice (which would keep the whole decoded chunk alive).
        const b = set!.get(id, label, lineNo);
        f = { id: b.id, b, next: undefined };
        entries.set(b.id, f);
      }
      if (prev !== undefined) prev.next = f;
      e = f;
    }
    lastEntry = e;
    takeFast(lineNo, rr.ms, rr.ts, rr.cpu, rr.mem, rr.memPct, rr.disk, rr.diskMb, rr.net, e.b);
    return true;
  };

  /** Whether a memory percentage as read is still the fast path's (above 100% it is the general path's, which rejects it). */
  const fits = (memPct: number) => !(memPct * memPctFactor > 1);

  /** The unit sense of a row the fast path took: the largest values and whether a fraction was seen. */
  const seen = (cpu: number, memPct: number) => {
    if (memPct > memPctMax) memPctMax = memPct;
    if (memPct > 0 && memPct < 1) memPctBetween = true;
    if (cpu > cpuMax) cpuMax = cpu;
    if (cpu > 0 && cpu < 1) cpuBetween = true;
  };

  /** The effects of a row the fast path took, in onRow's order (values as read, before the column factors). */
  const takeFast = (lineNo: number, ms: boolean, ts: number, cpu: number, mem: number, memPct: number, disk: number, diskMb: number, net: number, b: SeriesBuilder) => {
    if (ms && !msReported) {
      msReported = true;
      issues.push(issue('file.unit-detected', 'info', { what: 'timestamp-ms' }, { file: label, line: lineNo, column: nTs }));
    }
    seen(cpu, memPct);
    rows.read++;
    rows.accepted++;
    LONG_FAST_ROWS.taken++;
    b.push(ts, cpu * cpuFactor, mem * memFactor, memPct * memPctFactor, disk, net * netFactor, diskMb);
  };

  const onSkip = (s: LeanSkip) => {
    rows.read++;
    rows.rejected++;
    issues.push(issue('row.parse-error', 'error', { problem: s.problem }, { file: label, line: s.line, rawLine: s.raw }));
  };

  // The decimal separator is decided from the first rows, held back until then.
  const decide = () => {
    const cells: SampleCell[] = [];
    const numeric: [number, string][] = ([[iCpu, nCpu], [iMem, nMem], [iMemPct, nMemPct], [iDisk, nDisk], [iDiskMb, nDiskMb], [iNet, nNet]] as [number, string][]).filter(([i]) => i >= 0);
    for (const r of pending!) {
      if ('skip' in r) continue;
      for (const [i, n] of numeric) {
        const raw = r.fields[i];
        if (raw !== undefined && raw.trim() !== '') cells.push({ line: r.line, column: n, raw });
      }
    }
    const d = detectDecimal(cells, delimiter, ingest.decimalSeparator ?? 'auto');
    decimal = d.decimal;
    fastOn = delimiter.length === 1 && decimal !== 'comma';
    rowReader = new LongRowReader({ kinds, delimCode: delimiter.charCodeAt(0), strictDot: decimal === 'unknown' });
    issues.push(...dialectIssues(label, delimiter, d));
    const held = pending!;
    pending = undefined;
    for (const r of held) {
      if ('skip' in r) onSkip(r);
      else onRow(r);
    }
  };

  const lines = new LeanLines(
    { delimiter, fastSpan: fastRow },
    (r) => {
      if (!header) return onHeader(r);
      if (pending) {
        pending.push(r);
        if (pending.length >= DIALECT_SAMPLE_ROWS) decide();
        return;
      }
      onRow(r);
    },
    (s) => {
      if (!header) throw issueError('file.unreadable', { reason: 'header', problem: s.problem }, { file: label, line: s.line });
      if (pending) pending.push({ ...s, skip: true });
      else onSkip(s);
    },
  );
  await assertTextFile(path, label, ingest.option);
  co.check();
  const size = statSync(path).size;
  const onBytes = opts.onProgress ? (done: number) => opts.onProgress!({ label: 'reading utilization', unit: 'bytes', done, total: size }) : undefined;
  const threads = readThreads(opts.threads, Number.MAX_SAFE_INTEGER);
  if (threads > 0 && size >= LONG_PARALLEL.minBytes && LONG_FAST_ROWS.enabled) {
    // The head in this thread (the header, the rows that decide the decimal separator), then the
    // rest in byte ranges on worker threads, applied here in file order (long-range.ts).
    const headEnd = longHeadEnd(path, size);
    await streamInto(path, label, lines, co, { end: headEnd, onBytes });
    if (header && pending === undefined && fastOn && !lines.inQuotedRecord && headEnd < size) {
      await readLongRanges(path, label, headEnd, size, rowReader!.layout, threads, co, lines, {
        fits,
        series: (id, lineNo) => set!.get(id, label, lineNo),
        take: takeFast,
        canTakeAll: (r) => {
          if (!budget.sketching || (r.msFirst >= 0 && !msReported)) return false;
          if (r.memPct) for (let i = 0; i < r.n; i++) if (!fits(r.memPct[i])) return false;
          return true;
        },
        takeAll: (r, series, order) => {
          // takeFast's effects for every row: the unit sense, the counts, the samples.
          const { n, id, ts, cpu, mem, memPct, disk, diskMb, net } = r;
          for (let i = 0; i < n; i++) seen(cpu[i], memPct ? memPct[i] : Number.NaN);
          rows.read += n;
          rows.accepted += n;
          LONG_FAST_ROWS.taken += n;
          const nan = Number.NaN;
          for (let k = 0; k < n; k++) {
            const i = order[k];
            series[id[i]].push(ts[i], cpu[i] * cpuFactor, mem ? mem[i] * memFactor : nan, memPct ? memPct[i] * memPctFactor : nan, disk ? disk[i] : nan, net ? net[i] * netFactor : nan, diskMb ? diskMb[i] : nan);
          }
        },
        onBytes,
      });
    } else await streamInto(path, label, lines, co, { start: headEnd, onBytes: onBytes ? (b) => onBytes(headEnd + b) : undefined });
  } else await streamInto(path, label, lines, co, { onBytes });
  lines.finish();
  if (!header) throw issueError('file.empty', { expected: `a header line and at least one row (columns: ${LONG_DESCRIBE})` }, { file: label });
  if (pending) decide();
  if (rows.read === 0) issues.push(issue('file.no-rows', 'warning', {}, { file: label, line: 1 }));

  // Unit sense: percent columns whose values all lie in 0..1 are fractions, unless their unit is stated.
  const suspects: UnitSuspect[] = [];
  const scaleCpu = cpuScaledEarly || (!budget.sketching && fractions(cpuCol, cpuMax, cpuBetween));
  const scaleMemPct = memPctScaledEarly || (!budget.sketching && fractions(memPctCol, memPctMax, memPctBetween));
  if (scaleCpu) suspects.push({ problem: 'percent-at-most-1', column: nCpu, max: cpuMax, stated: 'percent', assumed: unitScaled(cpuCol!.unit!, 100)!.id, override: 'cpu_pct=percent' });
  if (scaleMemPct) suspects.push({ problem: 'percent-at-most-1', column: nMemPct, max: memPctMax, stated: 'percent', assumed: unitScaled(memPctCol!.unit!, 100)!.id, override: 'memory_pct=percent' });
  for (const s of suspects) issues.push(issue('data.unit-suspect', 'warning', s, { file: label, line: headerLine, column: s.column }));

  const series: TracedWorkload[] = [];
  for (const b of set!.byId.values()) {
    if (scaleCpu) for (let i = 0; i < b.n; i++) b.cpu[i] *= 100;
    if (scaleMemPct && b.memFrac) for (let i = 0; i < b.n; i++) b.memFrac[i] *= 100;
    series.push({ id: b.id, source: { file: b.file, line: b.line }, samples: b.finish(TRACE_DEFAULTS.sampleStepSec.value) });
    if (co.due()) await co.pause();
  }
  series.sort(byId);
  const note = sketchNote(series, budget.limit, label);
  if (note) issues.push(note);
  return { format: 'long', series, issues, rows, files: 1, unitOverridesUsed: overridesUsed };
}
