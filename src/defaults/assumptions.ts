import type { PlanOptions } from '../model/options.js';
import type { HostModel } from '../model/host.js';
import type { Assumption } from '../model/plan-result.js';
import { CPU_OVERHEAD, TECHNIQUE_EXPLANATION } from './overhead.js';
import { MEMORY_OVERHEAD, HOST_RESERVE } from './memory.js';
import { SIZING_DEFAULTS } from './sizing.js';
import { FACILITY_DEFAULTS } from './facility.js';
import { BUILTIN_HOSTS, DEFAULT_SOURCE_PROFILE } from './catalog.js';

/** The assumptions in force for a plan, each with its source, in a fixed order. */
export function collectAssumptions(o: PlanOptions, keys: Set<string>, hostModels: HostModel[]): Assumption[] {
  const a: Assumption[] = [
    { key: 'virtualization', value: o.virtualization, unit: 'technique', source: TECHNIQUE_EXPLANATION[o.virtualization] },
    { key: `overhead.cpu.${o.virtualization}.cpu`, value: CPU_OVERHEAD[o.virtualization].cpu.factor, unit: 'x native', source: CPU_OVERHEAD[o.virtualization].cpu.source },
  ];
  if (o.virtualization !== 'none') {
    a.push({ key: `overhead.memory.${o.hypervisor}`, value: MEMORY_OVERHEAD[o.hypervisor].formula, unit: 'per VM', source: MEMORY_OVERHEAD[o.hypervisor].source });
    a.push({ key: `reserve.${o.hypervisor}`, value: HOST_RESERVE[o.hypervisor].formula, unit: 'per host', source: HOST_RESERVE[o.hypervisor].source });
  }
  a.push(
    { key: 'headroom.cpuTarget', value: o.cpuTarget, unit: '%', source: SIZING_DEFAULTS.cpuTargetPercent.source },
    { key: 'headroom.memoryTarget', value: o.memoryTarget, unit: '%', source: SIZING_DEFAULTS.memoryTargetPercent.source },
    { key: 'cpu.normalization', value: 'cores x GHz', unit: 'GHz-cores', source: 'vCenter/vCAT convention (MODELS.md §5); ignores IPC differences between CPU generations' },
    { key: 'facility.pue', value: o.pue, unit: 'ratio', source: FACILITY_DEFAULTS.pue.source },
    { key: 'facility.usdPerKwh', value: o.usdPerKwh, unit: 'USD/kWh', source: FACILITY_DEFAULTS.electricityUsdPerKWh.source },
    { key: 'facility.gridGco2PerKwh', value: o.gridGco2PerKwh, unit: 'gCO2/kWh', source: FACILITY_DEFAULTS.gridCarbonGPerKWh.source },
  );
  if (keys.has('sizing.peakFactor')) a.push({ key: 'sizing.peakFactor', value: o.peakFactor, unit: 'x average', source: SIZING_DEFAULTS.peakFactor.source });
  if (keys.has('sizing.sourceAvgCpuUtilFraction')) a.push({ key: 'sizing.sourceAvgCpuUtilFraction', value: SIZING_DEFAULTS.sourceAvgCpuUtilFraction.value, unit: 'fraction', source: SIZING_DEFAULTS.sourceAvgCpuUtilFraction.source });
  if (keys.has('sizing.defaultCpuGhz')) a.push({ key: 'sizing.defaultCpuGhz', value: SIZING_DEFAULTS.defaultCpuGhz.value, unit: 'GHz', source: SIZING_DEFAULTS.defaultCpuGhz.source });
  if (keys.has('power.sourceProfile')) {
    const p = BUILTIN_HOSTS.find((h) => h.type === DEFAULT_SOURCE_PROFILE)!;
    a.push({ key: 'power.sourceProfile', value: p.type, unit: 'SPECpower curve', source: `Servers without measured watts are assumed to draw like ${p.name}: ${p.source}` });
  }
  for (const m of hostModels) {
    a.push({ key: `host.${m.type}.priceUsd`, value: m.priceUsd, unit: 'USD', source: m.priceAssumed ? `Assumption (MODELS.md §4.1): ${m.source ?? 'built-in catalog'}` : (m.source ?? 'host catalog') });
  }
  return a;
}
