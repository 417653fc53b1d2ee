/**
 * Cost and TCO defaults, and licence rules. Sources: ../shared/MODELS.md §4.1-4.6 (each entry
 * names its own). Prices are assumptions unless the source says otherwise.
 */
export interface CostDefault<T = number> {
  value: T;
  unit: string;
  source: string;
}

export const COST_DEFAULTS = {
  horizonYears: { value: 5, unit: 'years', source: 'Our judgement [I]: one server life; equals the amortization period (MODELS.md §4.2)' },
  amortizationYears: { value: 5, unit: 'years', source: 'MODELS.md §4.2: hyperscalers depreciate servers over 5-6 years (Microsoft, Alphabet 6; Amazon, Meta 5) [R]; enterprise default 5, straight line, no residual [I]' },
  warrantyYears: { value: 3, unit: 'years', source: 'MODELS.md §4.5 [I]: convention of 3 years of warranty included in the purchase price' },
  maintenancePctPerYear: { value: 10, unit: '% of capex per year', source: 'MODELS.md §4.5 [I]: no authoritative figure read; convention 8-15% of hardware capex per year after warranty' },
  facilityUsdPerKwMonth: { value: 184, unit: 'USD per kW-month', source: 'CBRE North America Data Center Trends H2 2024: wholesale colocation asking rate $184.06/kW-month (250-500 kW, primary markets) [R]; MODELS.md §4.4' },
  modernHostPriceUsd: { value: 25000, unit: 'USD', source: 'Assumption [I], MODELS.md §4.1: a 2-socket virtualization host costs $15k-40k street; no authoritative current ASP was read' },
  legacyHostPriceUsd: { value: 7690, unit: 'USD', source: 'IDC: all-server average selling price $7,690 in Q4 2006 (CNET, March 2007) [R]; used as the value of a 2008-era server [I]; MODELS.md §4.1' },
  sourceServerValueUsd: { value: 7690, unit: 'USD', source: 'Assumption [I]: a source server is valued at the IDC 2006 all-server ASP ($7,690, MODELS.md §4.1 [R]) for its maintenance contract' },
  refreshUsdPerServer: { value: 7690, unit: 'USD', source: 'Assumption [I]: refreshing one source server like-for-like costs the IDC all-server ASP ($7,690, MODELS.md §4.1 [R]); used only with --avoided-refresh' },
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
  none: { metric: 'none', usdPerUnit: 0, minCoresPerCpu: 0, minCoresPerServer: 0, minCoresPerOrder: 0, source: 'Our judgement [I]: hypervisor licences depend on the contract, so none is charged unless --licence is given' },
  'vmware-vcf': {
    metric: 'per-core-year', usdPerUnit: 350, minCoresPerCpu: 16, minCoresPerServer: 0, minCoresPerOrder: 72,
    source: 'VMware Cloud Foundation (Broadcom): subscription per physical core, 16-core minimum per CPU, 72-core minimum per order since 10 Apr 2025; ~$350/core/year list (renewalintel, atonementlicensing, redresscompliance; advisor sources, verify with Broadcom) [R]; MODELS.md §4.6',
  },
  'vmware-vvf': {
    metric: 'per-core-year', usdPerUnit: 135, minCoresPerCpu: 16, minCoresPerServer: 0, minCoresPerOrder: 72,
    source: 'VMware vSphere Foundation (Broadcom): per core per year, 16 cores/CPU and 72 cores/order minimums; ~$135/core/year list (advisor sources, verify) [R]; MODELS.md §4.6',
  },
  'windows-datacenter': {
    metric: 'per-core-perpetual', usdPerUnit: 6155 / 16, minCoresPerCpu: 8, minCoresPerServer: 16, minCoresPerOrder: 0,
    source: 'Windows Server Datacenter 2016-2025: every physical core, min 8 per processor and 16 per server, unlimited VMs; $6,155 per 16 cores (2022 Open NL list, secondary) = $384.69/core [R]; CALs extra; MODELS.md §4.6',
  },
  'windows-standard': {
    metric: 'per-core-perpetual', usdPerUnit: 1069 / 16, minCoresPerCpu: 8, minCoresPerServer: 16, minCoresPerOrder: 0,
    source: 'Windows Server Standard: same core minimums as Datacenter, covers 2 VMs per full licensing of the host (extra VM pairs not modelled); $1,069 per 16 cores (2022 list, secondary) [R]; MODELS.md §4.6',
  },
  'rhel-vdc': {
    metric: 'per-socket-pair-year', usdPerUnit: 2499, minCoresPerCpu: 0, minCoresPerServer: 0, minCoresPerOrder: 0,
    source: 'RHEL for Virtual Datacenters: per socket pair of the hypervisor host, unlimited RHEL guests (ServiceNow SAM docs) [R]; price $2,499/socket-pair/year is from background knowledge, not re-read [M] - verify with Red Hat',
  },
};

export const DEFAULT_LICENCE: { value: LicenceModel; source: string } = {
  value: 'none',
  source: 'Our judgement [I]: licences are contract-specific, so the default plan charges none; choose one with --licence',
};
