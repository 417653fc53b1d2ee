#!/usr/bin/env node
// Where the public data sets are (PlanetLab, Bitbrains, SPECpower tables, BPPLIB, Caprara-Toth,
// multi-dimensional VBP, an RVTools-layout workbook): CONSOLIDATE_DATA_DIR, relative paths taken
// from the repository root; by default a `shared/data` folder beside the clone, where CI puts it.
// Only the data suite (`npm run test:data`) and the benchmarks read them; `npm test` never does.
//
// `node scripts/data-dir.mjs` checks the folder and exits 1 with one message when it is missing.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR_DEFAULT = '../shared/data';

/** The data folder in force (absolute). */
export function dataDir(env = process.env) {
  return resolve(REPO_ROOT, env.CONSOLIDATE_DATA_DIR || DATA_DIR_DEFAULT);
}

export function dataDirExists(dir = dataDir()) {
  return existsSync(dir) && statSync(dir).isDirectory();
}

export function missingDataMessage(dir = dataDir()) {
  return (
    `the public data sets are not at ${dir}: set CONSOLIDATE_DATA_DIR to the folder that holds them ` +
    '(e.g. CONSOLIDATE_DATA_DIR=../shared/data npm run test:data); `npm test` does not need them'
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = dataDir();
  if (!dataDirExists(dir)) {
    process.stderr.write(`data suite: ${missingDataMessage(dir)}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`data suite: reading the public data sets from ${dir}\n`);
  }
}
