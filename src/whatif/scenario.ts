import { readFileSync, realpathSync, existsSync } from 'node:fs';
import { dirname, resolve, relative, isAbsolute, sep } from 'node:path';
import { PlanOptionsSchema, optionSpecs, type PlanOptionsInput } from '../model/options.js';
import { InputError, OptionsError } from '../errors.js';
import { optionProblemOf } from '../model/option-problems.js';
import { renderOptionProblem } from '../model/messages.js';

/**
 * A what-if scenario file:
 *
 * ```json
 * { "base": { "servers": "servers.csv", "hostType": "dell-r7525" },
 *   "variations": [ { "name": "kvm", "hypervisor": "kvm" }, { "name": "headroom-30", "cpuTarget": 70 } ] }
 * ```
 *
 * `base` holds plan options; each variation has a unique `name` (and an optional `description`)
 * and overrides any option. A variation value of `null` removes the base's value (e.g. to switch
 * from `hostType` to `hosts`). Option names and validation are those of `PlanOptionsSchema`, the
 * same schema the CLI flags and the API use: nothing here copies its fields.
 */
export interface ScenarioFile {
  base: Record<string, unknown>;
  variations: { name: string; description?: string; options: Record<string, unknown> }[];
}

/** One resolved scenario: its name and the merged, validated plan options. */
export interface Scenario {
  name: string;
  description?: string;
  /** Options as written (paths as the file names them), base merged with the variation. */
  options: PlanOptionsInput;
}

/** A problem found in the scenario file, with its JSON path (e.g. `variations[2].cpuTarget`). */
export interface ScenarioError {
  path: string;
  message: string;
}

/** The name the base scenario carries in results. */
export const BASE_NAME = 'base';
const META_KEYS = new Set(['name', 'description']);

function fmtPath(parts: (string | number)[]): string {
  let s = '';
  for (const p of parts) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}


const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Copies own enumerable keys into a null-prototype object (a "__proto__" key stays data). */
function safeCopy(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(o)) out[k] = o[k];
  return out;
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = safeCopy(base);
  for (const k of Object.keys(over)) {
    if (over[k] === null) delete out[k];
    else out[k] = over[k];
  }
  return { ...out };
}

/**
 * Validates a parsed scenario document and returns the scenarios (base first, then the
 * variations in file order) or every error found, each with its path.
 */
export function parseScenarioDocument(doc: unknown): { scenarios: Scenario[]; errors: ScenarioError[] } {
  const errors: ScenarioError[] = [];
  if (!isPlainObject(doc)) return { scenarios: [], errors: [{ path: '(root)', message: 'expected an object with "base" and "variations"' }] };
  for (const k of Object.keys(doc)) if (k !== 'base' && k !== 'variations' && k !== 'description' && k !== '$schema') errors.push({ path: k, message: 'unknown key; expected "base" and "variations"' });
  const base = doc.base === undefined ? {} : doc.base;
  if (!isPlainObject(base)) errors.push({ path: 'base', message: 'expected an object of plan options' });
  const vars = doc.variations === undefined ? [] : doc.variations;
  if (!Array.isArray(vars)) errors.push({ path: 'variations', message: 'expected an array of { "name": ..., <option>: <value> }' });
  if (errors.length) return { scenarios: [], errors };
  const baseOpts = base as Record<string, unknown>;

  const scenarios: Scenario[] = [];
  const check = (merged: Record<string, unknown>, owner: (key: string) => string) => {
    const r = PlanOptionsSchema.safeParse(merged, { reportInput: true });
    if (r.success) return true;
    for (const i of r.error.issues) {
      if (i.code === 'unrecognized_keys') {
        for (const key of i.keys) errors.push({ path: fmtPath([owner(key), key]), message: 'unknown option' });
        continue;
      }
      const key = i.path[0];
      const p = key === undefined ? owner('') : fmtPath([owner(String(key)), ...(i.path as (string | number)[])]);
      errors.push({ path: p, message: renderOptionProblem(optionProblemOf(i)) });
    }
    return false;
  };

  const before = errors.length;
  check({ ...safeCopy(baseOpts) }, () => 'base');
  if (errors.length === before) scenarios.push({ name: BASE_NAME, options: { ...safeCopy(baseOpts) } as PlanOptionsInput });

  const names = new Set<string>([BASE_NAME]);
  (vars as unknown[]).forEach((v, idx) => {
    const at = `variations[${idx}]`;
    if (!isPlainObject(v)) {
      errors.push({ path: at, message: 'expected an object { "name": ..., <option>: <value> }' });
      return;
    }
    const name = v.name;
    if (typeof name !== 'string' || name.trim() === '') {
      errors.push({ path: `${at}.name`, message: 'expected a non-empty string' });
      return;
    }
    if (names.has(name)) errors.push({ path: `${at}.name`, message: `duplicate scenario name ${JSON.stringify(name)}${name === BASE_NAME ? ' (reserved for the base)' : ''}` });
    names.add(name);
    if (v.description !== undefined && typeof v.description !== 'string') errors.push({ path: `${at}.description`, message: 'expected a string' });
    const over: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v)) if (!META_KEYS.has(k)) over[k] = v[k];
    const merged = merge(baseOpts, over);
    const mark = errors.length;
    check(merged, (key) => (key !== '' && Object.prototype.hasOwnProperty.call(over, key) ? at : 'base'));
    // An error in the base is reported once, under "base", not again for every variation.
    const seen = new Set(errors.slice(0, mark).map((e) => `${e.path}\0${e.message}`));
    const added = errors.splice(mark).filter((e) => !seen.has(`${e.path}\0${e.message}`));
    errors.push(...added);
    if (!added.length) scenarios.push({ name, ...(typeof v.description === 'string' ? { description: v.description } : {}), options: merged as PlanOptionsInput });
  });
  return { scenarios: errors.length ? [] : scenarios, errors };
}

/**
 * Option keys that name input files: the option table's `path` options (model/options.ts). Future
 * input options are covered too: any other string value that looks like a file path (has a slash
 * or a file extension such as .csv/.json/.xlsx) is checked by the same rule.
 */
export const PATH_OPTION_KEYS = new Set<string>(optionSpecs().filter((o) => o.spec.kind === 'path').map((o) => o.name));
const LOOKS_LIKE_PATH = /[\\/]|\.(csv|tsv|json|xlsx|xls|txt|gz|zip)$/i;

export function pathKeysOf(options: Record<string, unknown>): string[] {
  return Object.keys(options)
    .filter((k) => typeof options[k] === 'string' && (PATH_OPTION_KEYS.has(k) || LOOKS_LIKE_PATH.test(options[k] as string)))
    .sort();
}

export interface PathRule {
  /** Folder that every input path must lie in; default: the scenario file's folder. */
  root: string;
  /** Lift the containment check entirely (--allow-outside). */
  allowOutside: boolean;
}

const realOrSelf = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

/** Whether `child` (real path) lies inside `parent` (real path) or is it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/**
 * The path rule of scenario files. Each path is resolved against the scenario file's folder;
 * then, after following symlinks, it must lie inside the root (the scenario's folder, or the
 * folder given by --root). This holds for absolute paths and `..` alike; --allow-outside lifts
 * the rule. So a scenario file received from someone else can read only files beside it.
 */
export function checkScenarioPaths(scenarios: Scenario[], scenarioDir: string, rule: PathRule): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const root = realOrSelf(resolve(rule.root));
  const seen = new Set<string>();
  scenarios.forEach((s, i) => {
    const o = s.options as Record<string, unknown>;
    for (const k of pathKeysOf(o)) {
      const raw = o[k] as string;
      const key = `${k}\0${raw}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const abs = resolve(scenarioDir, raw);
      const real = realOrSelf(abs);
      const where = i === 0 ? `base.${k}` : `${s.name}.${k}`;
      if (!rule.allowOutside && !isInside(root, real)) {
        errors.push({ path: where, message: `${JSON.stringify(raw)} resolves outside the scenario folder ${root}; move the file there, pass --root DIR, or --allow-outside` });
      } else if (!existsSync(abs)) {
        errors.push({ path: where, message: `${JSON.stringify(raw)}: file not found (paths are relative to the scenario file)` });
      }
    }
  });
  return errors;
}

/** Formats collected errors as one message, one line per path. */
export function formatScenarioErrors(file: string, errors: ScenarioError[]): string {
  return `${file}: invalid scenario file:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`;
}

export interface LoadedScenarios {
  file: string;
  dir: string;
  /** The file's top-level "description", when it has one. */
  description?: string;
  scenarios: Scenario[];
}

/**
 * Reads, validates and path-checks a scenario file. Throws an OptionsError (exit 2) listing every
 * problem by path.
 */
export function loadScenarioFile(file: string, opts: { cwd?: string; root?: string; allowOutside?: boolean; label?: string } = {}): LoadedScenarios {
  const label = opts.label ?? file;
  const abs = resolve(opts.cwd ?? process.cwd(), file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new InputError(`${label}: file could not be read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file: label });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${label}: not valid JSON: ${(e as Error).message}`, { file: label });
  }
  return fromScenarioDocument(doc, dirname(abs), { ...opts, label });
}

/** Validates an in-memory scenario document whose relative paths resolve against `dir`. */
export function fromScenarioDocument(doc: unknown, dir: string, opts: { root?: string; allowOutside?: boolean; label?: string } = {}): LoadedScenarios {
  const label = opts.label ?? 'scenario';
  const { scenarios, errors } = parseScenarioDocument(doc);
  if (errors.length) throw new OptionsError(formatScenarioErrors(label, errors), { file: label });
  const root = opts.root ? resolve(opts.root) : dir;
  const pathErrors = checkScenarioPaths(scenarios, dir, { root, allowOutside: opts.allowOutside ?? false });
  if (pathErrors.length) throw new OptionsError(formatScenarioErrors(label, pathErrors), { file: label });
  const description = isPlainObject(doc) && typeof doc.description === 'string' && doc.description.trim() !== '' ? doc.description : undefined;
  return { file: label, dir, ...(description ? { description } : {}), scenarios };
}
