import { describe, it, expect } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { carbonSummary, cumulativeCarbon } from '../../src/energy/carbon.js';
import { carbonPerHostKg } from '../../src/procurement/carbon.js';
import { plan } from '../../src/plan.js';
import { loadPlanInput } from '../../src/ingest/plan-input.js';
import { defaultModel, listDefaults } from '../../src/defaults/registry.js';
import { BUILTIN_HOSTS } from '../../src/defaults/catalog.js';
import { DELL_PCF_NON_USE, FORM_FACTOR_EMBODIED } from '../../src/defaults/embodied.js';
import { generateSchemas } from '../../src/report/json-schema.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/fixtures.js';
import { REPO } from '../helpers/paths.js';

/**
 * summary.carbon: embodied CO2e of the new hosts against the operational CO2e saved. The payback
 * arithmetic is checked by hand on a case whose every watt is fixed (flat power curves, measured
 * source watts), so the expected numbers follow from the formulas of docs/models.md alone.
 */

// Two source servers measured at 300 W each; one host type of 1,200 kg CO2e drawing 200 W flat.
const dir = tempDir('carbon');
const SERVERS = join(dir, 'servers.csv');
const HOSTS = join(dir, 'hosts.csv');
writeFileSync(SERVERS, 'id,cores,cpu_ghz,memory_gb,cpu_util_avg_pct,watts\na,4,2.5,16,10,300\nb,4,2.5,16,10,300\n');
writeFileSync(HOSTS, 'type,cores,cpu_ghz,memory_gb,price_usd,idle_watts,max_watts,embodied_kg_co2e\nflat,32,2.5,256,10000,200,200,1200\n');
const FIXED = { pue: 1.5, gridGco2PerKwh: 400, horizonYears: 5, timeLimit: 0 } as const;

async function planOf(servers: string, hosts: string | undefined, options: Record<string, unknown> = {}) {
  const input = await loadPlanInput({ servers, ...(hosts ? { hosts } : {}), ...options } as never, REPO);
  return plan(input, { ...FIXED, ...options });
}

describe('carbon payback by hand', () => {
  it('carbonSummary: 2 x 1,500 kg embodied, 9,000 kg saved a year, 5 years → 4 months, 42,000 kg net', () => {
    const two = [{ type: 'x' }, { type: 'x' }];
    const models = [{ type: 'x', cores: 1, cpuGhz: 1, memoryGiB: 1, priceUsd: 0, powerCurveWatts: [], count: null, embodiedKgCo2e: 1500 }];
    expect(carbonSummary({ hosts: two, hostModels: models, savings: { annualCo2Kg: 9000 }, horizonYears: 5 })).toEqual({ embodiedNewKgCo2e: 3000, operationalSavedKgCo2ePerYear: 9000, carbonPaybackMonths: 4, horizonNetKgCo2e: 42000 });
    // Nothing saved: no payback (null), and the net is the embodied CO2e plus the extra emitted.
    expect(carbonSummary({ hosts: two, hostModels: models, savings: { annualCo2Kg: -100 }, horizonYears: 5 })).toEqual({ embodiedNewKgCo2e: 3000, operationalSavedKgCo2ePerYear: -100, carbonPaybackMonths: null, horizonNetKgCo2e: -3500 });
    expect(carbonSummary({ hosts: two, hostModels: models, savings: { annualCo2Kg: 0 }, horizonYears: 5 }).carbonPaybackMonths).toBeNull();
    // Kept servers only: nothing made, nothing to pay back.
    const kept = [{ ...models[0], type: 'keep:a', embodiedKgCo2e: 0, reusedFrom: 'a' }];
    expect(carbonSummary({ hosts: [{ type: 'keep:a' }], hostModels: kept, savings: { annualCo2Kg: 500 }, horizonYears: 5 })).toEqual({ embodiedNewKgCo2e: 0, operationalSavedKgCo2ePerYear: 500, carbonPaybackMonths: 0, horizonNetKgCo2e: 2500 });
  });

  it('cumulativeCarbon: the before and after lines cross at the payback', () => {
    const c = cumulativeCarbon(10000, 4000, 3000, 2);
    expect(c).toEqual({ years: [0, 1, 2], beforeKg: [0, 10000, 20000], afterKg: [3000, 7000, 11000] });
    // crossing: 3000 / (10000 - 4000) years = 6 months, as carbonSummary says
    expect(carbonSummary({ hosts: [{ type: 'x' }], hostModels: [{ type: 'x', cores: 1, cpuGhz: 1, memoryGiB: 1, priceUsd: 0, powerCurveWatts: [], count: null, embodiedKgCo2e: 3000 }], savings: { annualCo2Kg: 6000 }, horizonYears: 2 }).carbonPaybackMonths).toBe(6);
  });

  it('plan(): 600 W → 200 W at PUE 1.5 and 400 g/kWh saves 2,102.4 kg a year; 1,200 kg embodied pays back in 6.8 months', async () => {
    const r = await planOf(SERVERS, HOSTS);
    expect(r.summary.hostsUsed).toBe(1);
    expect(r.summary.before.powerWatts).toBe(600);
    expect(r.summary.after.powerWatts).toBe(200);
    // 400 W x 1.5 x 8760 h / 1000 = 5,256 kWh; x 0.4 kg/kWh = 2,102.4 kg
    expect(r.summary.carbon).toEqual({ embodiedNewKgCo2e: 1200, operationalSavedKgCo2ePerYear: 2102.4, carbonPaybackMonths: 6.8, horizonNetKgCo2e: 9312 });
    // 1200 / (2102.4 / 12) = 6.849 months; 2102.4 x 5 - 1200 = 9312
  });

  it('a host type without a figure takes its form factor default; --config overrides it by key', async () => {
    const noFigure = join(dir, 'hosts-1u.csv');
    writeFileSync(noFigure, 'type,cores,cpu_ghz,memory_gb,price_usd,idle_watts,max_watts,form_factor\nflat1u,32,2.5,256,10000,200,200,1U\n');
    const r = await planOf(SERVERS, noFigure);
    expect(r.summary.carbon!.embodiedNewKgCo2e).toBe(FORM_FACTOR_EMBODIED['1u'].value);
    expect(r.assumptions.map((a) => a.key)).toContain('embodied.1u.kgCo2e');
    const o = await planOf(SERVERS, noFigure, { defaults: { 'embodied.1u.kgCo2e': 2000 } });
    expect(o.summary.carbon!.embodiedNewKgCo2e).toBe(2000);
    // Neither figure nor form factor: the default form factor (2U), said in the assumptions.
    const bare = join(dir, 'hosts-bare.csv');
    writeFileSync(bare, 'type,cores,cpu_ghz,memory_gb,price_usd,idle_watts,max_watts\nbare,32,2.5,256,10000,200,200\n');
    const b = await planOf(SERVERS, bare);
    expect(b.summary.carbon!.embodiedNewKgCo2e).toBe(FORM_FACTOR_EMBODIED['2u'].value);
    expect(b.assumptions.map((a) => a.key)).toEqual(expect.arrayContaining(['embodied.defaultFormFactor', 'embodied.2u.kgCo2e']));
  });

  it('a built-in type takes its registry figure, overridable with --config host.<type>.embodiedKgCo2e', async () => {
    const r = await planOf(SERVERS, undefined, { hostType: 'dell-r740' });
    const fig = BUILTIN_HOSTS.find((h) => h.type === 'dell-r740')!.embodiedKgCo2e!;
    expect(r.summary.carbon!.embodiedNewKgCo2e).toBe(fig * r.summary.hostsUsed);
    expect(r.assumptions.find((a) => a.key === 'host.dell-r740.embodiedKgCo2e')?.value).toBe(fig);
    const o = await planOf(SERVERS, undefined, { hostType: 'dell-r740', defaults: { 'host.dell-r740.embodiedKgCo2e': 5000 } });
    expect(o.summary.carbon!.embodiedNewKgCo2e).toBe(5000 * o.summary.hostsUsed);
  });

  it('--reuse-only keeps servers: no embodied carbon, payback 0 when anything is saved', async () => {
    const big = join(dir, 'servers-big.csv');
    writeFileSync(big, 'id,cores,cpu_ghz,memory_gb,memory_used_gb,cpu_util_avg_pct,watts\na,16,2.5,128,20,5,300\nb,4,2.5,16,4,10,300\nc,4,2.5,16,4,10,300\n');
    const r = await planOf(big, HOSTS, { reuseOnly: true });
    expect(r.hosts.every((h) => h.type.startsWith('keep:'))).toBe(true);
    expect(r.summary.carbon!.embodiedNewKgCo2e).toBe(0);
    const saved = r.summary.carbon!.operationalSavedKgCo2ePerYear;
    expect(r.summary.carbon!.carbonPaybackMonths).toBe(saved > 0 ? 0 : null);
    expect(saved).toBeGreaterThan(0);
  });
});

describe('built-in embodied figures', () => {
  it('every built-in host has a figure, a form factor and a registry entry whose source says PCF or "Our estimate"', () => {
    const reg = new Map(listDefaults().map((e) => [e.key, e]));
    for (const h of BUILTIN_HOSTS) {
      expect(h.embodiedKgCo2e, h.type).toBeGreaterThan(0);
      expect(['1u', '2u', 'tower']).toContain(h.formFactor);
      const e = reg.get(`host.${h.type}.embodiedKgCo2e`)!;
      expect(e.value).toBe(h.embodiedKgCo2e);
      expect(e.source).toMatch(/product carbon footprint|whole-life footprint|Our estimate \[I\]/);
      expect(e.source).toContain('docs/models.md#embodied-carbon');
    }
  });

  it('the form-factor defaults are the medians of the Dell PCF figures they name', () => {
    const med = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const two = (ff: string) => DELL_PCF_NON_USE.filter((d) => d.formFactor === ff && d.sockets === 2).map((d) => d.nonUseKgCo2e);
    expect(FORM_FACTOR_EMBODIED['1u'].value).toBeCloseTo(med(two('1u')), 2); // (1198.10 + 1292.30) / 2
    expect(FORM_FACTOR_EMBODIED['1u'].value).toBe(1245.2);
    expect(FORM_FACTOR_EMBODIED['2u'].value).toBe(1336.52); // R730XD, the middle of five
    expect(FORM_FACTOR_EMBODIED.tower.value).toBeCloseTo(med(DELL_PCF_NON_USE.filter((d) => d.formFactor === 'tower').map((d) => d.nonUseKgCo2e)), 2);
  });
});

describe('--optimize carbon', () => {
  // Two types of equal capacity and price: "lean" is cheap to make and hungry to run, "frugal" the reverse.
  const cat = join(dir, 'two-types.csv');
  writeFileSync(cat, 'type,cores,cpu_ghz,memory_gb,price_usd,idle_watts,max_watts,embodied_kg_co2e\nlean,32,2.5,256,10000,400,400,500\nfrugal,32,2.5,256,10000,150,150,5000\n');
  const run = (h: number) => planOf(SERVERS, cat, { optimize: 'carbon', horizonYears: h });

  it('the per-host objective is embodied + watts x PUE x hours x years x grid intensity', () => {
    const m = defaultModel();
    m.facility.pue = 1.5;
    m.facility.gridGco2PerKwh = 400;
    m.cost.horizonYears = 5;
    const h = { type: 'lean', cores: 32, cpuGhz: 2.5, memoryGiB: 256, priceUsd: 0, powerCurveWatts: Array(11).fill(400), count: null, embodiedKgCo2e: 500 };
    // 500 + 400 x 1.5 x 8760 x 5 x 400 / 1e6 = 500 + 10512
    expect(carbonPerHostKg(h, 0.3, m)).toBeCloseTo(11012, 6);
  });

  it('a short horizon picks the type cheap to make, a long one the type cheap to run (break-even 4500 / 1314 = 3.4 years)', async () => {
    const short = await run(1);
    const long = await run(10);
    expect(short.summary.procurement!.objective).toBe('carbon');
    expect(Object.keys(short.summary.hostsByType)).toEqual(['lean']);
    expect(Object.keys(long.summary.hostsByType)).toEqual(['frugal']);
    // per host: lean 500 + 2102.4 H, frugal 5000 + 788.4 H
    expect(short.summary.procurement!.perHostObjective).toEqual({ lean: 2602.4, frugal: 5788.4 });
    expect(long.summary.procurement!.perHostObjective).toEqual({ lean: 21524, frugal: 12884 });
  });

  it('the objective of the plan is its embodied CO2e plus its after CO2 per year x horizon', async () => {
    const r = await run(10);
    const sm = r.summary;
    expect(sm.procurement!.objectiveValue).toBeCloseTo(sm.carbon!.embodiedNewKgCo2e + sm.after.annualCo2Kg * 10, 2);
    expect(sm.procurement!.unit).toMatch(/kg CO2e/);
  });
});

/** The text report wraps long lines with an indent; joined back for matching. */
const unwrap = (s: string) => s.replace(/\n {2}/g, ' ');

describe('summary.carbon in every format', () => {
  const base = ['plan', '--servers', SERVERS, '--hosts', HOSTS, '--time-limit', '0', '--pue', '1.5', '--grid-gco2-per-kwh', '400'];
  it('json, text, md, csv summary and html carry the four figures', () => {
    const j = JSON.parse(runCli([...base, '--format', 'json']).stdout);
    expect(Object.keys(j.summary.carbon)).toEqual(['embodiedNewKgCo2e', 'operationalSavedKgCo2ePerYear', 'carbonPaybackMonths', 'horizonNetKgCo2e']);
    expect(unwrap(runCli([...base]).stdout)).toMatch(/Carbon: the new hosts embody 1,200 kg CO2e; the plan saves 2,102 kg CO2e a year in operation, which pays that back in 6\.8 months/);
    expect(runCli([...base, '--format', 'md']).stdout).toMatch(/## Carbon: embodied against operational[\s\S]*\| Carbon payback \| 6\.8 \| months \|/);
    const csv = join(dir, 'summary.csv');
    expect(runCli([...base, '--format', 'csv', '--out', join(dir, 'placement.csv'), '--summary-csv', csv]).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toMatch(/summary\.carbon\.carbonPaybackMonths,[^\n]*,6\.8,months/);
    const html = runCli([...base, '--format', 'html']).stdout;
    expect(html).toContain('data-key="summary.carbon.carbonPaybackMonths" data-value="6.8"');
    const chart = html.match(/<svg class="chart lines"[^>]*aria-label="Cumulative CO2e over the horizon, before and after"[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(chart).not.toBe('');
    // The lines cross once, at the payback: one circle marks it.
    expect(chart.match(/<circle /g)?.length).toBe(1);
    expect(html).toContain('the lines cross (circle) at the carbon payback, 6.8 months');
  });

  it('no savings is said in words, in text and JSON (payback null)', () => {
    const worse = join(dir, 'hosts-hungry.csv');
    writeFileSync(worse, 'type,cores,cpu_ghz,memory_gb,price_usd,idle_watts,max_watts,embodied_kg_co2e\nhungry,32,2.5,256,10000,900,900,1200\n');
    const args = ['plan', '--servers', SERVERS, '--hosts', worse, '--time-limit', '0'];
    expect(JSON.parse(runCli([...args, '--format', 'json']).stdout).summary.carbon.carbonPaybackMonths).toBeNull();
    expect(unwrap(runCli(args).stdout)).toMatch(/Carbon: the plan saves no operational CO2e \(it emits [\d,]+ kg CO2e more a year\), so the 1,200 kg CO2e embodied in the new hosts is never paid back/);
  });

  it('the JSON Schema declares summary.carbon with its four keys', () => {
    const schema = JSON.parse(generateSchemas()['plan-result.schema.json']);
    const carbon = schema.properties.summary.properties.carbon;
    expect(Object.keys(carbon.properties)).toEqual(['embodiedNewKgCo2e', 'operationalSavedKgCo2ePerYear', 'carbonPaybackMonths', 'horizonNetKgCo2e']);
    expect(carbon.required).toEqual(['embodiedNewKgCo2e', 'operationalSavedKgCo2ePerYear', 'carbonPaybackMonths', 'horizonNetKgCo2e']);
  });
});
