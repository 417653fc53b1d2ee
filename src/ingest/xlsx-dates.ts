/**
 * Dates in SpreadsheetML. A date cell holds a serial day number; only its number format says it
 * is a date (ECMA-376 Part 1, §18.8.30 numFmt and §18.17.4 "Dates and Times").
 *
 * - 1900 date system (the default): serial 1 is 1900-01-01. Excel keeps Lotus 1-2-3's error of
 *   treating 1900 as a leap year, so serial 60 is the non-existent 1900-02-29 and serial 61 is
 *   1900-03-01 (Microsoft, "Excel incorrectly assumes that the year 1900 is a leap year").
 * - 1904 date system (`<workbookPr date1904="1"/>`): serial 0 is 1904-01-01; the same day is
 *   1,462 lower than in the 1900 system (Microsoft, "Date systems in Excel").
 * - The fraction is the time of day.
 */

const DAY_MS = 86_400_000;
/** 1899-12-30 (UTC): serial 0 in the 1900 system for every serial after the 1900-02-29 bug. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** 1904-01-01 (UTC): serial 0 in the 1904 system. */
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, the last day Excel shows, as a 1900-system serial. */
const MAX_SERIAL_1900 = 2_958_465;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A serial date as ISO 8601 text, rounded to the second: `2008-01-01`, `2025-02-26T12:53:17`, or a
 * time of day alone (`12:00:00`) for a 1900-system serial below 1. Undefined for values Excel cannot
 * show as a date (negative, past 9999-12-31, not finite).
 *
 * @example serialToIso(39448, false) === '2008-01-01'; serialToIso(37986, true) === '2008-01-01';
 *          serialToIso(60, false) === '1900-02-29'
 */
export function serialToIso(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0) return undefined;
  const totalSeconds = Math.round(serial * 86_400);
  const days = Math.floor(totalSeconds / 86_400);
  const secs = totalSeconds - days * 86_400;
  if (days > (date1904 ? MAX_SERIAL_1900 - 1462 : MAX_SERIAL_1900)) return undefined;
  const time = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  let date: string;
  if (date1904) date = isoDay(EPOCH_1904 + days * DAY_MS);
  else if (days === 0) return time;
  else if (days === 60) date = '1900-02-29';
  else date = isoDay(EPOCH_1900 + (days < 60 ? days + 1 : days) * DAY_MS);
  return secs === 0 ? date : `${date}T${time}`;
}

function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * Built-in number formats that are dates or times (ECMA-376 Part 1, §18.8.30: ids 14-22 and 45-47;
 * 27-36 and 50-58 are the East Asian locale date formats Excel also treats as dates).
 */
export function isBuiltinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * Whether a custom format code shows a date or time: after removing quoted text, escaped and
 * spacing characters, colours, conditions and locale tags (`"…"`, `\x`, `_x`, `*x`, `[Red]`,
 * `[<100]`, `[$-409]`, but not elapsed time `[h]`), it still has a d, m, y, h or s token.
 * Only the first section (positive numbers) counts.
 *
 * @example isDateFormatCode('yyyy/mm/dd\\ hh:mm:ss') === true; isDateFormatCode('#,##0') === false
 */
export function isDateFormatCode(code: string): boolean {
  let s = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      const j = code.indexOf('"', i + 1);
      i = j < 0 ? code.length : j;
    } else if (c === '\\' || c === '_' || c === '*') i++;
    else if (c === '[') {
      const j = code.indexOf(']', i + 1);
      const inner = code.slice(i + 1, j < 0 ? code.length : j);
      if (/^(h+|m+|s+)$/i.test(inner)) s += inner;
      i = j < 0 ? code.length : j;
    } else if (c === ';') break;
    else s += c;
  }
  s = s.replace(/general/gi, '');
  return /[dmyhs]/i.test(s);
}
