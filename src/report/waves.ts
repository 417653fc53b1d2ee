import type { PlanResult, Wave, WaveComparison } from '../model/plan-result.js';
import { fmt } from './format.js';

/**
 * The words and the table of summary.waves, shared by the text, Markdown and HTML reports: one
 * row per wave, with the naive order's power and savings beside the plan's. Values are the
 * result's, formatted only.
 */

export interface WaveView {
  waves: Wave[];
  cmp: WaveComparison;
  waveSize: number | undefined;
}

export function waveView(r: PlanResult): WaveView | undefined {
  const waves = r.summary.waves;
  const cmp = r.summary.waveComparison;
  if (!waves || !cmp) return undefined;
  const k = (r.options as Record<string, unknown>).waveSize;
  return { waves, cmp, waveSize: typeof k === 'number' ? k : undefined };
}

/** Short headers for the terminal. */
export const WAVE_HEADER_SHORT = ['wave', 'moved', 'new hosts on', 'retired', 'IT W', 'saved USD', 'naive IT W', 'naive USD'];

export const WAVE_HEADER = ['Wave', 'Workloads', 'New hosts in service', 'Servers retired', 'IT power (W)', 'Saved so far (USD)', 'Naive: IT power (W)', 'Naive: saved (USD)'];

/** One row per wave: counts and figures as strings (the ids are in the JSON and the CSV). */
export function waveRows(v: WaveView): string[][] {
  return v.waves.map((w, i) => [
    String(w.wave),
    fmt(w.workloads.length),
    fmt(w.newHostsInService),
    fmt(w.serversRetired.length),
    fmt(w.itPowerWatts, 0),
    fmt(w.cumulativeSavedUsd, 0),
    fmt(v.cmp.naive.itPowerWatts[i] ?? null, 0),
    fmt(v.cmp.naive.cumulativeSavedUsd[i] ?? null, 0),
  ]);
}

/** The plan in one sentence: how many waves, how often, and what it gains on the naive order. */
export function waveSentence(v: WaveView): string {
  const n = v.waves.length;
  const last = v.waves[n - 1];
  const naiveLast = v.cmp.naive.cumulativeSavedUsd[n - 1];
  const mid = Math.max(0, Math.ceil(n / 2) - 1);
  const maxPartly = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  const workloads = v.waves.reduce((s, w) => s + w.workloads.length, 0);
  return (
    `Migration: ${fmt(workloads)} workloads in ${fmt(n)} wave${n === 1 ? '' : 's'}${v.waveSize !== undefined ? ` of at most ${fmt(v.waveSize)}` : ''}, one every ${fmt(v.cmp.waveDays, Number.isInteger(v.cmp.waveDays) ? 0 : 1)} days; ` +
    `after wave ${mid + 1} the estate draws ${fmt(v.waves[mid].itPowerWatts, 0)} W (naive order by id: ${fmt(v.cmp.naive.itPowerWatts[mid] ?? null, 0)} W); ` +
    `electricity saved by the end: ${fmt(last.cumulativeSavedUsd, 0)} USD (naive: ${fmt(naiveLast ?? null, 0)} USD); ` +
    `at most ${fmt(maxPartly(v.cmp.partlyFilledHosts))} host${maxPartly(v.cmp.partlyFilledHosts) === 1 ? '' : 's'} half full at a time (naive: ${fmt(maxPartly(v.cmp.naive.partlyFilledHosts))}).`
  );
}
