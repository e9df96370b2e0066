/**
 * What a figure's cell says, as the municipalities type it: "2", "11 253", "divdesmit",
 * "~30", "nav datu", "0,5 slodzes". A cell is read only when it says one thing; a number in
 * words is read with a note, an approximate or a mixed cell is a problem to report.
 */

export type CountReading =
  | { kind: 'number'; value: number; note?: string }
  | { kind: 'none' }
  | { kind: 'empty' }
  | { kind: 'problem'; message: string; hint: string };

const UNITS: Record<string, number> = {
  nulle: 0, viens: 1, viena: 1, divi: 2, divas: 2, trīs: 3, četri: 4, četras: 4, pieci: 5, piecas: 5, seši: 6, sešas: 6,
  septiņi: 7, septiņas: 7, astoņi: 8, astoņas: 8, deviņi: 9, deviņas: 9, desmit: 10,
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};
const LV_STEMS: [RegExp, number][] = [
  [/^vien/, 1], [/^div/, 2], [/^trī|^trij/, 3], [/^četr/, 4], [/^piec/, 5], [/^seš/, 6], [/^septiņ/, 7], [/^astoņ/, 8], [/^deviņ/, 9],
];

/** Latvian (or English) number words up to 999: "divdesmit trīs", "simt divdesmit", "twenty-one". */
export function numberFromWords(text: string): number | undefined {
  const words = text.toLowerCase().replace(/-/g, ' ').split(/\s+/).filter((w) => w && w !== 'and' && w !== 'un');
  if (!words.length) return undefined;
  let total = 0;
  for (const w of words) {
    if (w in UNITS) {
      total = UNITS[w] === 100 ? (total || 1) * 100 : total + UNITS[w]!;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^(.*)padsmit$/.exec(w))) {
      const u = LV_STEMS.find(([re]) => re.test(m![1]!));
      if (!u) return undefined;
      total += 10 + u[1];
    } else if ((m = /^(.*)desmit$/.exec(w))) {
      const u = LV_STEMS.find(([re]) => re.test(m![1]!));
      if (!u) return undefined;
      total += 10 * u[1];
    } else if ((m = /^(.*?)\s*simt[si]?$/.exec(w)) || (m = /^(.*?)simti?$/.exec(w))) {
      const u = m[1] ? LV_STEMS.find(([re]) => re.test(m![1]!)) : ([/./, 1] as [RegExp, number]);
      if (!u) return undefined;
      total += 100 * u[1];
    } else return undefined;
  }
  return total;
}

const NONE = /^(nav( datu| informācijas| uzskaites)?|nav zināms|netiek uzskaitīts|n\/a|n\.a\.|no data|not tracked|-|—|–)\.?$/i;
const APPROX = /^(~|≈|±|>|<|≥|≤|ap\.?\s|apm\.?\s|aptuveni\s|vairāk nekā\s|mazāk nekā\s|līdz\s|virs\s|about\s|approx\.?\s|over\s|more than\s)|\+$|\bap\.?\s*\d|aptuveni/i;

/** A count from a cell. */
export function readCount(cell: string): CountReading {
  const t = cell.trim().replace(/\.$/, '');
  if (!t) return { kind: 'empty' };
  if (NONE.test(t)) return { kind: 'none' };
  if (/^\d{1,3}(?:[  ]\d{3})+$|^\d+$/.test(t)) return { kind: 'number', value: Number(t.replace(/[  ]/g, '')) };
  if (APPROX.test(t)) {
    return { kind: 'problem', message: `an approximate number ("${cell.trim()}"), not a count`, hint: 'the report prints counts: ask the municipality for the number and type it in the cell (or run with --partial to leave the figure to fill)' };
  }
  const words = numberFromWords(t);
  if (words !== undefined) return { kind: 'number', value: words, note: `the cell says "${cell.trim()}" (in words): read as ${words}` };
  const numbers = [...t.matchAll(/\d{1,3}(?:[  ]\d{3})+(?!\d)|\d+/g)];
  if (numbers.length === 1) {
    const value = Number(numbers[0]![0].replace(/[  ]/g, ''));
    return { kind: 'number', value, note: `the cell says "${cell.trim()}": read as ${value}` };
  }
  return {
    kind: 'problem',
    message: numbers.length ? `more than one number in a count ("${cell.trim()}")` : `not a number ("${cell.trim()}")`,
    hint: 'type one whole number in the cell ("nav datu" where the municipality keeps no count), or run with --partial to leave the figure to fill',
  };
}

export type Load = 'none' | 'part-time' | 'full-time' | 'more-than-one';

/** The coordinator's load as the export writes it, per language. */
export const LOAD_WORDS: Record<'lv' | 'en', Record<Load, string>> = {
  lv: { none: 'nav atsevišķa amata', 'part-time': 'daļēja slodze', 'full-time': 'pilna slodze', 'more-than-one': 'vairāk nekā viena slodze' },
  en: { none: 'no dedicated post', 'part-time': 'part-time', 'full-time': 'full-time', 'more-than-one': 'more than one post' },
};

export type LoadReading = { kind: 'load'; load: Load; fte?: number } | { kind: 'empty' } | { kind: 'problem'; message: string; hint: string };

/** "pilna slodze (1)", "0,5", "nav", "daļēja slodze (0,5)", "2 slodzes". */
export function readLoad(cell: string): LoadReading {
  const t = cell.trim().toLowerCase();
  if (!t) return { kind: 'empty' };
  const fteMatch = /(\d+(?:[.,]\d+)?)/.exec(t);
  const fte = fteMatch ? Number(fteMatch[1]!.replace(',', '.')) : undefined;
  const byWords = (Object.entries({ ...LOAD_WORDS.lv }) as [Load, string][]).concat(Object.entries(LOAD_WORDS.en) as [Load, string][]).find(([, w]) => t.startsWith(w));
  let load: Load | undefined = byWords?.[0];
  if (!load) {
    if (/^(nav|none|no\b)/.test(t)) load = 'none';
    else if (/daļēj|nepiln|part/.test(t)) load = 'part-time';
    else if (/vairāk|more/.test(t)) load = 'more-than-one';
    else if (/piln|full/.test(t)) load = 'full-time';
    else if (fte !== undefined && /^\d+(?:[.,]\d+)?( (slodze|slodzes|likme|likmes|fte))?$/.test(t)) load = fte === 0 ? 'none' : fte < 1 ? 'part-time' : fte === 1 ? 'full-time' : 'more-than-one';
  }
  if (!load) return { kind: 'problem', message: `not a coordinator's load ("${cell.trim()}")`, hint: `write one of: ${Object.values(LOAD_WORDS.lv).join(', ')}, optionally with the posts in brackets ("daļēja slodze (0,5)"), or the number of posts` };
  return { kind: 'load', load, ...(fte !== undefined && fte > 0 ? { fte } : {}) };
}

export function writeLoad(lang: 'lv' | 'en', load: Load, fte?: number): string {
  return fte !== undefined ? `${LOAD_WORDS[lang][load]} (${String(fte).replace('.', lang === 'lv' ? ',' : '.')})` : LOAD_WORDS[lang][load];
}
