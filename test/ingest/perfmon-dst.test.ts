import { describe, it, expect } from 'vitest';
import { join, resolve } from 'node:path';
import { loadPerfmon } from '../../src/ingest/perfmon.js';
import { ianaZoneOf, ZoneClock, WINDOWS_ZONES } from '../../src/ingest/local-time.js';
import { mulberry32 } from '../../src/packing/internal.js';
import { argsOf } from '../../src/model/issue.js';
import { REPO } from '../helpers/paths.js';

/**
 * perfmon captures across a daylight-saving change. The PDH header states one bias, but typeperf
 * writes local wall-clock times, so after a change they move by an hour: an hour repeats in the
 * autumn and one is skipped in the spring. The hand-made fixtures (test/fixtures/perfmon/dst-*)
 * sample every 10 minutes across the changes of 27 October 2024 in the EU (03:00 CEST -> 02:00
 * CET, at 01:00 UTC) and 10 March 2024 in the US (02:00 EST -> 03:00 EDT, at 07:00 UTC), dates from
 * the EU summer-time directive 2000/84/EC (last Sunday of October, 01:00 UTC) and the US Energy
 * Policy Act of 2005 (second Sunday of March, 02:00 local).
 */
const FIX = resolve(REPO, 'test/fixtures/perfmon');
const iso = (s: number) => new Date(s * 1000).toISOString();

/** The UTC offset of `zone` at a UTC instant, minutes east, straight from Intl (an independent reading). */
function intlOffset(zone: string, utcSec: number): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(new Date(utcSec * 1000))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000 - utcSec) / 60);
}

describe('zone offsets by year segments', () => {
  it('equal Intl at random instants and on both sides of every change, for every zone of the table, 1970-2100', () => {
    const rnd = mulberry32(5);
    let changes = 0;
    for (const zone of new Set(Object.values(WINDOWS_ZONES))) {
      const c = new ZoneClock(zone);
      for (let k = 0; k < 40; k++) {
        const t = Math.floor(rnd() * 4_102_444_800 / 900) * 900;
        expect(c.offset(t + Math.floor(rnd() * 900)), `${zone} at ${t}`).toBe(intlOffset(zone, t));
      }
      // A year with daylight saving in many zones: every quarter hour around each change.
      const y0 = Date.UTC(2024, 0, 1) / 1000;
      let prev = c.offset(y0);
      for (let t = y0; t < y0 + 366 * 86_400; t += 3600) {
        const o = c.offset(t);
        if (o === prev) continue;
        changes++;
        for (let q = t - 7200; q <= t; q += 900) expect(c.offset(q), `${zone} at ${q}`).toBe(intlOffset(zone, q));
        prev = o;
      }
    }
    // The table's zones do change their clocks (northern and southern summers).
    expect(changes).toBeGreaterThan(20);
  });
});

describe('perfmon across a daylight-saving change', () => {
  it('maps Windows zone names to IANA zones, standard or daylight name', () => {
    expect(ianaZoneOf('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaZoneOf('W. Europe Daylight Time')).toBe('Europe/Berlin');
    expect(ianaZoneOf('Eastern Daylight Time')).toBe('America/New_York');
    expect(ianaZoneOf('Mitteleuropaeische Sommerzeit')).toBeUndefined();
    const c = new ZoneClock('Europe/Berlin');
    // 2024-07-01 12:00 local = 10:00 UTC (CEST, +120 min); 2024-01-15 12:00 local = 11:00 UTC (CET).
    expect(iso(c.toUtc(Date.UTC(2024, 6, 1, 12) / 1000))).toBe('2024-07-01T10:00:00.000Z');
    expect(iso(c.toUtc(Date.UTC(2025, 0, 15, 12) / 1000))).toBe('2025-01-15T11:00:00.000Z');
  });

  it('autumn: the repeated hour is read twice, first in summer time then in winter time; every sample kept, 10 minutes apart', async () => {
    const r = await loadPerfmon(join(FIX, 'dst-fall-w-europe.csv'), { label: 'fall.csv' });
    const t = r.series[0].samples.timestampsSec;
    // 19 rows: 01:30..01:50, 02:00..02:50 twice, 03:00..03:30 local = 23:30Z on the 26th to 02:30Z, every 600 s.
    expect(t.length).toBe(19);
    expect(r.series[0].samples.duplicateTimestamps ?? 0).toBe(0);
    expect(iso(t[0])).toBe('2024-10-26T23:30:00.000Z');
    expect(iso(t[18])).toBe('2024-10-27T02:30:00.000Z');
    for (let i = 1; i < t.length; i++) expect(t[i] - t[i - 1]).toBe(600);
    // CPU values in row order 10, 11, ...: time order is row order.
    expect(Array.from(r.series[0].samples.cpuFraction, (x) => Math.round(x * 100))).toEqual(Array.from({ length: 19 }, (_, i) => 10 + i));
    const d = r.issues.find((i) => i.code === 'file.dst-change')!;
    expect(d.severity).toBe('info');
    expect(argsOf(d, 'file.dst-change')).toEqual({ zone: 'W. Europe Daylight Time', iana: 'Europe/Berlin', applied: true, changes: [{ at: '10/27/2024 02:00:00.000', beforeMinutes: 120, afterMinutes: 60 }] });
    expect(d.message).toContain('10/27/2024 02:00:00.000 (UTC+02:00 -> UTC+01:00)');
  });

  it('spring: the skipped hour leaves no gap in UTC', async () => {
    const r = await loadPerfmon(join(FIX, 'dst-spring-eastern.csv'), { label: 'spring.csv' });
    const t = r.series[0].samples.timestampsSec;
    // 01:00..01:50 EST (06:00Z..06:50Z), then 03:00..04:00 EDT (07:00Z..08:00Z).
    expect(t.length).toBe(13);
    expect(iso(t[0])).toBe('2024-03-10T06:00:00.000Z');
    expect(iso(t[6])).toBe('2024-03-10T07:00:00.000Z');
    for (let i = 1; i < t.length; i++) expect(t[i] - t[i - 1]).toBe(600);
    expect(argsOf(r.issues.find((i) => i.code === 'file.dst-change')!, 'file.dst-change')!.changes).toEqual([{ at: '03/10/2024 03:00:00.000', beforeMinutes: -300, afterMinutes: -240 }]);
  });

  it('a zone whose rules are not known: the single bias applies and the repeated hour is a warning naming the time', async () => {
    const r = await loadPerfmon(join(FIX, 'dst-fall-unknown-zone.csv'), { label: 'unknown.csv' });
    const s = r.series[0].samples;
    // bias -120 throughout: the second 02:00..02:50 fall on the first (6 duplicates dropped), 13 samples left.
    expect(s.timestampsSec.length).toBe(13);
    expect(s.duplicateTimestamps).toBe(6);
    const d = r.issues.find((i) => i.code === 'file.dst-change')!;
    expect(d.severity).toBe('warning');
    expect(argsOf(d, 'file.dst-change')).toMatchObject({ applied: false, reason: 'unknown-zone', biasMinutes: -120, changes: [{ from: '10/27/2024 02:50:00.000', at: '10/27/2024 02:00:00.000' }] });
    expect(d.message).toContain('the header\'s bias (UTC+02:00) is applied to every sample');
  });

  it('a capture without a change says nothing more', async () => {
    const r = await loadPerfmon(join(FIX, 'two-hosts.csv'), { label: 'two.csv' });
    expect(r.issues.some((i) => i.code === 'file.dst-change')).toBe(false);
  });
});
