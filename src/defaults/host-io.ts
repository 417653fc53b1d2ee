/**
 * Disk and network capacity of a host type that states none, for the disk and network packing
 * dimensions (`--dimensions`): docs/models.md#io-dimensions. Evidence tags: docs/models.md#evidence-tags.
 *
 * A host type's disk IOPS has no default: what a host can draw depends on the storage behind it
 * (array, vSAN, local flash), not on the server, so a plan that packs disk IOPS needs the figure
 * from the host catalog (`disk_iops`).
 */
export const HOST_IO_DEFAULTS = {
  networkMbps: {
    value: 50_000,
    unit: 'Mbit/s per host (line rate)',
    source: 'Our assumption [I]: two 25 GbE ports (25 Gbit/s each, IEEE 802.3by), the usual uplink pair of a current 2-socket virtualization host; docs/models.md#io-dimensions',
  },
  networkUsableFraction: {
    value: 0.5,
    unit: 'fraction of the line rate',
    source: 'Our assumption [I]: the two uplinks are a redundant team, so after a link or switch failure one port carries everything; planning to one port of two keeps the hosts whole through it; docs/models.md#io-dimensions',
  },
  diskMbPerS: {
    value: 6_400,
    unit: 'MB/s per host (line rate)',
    source: 'Our assumption [I]: two 32GFC Fibre Channel ports (about 3,200 MB/s each way per port in the FCIA speed map, not re-checked in its source), the usual SAN attachment of a current virtualization host; docs/models.md#io-dimensions',
  },
  diskUsableFraction: {
    value: 0.5,
    unit: 'fraction of the line rate',
    source: 'Our assumption [I]: the two storage paths are redundant (multipathing), so after a path failure one port carries everything; docs/models.md#io-dimensions',
  },
} as const;
