import type { FieldSpec } from './headers.js';

/**
 * THE alias table: for each CSV input format, its columns (canonical name, quantity, meaning)
 * and the other names people give them. Header cells are matched to these names case-, space-,
 * underscore- and punctuation-insensitively, with a unit in the header converted once, at ingest
 * (headers.ts); the README's alias tables are generated from this file (report/docs.ts), and a
 * test keeps them in step.
 *
 * A new export format whose columns mean what these fields mean (an inventory tool's CSV, an
 * assessment tool's import template) is new aliases here; a column that means something new is
 * a new field, read by the loader of its format.
 *
 * Order matters twice: a header cell is matched to the first field whose name (or, with a unit
 * of the field's quantity in the header, unit alias) it is; and when several cells name one
 * field, the cell whose name comes earliest in the field's list wins (the others are reported).
 */

/** The servers CSV (`--servers`): one row per physical server (or VM) to consolidate. */
export const SERVER_FIELDS: readonly FieldSpec[] = [
  { key: 'id', aliases: ['server', 'server name', 'name', 'hostname', 'host name', 'vm', 'vm name', 'machine', 'machine name', 'computer name', 'asset'], meaning: 'server id (required, unique)' },
  { key: 'cores', aliases: ['cpu cores', 'num cores', 'core count', 'number of cores', 'cores total', 'vcpus', 'vcpu', 'cpus', 'num cpus', 'cpu count', 'number of cpus', 'processors'], meaning: 'physical cores, or vCPUs of a VM (required)' },
  { key: 'memory_gb', quantity: 'memory', aliases: ['memory', 'mem', 'ram', 'memory size', 'ram size', 'total memory', 'installed memory', 'physical memory', 'configured memory', 'memory capacity'], meaning: 'installed (configured) memory (required)' },
  { key: 'cpu_ghz', quantity: 'clock', aliases: ['cpu clock', 'clock', 'clock speed', 'cpu speed', 'speed', 'cpu frequency', 'frequency', 'processor speed'], unitAliases: ['cpu', 'processor', 'cpu base'], meaning: 'clock per core' },
  { key: 'cpu_model', aliases: ['cpu', 'processor', 'processor model', 'cpu type', 'cpu name'], meaning: 'CPU model name (CPU normalization)' },
  { key: 'cpu_util_avg_pct', quantity: 'percent', aliases: ['cpu util avg', 'cpu avg', 'avg cpu', 'average cpu', 'cpu average', 'cpu util', 'cpu utilization', 'cpu utilisation', 'cpu usage', 'avg cpu util', 'avg cpu utilization', 'average cpu utilization', 'cpu usage avg', 'cpu usage average'], unitAliases: ['cpu'], meaning: 'average CPU utilization' },
  { key: 'cpu_util_p95_pct', quantity: 'percent', aliases: ['cpu util p95', 'cpu p95', 'p95 cpu', 'cpu 95th', 'cpu 95th percentile', '95th percentile cpu', 'cpu util 95th percentile', 'cpu usage p95'], meaning: '95th-percentile CPU utilization' },
  { key: 'cpu_util_peak_pct', quantity: 'percent', aliases: ['cpu util peak', 'cpu peak', 'peak cpu', 'cpu max', 'max cpu', 'cpu util max', 'cpu util peak', 'max cpu util', 'peak cpu util', 'max cpu utilization', 'peak cpu utilization', 'cpu usage max', 'cpu usage peak'], meaning: 'peak CPU utilization' },
  { key: 'memory_used_gb', quantity: 'memory', aliases: ['memory used', 'used memory', 'mem used', 'ram used', 'used ram', 'memory in use', 'memory consumed', 'consumed memory', 'avg memory used', 'avg consumed memory'], meaning: 'memory in use (measured)' },
  { key: 'memory_used_pct', quantity: 'percent', aliases: ['memory used', 'used memory', 'mem used', 'memory util', 'memory utilization', 'memory utilisation', 'memory usage', 'mem util', 'mem usage', 'ram used', 'ram usage', 'avg memory util', 'avg memory used'], unitAliases: ['memory', 'mem', 'ram'], meaning: 'memory in use, percent of memory_gb (read into memory_used_gb when that column is absent)' },
  { key: 'watts', quantity: 'power', aliases: ['power', 'power watts', 'avg watts', 'average watts', 'measured watts', 'avg power', 'average power', 'power draw', 'avg power draw', 'power consumption', 'avg power consumption'], meaning: 'measured average power draw' },
  { key: 'workload_class', aliases: ['class', 'workload', 'workload type'], meaning: 'cpu, syscall, mmu or io, or a mix like syscall:0.7;io:0.3' },
  { key: 'site', aliases: ['location', 'datacenter', 'data center', 'dc'], meaning: 'site (VMs stay in their site)' },
  { key: 'cluster', aliases: [], meaning: 'cluster name' },
  { key: 'anti_affinity', aliases: ['anti affinity group', 'anti affinity groups'], meaning: 'anti-affinity groups, separated by ; or |' },
  { key: 'affinity', aliases: ['affinity group'], meaning: 'affinity group' },
  { key: 'group', aliases: ['migration group', 'move group', 'wave group', 'migration wave group'], meaning: 'migration group: its workloads move in the same wave (--wave-size)' },
  { key: 'disk_iops', aliases: ['iops', 'disk io', 'disk ops', 'disk iops'], meaning: 'disk I/O operations per second, reads + writes (--dimensions disk-iops)' },
  { key: 'disk_mb_per_s', aliases: ['disk throughput', 'disk mb s', 'disk mbytes per s'], meaning: 'disk throughput, MB/s, reads + writes (--dimensions disk-throughput)' },
  { key: 'network_mbps', quantity: 'rate', aliases: ['network', 'network throughput', 'net mbps', 'network mbps'], unitAliases: ['network', 'net', 'network throughput'], meaning: 'network throughput, in + out (--dimensions network)' },
];

/** The host catalog CSV (`--hosts`): one row per host type to buy. */
export const HOST_FIELDS: readonly FieldSpec[] = [
  { key: 'type', aliases: ['host type', 'model', 'sku'], meaning: 'host type name (required, unique)' },
  { key: 'cores', aliases: ['cpu cores', 'num cores', 'core count', 'number of cores', 'cores total', 'total cores', 'physical cores'], meaning: 'physical cores (required)' },
  { key: 'cpu_ghz', quantity: 'clock', aliases: ['cpu clock', 'clock', 'clock speed', 'cpu speed', 'speed', 'cpu frequency', 'frequency', 'processor speed'], unitAliases: ['cpu', 'processor'], meaning: 'clock per core (required)' },
  { key: 'memory_gb', quantity: 'memory', aliases: ['memory', 'mem', 'ram', 'memory size', 'ram size', 'total memory', 'installed memory', 'memory capacity'], meaning: 'memory (required)' },
  { key: 'price_usd', quantity: 'money', aliases: ['price', 'cost', 'unit price', 'list price'], meaning: 'price per host (required)' },
  { key: 'count', aliases: ['available', 'quantity', 'qty', 'units available', 'stock'], meaning: 'units available (unlimited when empty)' },
  { key: 'cpu_model', aliases: ['cpu', 'processor', 'processor model', 'cpu type', 'cpu name'], meaning: 'CPU model name (CPU normalization)' },
  { key: 'name', aliases: ['description'], meaning: 'description' },
  { key: 'sockets', aliases: ['cpu sockets', 'num sockets', 'socket count', 'sockets total'], meaning: 'CPU sockets (licences)' },
  { key: 'embodied_kg_co2e', aliases: ['embodied co2e kg', 'embodied co2e', 'embodied carbon', 'embodied co2'], meaning: 'embodied CO2e of one new host, kg (all life-cycle stages but use)' },
  { key: 'form_factor', aliases: ['chassis'], meaning: '1u, 2u or tower (its generic embodied CO2e applies without embodied_kg_co2e)' },
  { key: 'idle_watts', quantity: 'power', aliases: ['idle watts', 'idle power', 'power idle', 'watts idle'], unitAliases: ['idle'], meaning: 'power at idle' },
  { key: 'max_watts', quantity: 'power', aliases: ['max watts', 'max power', 'power max', 'watts max', 'peak watts', 'full load watts'], unitAliases: ['max', 'peak', 'full load'], meaning: 'power at 100% load' },
  { key: 'disk_iops', aliases: ['iops', 'disk iops', 'storage iops'], meaning: 'disk I/O operations per second the host can draw from its storage (--dimensions disk-iops; no default)' },
  { key: 'disk_mb_per_s', aliases: ['disk throughput', 'storage throughput', 'disk mb s'], meaning: 'disk throughput of the storage paths, MB/s, line rate (--dimensions disk-throughput; default hostIo.diskMbPerS)' },
  { key: 'network_mbps', quantity: 'rate', aliases: ['network', 'network throughput', 'nic', 'network mbps'], unitAliases: ['network', 'nic', 'network throughput'], meaning: 'network line rate of the uplinks (--dimensions network; default hostIo.networkMbps)' },
  ...Array.from({ length: 11 }, (_, k): FieldSpec => ({ key: `w_${k * 10}pct`, quantity: 'power', aliases: [`watts ${k * 10}pct`, `watts at ${k * 10}pct`], meaning: `power at ${k * 10}% load (SPECpower point)` })),
];

/** The long utilization CSV (`--utilization`): one row per sample. */
export const LONG_FIELDS: readonly FieldSpec[] = [
  { key: 'timestamp', quantity: 'time', aliases: ['time', 'ts', 'datetime', 'date time', 'date', 'sample time', 'collection time', 'time stamp'], meaning: 'ISO 8601 or Unix seconds/ms (required)' },
  { key: 'id', aliases: ['server', 'server name', 'hostname', 'host name', 'name', 'vm', 'vm name', 'machine'], meaning: 'server id (required)' },
  { key: 'cpu_pct', quantity: 'percent', aliases: ['cpu', 'cpu util pct', 'cpu percent', 'cpu util', 'cpu utilization', 'cpu utilisation', 'cpu usage', 'cpu load'], meaning: 'CPU utilization of the server\'s capacity (required)' },
  { key: 'memory_used_gb', quantity: 'memory', aliases: ['memory used', 'mem used', 'used memory', 'memory in use', 'memory consumed'], unitAliases: ['memory', 'mem', 'ram'], meaning: 'memory in use' },
  { key: 'memory_pct', quantity: 'percent', aliases: ['mem pct', 'memory util pct', 'memory util', 'memory utilization', 'memory utilisation', 'memory usage', 'mem util', 'mem usage'], unitAliases: ['memory', 'mem', 'ram', 'memory used'], meaning: 'memory in use, percent of configured memory' },
  { key: 'disk_iops', aliases: ['iops', 'disk io', 'disk ops'], meaning: 'disk I/O operations per second' },
  { key: 'disk_mb_per_s', aliases: ['disk throughput', 'disk mb s', 'disk mbytes per s'], meaning: 'disk throughput, MB/s, reads + writes' },
  { key: 'net_mbps', quantity: 'rate', aliases: ['network mbps', 'network', 'net'], unitAliases: ['network', 'net', 'network throughput'], meaning: 'network throughput' },
];

/** `consolidate pack` VMS.csv: besides these, every column is a resource. */
export const PACK_ITEM_FIELDS: readonly FieldSpec[] = [
  { key: 'id', aliases: ['vm', 'vm name', 'item', 'name'], meaning: 'item id (required, unique)' },
  { key: 'anti_affinity', aliases: ['anti affinity group', 'anti affinity groups'], meaning: 'anti-affinity groups, separated by ; or |' },
  { key: 'affinity', aliases: ['affinity group'], meaning: 'affinity group' },
  { key: 'site', aliases: ['location'], meaning: 'site' },
];

/** `consolidate pack` HOSTS.csv: besides these, every column is a resource of VMS.csv. */
export const PACK_HOST_FIELDS: readonly FieldSpec[] = [
  { key: 'type', aliases: ['host type', 'name'], meaning: 'host type (required, unique)' },
  { key: 'count', aliases: ['available', 'quantity', 'qty'], meaning: 'hosts available (unlimited when empty)' },
  { key: 'cost', aliases: ['price'], meaning: 'cost per host (1 when absent)' },
];

const azure = (key: string, aliases: string[], meaning: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, aliases, meaning, ...extra });

/**
 * The Azure Migrate import CSV (`--servers`, recognised by its header; azure-migrate.ts): the
 * template's columns (names compared compactly: case, spaces, `*` and punctuation do not matter). */
export const AZURE_MIGRATE_FIELDS: readonly FieldSpec[] = [
  azure('Server name', ['server', 'name', 'machine name'], 'server name (required; the workload id)'),
  azure('Cores', ['cpu cores', 'number of cores'], 'cores (required)'),
  azure('Memory (In MB)', ['memory', 'memory mb'], 'memory (required; MB unless the header states another unit)', { quantity: 'memory', unit: 'MiB' }),
  azure('CPU utilization percentage', ['cpu utilization', 'cpu utilisation percentage'], 'CPU utilization, percent (one figure)', { quantity: 'percent' }),
  azure('Memory utilization percentage', ['memory utilization', 'memory utilisation percentage'], 'memory in use, percent of memory', { quantity: 'percent' }),
  azure('Server type', ['type'], '`Physical` or `Virtual`'),
  azure('Hypervisor', [], 'the hypervisor a virtual server runs on (VMware, Hyper-V, ...)'),
  azure('OS name', ['operating system'], 'operating system'),
  azure('OS version', [], 'operating system version'),
  azure('OS architecture', [], 'x64 or x86'),
  azure('IP addresses', ['ip address'], 'IP addresses'),
  azure('FQDN', [], 'fully qualified domain name'),
  azure('MAC address', [], 'MAC address'),
  azure('BIOS ID', [], 'BIOS GUID'),
  azure('Server ID', [], 'server id in the source tool'),
  azure('Hypervisor version number', [], 'hypervisor version'),
  azure('Virtual machine manager ID', [], 'VMM id'),
  azure('Boot type', [], 'BIOS or UEFI'),
  azure('Number of disks', [], 'disks'),
  azure('Network adapters', [], 'network adapters'),
  azure('Network In throughput', [], 'network in, MB per second'),
  azure('Network Out throughput', [], 'network out, MB per second'),
];

/** The tables, as the README shows them. */
export const ALIAS_TABLES: readonly { title: string; option: string; fields: readonly FieldSpec[] }[] = [
  { title: 'Servers CSV', option: '--servers', fields: SERVER_FIELDS },
  { title: 'Host catalog CSV', option: '--hosts', fields: HOST_FIELDS },
  { title: 'Long utilization CSV', option: '--utilization', fields: LONG_FIELDS },
  { title: 'Azure Migrate import CSV (recognised by its header; Disk N columns are known too)', option: '--servers', fields: AZURE_MIGRATE_FIELDS },
  { title: 'pack VMS.csv (other columns are resources)', option: 'pack VMS.csv', fields: PACK_ITEM_FIELDS },
  { title: 'pack HOSTS.csv (other columns are resources)', option: 'pack --hosts', fields: PACK_HOST_FIELDS },
];
