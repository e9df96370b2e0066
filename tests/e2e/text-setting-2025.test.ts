/**
 * Text setting of the real 2025 report in both languages, read from the PDFs with pdftotext:
 * quotation marks in the language's style only (from its message file), and URLs shown decoded
 * and broken only after / . - = (their link annotations still the URLs as written).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { linkAnnotations, pageTexts } from '../support/pdf.js';
import { REPORT_DIR, REPORT_EN_DIR, ROOT } from '../support/paths.js';
import { sourceParts } from '../support/sources.js';
import { lettersLeftEscaped, lineBreaksIn, shownUrl, URL_LINE_ENDS } from '../support/urls.js';

interface Marks {
  open: string;
  close: string;
  inner: { open: string; close: string };
  single: { open: string; close: string };
}
const marksOf = (lang: string) => (parse(readFileSync(join(ROOT, 'templates', 'messages', `${lang}.yaml`), 'utf8')) as { quotes: Marks }).quotes;
const DOUBLE = /["“”„‟«»]/g;
const SINGLE = /['‘’‚‛‹›]/g;
const APOSTROPHE = '’';
const NOTE_LINE = /^\d+\.\s*(?:https?:\/\/|www\.)/;

/** A page's text without its footnotes (from the first "N. https://…" line on) and without URLs. */
function prose(page: string): string {
  const lines = page.split('\n');
  const notes = lines.findIndex((l) => NOTE_LINE.test(l.trim()));
  return (notes >= 0 ? lines.slice(0, notes) : lines).join('\n').replace(/(?:https?:\/\/|www\.)\S+/g, ' ');
}

const EDITIONS = [
  ['lv', REPORT_DIR],
  ['en', REPORT_EN_DIR],
] as const;

describe.each(EDITIONS)('quotation marks of the %s edition', (lang, dir) => {
  const text = pageTexts(join(dir, 'report.pdf')).map(prose).join('\n');
  // A part standing in for a missing translation is printed in its own language, with its marks.
  const coverage = lang === 'lv' ? undefined : (JSON.parse(readFileSync(join(dir, 'coverage.json'), 'utf8')) as { source: string; sections: { missing: string[] }; chapters: { missing: string[] } });
  const printed = [lang, ...(coverage && coverage.sections.missing.length + coverage.chapters.missing.length > 0 ? [coverage.source] : [])];
  const count = (re: RegExp) => new Set(text.match(re) ?? []);

  it('has no straight double quote in the text', () => {
    expect(count(DOUBLE).size).toBeGreaterThan(0);
    expect(text.match(/.{0,30}".{0,30}/g) ?? []).toEqual([]);
  });

  it('has only the language’s double marks', () => {
    const own = new Set(printed.flatMap((l) => [marksOf(l).open, marksOf(l).close, marksOf(l).inner.open, marksOf(l).inner.close]));
    expect([...count(DOUBLE)].filter((c) => !own.has(c))).toEqual([]);
  });

  it('has only the language’s single marks and the apostrophe', () => {
    const own = new Set(printed.flatMap((l) => [marksOf(l).inner.open, marksOf(l).inner.close, marksOf(l).single.open, marksOf(l).single.close, APOSTROPHE]));
    expect([...count(SINGLE)].filter((c) => !own.has(c))).toEqual([]);
  });
});

describe.each(EDITIONS)('URLs of the %s edition', (lang, dir) => {
  const pdf = join(dir, 'report.pdf');
  const raw = pageTexts(pdf, { raw: true });
  const lines = raw.flatMap((p) => p.split('\n'));
  const notes = new Map<number, string>();
  for (const p of sourceParts('2025', lang)) for (const [n, u] of p.footnotes) notes.set(n, u);

  it('print no escape of a letter or digit (%C4%93 shows as ē)', () => {
    expect(notes.size).toBeGreaterThan(0);
    expect(lettersLeftEscaped(raw.join('\n'))).toEqual([]);
  });

  it('break a footnote only after / . - = (every line of a note but its last ends with one)', () => {
    const wrong: string[] = [];
    let broken = 0;
    for (const [n, url] of notes) {
      const shown = shownUrl(url);
      const breaks = lineBreaksIn(lines, `${n}.${shown}`);
      if (!breaks) {
        wrong.push(`${n}: "${shown}" is not printed`);
        continue;
      }
      broken += breaks.length;
      // Offsets in "N.URL": the character before each break.
      for (const at of breaks) if (!URL_LINE_ENDS.includes(`${n}.${shown}`[at - 1]!)) wrong.push(`${n}: a line ends with "…${`${n}.${shown}`.slice(Math.max(0, at - 20), at)}"`);
    }
    expect(broken, 'some notes run over a line').toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });

  it('link to the URLs as written', () => {
    const links = new Set(linkAnnotations(pdf).flatMap((l) => (l.uri ? [l.uri] : [])));
    // Chromium writes a URL's non-ASCII letters percent-encoded: "ilgtspējigas" → "ilgtsp%C4%93jigas".
    expect([...notes.values()].filter((u) => !links.has(u) && !links.has(encodeURI(u)))).toEqual([]);
  });
});
