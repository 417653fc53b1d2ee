import type { ProcurementSummary } from '../model/plan-result.js';
import { fmt, textTable, safeText, DEFAULT_TEXT_WIDTH, type Style } from '../report/format.js';

const decimals = (p: ProcurementSummary) => (p.objective === 'hosts' ? 0 : 0);

/** Text lines of the procurement comparison (--optimize / --reuse-existing); empty without one. */
export function procurementTextLines(p: ProcurementSummary | undefined, s: Style, width: number = DEFAULT_TEXT_WIDTH): string[] {
  if (!p) return [];
  const d = decimals(p);
  const out: string[] = ['', s.bold(`Procurement (--optimize ${p.objective}: ${p.unit})`)];
  const all = Object.entries(p.mix).map(([t, n]) => `${n} x ${safeText(t)}`);
  const mix = (all.length > 8 ? [...all.slice(0, 8), `... ${all.length - 8} more types`] : all).join(' + ') || 'no hosts';
  out.push(`Chosen mix: ${mix}; objective ${fmt(p.objectiveValue, d)}${p.packingOptimal ? ' (packing proven optimal)' : `; packing bound ${fmt(p.packingCostLowerBound, d)} on the per-host objective`}`);
  if (p.bestSingle) {
    out.push(
      p.savingsVsBestSingle !== null
        ? `Best single type: ${safeText(p.bestSingle.type)} at ${fmt(p.bestSingle.objectiveValue, d)}; the mix saves ${fmt(p.savingsVsBestSingle, d)}`
        : `Best single type: ${safeText(p.bestSingle.type)} at ${fmt(p.bestSingle.objectiveValue, d)} places more VMs than the mix`,
    );
  }
  if (p.singles.length) {
    out.push(textTable(['single type', 'hosts', 'unplaced', 'objective', 'per host'], p.singles.map((x) => [x.type, String(x.hostsUsed), String(x.unplaced), fmt(x.objectiveValue, d), fmt(p.perHostObjective[x.type] ?? null, 0)]), { align: ['left', 'right', 'right', 'right', 'right'], width }));
  }
  if (p.reuse) {
    const r = p.reuse;
    out.push(`Reuse: ${r.keptServers.length} of ${r.candidates} current servers kept as hosts${r.keptServers.length ? ` (${r.keptServers.slice(0, 10).map(safeText).join(', ')}${r.keptServers.length > 10 ? ', ...' : ''})` : ''}, ${r.newHosts} new hosts`);
    out.push(`Buying new only: ${r.buyNew.hostsUsed} hosts, ${r.buyNew.unplaced} unplaced, objective ${fmt(r.buyNew.objectiveValue, d)}; reuse saves ${fmt(r.savingsVsBuyNew, d)}`);
  }
  return out;
}
