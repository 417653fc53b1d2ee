/**
 * Local wall-clock times of a named Windows time zone turned into UTC with the zone's rules, for
 * monitoring exports that state one bias for the whole file (the PDH CSV header of perfmon), so
 * that a capture across a daylight-saving change is right after it too.
 *
 * The Windows zone name maps to a zone of the IANA time-zone database through WINDOWS_ZONES, the
 * Unicode CLDR's Windows-to-IANA mapping (common/supplemental/windowsZones.xml, the "001"
 * territory: the zone's main city) for the zones of most server estates; the rules of that zone
 * come from the runtime's time-zone data (Intl). A name the table does not hold (or a localized
 * one, as a German Windows writes it) is not guessed: the file's single bias applies, and a
 * repeated local hour is reported as the tell-tale of a change (perfmon.ts).
 */

/** Windows time-zone ids (without " Standard Time") → IANA zone (CLDR windowsZones.xml, territory 001). */
export const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'Dateline': 'Etc/GMT+12',
  'Hawaiian': 'Pacific/Honolulu',
  'Alaskan': 'America/Anchorage',
  'Pacific': 'America/Los_Angeles',
  'US Mountain': 'America/Phoenix',
  'Mountain': 'America/Denver',
  'Central America': 'America/Guatemala',
  'Central': 'America/Chicago',
  'Canada Central': 'America/Regina',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'SA Pacific': 'America/Bogota',
  'Eastern': 'America/New_York',
  'US Eastern': 'America/Indianapolis',
  'Atlantic': 'America/Halifax',
  'E. South America': 'America/Sao_Paulo',
  'Newfoundland': 'America/St_Johns',
  'UTC': 'Etc/UTC',
  'GMT': 'Europe/London',
  'Greenwich': 'Atlantic/Reykjavik',
  'W. Europe': 'Europe/Berlin',
  'Central Europe': 'Europe/Budapest',
  'Romance': 'Europe/Paris',
  'Central European': 'Europe/Warsaw',
  'W. Central Africa': 'Africa/Lagos',
  'GTB': 'Europe/Bucharest',
  'E. Europe': 'Europe/Chisinau',
  'FLE': 'Europe/Kiev',
  'South Africa': 'Africa/Johannesburg',
  'Israel': 'Asia/Jerusalem',
  'Turkey': 'Europe/Istanbul',
  'Russian': 'Europe/Moscow',
  'Arabian': 'Asia/Dubai',
  'India': 'Asia/Calcutta',
  'SE Asia': 'Asia/Bangkok',
  'China': 'Asia/Shanghai',
  'Singapore': 'Asia/Singapore',
  'W. Australia': 'Australia/Perth',
  'Taipei': 'Asia/Taipei',
  'Tokyo': 'Asia/Tokyo',
  'Korea': 'Asia/Seoul',
  'Cen. Australia': 'Australia/Adelaide',
  'AUS Central': 'Australia/Darwin',
  'E. Australia': 'Australia/Brisbane',
  'AUS Eastern': 'Australia/Sydney',
  'New Zealand': 'Pacific/Auckland',
};

/**
 * The IANA zone of a Windows time-zone name as a PDH header writes it: its standard or daylight
 * name (`W. Europe Standard Time`, `Eastern Daylight Time`); undefined when not in the table.
 * @example ianaZoneOf('W. Europe Daylight Time') === 'Europe/Berlin'
 */
export function ianaZoneOf(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const n = name.trim();
  if (WINDOWS_ZONES[n]) return WINDOWS_ZONES[n];
  const base = n.replace(/\s+(Standard|Daylight|Summer)\s+Time$/i, '');
  const key = Object.keys(WINDOWS_ZONES).find((k) => k.toLowerCase() === base.toLowerCase());
  return key ? WINDOWS_ZONES[key] : undefined;
}

/** The UTC offset of `zone` at a UTC instant, minutes east of UTC (Berlin in summer: 120). */
function offsetFormatter(zone: string): (utcSec: number) => number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return (utcSec) => {
    const t = Math.floor(utcSec);
    const p: Record<string, number> = {};
    for (const x of f.formatToParts(new Date(t * 1000))) if (x.type !== 'literal') p[x.type] = Number(x.value);
    return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000 - t) / 60);
  };
}

/**
 * The offsets of a zone through one UTC year, as segments: `offsets[i]` from `starts[i]` (UTC
 * seconds, on a quarter hour) to the next start or the year's end.
 */
interface YearOffsets {
  starts: number[];
  offsets: number[];
  end: number;
}

/**
 * The offset segments of a UTC year, asking Intl once per day and, where two days differ, at the
 * quarter hours between them (a binary search): every zone of the table changes on a quarter hour,
 * at most once a day.
 */
function yearOffsets(offsetAt: (utcSec: number) => number, year: number): YearOffsets {
  const y0 = Date.UTC(year, 0, 1) / 1000;
  const y1 = Date.UTC(year + 1, 0, 1) / 1000;
  const starts = [y0];
  const offsets = [offsetAt(y0)];
  let prevQ = y0 / 900;
  for (let t = y0 + 86_400; t - 86_400 < y1 - 900; t += 86_400) {
    const q = Math.min(t, y1 - 900) / 900;
    const before = offsets[offsets.length - 1];
    if (offsetAt(q * 900) !== before) {
      // The first quarter hour of the new offset, between prevQ (old) and q (new).
      let lo = prevQ;
      let hi = q;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid * 900) === before) lo = mid;
        else hi = mid;
      }
      starts.push(hi * 900);
      offsets.push(offsetAt(hi * 900));
    }
    prevQ = q;
  }
  return { starts, offsets, end: y1 };
}

/** Per zone: its offset function and its offset segments by UTC year, kept for the process (a few hundred bytes a year). */
const ZONE_OFFSETS = new Map<string, { offsetAt: (utcSec: number) => number; years: Map<number, YearOffsets> }>();

/** A change of the UTC offset met while converting a file's local times. */
export interface OffsetChange {
  /** Local seconds (wall clock read as if UTC) of the first sample after the change. */
  localSec: number;
  /** Offsets before and after, minutes east of UTC. */
  beforeMinutes: number;
  afterMinutes: number;
}

/**
 * Turns one file's local times (in order) into UTC by the rules of an IANA zone. A local time
 * of the hour that repeats when clocks go back is the first pass (daylight time) until the file's
 * local time has gone back, and the second pass (standard time) after; a local time that does not
 * exist (the hour skipped when clocks go forward) takes the offset before the change.
 */
export class ZoneClock {
  private readonly offsetAt: (utcSec: number) => number;
  /**
   * Offset segments by UTC year, shared by every clock of the zone: a folder of 1,000 files of
   * one zone asks Intl about 370 times a year of samples, not once per sample or per file (Intl's
   * formatToParts was half the CPU time of reading such a folder).
   */
  private readonly years: Map<number, YearOffsets>;
  /** The segment the last offset was read from: [segFrom, segTo) at segOffset. */
  private segFrom = 0;
  private segTo = 0;
  private segOffset = 0;
  private maxLocal = -Infinity;
  /** The file's local time has gone back (clocks went back): the repeated hour is now its second pass. */
  private wentBack = false;
  private lastOffset: number | undefined;
  readonly changes: OffsetChange[] = [];

  constructor(readonly zone: string) {
    let z = ZONE_OFFSETS.get(zone);
    if (!z) {
      z = { offsetAt: offsetFormatter(zone), years: new Map() };
      ZONE_OFFSETS.set(zone, z);
    }
    this.offsetAt = z.offsetAt;
    this.years = z.years;
  }

  /** The zone's offset at a UTC instant (the one in force at the start of its quarter hour), minutes east. */
  offset(utcSec: number): number {
    const t = Math.floor(utcSec / 900) * 900;
    if (t >= this.segFrom && t < this.segTo) return this.segOffset;
    const year = new Date(t * 1000).getUTCFullYear();
    let y = this.years.get(year);
    if (!y) {
      y = yearOffsets(this.offsetAt, year);
      this.years.set(year, y);
    }
    let i = y.starts.length - 1;
    while (y.starts[i] > t) i--;
    this.segFrom = y.starts[i];
    this.segTo = i + 1 < y.starts.length ? y.starts[i + 1] : y.end;
    this.segOffset = y.offsets[i];
    return this.segOffset;
  }

  /** UTC seconds of a local time (its wall-clock fields read as if UTC), in file order. */
  toUtc(localSec: number): number {
    const a = this.offset(localSec - 43_200);
    const b = this.offset(localSec + 43_200);
    let off: number;
    if (a === b) {
      off = a;
      if (localSec >= this.maxLocal) this.wentBack = false; // past the change: a later year's repeated hour starts afresh
    } else {
      const valid = [a, b].filter((o) => this.offset(localSec - o * 60) === o);
      if (valid.length === 1) off = valid[0];
      else if (valid.length === 0) off = a; // the skipped hour: the offset before the change
      else off = this.wentBack || localSec < this.maxLocal ? Math.min(a, b) : Math.max(a, b); // the repeated hour
    }
    if (localSec < this.maxLocal) this.wentBack = true;
    if (localSec > this.maxLocal) this.maxLocal = localSec;
    if (this.lastOffset !== undefined && off !== this.lastOffset && this.changes.length < 20) this.changes.push({ localSec, beforeMinutes: this.lastOffset, afterMinutes: off });
    this.lastOffset = off;
    return localSec - off * 60;
  }
}
