/**
 * End-to-end checks of the real 2025 report, built by global-setup.ts, read back with
 * poppler-utils (pdftotext, pdffonts) and qpdf: nothing here asks the pipeline what it did.
 */
import { describe, expect, it } from 'vitest';
import { fonts, linkAnnotations, pageCount } from '../support/pdf.js';
import { REPORT_PDF } from '../support/paths.js';
import { bodyText, printedToc, reportPages, reportRawPages } from '../support/report.js';
import { firstDifference, lineEndHyphens, seedSections, seedToc, seedWords, words } from '../support/seed.js';

const seed = seedSections();
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('contents', () => {
  const toc = printedToc();

  it('lists the published edition’s entries, in its order', () => {
    expect(toc.map((e) => e.title)).toEqual(seedToc().map((e) => e.title.toLocaleUpperCase('lv')));
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

describe('fidelity: each section’s words equal the published text', () => {
  const toc = printedToc();
  const pages = reportRawPages();
  const sections = seed.filter((s) => /PAŠVALDĪBA$|REĢIONS$/.test(s.title));

  it('has 42 municipalities and 4 planning regions', () => {
    expect(sections.filter((s) => s.title.endsWith('PAŠVALDĪBA'))).toHaveLength(42);
    expect(sections.filter((s) => s.title.endsWith('REĢIONS'))).toHaveLength(4);
  });

  it.each(sections.map((s) => [s.title, s] as const))('%s', (title, section) => {
    const at = toc.findIndex((e) => e.title === title.toLocaleUpperCase('lv'));
    expect(at, `${title} is in the contents`).toBeGreaterThanOrEqual(0);
    const from = toc[at]!.page;
    const to = toc[at + 1]!.page - 1;
    const text = bodyText(pages, from, to, title).replace(title, ''); // without the section heading
    const diff = firstDifference(seedWords(section), words(lineEndHyphens(text)));
    expect(diff, `${title}: ${diff}`).toBeNull();
  });
});

describe('footnotes', () => {
  const urls = new Map<number, string>();
  for (const s of seed) for (const [n, u] of s.footnotes) urls.set(n, u);
  const norm = (u: string) => {
    try {
      return decodeURI(u);
    } catch {
      return u;
    }
  };

  it('the seed has 56 footnotes, numbered 1–56', () => {
    expect([...urls.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
  });

  it('every footnote URL is printed, with its number', () => {
    const all = reportPages().join('\n').replace(/\s+/g, '');
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

  it('print as text every Latvian letter the published edition uses', () => {
    const text = reportPages().join('');
    const used = [...'āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ'].filter((l) => seed.some((s) => s.lines.join('').includes(l)));
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
