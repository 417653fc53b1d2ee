import type { CommandFactory } from '../context.js';
import { BUILTIN_HOSTS, DEFAULT_HOST_TYPE, EMBODIED_SOURCES } from '../../defaults/catalog.js';
import { textTable, fmt, wrapLines } from '../../report/format.js';
import { textWidth } from '../io.js';
import { renderJson } from '../../report/index.js';

export const hostsCommand: CommandFactory = (ctx) => ({
  command: 'hosts',
  describe: 'list the built-in host catalog (SPECpower-measured servers) for --host-type',
  builder: (y) => y.option('format', { type: 'string', choices: ['text', 'json'], default: 'text' }),
  handler: (argv) => {
    if ((argv as Record<string, unknown>).format === 'json') {
      ctx.io.stdout.write(renderJson({ schemaVersion: 1, default: DEFAULT_HOST_TYPE, hosts: BUILTIN_HOSTS }));
    } else {
      const width = textWidth(ctx.io);
      const table = textTable(
        ['type', 'cores', 'GHz', 'memory GiB', 'idle W', 'max W', 'price USD', 'embodied kg CO2e', 'name'],
        BUILTIN_HOSTS.map((h) => [h.type + (h.type === DEFAULT_HOST_TYPE ? ' (default)' : ''), String(h.cores), fmt(h.cpuGhz, 2), fmt(h.memoryGiB), fmt(h.powerCurveWatts[0], 1), fmt(h.powerCurveWatts[10], 1), fmt(h.priceUsd) + (h.priceAssumed ? '*' : ''), fmt(h.embodiedKgCo2e ?? null) + (/^Our estimate/.test(EMBODIED_SOURCES[h.type] ?? '') ? '+' : ''), h.name ?? '']),
        { align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'], maxWidths: [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 60], width },
      );
      const notes = [
        '* price is our estimate (docs/models.md#host-prices), not a quote',
        '+ embodied carbon is our estimate from a comparable server\'s product carbon footprint; the others are the model\'s own PCF (docs/models.md#embodied-carbon)',
        'Power curves (11 SPECpower points), sources and memory: consolidate hosts --format json, or docs/models.md#host-catalog.',
      ];
      ctx.io.stdout.write(wrapLines([table, ...notes], width).join('\n') + '\n');
    }
    ctx.exitCode = 0;
  },
});
