import { ISSUE_CODES, codeMeaning } from '../model/messages.js';

/**
 * Sections of README.md generated from the code, so the documentation cannot drift from it:
 * each lives between `<!-- NAME:begin -->` and `<!-- NAME:end -->`, `npm run readme` rewrites
 * them, and a test fails when the committed README differs from what this generates.
 */
export interface GeneratedSection {
  name: string;
  text: string;
}

/** The table of message codes with their meaning (README "Message codes"). */
export function codesTable(): string {
  const rows = ISSUE_CODES.map((c) => `| \`${c}\` | ${codeMeaning(c).replace(/\|/g, '\\|')} |`);
  return ['| code | meaning |', '| --- | --- |', ...rows].join('\n');
}

export function generatedSections(): GeneratedSection[] {
  return [{ name: 'codes', text: codesTable() }];
}

/** Replaces each generated section of a README text; throws when a section's markers are missing. */
export function fillSections(readme: string, sections: GeneratedSection[] = generatedSections()): string {
  let out = readme;
  for (const s of sections) {
    const begin = `<!-- ${s.name}:begin -->`;
    const end = `<!-- ${s.name}:end -->`;
    const a = out.indexOf(begin);
    const b = out.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README has no ${begin} ... ${end} section`);
    out = `${out.slice(0, a + begin.length)}\n${s.text}\n${out.slice(b)}`;
  }
  return out;
}
