/**
 * End-to-end checks of the real 2025 report, built by global-setup.ts, read back with
 * poppler-utils (pdftotext, pdffonts) and qpdf: nothing here asks the pipeline what it did.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fonts, linkAnnotations, pageCount } from '../support/pdf.js';
import { REPORT_PDF, ROOT } from '../support/paths.js';
import { bodyText, printedToc, reportPages, reportRawPages, sectionSlice } from '../support/report.js';
import { firstDifference, lineEndHyphens, plainQuotes, words } from '../support/words.js';
import { markdownWords, sourceParts } from '../support/sources.js';

// The report is checked against its sources as they are today: a correction changes both.
// Faithfulness to the printed 2025 edition is npm run audit's (content against published.txt).
const parts = sourceParts();
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The index of the printed word where the expected words begin (the first 30 characters matched), or -1. */
function afterPanel(expected: string[], printed: string[]): number {
  const head = plainQuotes(expected.join('')).slice(0, 30);
  for (let i = 0; i < printed.length; i++) if (plainQuotes(printed.slice(i, i + 12).join('')).startsWith(head)) return i;
  return -1;
}

describe('contents', () => {
  const chartsList = (parse(readFileSync(join(ROOT, 'templates', 'messages', 'lv.yaml'), 'utf8')) as { chartsList: string }).chartsList.toLocaleUpperCase('lv');
  const all = printedToc(REPORT_PDF, { apparatus: true });
  // The list of charts is the first entry, before the front chapters; then the parts.
  const toc = printedToc();

  it('lists the list of charts first, on the page after the contents', () => {
    expect(all[0]?.title).toBe(chartsList);
    const pages = reportPages();
    expect(squash(pages[all[0]!.page - 1] ?? '').startsWith(chartsList)).toBe(true);
  });

  it('lists every part of the manifest, in its order', () => {
    expect(toc.map((e) => e.title)).toEqual(parts.map((p) => p.title));
  });

  it('gives for every entry the page on which that part starts', () => {
    const pages = reportPages();
    const wrong = toc.filter(({ title, page }) => {
      const here = squash(pages[page - 1] ?? '');
      const before = squash(pages[page - 2] ?? '');
      // The title is on its page, and the page before belongs to another part.
      return !here.includes(title) || (page > 3 && before.includes(title));
    });
    expect(wrong).toEqual([]);
  });
});

describe('fidelity: each section’s words in the PDF equal its Markdown source', () => {
  const toc = printedToc();
  const pages = reportRawPages();
  const sections = parts.filter((p) => p.kind === 'section');

  it('has 42 municipalities and 4 planning regions', () => {
    expect(sections.filter((s) => s.title.endsWith('PAŠVALDĪBA'))).toHaveLength(42);
    expect(sections.filter((s) => s.title.endsWith('REĢIONS'))).toHaveLength(4);
  });

  it.each(sections.map((s) => [s.id, s] as const))('%s', (_id, section) => {
    const at = toc.findIndex((e) => e.title === section.title);
    expect(at, `${section.title} is in the contents`).toBeGreaterThanOrEqual(0);
    const from = toc[at]!.page;
    const next = toc[at + 1]!;
    const text = sectionSlice(bodyText(pages, from, next.page, section.title), section.title, next.title);
    // The key figures and the contact panel stand between the heading and the text (their own
    // tests: elements-2025.test.ts); the text starts where the source's first words do.
    const expected = markdownWords(section.text);
    const printed = words(lineEndHyphens(text));
    const start = afterPanel(expected, printed);
    expect(start, `${section.title}: the text's first words are printed`).toBeGreaterThanOrEqual(0);
    const diff = firstDifference(expected, printed.slice(start));
    expect(diff, `${section.title}: ${diff}`).toBeNull();
  });
});

describe('footnotes', () => {
  const urls = new Map<number, string>();
  for (const p of parts) for (const [n, u] of p.footnotes) urls.set(n, u);
  const norm = (u: string) => {
    try {
      return decodeURI(u);
    } catch {
      return u;
    }
  };

  it('the sources have their notes numbered 1, 2, 3 … through the report', () => {
    expect(urls.size).toBeGreaterThan(0);
    expect([...urls.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: urls.size }, (_, i) => i + 1));
  });

  it('every footnote URL is printed, with its number', () => {
    // Raw text: the default mode would join a URL's line ending in "-" to the next without it.
    const all = reportRawPages().join('\n').replace(/\s+/g, '');
    const missing = [...urls].filter(([n, u]) => !all.includes(`${n}.${u}`) && !all.includes(`${n}.${norm(u)}`));
    expect(missing).toEqual([]);
  });

  it('every footnote URL is a link annotation in the PDF', () => {
    const links = new Set(linkAnnotations(REPORT_PDF).flatMap((l) => (l.uri ? [norm(l.uri)] : [])));
    const missing = [...urls.values()].filter((u) => !links.has(norm(u)));
    expect(missing).toEqual([]);
  });
});

describe('fonts', () => {
  const rows = fonts(REPORT_PDF);

  it('are all embedded, none Type 3', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((f) => !f.embedded || /Type 3/.test(f.type))).toEqual([]);
  });

  it('are only the npm-packaged families (no system fallback for any letter)', () => {
    expect(rows.filter((f) => !/\+(SourceSerif4|SourceSans3)/.test(f.name))).toEqual([]);
  });

  it('print as text every Latvian letter the sources use', () => {
    const text = reportPages().join('');
    const used = [...'āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ'].filter((l) => parts.some((p) => p.text.includes(l) || p.title.includes(l)));
    expect(used.length).toBeGreaterThan(15);
    expect(used.filter((l) => !text.includes(l))).toEqual([]);
  });
});

describe('pages', () => {
  it('is an A4 document of about a hundred pages', () => {
    const n = pageCount(REPORT_PDF);
    expect(n).toBeGreaterThan(80);
    expect(n).toBeLessThan(140);
  });

  it('the analysis chapter has its 13 charts, numbered in order', () => {
    const toc = printedToc();
    const analysis = toc.find((e) => e.title.startsWith('PIEAUGUŠO IZGLĪTĪBAS IESPĒJAS'))!;
    const after = toc[toc.indexOf(analysis) + 1]!;
    const text = reportPages().slice(analysis.page - 1, after.page - 1).join('\n');
    const numbers = [...text.matchAll(/^(\d+)\. diagramma$/gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });
});
