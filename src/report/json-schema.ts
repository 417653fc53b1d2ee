import { z } from 'zod';
import { PlanResultSchema, PackResultSchema, SCHEMA_VERSION } from '../model/plan-result.js';

/**
 * JSON Schemas (draft 2020-12) of the JSON outputs, generated from the zod schemas with zod 4's
 * `z.toJSONSchema`, so the published schema cannot drift from the code. scripts/gen-schema.mjs
 * writes them to schema/; the package exports `consolidation-planner/plan-result.schema.json`.
 */
/**
 * The JSON contract says keys may be added and never renamed, so objects in the published schema
 * accept additional properties (zod's output mode would forbid them).
 */
function openObjects(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(openObjects);
  if (typeof x !== 'object' || x === null) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === 'additionalProperties' && v === false) continue;
    out[k] = openObjects(v);
  }
  return out;
}

function schemaText(schema: z.ZodType, id: string, title: string, description: string): string {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = openObjects(json) as Record<string, unknown>;
  const out = { $schema, $id: id, title, description, ...rest };
  return JSON.stringify(out, null, 2) + '\n';
}

/** File name → schema text (stable bytes). */
export function generateSchemas(): Record<string, string> {
  return {
    'plan-result.schema.json': schemaText(
      PlanResultSchema,
      'https://consolidation-planner.dev/schema/plan-result.schema.json',
      `consolidate plan --format json (schemaVersion ${SCHEMA_VERSION})`,
      'The PlanResult: summary (before/after hosts, power, energy, cost, CO2), hosts, VMs, unplaced VMs, issues and assumptions. Keys may be added; none are renamed.',
    ),
    'pack-result.schema.json': schemaText(
      PackResultSchema,
      'https://consolidation-planner.dev/schema/pack-result.schema.json',
      `consolidate pack --format json (schemaVersion ${SCHEMA_VERSION})`,
      'The PackResult of pure vector bin packing: summary, hosts, items, unplaced items and issues.',
    ),
  };
}
