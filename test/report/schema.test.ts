import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { generateSchemas } from '../../src/report/json-schema.js';
import { PlanResultSchema, PackResultSchema } from '../../src/model/plan-result.js';
import { runCli } from '../helpers/run-cli.js';
import { REPO } from '../helpers/paths.js';

/**
 * The published JSON Schemas (schema/*.schema.json, shipped in the package) are generated from
 * the zod schemas and checked in. They must be current, and real outputs must validate against
 * them with an independent validator (ajv, draft 2020-12).
 */
const committed = (f: string) => readFileSync(join(REPO, 'schema', f), 'utf8');
const generated = generateSchemas();

const planJson = JSON.parse(runCli(['plan', '--servers', 'examples/datacenter/servers.csv', '--time-limit', '0', '--format', 'json']).stdout);
const hostileJson = JSON.parse(runCli(['plan', '--servers', 'test/report/fixtures/hostile-servers.csv', '--time-limit', '0', '--format', 'json']).stdout);
const malformedJson = JSON.parse(runCli(['plan', '--servers', 'examples/malformed/servers.csv', '--time-limit', '0', '--format', 'json']).stdout);
const packJson = JSON.parse(runCli(['pack', 'examples/pack/vms.csv', '--hosts', 'examples/pack/hosts.csv', '--time-limit', '0', '--format', 'json']).stdout);

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validatePlan = ajv.compile(JSON.parse(committed('plan-result.schema.json')));
const validatePack = ajv.compile(JSON.parse(committed('pack-result.schema.json')));
const errors = (v: { errors?: unknown }) => JSON.stringify(v.errors, null, 1);

describe('published JSON Schema of the plan and pack results', () => {
  it('the committed schema files equal what the zod schemas generate (run `npm run schema` after changing plan-result.ts)', () => {
    for (const [file, text] of Object.entries(generated)) expect(committed(file), `schema/${file} is out of date: run npm run schema and commit it`).toBe(text);
  });

  it('package.json exports the plan schema and ships the schema folder', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.exports['./plan-result.schema.json']).toBe('./schema/plan-result.schema.json');
    expect(pkg.files).toContain('schema');
  });

  it('real plan outputs validate: the bundled data center, hostile names, a file with rejected rows', () => {
    for (const [name, j] of [
      ['datacenter', planJson],
      ['hostile', hostileJson],
      ['malformed', malformedJson],
    ] as const) {
      expect(validatePlan(j), `${name}: ${errors(validatePlan)}`).toBe(true);
      expect(PlanResultSchema.safeParse(j).success, name).toBe(true);
    }
    expect(malformedJson.summary.rows.rejected).toBeGreaterThan(0);
  });

  it('a real pack output validates', () => {
    expect(validatePack(packJson), errors(validatePack)).toBe(true);
    expect(PackResultSchema.safeParse(packJson).success).toBe(true);
  });

  it('the schema rejects what breaks the contract (so validation is not vacuous), and accepts added keys', () => {
    const noSummary = { ...planJson, summary: undefined };
    expect(validatePlan(JSON.parse(JSON.stringify(noSummary)))).toBe(false);
    expect(validatePlan({ ...planJson, schemaVersion: 2 })).toBe(false);
    expect(validatePlan({ ...planJson, hosts: [{ ...planJson.hosts[0], vms: 'x' }] })).toBe(false);
    expect(validatePlan({ ...planJson, summary: { ...planJson.summary, hostsUsed: 1.5 } })).toBe(false);
    expect(validatePlan({ ...planJson, somethingNew: { a: 1 }, summary: { ...planJson.summary, newFigure: 3 } })).toBe(true);
  });
});
