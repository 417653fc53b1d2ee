import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { tempDir, writePlanetLabDay, planetLabNames } from '../helpers/fixtures.js';

/**
 * Trace inputs have no physical "before" (no source server is retired per traced VM): every
 * format says there is nothing to compare with, and none prints a savings column of negative
 * numbers (what "0 servers -> 4 hosts ... Saves -12,708 kWh" used to say). Options that cannot
 * apply to the input are noted (`options.ignored`).
 */
const dir = tempDir('nobefore');
writePlanetLabDay(join(dir, 'pl'), planetLabNames(12), 3);
writeFileSync(join(dir, 'servers.csv'), 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct,memory_used_gb\ns1,8,2.5,32,10,20\ns2,4,2.5,16,20,\n');

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args[0] === 'whatif' ? args : [...args, '--time-limit', '0'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd: dir });
  expect(code, err).toBe(0);
  return out;
}
const traces = (format: string) => run(['plan', '--utilization', 'pl', '--format', format]);

describe('no "before": a trace input', () => {
  it('JSON: summary.noBefore and a coded note; no savings fraction', async () => {
    const j = JSON.parse(await traces('json'));
    expect(j.summary.before.hosts).toBe(0);
    expect(j.summary.noBefore).toEqual({ reason: 'no-source-servers' });
    const note = j.issues.find((i: { code: string }) => i.code === 'plan.no-before');
    expect(note.severity).toBe('info');
    expect(note.message).toContain('no "before" to compare with');
    expect(Object.values(j.summary.savingsFraction).every((x) => x === null)).toBe(true);
  });

  it('text: the summary table has an After column only, and the report says why', async () => {
    const t = await traces('text');
    const table = t.split('\n').slice(3, 12).join('\n');
    expect(table).not.toMatch(/Before|Savings|Saved/);
    expect(t.replace(/\s+/g, ' ')).toContain('no "before" to compare with');
    expect(t).not.toMatch(/(^|\s)-\d[\d,]*(\s|$)/m); // no negative figure anywhere in the report
    expect(t).not.toMatch(/TCO breakdown\s+Before/);
    expect(t).not.toMatch(/payback \d|no payback within/i);
  });

  it('Markdown: no savings sentence or column', async () => {
    const m = await traces('md');
    expect(m).toContain('no "before" to compare with');
    expect(m).not.toMatch(/Saves \*\*-|\| Before \||\| Savings \|/);
    expect(m).not.toMatch(/\| -\d/);
  });

  it('HTML: no Before or Savings column, no negative savings', async () => {
    const h = await traces('html');
    expect(h).toContain('no "before" to compare with');
    const summary = h.slice(h.indexOf('<table class="summary">'), h.indexOf('</table>', h.indexOf('<table class="summary">')));
    expect(summary).not.toMatch(/Before|Savings|Saved/);
    expect(h).not.toMatch(/>-\d[\d,.]*</);
    expect(h).not.toMatch(/<th class="n">Before \(USD\)<\/th>/);
    expect(h).toMatch(/<title>Consolidation plan: 12 workloads on \d+ hosts<\/title>/); // not "0 servers → N hosts"
  });

  it('summary CSV: no before or savings rows; the reason instead', async () => {
    await run(['plan', '--utilization', 'pl', '--format', 'csv', '--summary-csv', join(dir, 'sum.csv')]);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(join(dir, 'sum.csv'), 'utf8');
    expect(csv).not.toMatch(/summary\.(before|savings|savingsFraction)\./);
    expect(csv).not.toMatch(/summary\.tco\.(beforeUsd|savingsUsd|paybackMonths)/);
    expect(csv).toContain('summary.noBefore.reason');
  });

  it('a servers CSV has a "before": the columns stay', async () => {
    const t = await run(['plan', '--servers', 'servers.csv']);
    expect(t).toMatch(/Before\s+After\s+Savings/);
    expect(t).not.toContain('no "before"');
  });
});

describe('no "before" in a what-if comparison of trace plans', () => {
  it('no savings row of negative numbers: Saved USD/y and TCO saved USD are not reported', async () => {
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ base: { utilization: 'pl', timeLimit: 0 }, variations: [{ name: 'kvm', hypervisor: 'kvm' }] }));
    const t = await run(['whatif', 'scenario.json', '--jobs', '1']);
    expect(t).not.toMatch(/^Saved USD\/y|^TCO saved USD/m);
    expect(t).toMatch(/Not reported by these plans: [^\n]*Saved USD\/y[^\n]*TCO saved USD/);
    expect(t).not.toMatch(/(^|\s)-\d[\d,]*(\s|$)/m);
    const j = JSON.parse(await run(['whatif', 'scenario.json', '--jobs', '1', '--format', 'json']));
    for (const sc of j.scenarios) expect([sc.name, sc.metrics.savingsUsd, sc.metrics.tcoSavingsUsd]).toEqual([sc.name, null, null]);
  });
});

describe('options that cannot apply to the input are noted (options.ignored)', () => {
  it('--sizing p99 and --profile-buckets 24 without samples', async () => {
    const j = JSON.parse(await run(['plan', '--servers', 'servers.csv', '--sizing', 'p99', '--profile-buckets', '24', '--format', 'json']));
    const notes = j.issues.filter((i: { code: string }) => i.code === 'options.ignored');
    expect(notes.map((i: { args: { option: string } }) => i.args.option)).toEqual(['sizing', 'profileBuckets']);
    expect(notes[0]).toMatchObject({ severity: 'info', args: { option: 'sizing', flag: '--sizing', value: 'p99', reason: 'no-samples' } });
    expect(notes[0].message).toBe('--sizing p99 does not apply: no workload has utilization samples (it sizes from samples only)');
    expect(j.dimensions).toEqual(['cpu_ghz', 'memory_gib']);
  });
  it('--comfort-factor when no workload is sized from measured memory; --peak-factor when none is sized from an average', async () => {
    const j = JSON.parse(await run(['plan', '--utilization', 'pl', '--comfort-factor', '1.5', '--peak-factor', '4', '--format', 'json']));
    const notes = j.issues.filter((i: { code: string }) => i.code === 'options.ignored');
    expect(notes.map((i: { args: { option: string; reason: string } }) => [i.args.option, i.args.reason])).toEqual([
      ['peakFactor', 'no-average'],
      ['comfortFactor', 'no-measured-memory'],
    ]);
  });
  it('no note when an option applies, or is left at its default', async () => {
    const j = JSON.parse(await run(['plan', '--servers', 'servers.csv', '--comfort-factor', '1.5', '--format', 'json']));
    expect(j.issues.filter((i: { code: string }) => i.code === 'options.ignored')).toEqual([]);
    const t = JSON.parse(await traces('json'));
    expect(t.issues.filter((i: { code: string }) => i.code === 'options.ignored')).toEqual([]);
  });
});
