import { ISSUE_CODES, codeMeaning } from '../model/messages.js';
import { optionSpecs, ruleText, shownDefault } from '../model/options.js';
import { ALIAS_TABLES } from '../ingest/fields.js';
import { UNITS, CANONICAL_UNIT } from '../ingest/units.js';
import { WORD_SYNONYMS, FILLER_WORDS } from '../ingest/words.js';

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

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The table of plan options (README "Options"): flag, the key in API calls and scenario files,
 * its rule, default, registry key, commands and meaning, in option-table order.
 */
export function optionsTable(): string {
  const rows = optionSpecs().map(({ name, flag, spec }) => {
    const f = spec.noFlag ? '(API and scenario files)' : `\`${flag}${spec.kind === 'boolean' ? '' : ` ${spec.placeholder ?? (spec.kind === 'choice' ? 'NAME' : 'VALUE')}`}\``;
    const def = shownDefault(spec);
    const cmds = spec.commands.length ? spec.commands.join(', ') : '-';
    return `| ${f} | \`${name}\` | ${cell(ruleText(spec))} | ${def !== undefined ? cell(def) : '-'} | ${spec.registry ? `\`${spec.registry}\`` : '-'} | ${cmds} | ${cell(spec.describe)} |`;
  });
  return ['| flag | key | value | default | registry key | commands | meaning |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/**
 * The alias tables (README "Column names"): per CSV input format, each column's canonical name,
 * its unit, the other names it is found by, and its meaning, from src/ingest/fields.ts.
 */
export function aliasTables(): string {
  const out: string[] = [];
  for (const t of ALIAS_TABLES) {
    out.push(`**${t.title}** (\`${t.option}\`)`, '', '| column | unit | also found as | meaning |', '| --- | --- | --- | --- |');
    for (const f of t.fields) {
      const names = f.aliases.map((a) => `\`${a}\``);
      if (f.unitAliases?.length) names.push(`with a ${f.quantity} unit: ${f.unitAliases.map((a) => `\`${a}\``).join(', ')}`);
      out.push(`| \`${f.key}\` | ${f.quantity ? CANONICAL_UNIT[f.quantity] : '-'} | ${cell(names.join(', ')) || '-'} | ${cell(f.meaning)} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** The units a header, a `[UNIT]` suffix or `--units` may name (README "Units"), from src/ingest/units.ts. */
export function unitsTable(): string {
  const rows = UNITS.map((u) => `| ${u.quantity} | \`${u.id}\` | ${u.names.map((n) => `\`${n}\``).join(', ')}${u.id === 'percent' ? ', `%`' : ''} | ${cell(u.meaning)} |`);
  return ['| quantity | unit | spellings (any case) | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The words that mean one thing in column names, and the filler words (README "Column names"), from src/ingest/words.ts. */
export function wordsTable(): string {
  const rows = WORD_SYNONYMS.map((w) => `| \`${w.word}\` | ${w.also.map((a) => `\`${a}\``).join(', ')} |`);
  return ['| word | also written |', '| --- | --- |', ...rows, '', `Filler words, dropped: ${FILLER_WORDS.map((w) => `\`${w}\``).join(', ')}.`].join('\n');
}

export function generatedSections(): GeneratedSection[] {
  return [
    { name: 'codes', text: codesTable() },
    { name: 'options', text: optionsTable() },
    { name: 'aliases', text: aliasTables() },
    { name: 'words', text: wordsTable() },
    { name: 'units', text: unitsTable() },
  ];
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
