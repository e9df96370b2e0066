/**
 * The typography instrument (scripts/check/typography.ts) on a small PDF printed for the test
 * by the same Chromium as the report, with the report's fonts: each measure is proved on a
 * page built to have a known value (line count, hole, hyphen run, characters per line, gap
 * above the footnote rule, straight quotes).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureTypography, percentile, type Typography } from '../../scripts/check/typography.js';
import { FAMILIES, fontFaceCss, fontFiles } from '../../scripts/compose/fonts.js';
import { searchableSoftHyphens } from '../../scripts/finish/pdf.js';
import { launchBrowser } from '../../scripts/print/browser.js';

const MARGIN = 20;
const margins = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
/** Line height of the fixture's body, mm: the page holds (297 - 40) / 5 = 51 lines. */
const LH = 5;
const CONTENT_MM = 297 - 2 * MARGIN;

/** A line of `n` characters made of words, no space at either end. */
const lineOf = (n: number) => {
  const words = 'dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua '.repeat(3);
  const s = words.slice(0, n);
  return s.endsWith(' ') ? `${s.slice(0, -1)}x` : s;
};
/** Full justified lines of these lengths (each ended by <br>, every line justified). */
const FULL = [60, 62, 64, 66, 68, 70, 72, 74, 76, 78];
const HOLE_MM = 40;
const NOTE_GAP_MM = 10;

/** The margin boxes use faces the body uses too: a face only they use is not loaded in time (font-display: block). */
const html = `<!doctype html><html lang="lv"><head><meta charset="utf-8"><style>
${fontFaceCss()}
@page { size: 210mm 297mm; margin: ${MARGIN}mm;
  @top-center { content: "FIXTURE HEAD"; font: 400 7.5pt/1 "${FAMILIES.heading}"; }
  @bottom-center { content: counter(page); font: 400 9pt/1 "${FAMILIES.heading}"; } }
body { margin: 0; font: 400 10pt/${LH}mm "${FAMILIES.text}"; orphans: 2; widows: 2; hyphens: manual; }
p { margin: 0; }
.full { text-align: justify; text-align-last: justify; }
.narrow { width: 14mm; text-align: left; }
.next { break-before: page; }
figure { margin: 0 0 ${LH}mm; }
figcaption { font: 400 9pt/1.3 "${FAMILIES.heading}"; }
.notes { margin-top: ${NOTE_GAP_MM}mm; border-top: 0.6pt solid #000; width: 45mm; padding-top: 2mm; font: 400 7.5pt/1.35 "${FAMILIES.heading}"; }
</style></head><body>
<p class="full">${FULL.map(lineOf).join('<br>')}</p>
<div style="height: ${HOLE_MM}mm"></div>
<p>Three short lines<br>after the hole<br>of forty millimetres</p>
<p class="narrow">aaaaa&shy;bbbbb&shy;ccccc&shy;ddddd</p>
<p class="narrow">ABCDE-FGHIJ</p>
<p class="narrow">abcde-fghij</p>
<figure class="next"><figcaption>1. diagramma</figcaption><svg width="150mm" height="40mm" viewBox="0 0 150 40"><rect x="0" y="5" width="120" height="10" fill="#1d3f6e"/><text x="2" y="30" font-size="4">Chart label</text></svg></figure>
<p>He said "no" and 'yes', but “this” is typeset.</p>
<div class="next" style="height: ${CONTENT_MM - 2 * LH - 1}mm"></div>
<p class="narrow">eeeee&shy;fffff&shy;ggggg&shy;hhhhh&shy;iiiii</p>
<p>Last line above the notes.</p>
<div class="notes">1. https://example.org/a-note<br>2. https://example.org/another-note</div>
</body></html>`;

let dir = '';
let finished: Typography;
let printed: Typography;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'typography-'));
  mkdirSync(join(dir, 'fonts'));
  for (const f of fontFiles()) copyFileSync(f.source, join(dir, 'fonts', f.name));
  writeFileSync(join(dir, 'a.html'), html);
  const browser = await launchBrowser();
  let bytes: Uint8Array;
  try {
    const page = await browser.newPage();
    await page.goto(`file://${join(dir, 'a.html')}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
  } finally {
    await browser.close();
  }
  printed = await measureTypography(bytes, { margins });
  // As the finish stage leaves it: no U+00AD in the soft hyphens' /ActualText.
  const doc = await PDFDocument.load(bytes);
  expect(searchableSoftHyphens(doc)).toBeGreaterThan(0);
  finished = await measureTypography(await doc.save(), { margins });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const page = (n: number) => finished.pages.find((p) => p.page === n)!;

describe('typography of a PDF', () => {
  it('finds the text pages by their running head and page number, and the body size', () => {
    expect(finished.summary.pageCount).toBe(4);
    expect(finished.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    expect(finished.pages.every((p) => p.runningHead === 'FIXTURE HEAD')).toBe(true);
    expect(finished.summary.bodySize).toBe(10);
    expect(finished.summary.bodyPitch).toBeCloseTo(LH, 1);
  });

  it('counts the lines of the text block, without head, page number, chart text and notes', () => {
    // Page 1: the full lines, three after the hole, four hyphenated, two and two with a typed hyphen.
    expect(page(1).lines.length).toBe(FULL.length + 3 + 4 + 2 + 2);
    expect(page(1).lines.some((l) => l.text.includes('FIXTURE') || /^\d+$/.test(l.text))).toBe(false);
    // Page 2: a chart (caption and label are the figure's) and one line.
    expect(page(2).lines.map((l) => l.text)).toEqual([`He said "no" and 'yes', but “this” is typeset.`]);
    expect(page(2).figures).toHaveLength(1);
    expect(page(2).startsWithFigure).toBe(true);
    // Page 3: two lines of a paragraph under a spacer; page 4: its three others and one more.
    expect(page(3).lines.length).toBe(2);
    expect(page(4).lines.length).toBe(4);
    expect(page(4).notes?.lines).toBe(2);
    expect(page(1).capacity).toBe(Math.floor(CONTENT_MM / LH));
  });

  it('reports pages under a third full and pages with fewer than 8 lines (a chart page excepted)', () => {
    expect(finished.summary.fewLines).toEqual([{ page: 3, lines: 2 }, { page: 4, lines: 4 }]);
    expect(finished.summary.underThird).toContain(3);
    expect(finished.summary.underThird).not.toContain(1);
  });

  it('measures a hole inside the flow, and the empty foot of a page the part goes on after', () => {
    const inner = page(1).holes.filter((h) => h.kind === 'inner');
    expect(inner).toHaveLength(1);
    expect(inner[0]!.height).toBeGreaterThanOrEqual(HOLE_MM);
    expect(inner[0]!.height).toBeLessThanOrEqual(HOLE_MM + 1);
    expect(inner[0]!.after).toBe(lineOf(FULL.at(-1)!));
    // Page 1 ends early because the chart starts page 2.
    const over = finished.summary.holesOver25.filter((h) => h.page === 1);
    expect(over).toEqual([expect.objectContaining({ kind: 'inner', nextStartsWithFigure: false }), expect.objectContaining({ kind: 'foot', nextStartsWithFigure: true })]);
    // The last page of the part has no foot hole, whatever is left empty.
    expect(page(4).continues).toBe(false);
    expect(page(4).holes).toEqual([]);
  });

  it('tells hyphenation breaks from typed hyphens, in the finished and in the printed PDF', () => {
    for (const t of [finished, printed]) {
      const p1 = t.pages[0]!.lines;
      const ends = p1.filter((l) => l.hyphen).map((l) => [l.text, l.hyphen]);
      expect(ends).toEqual([
        ['aaaaa-', 'break'],
        ['bbbbb-', 'break'],
        ['ccccc-', 'break'],
        ['ABCDE-', 'hard'],
        ['abcde-', 'hard'],
      ]);
    }
  });

  it('finds the longest run of hyphenated line ends, across a page turn, and a hyphen at a page’s last line', () => {
    expect(finished.summary.longestHyphenRun).toEqual({ length: 4, pages: [3, 3, 4, 4], lines: ['eeeee-', 'fffff-', 'ggggg-', 'hhhhh-'] });
    expect(finished.summary.hyphenAtPageEnd).toEqual([3]);
    // Breaks among body lines: 3 + 4 of all the body lines.
    const body = finished.pages.flatMap((p) => p.lines.filter((l) => l.body)).length;
    expect(finished.summary.hyphenBreaks).toBe(7);
    expect(finished.summary.hardHyphenEnds).toBe(2);
    expect(finished.summary.hyphenShare).toBeCloseTo(7 / body, 3);
  });

  it('counts the characters of full lines only', () => {
    expect(page(1).charsPerFullLine).toEqual(FULL);
    expect(finished.pages.flatMap((p) => p.charsPerFullLine)).toEqual(FULL);
    const cpl = finished.summary.charsPerLine;
    expect(cpl).toEqual({ count: FULL.length, median: 69, p10: 61.8, p90: 76.2 });
  });

  it('measures the gap between the last line and the drawn footnote rule', () => {
    const notes = page(4).notes!;
    expect(notes.ruleDrawn).toBe(true);
    // The notes' margin, plus the half-leading under the last line's glyph box.
    expect(notes.gap).toBeGreaterThanOrEqual(NOTE_GAP_MM);
    expect(notes.gap).toBeLessThanOrEqual(NOTE_GAP_MM + 0.5);
    expect(notes.top - notes.rule).toBeGreaterThan(1.5);
    expect(finished.summary.minRuleGap).toEqual({ page: 4, gap: notes.gap });
  });

  it('finds straight quotes, not typographic ones', () => {
    expect(finished.summary.straightQuotes.map((q) => q.page)).toEqual([2, 2, 2, 2]);
    expect(page(2).straightQuotes).toHaveLength(4);
  });

  it('percentiles interpolate linearly', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1)).toBeCloseTo(1.9, 10);
    expect(percentile([3], 0.9)).toBe(3);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
