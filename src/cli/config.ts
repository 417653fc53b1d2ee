import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { parseDefaultsOverrides, type DefaultsOverrides } from '../defaults/registry.js';

/**
 * Reads a `--config FILE`: a JSON object mapping default keys (as printed by `consolidate
 * defaults`) to values, e.g. `{ "facility.pue": 1.4, "overhead.cpu.hw-assist-ept.io": 1.3 }`.
 * Every key is validated (zod); all errors are reported together, by key. Exit 2 on any error.
 */
export function readConfigFile(path: string, cwd: string = process.cwd()): DefaultsOverrides {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    throw new InputError(`${path}: config file could not be read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file: path });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${path}: config file is not valid JSON: ${(e as Error).message}`, { file: path });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(`${path}: config file must be a JSON object of default keys to values`, { file: path });
  return parseDefaultsOverrides(raw, path);
}
