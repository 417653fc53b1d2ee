import type { z } from 'zod';
import { issue, type Issue } from './issue.js';
import { renderOptionProblem, type OptionProblem } from './messages.js';
import { OptionsError } from '../errors.js';
import { OPTIONS, flagOf } from './options.js';

/**
 * Option validation errors as data: a zod issue (from the option table's schema, a scenario file
 * or a config file) becomes an `OptionProblem` (too small, too big, not a whole number, not one of
 * the choices, unknown option, a rule), rendered by the one catalogue, model/messages.ts.
 * Parse with `{ reportInput: true }` so that the offending value is named ("got 150").
 */

const ORIGINS = new Set(['number', 'array', 'string']);

/** The problem of one zod issue. */
export function optionProblemOf(zi: z.core.$ZodIssue): OptionProblem {
  const got = (zi as { input?: unknown }).input;
  const withGot = got === undefined ? {} : { got };
  switch (zi.code) {
    case 'too_small': {
      const origin = String((zi as { origin?: unknown }).origin ?? 'number');
      return { kind: 'too-small', minimum: Number(zi.minimum), inclusive: zi.inclusive ?? true, ...(ORIGINS.has(origin) && origin !== 'number' ? { of: origin as 'array' | 'string' } : {}), ...withGot };
    }
    case 'too_big': {
      const origin = String((zi as { origin?: unknown }).origin ?? 'number');
      return { kind: 'too-big', maximum: Number(zi.maximum), inclusive: zi.inclusive ?? true, ...(ORIGINS.has(origin) && origin !== 'number' ? { of: origin as 'array' | 'string' } : {}), ...withGot };
    }
    case 'invalid_type':
      if (zi.expected === 'int') return { kind: 'not-integer', ...withGot };
      return { kind: 'type', expected: zi.expected === 'number' ? 'a number' : zi.expected === 'boolean' ? 'true or false' : zi.expected === 'string' ? 'a string' : zi.expected === 'object' ? 'an object' : zi.expected === 'array' ? 'a list' : String(zi.expected), ...withGot };
    case 'invalid_value':
      return { kind: 'choice', values: zi.values.map(String), ...withGot };
    case 'unrecognized_keys':
      return { kind: 'unknown-option' };
    default:
      // refinements carry their rule as their message (written by us, in the option table or the registry)
      return { kind: 'rule', rule: zi.message, ...withGot };
  }
}

/** Every zod issue as `option.invalid` issues, one per option (unknown keys: one per key). */
export function optionIssues(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  const out: Issue[] = [];
  for (const zi of error.issues) {
    if (zi.code === 'unrecognized_keys') {
      for (const k of zi.keys) out.push(issue('option.invalid', 'error', { option: pathText([...zi.path, k]), problem: { kind: 'unknown-option' } }, { path: [...prefix, ...(zi.path as (string | number)[]), k] }));
      continue;
    }
    const path = zi.path as (string | number)[];
    const flag = path.length === 1 && typeof path[0] === 'string' && Object.hasOwn(OPTIONS, path[0]) && !OPTIONS[path[0] as keyof typeof OPTIONS].spec.noFlag ? { flag: flagOf(path[0]) } : {};
    out.push(issue('option.invalid', 'error', { option: pathText(path) || '(root)', ...flag, problem: optionProblemOf(zi) }, { path: [...prefix, ...path] }));
  }
  return out;
}

/** `variations[2].cpuTarget` from a path. */
export function pathText(parts: readonly (string | number | symbol)[]): string {
  let s = '';
  for (const p of parts) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

/** The OptionsError (exit 2) for a failed parse of options: every problem, in one message. */
export function optionsError(error: z.ZodError): OptionsError {
  const issues = optionIssues(error);
  const e = new OptionsError(issues.map((i) => i.message).join('; '), {}, issues[0]);
  return e;
}

/** "path: problem" lines (config and scenario files, whose messages start with their own path). */
export function problemLines(error: z.ZodError, pathOf: (zi: z.core.$ZodIssue) => string = (zi) => pathText(zi.path) || '(root)'): string[] {
  return error.issues.map((zi) => `${pathOf(zi)}: ${renderOptionProblem(optionProblemOf(zi))}`);
}
