import { describe, it, expect, vi, afterEach } from 'vitest';
import { resolve } from 'node:path';
import * as api from '../../src/index.js';
import { runCli } from '../helpers/run-cli.js';
import { REPO } from '../helpers/paths.js';

const DC = 'examples/datacenter/servers.csv';

afterEach(() => vi.restoreAllMocks());

describe('the embeddable API', () => {
  it('exports plan, pack, loaders, renderers, schemas and the what-if functions', () => {
    for (const k of ['plan', 'pack', 'planFiles', 'loadServers', 'loadHostCatalog', 'loadPlanInput', 'renderReport', 'PlanOptionsSchema', 'PlanResultSchema', 'PackResultSchema', 'runWhatIf', 'loadScenarioFile', 'renderWhatIf', 'AbortedError', 'InputError']) {
      expect(api, k).toHaveProperty(k);
    }
  });

  it('planFiles() returns the very object `consolidate plan --format json` prints', async () => {
    const r = await api.planFiles({ servers: DC, timeLimit: 0 }, { baseDir: REPO });
    const cli = runCli(['plan', '--servers', DC, '--time-limit', '0', '--format', 'json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(JSON.stringify(r))).toEqual(JSON.parse(cli.stdout));
    expect(api.renderReport(r, 'json')).toBe(cli.stdout);
    expect(api.PlanResultSchema.safeParse(r).success).toBe(true);
  });

  it('plan() over loaded input equals planFiles() (same stages, I/O only at the edge)', async () => {
    const input = await api.loadPlanInput({ servers: DC }, REPO);
    const a = await api.plan(input, { timeLimit: 0, servers: DC });
    const b = await api.planFiles({ servers: DC, timeLimit: 0 }, { baseDir: REPO });
    expect(a).toEqual(b);
  });

  it('pack() follows the named-resource contract and returns the pack JSON object (known value: 3 x 60% items need 3 hosts)', async () => {
    const r = await api.pack({
      items: [
        { id: 'a', demand: { cpu: 6, mem: 1 } },
        { id: 'b', demand: { cpu: 6, mem: 1 } },
        { id: 'c', demand: { cpu: 6, mem: 1 } },
      ],
      hostTypes: [{ type: 'h', capacity: { cpu: 10, mem: 10 }, cost: 2, count: 5 }],
    });
    expect(api.PackResultSchema.safeParse(r).success).toBe(true);
    expect(r.kind).toBe('pack');
    expect(r.dimensions).toEqual(['cpu', 'mem']);
    expect(r.summary.hostsUsed).toBe(3);
    expect(r.summary.totalCost).toBe(6);
    expect(r.hosts.flatMap((h) => h.vms).sort()).toEqual(['a', 'b', 'c']);
  });

  it('pack() rejects a demand on a resource no host type has, with an OptionsError', async () => {
    await expect(api.pack({ items: [{ id: 'a', demand: { gpu: 1 } }], hostTypes: [{ type: 'h', capacity: { cpu: 1 } }] })).rejects.toBeInstanceOf(api.OptionsError);
  });

  it('plan() and pack() with an aborted signal reject with AbortedError', async () => {
    const input = await api.loadPlanInput({ servers: DC }, REPO);
    const c = new AbortController();
    c.abort();
    await expect(api.plan(input, {}, { signal: c.signal })).rejects.toBeInstanceOf(api.AbortedError);
    await expect(api.pack({ items: [{ id: 'a', demand: { cpu: 1 } }], hostTypes: [{ type: 'h', capacity: { cpu: 1 } }] }, { signal: c.signal })).rejects.toBeInstanceOf(api.AbortedError);
  });

  it('aborting while packing (from the progress callback) rejects instead of returning a partial plan', async () => {
    const input = await api.loadPlanInput({ servers: DC }, REPO);
    const c = new AbortController();
    let events = 0;
    const p = api.plan(input, { timeLimit: 30 }, { signal: c.signal, onProgress: () => { events++; c.abort(); } });
    await expect(p).rejects.toBeInstanceOf(api.AbortedError);
    expect(events).toBeGreaterThan(0);
  });

  it('never writes to the console and never calls process.exit, even on bad input', async () => {
    const spies = [
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never),
    ];
    await api.planFiles({ servers: 'examples/malformed/servers.csv', timeLimit: 0 }, { baseDir: REPO, onProgress: () => {} });
    await expect(api.planFiles({ servers: 'nope.csv' }, { baseDir: REPO })).rejects.toBeInstanceOf(api.InputError);
    await expect(api.planFiles({ servers: DC, cpuTarget: 500 } as never, { baseDir: REPO })).rejects.toBeInstanceOf(api.OptionsError);
    const loaded = api.loadScenarioFile(resolve(REPO, 'examples/whatif/scenario.json'));
    const w = await api.runWhatIf(loaded, { jobs: 1 });
    api.renderWhatIf(w, 'html');
    for (const s of spies) expect(s).not.toHaveBeenCalled();
  });
});
