/**
 * The published 2025 text (tests/fixtures/seed-2025.txt, extracted from the ministry's PDF)
 * split into its sections, and the normalisation that makes it comparable word for word with
 * what pdftotext reads from our PDF.
 *
 * Normalisation, applied to both sides:
 *  - text is read as words, and tokens made only of dashes or bullets (list markers) are
 *    dropped;
 *  - whitespace is then ignored altogether: the words are compared as one string. A PDF
 *    line may break after "ERASMUS-" or "2021.–" where the published text does not, and
 *    pdftotext spaces footnote calls differently from the extraction ("word¹" / "word 1");
 *    every other character must be equal and in the same order;
 *  - Markdown marks the extraction left (**, *, <url>, [text](#)) are removed;
 * and to the seed only:
 *  - footnote lines ("¹ https://…") are removed: their texts are checked separately;
 *  - a superscript call "word¹" becomes "word 1", which is how the PDF reads;
 *  - page-break splits need no joining, since line breaks are whitespace;
 * and to the PDF only:
 *  - a hyphen that ends a line (marked by lineEndHyphens) may be the report's own
 *    hyphenation: where the published text has no hyphen there, it is skipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEED_FILE = join(import.meta.dirname, '..', 'fixtures', 'seed-2025.txt');
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const supToInt = (s: string) => Number([...s].map((c) => SUP.indexOf(c)).join(''));
const FOOTNOTE_LINE = new RegExp(`^\\s*([${SUP}]+)\\s*<?(https?://\\S+?)>?\\s*$`);

export interface SeedSection {
  title: string;
  /** Page the published contents gives. */
  publishedPage: number;
  lines: string[];
  /** Footnote number → URL, as the seed prints them in this section. */
  footnotes: Map<number, string>;
}

export function seedToc(text = readFileSync(SEED_FILE, 'utf8')): { title: string; page: number }[] {
  const lines = text.split('\n');
  const start = lines.indexOf('SATURS') + 1;
  const toc: { title: string; page: number }[] = [];
  for (const line of lines.slice(start)) {
    const m = /^(.*?)[.\s]*\t(\d+)$/.exec(line);
    if (m) toc.push({ title: m[1]!.replace(/\.+$/, '').trim(), page: Number(m[2]) });
    else if (line.trim() && toc.length > 0 && !/\t/.test(line)) break;
  }
  return toc;
}

export function seedSections(text = readFileSync(SEED_FILE, 'utf8')): SeedSection[] {
  const lines = text.split('\n');
  const toc = seedToc(text);
  const tocEnd = lines.findIndex((l, i) => i > lines.indexOf('SATURS') && l.startsWith(toc.at(-1)!.title));
  const starts: number[] = [];
  let from = tocEnd + 1;
  for (const { title } of toc) {
    const at = lines.findIndex((l, i) => i >= from && l.trim().toLocaleUpperCase('lv') === title.toLocaleUpperCase('lv'));
    if (at < 0) throw new Error(`seed: section "${title}" not found`);
    starts.push(at);
    from = at + 1;
  }
  return toc.map(({ title, page }, i) => {
    const body = lines.slice(starts[i]! + 1, starts[i + 1] ?? lines.length);
    const footnotes = new Map<number, string>();
    for (const l of body) {
      const m = FOOTNOTE_LINE.exec(l);
      if (m) footnotes.set(supToInt(m[1]!), m[2]!);
    }
    return { title, publishedPage: page, lines: body, footnotes };
  });
}

const DASHES = /^[-–—•·▪]+$/;

export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w && !DASHES.test(w));
}

/** The seed section's words after the normalisation described above. */
export function seedWords(section: SeedSection): string[] {
  const text = section.lines
    .filter((l) => !FOOTNOTE_LINE.test(l))
    .join('\n')
    .replace(/\[([^\]]+)\]\(#\)/g, '$1')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/\*+/g, '')
    .replace(new RegExp(`\\s?([${SUP}]+)`, 'g'), (_m, s: string) => ` ${supToInt(s)}`);
  return words(text);
}

/** Marks the hyphen at the end of a line, which may be a soft hyphen the layout used. */
export const LINE_END_HYPHEN = '\u2010';
export const lineEndHyphens = (text: string) => text.replace(/-(?=[ \t]*\n)/g, LINE_END_HYPHEN);

/**
 * First difference of two word sequences compared with whitespace ignored, or null when
 * equal. The message names the word where they part and shows both around it.
 */
export function firstDifference(expected: string[], actualWords: string[]): string | null {
  const e = expected.join('');
  const raw = actualWords.join('');
  // Drop the marked line-end hyphens the published text does not have; keep the others.
  let a = '';
  for (let k = 0, j = 0; k < raw.length; k++) {
    const c = raw[k]!;
    if (c === LINE_END_HYPHEN) {
      if (e[j] === '-') {
        a += '-';
        j++;
      }
      continue;
    }
    a += c;
    j++;
  }
  const actual = actualWords.map((w) => w.replaceAll(LINE_END_HYPHEN, ''));
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  if (i === e.length && i === a.length) return null;
  let chars = 0;
  const word = expected.findIndex((w) => (chars += w.length) > i);
  const around = (ws: string[], at: number) => ws.slice(Math.max(0, at - 6), at + 6).join(' ');
  let charsA = 0;
  const wordA = actual.findIndex((w) => (charsA += w.length) > i);
  if (i === e.length) return `the PDF has more text after the seed's end: "${a.slice(i, i + 80)}"`;
  if (i === a.length) return `the PDF ends early; missing: "${e.slice(i, i + 80)}"`;
  return `word ${word + 1} ("${expected[word]}") differs from the PDF's "${actual[wordA]}"\n  seed: …${around(expected, word)}…\n  pdf:  …${around(actual, wordA)}…`;
}
