/**
 * Column names by their words. When no exact name of the alias table (fields.ts) matches a
 * header, the header is compared by its words: each word is read through WORD_SYNONYMS (`RAM`
 * and `Mem` are `memory`, `Usage` and `Utilization` are `util`, `Average` is `avg`, `Max` is
 * `peak`, `95th percentile` is `p95`, `#` and `Number` are `num`), the filler words that do not
 * change what a column holds are dropped (FILLER_WORDS: `Total`, `Installed`, `of`, ...), and the
 * order of the words does not count. So `Avg. CPU Utilization`, `CPU Usage Average` and
 * `cpu_util_avg` are one name, `Installed RAM` is `memory`, `# of CPUs` is `num cpus`.
 *
 * The names of the alias table are read the same way, so a header must still carry every word
 * of some name of a field (after synonyms), and no other: `CPU Ready` matches nothing. A test
 * checks that no two fields of a table share a word form.
 */

/** Words with one meaning in column names: each `also` spelling reads as `word`. */
export const WORD_SYNONYMS: readonly { word: string; also: readonly string[] }[] = [
  { word: 'memory', also: ['mem', 'ram'] },
  { word: 'util', also: ['utilization', 'utilisation', 'utilized', 'utilised', 'usage', 'load'] },
  { word: 'avg', also: ['average', 'mean'] },
  { word: 'peak', also: ['max', 'maximum', 'highest'] },
  { word: 'p95', also: ['95th percentile', '95 percentile', 'percentile 95th', 'percentile 95', '95th'] },
  { word: 'num', also: ['number', 'no', 'nr', 'count', '#'] },
  { word: 'cpu', also: ['processor', 'proc'] },
  { word: 'cpus', also: ['processors', 'procs'] },
  { word: 'core', also: ['cores'] },
  { word: 'vcpu', also: ['vcpus'] },
];

/** Words that do not change what a column holds, dropped before names are compared. */
export const FILLER_WORDS: readonly string[] = ['of', 'the', 'in', 'total', 'installed', 'configured', 'provisioned', 'allocated', 'physical', 'logical', 'size', 'capacity', 'amount', 'utc'];

const SYN = new Map<string, string>();
const PHRASES: [RegExp, string][] = [];
for (const s of WORD_SYNONYMS) {
  for (const a of s.also) {
    if (/\s/.test(a)) PHRASES.push([new RegExp(`(^|[^\\p{L}\\p{N}])${a.replace(/\s+/g, '[^\\p{L}\\p{N}]*')}(?=$|[^\\p{L}\\p{N}])`, 'giu'), `$1 ${s.word} `]);
    else SYN.set(a, s.word);
  }
}
const FILLER = new Set(FILLER_WORDS);

/**
 * The word form of a name: its words (letters and digits; `#` is a word), lower case, read
 * through the synonyms, fillers dropped, without repeats, sorted, joined by spaces.
 * @example wordKey('Avg. CPU Utilization') === wordKey('cpu_util_avg') // 'avg cpu util'
 * @example wordKey('# of CPUs') === 'cpus num'
 * @example wordKey('CPU Usage 95th Percentile') === 'cpu p95 util'
 */
export function wordKey(name: string): string {
  let s = name.replace(/^\ufeff/, '').toLowerCase();
  for (const [re, w] of PHRASES) s = s.replace(re, w);
  const words = s.replace(/#/g, ' # ').split(/[^\p{L}\p{N}#]+/u);
  const out = new Set<string>();
  for (const w of words) {
    if (w === '') continue;
    const c = SYN.get(w) ?? w;
    if (!FILLER.has(c)) out.add(c);
  }
  return [...out].sort().join(' ');
}
