import type { HostModel } from '../model/host.js';

/**
 * Matches a server's vendor and model, as an inventory states them (RVTools vHost `Vendor`,
 * `Model`: "HPE", "ProLiant DL380 Gen10"; "Dell Inc.", "PowerEdge R740"; "Lenovo",
 * "ThinkSystem SR650 -[7X06CTO1WW]-"), to a built-in catalog server of the same vendor and model
 * (catalog names read "HPE ProLiant DL380 Gen10 (2x ...)"). Used to pick the "before" power curve
 * of a source host: the same chassis measured by SPECpower, a closer stand-in than a generic
 * profile (docs/models.md#source-power).
 *
 * Comparison is on words, case-insensitive, with order numbers in brackets removed; a model may
 * leave out the product family (`DL380 Gen10` for `ProLiant DL380 Gen10`); HP and HPE count as one
 * vendor. Without a vendor, the model alone decides. Pure.
 */

const VENDOR_ALIASES: [RegExp, string][] = [
  [/^(hewlett[\s-]*packard( enterprise)?|hpe?)\b/, 'hp'],
  [/^dell\b/, 'dell'],
  [/^lenovo\b/, 'lenovo'],
  [/^(ibm|international business machines)\b/, 'ibm'],
  [/^fujitsu\b/, 'fujitsu'],
  [/^(supermicro|super micro)\b/, 'supermicro'],
  [/^cisco\b/, 'cisco'],
];

/** "Dell Inc." → "dell"; "Hewlett Packard Enterprise" → "hp"; an unknown vendor → its first word. */
export function vendorKey(vendor: string): string {
  const v = vendor.toLowerCase().replace(/[^a-z0-9\s-]/g, ' ').replace(/\s+/g, ' ').trim();
  for (const [re, key] of VENDOR_ALIASES) if (re.test(v)) return key;
  return v.split(' ')[0] ?? '';
}

/** "ThinkSystem SR650 -[7X06CTO1WW]-" → ["thinksystem", "sr650"]. */
export function modelWords(model: string): string[] {
  return model
    .replace(/-?\[[^\]]*\]-?/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/** Vendor and model of a catalog entry, from its name ("HPE ProLiant DL380 Gen10 (2x ...)"). */
export function catalogVendorModel(h: HostModel): { vendor: string; words: string[] } | undefined {
  const head = (h.name ?? '').split(' (')[0].trim();
  const [vendor, ...rest] = head.split(/\s+/);
  if (!vendor || rest.length === 0) return undefined;
  return { vendor: vendorKey(vendor), words: modelWords(rest.join(' ')) };
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((w, i) => w === b[i]);

/**
 * The catalog entry of the same vendor and model, if exactly one name matches (ties: the first in
 * type order). Undefined when the model is empty or nothing matches.
 * @example matchCatalogModel('HPE', 'ProLiant DL380 Gen10', BUILTIN_HOSTS)?.type === 'hpe-dl380-gen10'
 * @example matchCatalogModel('HPE', 'ProLiant DL380 Gen10 Plus', BUILTIN_HOSTS)?.type === 'hpe-dl380-gen10-plus'
 */
export function matchCatalogModel(vendor: string | undefined, model: string | undefined, catalog: HostModel[]): HostModel | undefined {
  if (!model) return undefined;
  const words = modelWords(model);
  if (words.length === 0) return undefined;
  const v = vendor ? vendorKey(vendor) : undefined;
  const hits = catalog.filter((h) => {
    const c = catalogVendorModel(h);
    if (!c || (v !== undefined && c.vendor !== v)) return false;
    return same(c.words, words) || same(c.words.slice(1), words);
  });
  return hits.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))[0];
}
