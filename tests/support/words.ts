/**
 * Comparing the words of a PDF with the words they should be, whitespace ignored: a PDF line
 * may break after "ERASMUS-" or "2021.–" where the source does not, and pdftotext spaces
 * footnote calls differently ("word¹" / "word 1"); every other character must be equal and in
 * the same order. A hyphen that ends a line (marked by lineEndHyphens) may be the report's own
 * hyphenation: where the expected text has no hyphen there, it is skipped. Quotation marks are
 * compared as marks, not glyphs: the report sets each language's marks (Latvian „…“, English
 * “…”) whatever the source typed, so on both sides every double mark reads as " and every
 * single mark or apostrophe as ' (a missing or extra mark is still a difference).
 */
const DASHES = /^[-–—•·▪]+$/;

/** Every quotation mark as its plain kind: one character for one, so positions stay. */
export const plainQuotes = (text: string) => text.replace(/["“”„‟«»]/g, '"').replace(/['‘’‚‛‹›]/g, "'");

/** Words of a text; tokens made only of dashes or bullets (list markers) are dropped. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w && !DASHES.test(w));
}

/** Marks the hyphen at the end of a line, which may be a soft hyphen the layout used. */
export const LINE_END_HYPHEN = '\u2010';
export const lineEndHyphens = (text: string) => text.replace(/-(?=[ \t]*\n)/g, LINE_END_HYPHEN);

/**
 * First difference of two word sequences compared with whitespace ignored, or null when
 * equal. The message names the word where they part and shows both around it.
 */
export function firstDifference(expected: string[], actualWords: string[]): string | null {
  const e = plainQuotes(expected.join(''));
  const raw = plainQuotes(actualWords.join(''));
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
  if (i === e.length) return `the PDF has more text after the source's end: "${a.slice(i, i + 80)}"`;
  if (i === a.length) return `the PDF ends early; missing: "${e.slice(i, i + 80)}"`;
  return `word ${word + 1} ("${expected[word]}") differs from the PDF's "${actual[wordA]}"\n  source: …${around(expected, word)}…\n  pdf:  …${around(actual, wordA)}…`;
}
