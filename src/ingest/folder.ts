import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { issueError } from '../model/issue.js';
import { unreadableError } from './csv.js';
import { naturalCompare } from './utilization.js';

/**
 * Lists the regular files of a trace folder, sorted with `naturalCompare` (never in directory
 * listing order), leaving out hidden files and documentation (`*.md`, `*.txt`), which are
 * returned separately so the caller can report them.
 */
export function listTraceFiles(dir: string, label: string, accept: (name: string) => boolean = () => true): { files: string[]; skipped: string[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw issueError('file.unreadable', { reason: 'not-a-folder' }, { file: label });
    names = readdirSync(dir);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw unreadableError(e, label, 'folder');
  }
  const files: string[] = [];
  const skipped: string[] = [];
  for (const n of names.sort(naturalCompare)) {
    let isFile = false;
    try {
      isFile = statSync(join(dir, n)).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) continue;
    if (n.startsWith('.') || /\.(md|txt)$/i.test(n) || !accept(n)) skipped.push(n);
    else files.push(n);
  }
  if (files.length === 0) throw issueError('file.unreadable', { reason: 'no-trace-files' }, { file: label });
  return { files, skipped };
}

/** The path of a file inside a folder, as the user would name it (`label/name`). */
export function childLabel(label: string, name: string): string {
  return label.endsWith('/') ? `${label}${name}` : `${label}/${name}`;
}
