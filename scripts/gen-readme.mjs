#!/usr/bin/env node
// Rewrites the generated sections of README.md (message codes, plan options) from the code. Run
// after `npm run build`: `npm run readme`. With --check, exits 1 when README.md is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillSections } from '../dist/report/docs.js';

const path = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const before = readFileSync(path, 'utf8');
const after = fillSections(before);
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error('README.md generated sections are out of date: run npm run readme');
    process.exitCode = 1;
  }
} else if (after !== before) {
  writeFileSync(path, after);
  console.log('wrote README.md');
}
