/**
 * Cost and TCO defaults, and licence rules: docs/models.md#tco and docs/models.md#licences (each
 * entry names its primary source). Prices are our estimates unless the source says otherwise.
 */
export interface CostDefault<T = number | boolean> {
  value: T;
  unit: string;
  source: string;
}

export const COST_DEFAULTS = {
  horizonYears: { value: 5, unit: 'years', source: 'Our estimate [I]: one server life, equal to the amortization period; docs/models.md#tco' },
  amortizationYears: { value: 5, unit: 'years', source: 'Annual reports (10-K): Microsoft and Alphabet depreciate servers over 6 years, Amazon and Meta over 5 [R]; enterprise default 5, straight line, no residual, is our estimate [I]; docs/models.md#tco' },
  warrantyYears: { value: 3, unit: 'years', source: 'Our estimate [I]: the common convention of 3 years of warranty in the purchase price; docs/models.md#tco' },
  maintenancePctPerYear: { value: 10, unit: '% of capex per year', source: 'Our estimate [I]: no authoritative figure was found; the common convention is 8-15% of hardware capex per year after warranty; docs/models.md#tco' },
  facilityUsdPerKwMonth: { value: 184, unit: 'USD per kW-month', source: 'CBRE, North America Data Center Trends H2 2024: average asking rate $184.06 per kW-month for 250-500 kW wholesale colocation in primary markets [R]; docs/models.md#facility' },
  modernHostPriceUsd: { value: 25000, unit: 'USD', source: 'Our estimate [I]: a 2-socket virtualization host costs $15k-40k street; no authoritative current average selling price was found; docs/models.md#host-prices' },
  legacyHostPriceUsd: { value: 7690, unit: 'USD', source: 'IDC: all-server average selling price $7,690 in Q4 2006 (reported by CNET, March 2007) [R]; used as the value of a 2008-era server [I]; docs/models.md#host-prices' },
  sourceServerValueUsd: { value: 7690, unit: 'USD', source: 'Our estimate [I]: a source server is valued at the IDC Q4 2006 all-server average selling price ($7,690 [R]) for its maintenance contract; docs/models.md#tco' },
  avoidedRefresh: { value: false, unit: 'boolean', source: 'Our choice [I]: off by default; when on, the "before" side also pays to refresh every source server once within the horizon; docs/models.md#tco' },
  refreshUsdPerServer: { value: 7690, unit: 'USD', source: 'Our estimate [I]: refreshing one source server like-for-like costs the IDC Q4 2006 all-server average selling price ($7,690 [R]); used only with --avoided-refresh; docs/models.md#tco' },
} as const satisfies Record<string, CostDefault>;

export const LICENCE_MODELS = ['none', 'vmware-vcf', 'vmware-vvf', 'windows-datacenter', 'windows-standard', 'rhel-vdc'] as const;
export type LicenceModel = (typeof LICENCE_MODELS)[number];

/**
 * A licence rule.
 * - `per-core-year`: subscription per physical core per year; every CPU counts at least
 *   `minCoresPerCpu`, every server at least `minCoresPerServer`, the whole order at least
 *   `minCoresPerOrder`.
 * - `per-core-perpetual`: bought once per physical core (same minimums), for the hosts bought.
 * - `per-socket-pair-year`: subscription per pair of sockets per host per year.
 */
export interface LicenceRule {
  metric: 'none' | 'per-core-year' | 'per-core-perpetual' | 'per-socket-pair-year';
  /** Price per unit of the metric (per core, or per socket pair), USD. */
  usdPerUnit: number;
  minCoresPerCpu: number;
  minCoresPerServer: number;
  minCoresPerOrder: number;
  source: string;
}

export const LICENCES: Record<LicenceModel, LicenceRule> = {
  none: { metric: 'none', usdPerUnit: 0, minCoresPerCpu: 0, minCoresPerServer: 0, minCoresPerOrder: 0, source: 'Our choice [I]: hypervisor licences depend on the contract, so none is charged unless --licence is given; docs/models.md#licences' },
  'vmware-vcf': {
    metric: 'per-core-year', usdPerUnit: 350, minCoresPerCpu: 16, minCoresPerServer: 0, minCoresPerOrder: 72,
    source: 'VMware Cloud Foundation (Broadcom): subscription per physical core, 16-core minimum per CPU, 72-core minimum per order since 10 Apr 2025, as reported by licensing advisors (Renewal Intel, Atonement Licensing, Redress Compliance) [R]; the ~$350 per core-year list price is our estimate from those reports, not a Broadcom price list; docs/models.md#licences',
  },
  'vmware-vvf': {
    metric: 'per-core-year', usdPerUnit: 135, minCoresPerCpu: 16, minCoresPerServer: 0, minCoresPerOrder: 72,
    source: 'VMware vSphere Foundation (Broadcom): per core per year, 16 cores/CPU and 72 cores/order minimums, as reported by licensing advisors [R]; the ~$135 per core-year list price is our estimate from those reports; docs/models.md#licences',
  },
  'windows-datacenter': {
    metric: 'per-core-perpetual', usdPerUnit: 6155 / 16, minCoresPerCpu: 8, minCoresPerServer: 16, minCoresPerOrder: 0,
    source: 'Microsoft Windows Server 2016-2025 licensing: every physical core, at least 8 per processor and 16 per server; Datacenter covers unlimited VMs [R]; $6,155 per 16 cores (2022 Open No Level list price, as quoted by resellers) = $384.69 per core [R2]; CALs extra; docs/models.md#licences',
  },
  'windows-standard': {
    metric: 'per-core-perpetual', usdPerUnit: 1069 / 16, minCoresPerCpu: 8, minCoresPerServer: 16, minCoresPerOrder: 0,
    source: 'Microsoft Windows Server Standard: the same core minimums as Datacenter; covers 2 VMs per full licensing of the host (extra VM pairs are not modelled) [R]; $1,069 per 16 cores (2022 Open No Level list price, as quoted by resellers) [R2]; docs/models.md#licences',
  },
  'rhel-vdc': {
    metric: 'per-socket-pair-year', usdPerUnit: 2499, minCoresPerCpu: 0, minCoresPerServer: 0, minCoresPerOrder: 0,
    source: 'Red Hat Enterprise Linux for Virtual Datacenters: one subscription per socket pair of the hypervisor host, unlimited RHEL guests (ServiceNow and Flexera licensing documentation) [R]; the $2,499 per socket pair per year is our estimate: no current Red Hat price list was found; docs/models.md#licences',
  },
};

export const DEFAULT_LICENCE: { value: LicenceModel; source: string } = {
  value: 'none',
  source: 'Our choice [I]: licences are contract-specific, so the default plan charges none; choose one with --licence; docs/models.md#licences',
};
