import { describe, it, expect } from 'vitest';
import { serialToIso, isBuiltinDateFormat, isDateFormatCode } from '../../src/ingest/xlsx-dates.js';

describe('Excel date serials', () => {
  it('1900 system: known values from Microsoft\'s "Date systems in Excel" and the 1900 leap-year article', () => {
    // "January 1, 1900 is serial number 1"; "January 1, 2008 is serial number 39448"
    expect(serialToIso(1, false)).toBe('1900-01-01');
    expect(serialToIso(39448, false)).toBe('2008-01-01');
    // 1900 is treated as a leap year: 59 = Feb 28, 60 = Feb 29 (does not exist), 61 = March 1
    expect(serialToIso(59, false)).toBe('1900-02-28');
    expect(serialToIso(60, false)).toBe('1900-02-29');
    expect(serialToIso(61, false)).toBe('1900-03-01');
    // the last day Excel shows
    expect(serialToIso(2958465, false)).toBe('9999-12-31');
    expect(serialToIso(2958466, false)).toBeUndefined();
  });
  it('1904 system: serial 0 is January 1, 1904; the same day is 1,462 lower than in the 1900 system', () => {
    expect(serialToIso(0, true)).toBe('1904-01-01');
    expect(serialToIso(39448 - 1462, true)).toBe('2008-01-01');
    for (const s of [1462, 20000.25, 45714.537]) expect(serialToIso(s - 1462, true)).toBe(serialToIso(s, false));
  });
  it('the fraction is the time of day, rounded to the second; a 1900 serial below 1 is a time alone', () => {
    expect(serialToIso(39448.5, false)).toBe('2008-01-01T12:00:00');
    // 0.537 of a day = 46,396.8 s = 12:53:17 (rounded)
    expect(serialToIso(45714.537, false)).toBe('2025-02-26T12:53:17');
    expect(serialToIso(0.75, false)).toBe('18:00:00');
    expect(serialToIso(39448.99999999, false)).toBe('2008-01-02');
    expect(serialToIso(-1, false)).toBeUndefined();
    expect(serialToIso(Number.NaN, false)).toBeUndefined();
  });
});

describe('date number formats (ECMA-376 Part 1, 18.8.30)', () => {
  it('built-in ids 14-22 and 45-47 are dates or times; 0-13 and 37-44 are not', () => {
    expect([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47].every(isBuiltinDateFormat)).toBe(true);
    expect([0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 38, 39, 40, 44, 49].some(isBuiltinDateFormat)).toBe(false);
  });
  it('custom codes: date and time tokens outside quotes, escapes and brackets', () => {
    for (const c of ['yyyy/mm/dd\\ hh:mm:ss', 'd-mmm-yy', '[$-409]dddd, mmmm dd, yyyy', 'h:mm AM/PM', '[h]:mm:ss', 'yyyy-mm-dd;@', 'mm:ss.0']) expect(isDateFormatCode(c), c).toBe(true);
    for (const c of ['General', '0', '#,##0', '#,##0.00', '0.00E+00', '@', '"days" 0', '[Red]#,##0;[Blue]-#,##0', '[$€-2] #,##0.00', '0" MiB"', '\\d0']) expect(isDateFormatCode(c), c).toBe(false);
  });
});
