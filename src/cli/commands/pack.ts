import type { CommandFactory } from '../context.js';
import { outputOptions, emit, writeRejects } from '../context.js';
import { loadPackItems, loadPackHosts } from '../../ingest/pack-input.js';
import { solvePacking } from '../../packing/index.js';
import { toPackResult } from '../../pack.js';
import { addAccounting } from '../../model/issue.js';
import { issueError } from '../../model/issue.js';
import { noUsableWorkloadsError } from '../../ingest/no-workloads.js';
import { tableFlags, parseCommandOptions } from '../options.js';
import { createProgress } from '../progress.js';
import { resolve } from 'node:path';
import { REPORT_FORMATS, renderSummaryCsv } from '../../report/index.js';
import { writeFileAtomic } from '../io.js';

export const packCommand: CommandFactory = (ctx) => ({
  command: 'pack <vms>',
  describe: 'pure vector bin packing of VMS.csv onto HOSTS.csv (no sizing, overhead or reserve)',
  builder: (y) =>
    outputOptions(
      tableFlags(y.positional('vms', { type: 'string', describe: 'VMS.csv: id plus one numeric column per resource' }), 'pack')
        .option('rejects', { type: 'string', describe: 'write rejected rows to FILE as CSV' })
        .option('summary-csv', { type: 'string', describe: 'also write the summary as CSV to FILE (key,label,value,unit)' }),
      REPORT_FORMATS(),
    ),
  handler: async (argv) => {
    const a = argv as Record<string, unknown>;
    const base = ctx.io.cwd ?? process.cwd();
    const vmsPath = String(a.vms);
    const hostsPath = String(a.hosts);
    // The flags pack shares with plan follow the same rules (the option table), with the same coded errors.
    const { timeLimit, maxVmsPerHost: maxVms, ha, strict, decimalSeparator } = parseCommandOptions(a, ['timeLimit', 'maxVmsPerHost', 'ha', 'strict', 'decimalSeparator']);
    ctx.activity = 'reading inputs';
    const ingest = { decimalSeparator };
    const items = await loadPackItems(resolve(base, vmsPath), { label: vmsPath, signal: ctx.io.signal, ingest: { ...ingest, option: 'VMS.csv' } });
    const hosts = await loadPackHosts(resolve(base, hostsPath), items.dimensions, { label: hostsPath, signal: ctx.io.signal, vmHeaders: items.resourceHeaders, ingest: { ...ingest, option: '--hosts' } });
    if (items.records.length === 0) throw noUsableWorkloadsError([{ file: vmsPath, ...items.rows }], items.issues);
    if (hosts.records.length === 0) throw issueError('file.unreadable', { reason: 'no-valid-rows', what: 'host type' }, { file: hostsPath });
    const issues = [...items.issues, ...hosts.issues];
    // (the planner's input module, loaded only when needed: pack starts without it)
    if (strict) (await import('../../ingest/plan-input.js')).assertNoRejected(issues);
    if (typeof a.rejects === 'string') writeRejects(a.rejects, issues);
    const constraints = { ...(maxVms !== undefined ? { maxItemsPerHost: maxVms } : {}), ...(ha > 0 ? { ha } : {}) };
    const problem = {
      dimensions: items.dimensions,
      items: items.records,
      hostTypes: hosts.records,
      ...(Object.keys(constraints).length ? { constraints } : {}),
    };
    const progress = createProgress(ctx.io);
    ctx.activity = `packing ${items.records.length} items`;
    const r = await solvePacking(problem, {
      timeLimitSeconds: timeLimit,
      signal: ctx.io.signal,
      onProgress: (p) => progress.message(`packing: ${p.phase}${p.message ? ` ${p.message}` : ''}`),
    });
    progress.done();
    const result = toPackResult(problem, r, { issues, rows: addAccounting(items.rows, hosts.rows) });
    emit(ctx, result, String(a.format), a.out as string | undefined);
    if (typeof a.summaryCsv === 'string') writeFileAtomic(a.summaryCsv, renderSummaryCsv(result));
    ctx.exitCode = 0;
  },
});
