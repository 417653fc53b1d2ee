import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { BUILTIN_HOSTS } from '../../src/defaults/catalog.js';
import { dataPath } from '../helpers/data-dir.js';

/** Data suite: the built-in 2008-2011 curves against the SPECpower tables as CloudSim transcribed them. */
describe('power curves (SPECpower_ssj2008 via CloudSim, data set cloudsim-power-models)', () => {
  const csv = readFileSync(dataPath('cloudsim-power-models/specpower_models.csv'), 'utf8').trim().split('\n');
  const header = csv[0].split(',');
  const rows = csv.slice(1).map((l) => l.split(','));
  const pts = (r: string[]) => header.map((h, i) => (h.startsWith('w_') ? Number(r[i]) : NaN)).filter((x) => !Number.isNaN(x));

  it('every built-in 2008-2011 host curve equals the SPECpower table it cites', () => {
    const byClassSuffix: Record<string, string> = {
      'hp-ml110-g4': 'PowerModelSpecPowerHpProLiantMl110G4Xeon3040',
      'hp-ml110-g5': 'PowerModelSpecPowerHpProLiantMl110G5Xeon3075',
      'ibm-x3250-x3470': 'PowerModelSpecPowerIbmX3250XeonX3470',
      'ibm-x3250-x3480': 'PowerModelSpecPowerIbmX3250XeonX3480',
      'ibm-x3550-x5670': 'PowerModelSpecPowerIbmX3550XeonX5670',
      'ibm-x3550-x5675': 'PowerModelSpecPowerIbmX3550XeonX5675',
    };
    for (const [type, cls] of Object.entries(byClassSuffix)) {
      const row = rows.find((r) => r[0] === cls)!;
      expect(BUILTIN_HOSTS.find((h) => h.type === type)!.powerCurveWatts).toEqual(pts(row));
    }
  });
});
