import type { FormFactor } from '../model/host.js';

/**
 * Embodied carbon of a server: the CO2e of every life-cycle stage but use (raw materials and
 * manufacturing, that is cradle to gate; transport to the customer; end of life), in kg CO2e per
 * server, from the makers' published product carbon footprints (PCF). A PCF sheet states a whole
 * life cycle, use included, under its own assumptions (configuration, years of use, utilization,
 * grid); we take its non-use part only, because the plan computes the use phase itself from the
 * power curves, the PUE and the grid intensity in force. docs/models.md#embodied-carbon gives each
 * figure with its scope, its sheet's assumptions and its caveats.
 *
 * Every figure is defined once here; the built-in catalog (catalog.ts) names the one each host
 * type takes, and the form-factor defaults are medians of the figures below.
 */

export interface EmbodiedFigure {
  /** kg CO2e per server outside the use phase. */
  value: number;
  source: string;
}

const DELL_SHEET = (model: string, total: number, nonUse: number) =>
  `Dell product carbon footprint sheet of the PowerEdge ${model} (carbon-footprint-poweredge-${model}.pdf; PAIA method, MIT): whole life cycle ${total} kg CO2e with a 4-year use phase, of which ${nonUse} kg outside the use phase (manufacturing, transport, end of life), for the sheet's configuration; transcribed from Dell's site in the server-co2e compilation [R2]`;

/**
 * Non-use part of Dell's PowerEdge PCF sheets (2-socket rack servers and towers), kg CO2e [R2]:
 * the comparables of the older built-in hosts and the basis of the form-factor defaults.
 */
export const DELL_PCF_NON_USE: readonly { model: string; formFactor: FormFactor; sockets: 1 | 2; totalKgCo2e: number; nonUseKgCo2e: number }[] = [
  { model: 'R230', formFactor: '1u', sockets: 1, totalKgCo2e: 5380, nonUseKgCo2e: 1162.1 },
  { model: 'R430', formFactor: '1u', sockets: 2, totalKgCo2e: 8150, nonUseKgCo2e: 1198.1 },
  { model: 'R440', formFactor: '1u', sockets: 2, totalKgCo2e: 7360, nonUseKgCo2e: 1184.96 },
  { model: 'R630', formFactor: '1u', sockets: 2, totalKgCo2e: 7260, nonUseKgCo2e: 1292.3 },
  { model: 'R640', formFactor: '1u', sockets: 2, totalKgCo2e: 7730, nonUseKgCo2e: 1314.1 },
  { model: 'R540', formFactor: '2u', sockets: 2, totalKgCo2e: 8230, nonUseKgCo2e: 1267.42 },
  { model: 'R730', formFactor: '2u', sockets: 2, totalKgCo2e: 7490, nonUseKgCo2e: 1258.32 },
  { model: 'R730XD', formFactor: '2u', sockets: 2, totalKgCo2e: 8970, nonUseKgCo2e: 1336.52 },
  { model: 'R740', formFactor: '2u', sockets: 2, totalKgCo2e: 8640, nonUseKgCo2e: 1356.48 },
  { model: 'R740XD', formFactor: '2u', sockets: 2, totalKgCo2e: 9180, nonUseKgCo2e: 1358.64 },
  { model: 'T130', formFactor: 'tower', sockets: 1, totalKgCo2e: 4260, nonUseKgCo2e: 1188.54 },
  { model: 'T140', formFactor: 'tower', sockets: 1, totalKgCo2e: 4480, nonUseKgCo2e: 1200.64 },
  { model: 'T330', formFactor: 'tower', sockets: 1, totalKgCo2e: 4800, nonUseKgCo2e: 1204.8 },
  { model: 'T340', formFactor: 'tower', sockets: 1, totalKgCo2e: 4780, nonUseKgCo2e: 1185.44 },
  { model: 'T430', formFactor: 'tower', sockets: 2, totalKgCo2e: 8520, nonUseKgCo2e: 1278 },
  { model: 'T440', formFactor: 'tower', sockets: 2, totalKgCo2e: 7810, nonUseKgCo2e: 1249 },
  { model: 'T630', formFactor: 'tower', sockets: 2, totalKgCo2e: 8560, nonUseKgCo2e: 1326.8 },
  { model: 'T640', formFactor: 'tower', sockets: 2, totalKgCo2e: 8000, nonUseKgCo2e: 1392 },
];

function dell(model: string): EmbodiedFigure {
  const d = DELL_PCF_NON_USE.find((x) => x.model === model)!;
  return { value: d.nonUseKgCo2e, source: DELL_SHEET(model, d.totalKgCo2e, d.nonUseKgCo2e) };
}

/** The published figures the built-in hosts take, directly or as a named comparable. */
export const PCF = {
  dellR740: dell('R740'),
  dellR640: dell('R640'),
  dellR630: dell('R630'),
  dellR230: dell('R230'),
  dellT130: dell('T130'),
  /** HPE PCF of the DL380 Gen10 (document a50004545enw), mainstream configuration, US use. */
  hpeDl380Gen10: {
    value: 1726,
    source:
      'HPE product carbon footprint of the ProLiant DL380 Gen10 (HPE document a50004545enw), mainstream configuration used in the US: whole life cycle 5,657 kg CO2e, of which 1,726 kg (30.5%) outside the use phase (manufacturing, transport, end of life); the sheet assumes 4 years of use, 30% utilization, 24/7 operation and a typical energy consumption of 1,605 kWh a year (HPE Power Advisor, PUE from industry sources); as read in the Technology Carbon Standard\'s server example [R2]',
  },
  /** Lenovo PCF of the ThinkSystem SR650 V2 (2021), as reported by the trade press. */
  lenovoSr650V2: {
    value: 1793,
    source:
      'Lenovo product carbon footprint of the ThinkSystem SR650 V2 (mid 2021): whole life cycle 12,809 kg CO2e counting hardware, mainboard, memory, transport, production and end of life, 86% of it in use (mainboard 8%, transport 2%, HDD 3%, SSD 1%), as reported by the German trade press from Lenovo\'s PCF [R2]; the 14% outside use is 1,793 kg [C]',
  },
  /** Dell's 2011 study of the PowerEdge R710 (PE International, GaBi; ISO 14040/44). */
  dellR710Study: {
    value: 636,
    source:
      'Dell, "Carbon footprint of a typical rack server from Dell" (2011; PE International, GaBi, ISO 14040/14044): the PowerEdge R710 (2 Xeon, 12 GB, 4 x 146 GB HDD, 2 power supplies) has a whole-life footprint of 6,360 kg CO2e with the use phase over 90% of it [R2]; so manufacturing, transport and end of life are under 636 kg, and we take that bound [C]',
  },
} as const satisfies Record<string, EmbodiedFigure>;

/** Median of a list (the mean of the two middle values for an even count). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return Math.round((s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) * 100) / 100;
}

function formFactorDefault(ff: FormFactor, what: string, pick: (d: (typeof DELL_PCF_NON_USE)[number]) => boolean): EmbodiedFigure {
  const rows = DELL_PCF_NON_USE.filter((d) => d.formFactor === ff && pick(d));
  return {
    value: median(rows.map((d) => d.nonUseKgCo2e)),
    source: `Computed [C]: median of the non-use part of Dell's PCF sheets of ${what} (${rows.map((d) => `${d.model} ${d.nonUseKgCo2e}`).join(', ')} kg CO2e [R2]); a generic figure for a catalog host of this form factor that states no embodied_kg_co2e; docs/models.md#embodied-carbon`,
  };
}

/**
 * The generic default per form factor, for a host type from a catalog file that gives no
 * `embodied_kg_co2e` (kg CO2e per server, all stages but use).
 */
export const FORM_FACTOR_EMBODIED: Record<FormFactor, EmbodiedFigure> = {
  '1u': formFactorDefault('1u', '2-socket 1U rack servers', (d) => d.sockets === 2),
  '2u': formFactorDefault('2u', '2-socket 2U rack servers', (d) => d.sockets === 2),
  tower: formFactorDefault('tower', 'tower servers', () => true),
};

/** The form factor assumed for a catalog host type that states neither figure nor form factor. */
export const DEFAULT_FORM_FACTOR: { value: FormFactor; source: string } = {
  value: '2u',
  source: 'Our choice [I]: a 2-socket 2U rack server, the common virtualization host, when a catalog row states neither embodied_kg_co2e nor form_factor; docs/models.md#embodied-carbon',
};

/** "Our estimate" wording for a built-in host without its own PCF: the comparable it takes. */
export function comparableSource(comparable: string, figure: EmbodiedFigure, why: string): string {
  return `Our estimate [I]: no product carbon footprint of this model was found, so it takes the figure of a comparable server, ${comparable} (${why}); ${figure.source}; docs/models.md#embodied-carbon`;
}
