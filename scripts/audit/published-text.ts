/**
 * The content against the text of the printed edition (content/<edition>/published.txt, as
 * extracted from the ministry's PDF): for each section, are its words the published words?
 * Part of `npm run audit`, so the tests can check the pipeline on whatever the content is,
 * and a correction shows here as a difference to explain (errata.yaml, `sections:`).
 *
 * Both sides are read as words with whitespace ignored: list markers and Markdown marks are
 * dropped, a footnote call reads as its number ("word¹" and "[^x]" both as " N"), footnote
 * lines and definitions are left out. Quotation marks are compared as marks, not glyphs: the
 * report sets them in its language's style whatever either text typed, so a source that says
 * "…" where the edition printed “…” is no difference (a mark missing or added still is).
 */
import type { Edition } from '../load/edition.js';
import { DOUBLE_MARKS, SINGLE_MARKS } from '../transform/plugins/rehype-quotes.js';

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const supToInt = (s: string) => Number([...s].map((c) => SUP.indexOf(c)).join(''));
const FOOTNOTE_LINE = new RegExp(`^\\s*([${SUP}]+)\\s*<?(https?://\\S+?)>?\\s*$`);
const DASHES = /^[-–—•·▪]+$/;

const words = (text: string) => text.split(/\s+/).filter((w) => w && !DASHES.test(w));

export interface PublishedSection {
  title: string;
  words: string[];
}

/** The published sections, found by the titles of the published contents. */
export function publishedSections(text: string): PublishedSection[] {
  const lines = text.split('\n');
  const start = lines.indexOf('SATURS') + 1;
  const toc: string[] = [];
  for (const line of lines.slice(start)) {
    const m = /^(.*?)[.\s]*\t(\d+)$/.exec(line);
    if (m) toc.push(m[1]!.replace(/\.+$/, '').trim());
    else if (line.trim() && toc.length > 0 && !/\t/.test(line)) break;
  }
  if (!toc.length) return [];
  let from = lines.findIndex((l, i) => i > start && l.startsWith(toc.at(-1)!)) + 1;
  const starts: number[] = [];
  for (const title of toc) {
    const at = lines.findIndex((l, i) => i >= from && l.trim().toLocaleUpperCase('lv') === title.toLocaleUpperCase('lv'));
    if (at < 0) return [];
    starts.push(at);
    from = at + 1;
  }
  return toc.map((title, i) => {
    const body = lines
      .slice(starts[i]! + 1, starts[i + 1] ?? lines.length)
      .filter((l) => !FOOTNOTE_LINE.test(l))
      .join('\n')
      .replace(/\[([^\]]+)\]\(#\)/g, '$1')
      .replace(/<(https?:\/\/[^>]+)>/g, '$1')
      .replace(/\*+/g, '')
      .replace(new RegExp(`\\s?([${SUP}]+)`, 'g'), (_m, s: string) => ` ${supToInt(s)}`);
    return { title, words: words(body) };
  });
}

/** A Markdown source's words as the published text would have them; calls numbered from `first`. */
export function contentWords(markdown: string, first: number): { words: string[]; notes: number } {
  const numbers = new Map<string, number>();
  const text = markdown
    .split('\n')
    .filter((l) => !/^\[\^[^\]]+\]:/.test(l.trim()))
    .join('\n')
    .replace(/\[\^([^\]]+)\]/g, (_m, label: string) => {
      if (!numbers.has(label)) numbers.set(label, first + numbers.size);
      return ` ${numbers.get(label)}`;
    })
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/<([^@\s>]+@[^>\s]+)>/g, '$1')
    .replace(/<\/?(sup|sub)>|<br\s*\/?>/g, '')
    .replace(/\*+/g, '')
    .replace(/\\$/gm, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1');
  return { words: words(text), notes: numbers.size };
}

export interface TextDifference {
  id: string;
  /** Where the two first part, shown with a few words either side. */
  published: string;
  content: string;
}

const DOUBLE = new RegExp(`[${DOUBLE_MARKS}]`, 'g');
const SINGLE = new RegExp(`[${SINGLE_MARKS}]`, 'g');
/** Every quotation mark as its plain kind, one character for one. */
export const plainQuotes = (text: string) => text.replace(DOUBLE, '"').replace(SINGLE, "'");

/** The first difference of two word lists (whitespace and quotation glyphs ignored), or undefined. */
function difference(a: string[], b: string[]): { published: string; content: string } | undefined {
  const x = plainQuotes(a.join(''));
  const y = plainQuotes(b.join(''));
  if (x === y) return undefined;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const at = (ws: string[], chars: number) => {
    let n = 0;
    const k = ws.findIndex((w) => (n += w.length) > chars);
    const from = Math.max(0, (k < 0 ? ws.length : k) - 4);
    return ws.slice(from, from + 9).join(' ');
  };
  return { published: at(a, i), content: at(b, i) };
}

/** Each section whose words differ from the published text (in report order). */
export function textDifferences(edition: Edition, published: string): { compared: number; differences: TextDifference[] } {
  const sections = publishedSections(published);
  const byTitle = new Map(sections.map((s) => [s.title.toLocaleUpperCase('lv'), s]));
  let note = 1;
  const differences: TextDifference[] = [];
  let compared = 0;
  // Footnote numbers run through the report: the front chapters' calls come first. A front
  // chapter the published contents names is compared too (an erratum names it by its id).
  for (const id of edition.manifest.edition.front) {
    const text = edition.chapters.get(id)?.text ?? '';
    const mine = contentWords(text.replace(/^\|[\s|:-]*\|\s*$/gm, '').replace(/\|/g, ' '), note);
    note += mine.notes;
    const title = edition.texts?.chapters[id]?.title;
    const theirs = title ? byTitle.get(title.toLocaleUpperCase('lv')) : undefined;
    if (!theirs) continue;
    compared++;
    const d = difference(theirs.words, mine.words);
    if (d) differences.push({ id, ...d });
  }
  for (const e of edition.manifest.entries) {
    const src = edition.sections.get(e.id);
    if (!src) continue;
    const mine = contentWords(src.text, note);
    note += mine.notes;
    const theirs = byTitle.get((e.name[edition.sourceLang] ?? '').toLocaleUpperCase('lv'));
    if (!theirs) {
      differences.push({ id: e.id, published: '(no such section in the published text)', content: mine.words.slice(0, 9).join(' ') });
      continue;
    }
    compared++;
    const d = difference(theirs.words, mine.words);
    if (d) differences.push({ id: e.id, ...d });
  }
  return { compared, differences };
}
