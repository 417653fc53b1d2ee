// CloudSim's PlanetLab example setup, shared by the PlanetLab benchmarks (data set
// cloudsim-power-models, its PROVENANCE.md):
// - one VM per trace file, files in sorted order, VM type = floor(i / ceil(n / 4)) from
//   planetlab_example_vm_types.csv (MIPS -> cpu_ghz = MIPS / 1000 with 1 core; RAM MB -> GiB);
// - hosts: HP ProLiant ML110 G4 (2 x 1860 MIPS) and G5 (2 x 2660 MIPS), 4 GiB, their SPECpower
//   curves from specpower_models.csv, 400 of each (CloudSim's 800 hosts, i % 2), cost 1 each;
// - planned with `--virtualization none --cpu-normalization ghz --cpu-target 100 --memory-target 100`,
//   and `--units memory_gb=GiB`: the CPU-only runs give every VM 1 MiB of memory, which the
//   servers CSV's unit sense would otherwise read as TiB (1 GiB per VM).
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { dataDir } from '../../scripts/data-dir.mjs';

/** The CLI flags of CloudSim's setup (hosts catalog included). */
export const cloudsimFlags = (hostsCsv) => ['--hosts', hostsCsv, '--virtualization', 'none', '--cpu-normalization', 'ghz', '--cpu-target', '100', '--memory-target', '100', '--units', 'memory_gb=GiB'];

/** CSV cell, quoted when it needs to be. */
export const csvCell = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Reads the data set, writes the hosts catalog into a fresh temporary folder (prefix `workPrefix`)
 * and returns what the benchmarks need: the days (all, or `--days` as given), the trace folder and
 * sorted trace files of a day, and a writer of a day's servers CSV.
 */
export function cloudsimSetup(workPrefix, daysArg) {
  const DATA = dataDir();
  const traces = join(DATA, 'cloudsim-planetlab');
  const days = (daysArg ?? readdirSync(traces).filter((d) => /^\d{8}$/.test(d)).sort().join(',')).split(',');
  const work = mkdtempSync(join(tmpdir(), workPrefix));
  const csvLines = (p) => readFileSync(p, 'utf8').trim().split('\n').map((l) => l.split(','));
  const vmTypes = csvLines(join(DATA, 'cloudsim-power-models/planetlab_example_vm_types.csv')).slice(1);
  const power = csvLines(join(DATA, 'cloudsim-power-models/specpower_models.csv'));
  const ph = power[0];
  const curve = (cls) => {
    const r = power.find((x) => x[0] === cls);
    return ph.map((h, i) => (h.startsWith('w_') ? r[i] : null)).filter((x) => x !== null);
  };
  const hostsCsv = join(work, 'hosts.csv');
  writeFileSync(
    hostsCsv,
    'type,cores,cpu_ghz,memory_gb,price_usd,count,' + ph.filter((h) => h.startsWith('w_')).join(',') + '\n' +
      `ml110-g4,2,1.86,4,1,400,${curve('PowerModelSpecPowerHpProLiantMl110G4Xeon3040').join(',')}\n` +
      `ml110-g5,2,2.66,4,1,400,${curve('PowerModelSpecPowerHpProLiantMl110G5Xeon3075').join(',')}\n`,
  );
  const dayDir = (day) => join(traces, day);
  const filesOf = (day) => readdirSync(dayDir(day)).filter((f) => f !== 'PROVENANCE.md').sort();
  /**
   * Writes the servers CSV of a day to `name` in the work folder: CloudSim's VM types by position,
   * memory 1 MiB when `cpuOnly`, else the type's RAM; optionally only the ids in `only`.
   */
  function writeServers(day, name, { cpuOnly, only } = {}) {
    const files = filesOf(day);
    const per = Math.ceil(files.length / 4);
    const rows = files.map((f, i) => ({ f, t: vmTypes[Math.floor(i / per)] })).filter((x) => !only || only.has(x.f));
    const path = join(work, name);
    writeFileSync(path, 'id,cores,cpu_ghz,memory_gb\n' + rows.map(({ f, t }) => `${csvCell(f)},1,${Number(t[2]) / 1000},${cpuOnly ? 1 / 1024 : Number(t[4]) / 1024}`).join('\n') + '\n');
    return { path, vms: rows.length };
  }
  return { days, work, hostsCsv, dayDir, filesOf, writeServers };
}
