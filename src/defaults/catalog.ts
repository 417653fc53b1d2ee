import type { HostModel } from '../model/host.js';
import { curveFromTemplate } from '../energy/power-curve.js';
import { COST_DEFAULTS } from './cost.js';
import { PCF, comparableSource } from './embodied.js';

/**
 * Built-in host catalog: real SPECpower_ssj2008-measured servers (11-point watt curves at
 * active idle, 10%, ..., 100% load), documented in docs/models.md#host-catalog. Sources:
 * - 2008-2011 era: the spec.org result pages named in each entry, as transcribed in CloudSim's
 *   PowerModelSpecPower*.java classes (Beloglazov & Buyya 2012).
 * - modern: the SPECpower results named in each entry (endpoints from spec.org result data [R];
 *   intermediate points from simulator transcriptions [R2]); see docs/models.md#constructed-curves
 *   for the curves built from measured endpoints.
 * Memory sizes of modern hosts and every price are our estimates (marked priceAssumed), not part of
 * the SPEC result: a virtualization host is bought with far more memory than the SPEC run used.
 */
const MODERN_PRICE = COST_DEFAULTS.modernHostPriceUsd.value; // our estimate: $15k-40k street for a 2-socket virtualization host (docs/models.md#host-prices).
const LEGACY_PRICE = COST_DEFAULTS.legacyHostPriceUsd.value; // IDC all-server average selling price, Q4 2006 (docs/models.md#host-prices).

/** The measured 11-point curves that constructed curves borrow their shape from. */
const CURVE_X3550_X5670 = [66, 107, 120, 131, 143, 156, 173, 191, 211, 229, 247];
const CURVE_R740 = [49.8, 114, 137, 159, 182, 208, 240, 277, 319, 376, 432];
const CURVE_R7525 = [72, 181, 207, 229, 250, 270, 294, 321, 347, 370, 393];
const CURVE_DL380G10P = [127, 198, 226, 253, 281, 314, 354, 405, 464, 576, 619];
const CONSTRUCTED = (template: string) =>
  `11-point curve CONSTRUCTED [C]: measured active-idle and 100% endpoints [R] with the normalized shape of the measured ${template} curve (same CPU family and platform); intermediate points are not measured (docs/models.md#constructed-curves)`;

export const BUILTIN_HOSTS: HostModel[] = [
  {
    type: 'hp-ml110-g3',
    name: 'HP ProLiant ML110 G3 (1x Pentium D930, 2 cores, 3.0 GHz, 4 GB)',
    sockets: 1, cores: 2, cpuGhz: 3.0, cpuModel: 'Intel Pentium D930', memoryGiB: 4,
    priceUsd: LEGACY_PRICE, priceAssumed: true,
    powerCurveWatts: [105, 112, 118, 125, 131, 137, 147, 153, 157, 164, 169],
    formFactor: 'tower', embodiedKgCo2e: PCF.dellT130.value,
    count: null,
    source: 'CloudSim PowerModelSpecPowerHpProLiantMl110G3PentiumD930 [R2]; its comment links SPECpower_ssj2008 result 20110127-00342, the G4\'s page, so the G3 result itself is not identified; docs/models.md#host-catalog',
  },
  {
    type: 'hp-ml110-g4',
    name: 'HP ProLiant ML110 G4 (1x Xeon 3040, 2 cores, 1.86 GHz, 4 GB)',
    sockets: 1, cores: 2, cpuGhz: 1.86, cpuModel: 'Intel Xeon 3040', memoryGiB: 4,
    priceUsd: LEGACY_PRICE, priceAssumed: true,
    powerCurveWatts: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117],
    formFactor: 'tower', embodiedKgCo2e: PCF.dellT130.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20110127-00342 via CloudSim PowerModelSpecPowerHpProLiantMl110G4Xeon3040 [R2]; docs/models.md#host-catalog',
  },
  {
    type: 'hp-ml110-g5',
    name: 'HP ProLiant ML110 G5 (1x Xeon 3075, 2 cores, 2.66 GHz, 4 GB)',
    sockets: 1, cores: 2, cpuGhz: 2.66, cpuModel: 'Intel Xeon 3075', memoryGiB: 4,
    priceUsd: LEGACY_PRICE, priceAssumed: true,
    powerCurveWatts: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135],
    formFactor: 'tower', embodiedKgCo2e: PCF.dellT130.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20110124-00339 via CloudSim PowerModelSpecPowerHpProLiantMl110G5Xeon3075 [R2]; docs/models.md#host-catalog',
  },
  {
    type: 'ibm-x3250-x3470',
    name: 'IBM System x3250 (1x Xeon X3470, 4 cores, 2.93 GHz, 8 GB)',
    sockets: 1, cores: 4, cpuGhz: 2.933, cpuModel: 'Intel Xeon X3470', memoryGiB: 8,
    priceUsd: LEGACY_PRICE, priceAssumed: true,
    powerCurveWatts: [41.6, 46.7, 52.3, 57.9, 65.4, 73, 80.7, 89.5, 99.6, 105, 113],
    formFactor: '1u', embodiedKgCo2e: PCF.dellR230.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20091104-00213 via CloudSim PowerModelSpecPowerIbmX3250XeonX3470 [R2]; docs/models.md#host-catalog',
  },
  {
    type: 'ibm-x3250-x3480',
    name: 'IBM System x3250 (1x Xeon X3480, 4 cores, 3.07 GHz, 8 GB)',
    sockets: 1, cores: 4, cpuGhz: 3.067, cpuModel: 'Intel Xeon X3480', memoryGiB: 8,
    priceUsd: LEGACY_PRICE, priceAssumed: true,
    powerCurveWatts: [42.3, 46.7, 49.7, 55.4, 61.8, 69.3, 76.1, 87, 96.1, 106, 113],
    formFactor: '1u', embodiedKgCo2e: PCF.dellR230.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20101001-00297 via CloudSim PowerModelSpecPowerIbmX3250XeonX3480 [R2]; docs/models.md#host-catalog',
  },
  {
    type: 'ibm-x3550-x5670',
    name: 'IBM System x3550 (2x Xeon X5670, 12 cores, 2.93 GHz, 12 GB)',
    sockets: 2, cores: 12, cpuGhz: 2.933, cpuModel: 'Intel Xeon X5670', memoryGiB: 12,
    priceUsd: LEGACY_PRICE, priceAssumed: true,
    powerCurveWatts: [66, 107, 120, 131, 143, 156, 173, 191, 211, 229, 247],
    formFactor: '1u', embodiedKgCo2e: PCF.dellR630.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20100315-00239 via CloudSim PowerModelSpecPowerIbmX3550XeonX5670 [R2]; docs/models.md#host-catalog',
  },
  {
    type: 'ibm-x3550-x5675',
    name: 'IBM System x3550 (2x Xeon X5675, 12 cores, 3.07 GHz, 16 GB)',
    sockets: 2, cores: 12, cpuGhz: 3.067, cpuModel: 'Intel Xeon X5675', memoryGiB: 16,
    priceUsd: LEGACY_PRICE, priceAssumed: true,
    powerCurveWatts: [58.4, 98, 109, 118, 128, 140, 153, 170, 189, 205, 222],
    formFactor: '1u', embodiedKgCo2e: PCF.dellR630.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20110406-00368 via CloudSim PowerModelSpecPowerIbmX3550XeonX5675 [R2]; docs/models.md#host-catalog',
  },
  {
    type: 'fujitsu-rx300-s4',
    name: 'Fujitsu PRIMERGY RX300 S4 (2x Xeon E5440, 8 cores, 2.83 GHz, 16 GB)',
    sockets: 2, cores: 8, cpuGhz: 2.83, cpuModel: 'Intel Xeon E5440', memoryGiB: 16,
    priceUsd: LEGACY_PRICE, priceAssumed: true,
    powerCurveWatts: [166, 179, 191, 200, 212, 224, 235, 245, 252, 259, 265],
    formFactor: '2u', embodiedKgCo2e: PCF.dellR710Study.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20080116-00034 (endpoints [R], intermediate points [R2]); docs/models.md#host-catalog',
  },
  {
    type: 'dell-r710',
    name: 'Dell PowerEdge R710 (2x Xeon X5670, 12 cores, 2.93 GHz, 96 GiB assumed)',
    sockets: 2, cores: 12, cpuGhz: 2.93, cpuModel: 'Intel Xeon X5670', memoryGiB: 96,
    priceUsd: LEGACY_PRICE, priceAssumed: true,
    powerCurveWatts: curveFromTemplate(CURVE_X3550_X5670, 64, 232),
    formFactor: '2u', embodiedKgCo2e: PCF.dellR710Study.value,
    count: null,
    source: `SPECpower_ssj2008 result for the Dell PowerEdge R710, published Aug 2010: active idle 64 W, 232 W at 100% [R]; ${CONSTRUCTED('IBM x3550 (2x X5670)')}; memory is our estimate`,
  },
  {
    type: 'dell-r740',
    name: 'Dell PowerEdge R740 (2x Xeon Platinum 8280, 56 cores, 2.7 GHz, 768 GiB assumed)',
    sockets: 2, cores: 56, cpuGhz: 2.7, cpuModel: 'Intel Xeon Platinum 8280', memoryGiB: 768,
    priceUsd: MODERN_PRICE, priceAssumed: true,
    powerCurveWatts: [49.8, 114, 137, 159, 182, 208, 240, 277, 319, 376, 432],
    formFactor: '2u', embodiedKgCo2e: PCF.dellR740.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20190409-00952 (endpoints [R], intermediate points [R2]); memory is our estimate; docs/models.md#host-catalog',
  },
  {
    type: 'dell-r7525',
    name: 'Dell PowerEdge R7525 (2x AMD EPYC 7702, 128 cores, 2.0 GHz, 1024 GiB assumed)',
    sockets: 2, cores: 128, cpuGhz: 2.0, cpuModel: 'AMD EPYC 7702', memoryGiB: 1024,
    priceUsd: MODERN_PRICE, priceAssumed: true,
    powerCurveWatts: [72, 181, 207, 229, 250, 270, 294, 321, 347, 370, 393],
    formFactor: '2u', embodiedKgCo2e: PCF.dellR740.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20200324-01021 (endpoints [R], intermediate points [R2]); memory is our estimate; docs/models.md#host-catalog',
  },
  {
    type: 'hpe-dl380-gen10-plus',
    name: 'HPE ProLiant DL380 Gen10 Plus (2x Xeon Platinum 8380, 80 cores, 2.3 GHz, 1024 GiB assumed)',
    sockets: 2, cores: 80, cpuGhz: 2.3, cpuModel: 'Intel Xeon Platinum 8380', memoryGiB: 1024,
    priceUsd: MODERN_PRICE, priceAssumed: true,
    powerCurveWatts: [127, 198, 226, 253, 281, 314, 354, 405, 464, 576, 619],
    formFactor: '2u', embodiedKgCo2e: PCF.hpeDl380Gen10.value,
    count: null,
    source: 'SPECpower_ssj2008 result 20210601-01103 (endpoints [R], intermediate points [R2]); memory is our estimate; docs/models.md#host-catalog',
  },
  {
    type: 'hpe-dl380-gen10',
    name: 'HPE ProLiant DL380 Gen10 (2x Xeon Platinum 8180, 56 cores, 2.5 GHz, 768 GiB assumed)',
    sockets: 2, cores: 56, cpuGhz: 2.5, cpuModel: 'Intel Xeon Platinum 8180', memoryGiB: 768,
    priceUsd: MODERN_PRICE, priceAssumed: true,
    powerCurveWatts: curveFromTemplate(CURVE_R740, 49.3, 461),
    formFactor: '2u', embodiedKgCo2e: PCF.hpeDl380Gen10.value,
    count: null,
    source: `SPECpower_ssj2008 result for the HPE DL380 Gen10, published Sep 2018: active idle 49.3 W, 461 W at 100% [R]; ${CONSTRUCTED('Dell R740 (2x Platinum 8280)')}; memory is our estimate`,
  },
  {
    type: 'lenovo-sr650',
    name: 'Lenovo ThinkSystem SR650 (2x Xeon Platinum 8176, 56 cores, 2.1 GHz, 768 GiB assumed)',
    sockets: 2, cores: 56, cpuGhz: 2.1, cpuModel: 'Intel Xeon Platinum 8176', memoryGiB: 768,
    priceUsd: MODERN_PRICE, priceAssumed: true,
    powerCurveWatts: curveFromTemplate(CURVE_R740, 67.7, 352),
    formFactor: '2u', embodiedKgCo2e: PCF.lenovoSr650V2.value,
    count: null,
    source: `SPECpower_ssj2008 result for the Lenovo SR650, published Apr 2019: active idle 67.7 W, 352 W at 100% [R]; ${CONSTRUCTED('Dell R740 (2x Platinum 8280)')}; memory is our estimate`,
  },
  {
    type: 'lenovo-sr665',
    name: 'Lenovo ThinkSystem SR665 (2x AMD EPYC 7763, 128 cores, 2.45 GHz, 1024 GiB assumed)',
    sockets: 2, cores: 128, cpuGhz: 2.45, cpuModel: 'AMD EPYC 7763', memoryGiB: 1024,
    priceUsd: MODERN_PRICE, priceAssumed: true,
    powerCurveWatts: curveFromTemplate(CURVE_R7525, 79.3, 454),
    formFactor: '2u', embodiedKgCo2e: PCF.lenovoSr650V2.value,
    count: null,
    source: `SPECpower_ssj2008 result for the Lenovo SR665, published Apr 2021: active idle 79.3 W, 454 W at 100% [R]; ${CONSTRUCTED('Dell R7525 (2x EPYC 7702)')}; memory is our estimate`,
  },
  {
    type: 'hpe-dl385-gen10-plus',
    name: 'HPE ProLiant DL385 Gen10 Plus (2x AMD EPYC 7763, 128 cores, 2.45 GHz, 1024 GiB assumed)',
    sockets: 2, cores: 128, cpuGhz: 2.45, cpuModel: 'AMD EPYC 7763', memoryGiB: 1024,
    priceUsd: MODERN_PRICE, priceAssumed: true,
    powerCurveWatts: curveFromTemplate(CURVE_R7525, 120, 546),
    formFactor: '2u', embodiedKgCo2e: PCF.hpeDl380Gen10.value,
    count: null,
    source: `SPECpower_ssj2008 result for the HPE DL385 Gen10 Plus, published Mar 2021: active idle 120 W, 546 W at 100% [R]; ${CONSTRUCTED('Dell R7525 (2x EPYC 7702)')}; memory is our estimate`,
  },
  {
    type: 'fujitsu-rx2530-m6',
    name: 'Fujitsu PRIMERGY RX2530 M6 (2x Xeon Platinum 8380, 80 cores, 2.3 GHz, 1024 GiB assumed)',
    sockets: 2, cores: 80, cpuGhz: 2.3, cpuModel: 'Intel Xeon Platinum 8380', memoryGiB: 1024,
    priceUsd: MODERN_PRICE, priceAssumed: true,
    powerCurveWatts: curveFromTemplate(CURVE_DL380G10P, 132, 568),
    formFactor: '1u', embodiedKgCo2e: PCF.dellR640.value,
    count: null,
    source: `SPECpower_ssj2008 result for the Fujitsu RX2530 M6, published Apr 2021: active idle 132 W, 568 W at 100% [R]; ${CONSTRUCTED('HPE DL380 Gen10 Plus (2x Platinum 8380)')}; memory is our estimate`,
  },
];

/**
 * Where each built-in host's embodied carbon comes from: its maker's product carbon footprint, or,
 * said plainly, our estimate from a named comparable (docs/models.md#embodied-carbon).
 */
export const EMBODIED_SOURCES: Record<string, string> = {
  'hp-ml110-g3': comparableSource('the Dell PowerEdge T130', PCF.dellT130, 'a 1-socket tower server'),
  'hp-ml110-g4': comparableSource('the Dell PowerEdge T130', PCF.dellT130, 'a 1-socket tower server'),
  'hp-ml110-g5': comparableSource('the Dell PowerEdge T130', PCF.dellT130, 'a 1-socket tower server'),
  'ibm-x3250-x3470': comparableSource('the Dell PowerEdge R230', PCF.dellR230, 'a 1-socket 1U rack server'),
  'ibm-x3250-x3480': comparableSource('the Dell PowerEdge R230', PCF.dellR230, 'a 1-socket 1U rack server'),
  'ibm-x3550-x5670': comparableSource('the Dell PowerEdge R630', PCF.dellR630, 'a 2-socket 1U rack server'),
  'ibm-x3550-x5675': comparableSource('the Dell PowerEdge R630', PCF.dellR630, 'a 2-socket 1U rack server'),
  'fujitsu-rx300-s4': comparableSource('the Dell PowerEdge R710 of the 2011 Dell study', PCF.dellR710Study, 'a 2-socket 2U rack server of the same era'),
  'dell-r710': `${PCF.dellR710Study.source}; docs/models.md#embodied-carbon`,
  'dell-r740': `${PCF.dellR740.source}; docs/models.md#embodied-carbon`,
  'dell-r7525': comparableSource('the Dell PowerEdge R740', PCF.dellR740, 'a 2-socket 2U PowerEdge of the previous generation; Dell\'s R7525 sheet was not found'),
  'hpe-dl380-gen10-plus': comparableSource('the HPE ProLiant DL380 Gen10', PCF.hpeDl380Gen10, 'the same 2U chassis family one generation earlier'),
  'hpe-dl380-gen10': `${PCF.hpeDl380Gen10.source}; docs/models.md#embodied-carbon`,
  'lenovo-sr650': comparableSource('the Lenovo ThinkSystem SR650 V2', PCF.lenovoSr650V2, 'its successor in the same 2U chassis; the SR650\'s own PCF total, 16,225 kg CO2e, was read without its split by stage [R2]'),
  'lenovo-sr665': comparableSource('the Lenovo ThinkSystem SR650 V2', PCF.lenovoSr650V2, 'a 2-socket 2U ThinkSystem of the same generation'),
  'hpe-dl385-gen10-plus': comparableSource('the HPE ProLiant DL380 Gen10', PCF.hpeDl380Gen10, 'a 2-socket 2U ProLiant'),
  'fujitsu-rx2530-m6': comparableSource('the Dell PowerEdge R640', PCF.dellR640, 'a 2-socket 1U rack server'),
};

/** The host type used when neither --hosts nor --host-type is given (docs/models.md#plan-defaults). */
export const DEFAULT_HOST_TYPE = 'dell-r7525';

/**
 * Power profile assumed for a source server that has no measured `watts`: a 2008-era 2-socket
 * server, since consolidation candidates are old hardware (Fujitsu RX300 S4, docs/models.md#plan-defaults) [I].
 */
export const DEFAULT_SOURCE_PROFILE = 'fujitsu-rx300-s4';

export function findBuiltinHost(type: string): HostModel | undefined {
  return BUILTIN_HOSTS.find((h) => h.type === type.toLowerCase());
}
