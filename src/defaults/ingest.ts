/**
 * Plausibility limits for the units of ingested values (src/ingest/sense.ts): a column whose
 * typical value falls outside them in the unit its header states is read in the unit that puts
 * it inside, with a `data.unit-suspect` warning. docs/models.md#unit-sense. Evidence tags:
 * docs/models.md#evidence-tags.
 */
export const INGEST_DEFAULTS = {
  memoryPerCoreMaxGiB: {
    value: 128,
    unit: 'GiB per core',
    source: 'Our bound [I] above the most memory per core a server is sold with: AWS u-24tb1.metal has 24 TiB for 448 vCPUs, about 55 GiB per vCPU, the largest ratio of the EC2 instance types [R]; memory in MiB read as GiB gives 1,024 times the true ratio, so a 1 GiB-per-core server would show 1,024; docs/models.md#unit-sense',
  },
  memoryPerCoreMinGiB: {
    value: 0.0625,
    unit: 'GiB per core',
    source: 'Our bound [I] below the least memory per core a server or VM is configured with: AWS t3.nano has 0.5 GiB for 2 vCPUs, 0.25 GiB per vCPU [R]; memory in GiB read as MiB gives 1/1,024 of the true ratio; docs/models.md#unit-sense',
  },
  clockMaxGhz: {
    value: 10,
    unit: 'GHz',
    source: 'Our bound [I] above every production CPU clock: the fastest x86 parts boost to about 6 GHz (Intel Core i9-13900KS, 6.0 GHz max turbo) [R]; a clock in MHz read as GHz shows 1,000 or more; docs/models.md#unit-sense',
  },
  clockMinGhz: {
    value: 0.2,
    unit: 'GHz',
    source: 'Our bound [I] below every server CPU clock since 1999 (the Pentium III Xeon started at 500 MHz) [R]; a clock in GHz read as MHz shows a few thousandths; docs/models.md#unit-sense',
  },
} as const;

/** The limits in force for one run (registry keys ingest.*). */
export interface UnitSenseLimits {
  memoryPerCoreMaxGiB: number;
  memoryPerCoreMinGiB: number;
  clockMaxGhz: number;
  clockMinGhz: number;
}

export function defaultUnitSenseLimits(): UnitSenseLimits {
  return {
    memoryPerCoreMaxGiB: INGEST_DEFAULTS.memoryPerCoreMaxGiB.value,
    memoryPerCoreMinGiB: INGEST_DEFAULTS.memoryPerCoreMinGiB.value,
    clockMaxGhz: INGEST_DEFAULTS.clockMaxGhz.value,
    clockMinGhz: INGEST_DEFAULTS.clockMinGhz.value,
  };
}
