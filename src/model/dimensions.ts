/**
 * The names of the packing dimensions a plan can be asked for (`--dimensions`): CPU and memory,
 * always, and the disk and network dimensions (plan-io.ts sizes and packs them;
 * docs/models.md#io-dimensions). Data only, so that the option table can validate the option.
 */

export interface IoDimension {
  /** The name in `--dimensions`. */
  name: 'disk-iops' | 'disk-throughput' | 'network';
  /** The packing dimension (units in the name, like `cpu_ghz`, `memory_gib`). */
  key: 'disk_iops' | 'disk_mb_per_s' | 'network_mbps';
  label: string;
  unit: string;
  /** The workload's one-figure field, and its samples, when a format gives them. */
  workload: 'diskIops' | 'diskMbPerS' | 'networkMbps';
  samples?: 'diskIops' | 'diskMbPerS' | 'netMbps';
  /** The long CSV column of those samples. */
  sampleColumn?: string;
  /** The servers CSV / host catalog column. */
  column: string;
}

export const IO_DIMENSIONS: readonly IoDimension[] = [
  { name: 'disk-iops', key: 'disk_iops', label: 'disk IOPS', unit: 'IOPS', workload: 'diskIops', samples: 'diskIops', sampleColumn: 'disk_iops', column: 'disk_iops' },
  { name: 'disk-throughput', key: 'disk_mb_per_s', label: 'disk throughput', unit: 'MB/s', workload: 'diskMbPerS', samples: 'diskMbPerS', sampleColumn: 'disk_mb_per_s', column: 'disk_mb_per_s' },
  { name: 'network', key: 'network_mbps', label: 'network', unit: 'Mbit/s', workload: 'networkMbps', samples: 'netMbps', sampleColumn: 'net_mbps', column: 'network_mbps' },
];

/** Every name `--dimensions` takes. */
export const DIMENSION_NAMES = ['cpu', 'memory', ...IO_DIMENSIONS.map((d) => d.name)] as const;

/**
 * What is wrong with a `--dimensions` value, in words; undefined when it is valid.
 * @example dimensionsProblem('cpu,memory,disk') === "unknown dimension 'disk' (known: cpu, memory, disk-iops, disk-throughput, network)"
 */
export function dimensionsProblem(value: string): string | undefined {
  const names = value.split(',').map((s) => s.trim().toLowerCase());
  for (const n of names) {
    if (!(DIMENSION_NAMES as readonly string[]).includes(n)) return `unknown dimension '${n}' (known: ${DIMENSION_NAMES.join(', ')})`;
  }
  if (!names.includes('cpu') || !names.includes('memory')) return 'cpu and memory are always packed: list them too (e.g. cpu,memory,network)';
  return undefined;
}

/** The I/O dimension of a packing dimension key, if it is one. */
export function ioDimensionOf(key: string): IoDimension | undefined {
  return IO_DIMENSIONS.find((d) => d.key === key);
}

