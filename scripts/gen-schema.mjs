#!/usr/bin/env node
// Generates the JSON Schemas of the plan and pack results from the zod schemas (the single source
// of truth) into schema/. Run after `npm run build`: `npm run schema`. With --check, exits 1 when
// the committed files differ from what the zod schemas generate (the test does the same).
import { writeFileSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchemas } from '../dist/report/json-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, text] of Object.entries(generateSchemas())) {
  const path = resolve(root, 'schema', file);
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.error(`${file} is out of date: run npm run schema`);
      stale++;
    }
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote schema/${file}`);
  }
}
process.exitCode = stale ? 1 : 0;
