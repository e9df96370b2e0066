/**
 * The print profile on the real report: the press sheets (binding margins, pages in fours,
 * bleed, crop marks) and their PDF/X-4 file (pdf-lib), read with poppler and qpdf and
 * compared with the screen PDF they were made from.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../scripts/check/pdf-model.js';
import { preflight } from '../../scripts/check/preflight.js';
import { preflightOptions } from '../../scripts/build.js';
import { pressSheets, toPdfX, verifyPdfX } from '../../scripts/finish/print-profile.js';
import { BINDING_OFFSET_MM, bindingShiftMm } from '../../scripts/print/design.js';
import { fonts, linkAnnotations, pageBoxes, pageCount, pageTexts, allPageWords, type Word } from '../support/pdf.js';
import { REPORT_PDF } from '../support/paths.js';

const PT = 72 / 25.4;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The press sheets (with their links) and the PDF/X file for the press. */
let sheets = '';
let file = '';
let bytes: Uint8Array;
/** Screen pages, print pages, and where a screen page stands in the print PDF. */
let n = 0;
let printed = 0;
const printPage = (p: number) => (p === n ? printed : p);
/** Pages of the PDF/X file that lost their text to an image (see the test below). */
let rasterised: number[] = [];
/** Pages of the PDF/X file with any raster image. */
let imagePages: number[] = [];
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'print-'));
  const sheetBytes = await pressSheets(new Uint8Array(readFileSync(REPORT_PDF)));
  sheets = join(dir, 'sheets.pdf');
  writeFileSync(sheets, sheetBytes);
  bytes = await toPdfX(sheetBytes, 'Pieaugušo izglītība pašvaldībās');
  file = join(dir, 'report-print.pdf');
  writeFileSync(file, bytes);
  n = pageCount(REPORT_PDF);
  printed = pageCount(file);
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2);
  const screenText = pageTexts(REPORT_PDF).map(squash);
  const printText = pageTexts(file).map(squash);
  imagePages = [...new Set(images.map((l) => Number(l.trim().split(/\s+/)[0])).filter((p) => p > 0))];
  rasterised = [...new Set(images.map((l) => Number(l.trim().split(/\s+/)[0])).filter((p) => p > 0))].filter((p) => printText[p - 1] === '' && screenText[p === printed ? n - 1 : p - 1] !== '');
}, 240_000);

describe('print profile', () => {
  it('is PDF/X-4 with an output intent and trim and bleed boxes on every page', async () => {
    expect(await verifyPdfX(bytes)).toEqual([]);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/PDF subtype:\s+PDF\/X-4/);
    const mm = (pt: number) => pt / PT;
    const bleeds = pageBoxes(file, 'BleedBox');
    pageBoxes(file, 'TrimBox').forEach(([tx0, ty0, tx1, ty1], i) => {
      const [bx0, by0, bx1, by1] = bleeds[i]!;
      expect(mm(tx1! - tx0!)).toBeCloseTo(210, 0);
      expect(mm(ty1! - ty0!)).toBeCloseTo(297, 0);
      for (const d of [tx0! - bx0!, ty0! - by0!, bx1! - tx1!, by1! - ty1!]) expect(mm(d)).toBeCloseTo(3, 1);
    });
  });

  it('keeps every font embedded, none Type 3', () => {
    const rows = fonts(file);
    expect(rows.filter((f) => !f.embedded || /Type 3/.test(f.type))).toEqual([]);
  });
});

describe('pages in fours for binding', () => {
  it('has a page count that is a multiple of 4: the screen PDF’s pages and the fewest blanks', () => {
    expect(printed % 4).toBe(0);
    expect(printed - n).toBeGreaterThanOrEqual(0);
    expect(printed - n).toBeLessThan(4);
  });

  it('has every page of the screen PDF, in order, the back cover last (a verso)', () => {
    // The press sheets, before PDF/X: the very text of each page (in the order it is
    // drawn: pdftotext's reading order of a chart may change with where the page stands).
    const screen = pageTexts(REPORT_PDF, { raw: true }).map(squash);
    const onSheets = pageTexts(sheets, { raw: true }).map(squash);
    for (let p = 1; p <= n; p++) expect(onSheets[printPage(p) - 1], `page ${p}`).toBe(screen[p - 1]);
    // The PDF/X file: the same text layer as the screen PDF, page for page (ligatures, curly
    // quotes and all: the fonts are Chromium's own, not re-encoded).
    const print = pageTexts(file, { raw: true }).map(squash);
    const wrong: string[] = [];
    for (let p = 1; p <= n; p++) if (print[printPage(p) - 1] !== screen[p - 1]) wrong.push(`page ${p} (print page ${printPage(p)})`);
    expect(wrong).toEqual([]);
    expect(print.at(-1)!.length).toBeGreaterThan(0);
    expect(printed % 2).toBe(0);
  });

  // PDF/X-3 (Ghostscript) flattened each page with transparency, the charts' (their data table
  // is transparent text), into one 300 dpi image; PDF/X-4 keeps transparency: the charts stay
  // vectors and their text text.
  it('keeps every page’s text as text and draws no raster image: the charts stay vectors', () => {
    expect(rasterised).toEqual([]);
    expect(imagePages).toEqual([]);
    const charts = pageTexts(REPORT_PDF).flatMap((t, i) => (/\b\d+\. (diagramma|chart)|Chart \d+/i.test(t) ? [printPage(i + 1)] : []));
    expect(charts.length).toBeGreaterThan(0);
  });

  it('paints in CMYK and grey only: black text on the black plate alone', () => {
    const ops = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 256 * 1024 * 1024 }).toString('latin1');
    expect(ops).not.toMatch(/(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)(\s|$)/m);
    expect(ops).toMatch(/(^|\s)0 0 0 1 k(\s|$)/m);
  });

  it('inserts the blank pages before the back cover, with nothing on them', () => {
    const print = pageTexts(file, { raw: true });
    const bleeds = pageBoxes(file, 'BleedBox');
    const [, , , sheetHeight] = pageBoxes(file, 'MediaBox')[0]!;
    for (let p = n; p < printed; p++) {
      expect(squash(print[p - 1]!), `page ${p}`).toBe('');
      // Rendered: nothing inside the bleed (the crop marks stand outside it).
      const pgm = execFileSync('pdftoppm', ['-gray', '-r', '36', '-f', String(p), '-l', String(p), file]);
      const [, w, h, max] = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
      const pixels = pgm.subarray(pgm.length - Number(w) * Number(h));
      const px = (pt: number) => Math.round((pt * 36) / 72);
      const [x0, y0, x1, y1] = bleeds[p - 1]!;
      let darkest = Number(max);
      for (let y = px(sheetHeight! - y1!) + 1; y < px(sheetHeight! - y0!) - 1; y++) for (let x = px(x0!) + 1; x < px(x1!) - 1; x++) darkest = Math.min(darkest, pixels[y * Number(w) + x]!);
      expect(darkest, `page ${p}`).toBe(Number(max));
    }
  });
});

describe('mirrored margins for binding', () => {
  // Where the text of each page starts, from its trim edge: the leftmost word.
  const leftEdges = (pdf: string) => {
    const trims = pageBoxes(pdf, 'TrimBox');
    return allPageWords(pdf).map((page, i) => (page.words.length ? Math.min(...page.words.map((w) => w.xMin)) - trims[i]![0]! : NaN));
  };

  it('moves each text page toward the spine by the binding offset, the covers not at all (pdftotext -bbox-layout)', () => {
    const screen = leftEdges(REPORT_PDF);
    const wrong: string[] = [];
    // The press sheets, every page; the PDF/X file, every page it kept as text.
    for (const [pdf, skip] of [[sheets, []], [file, rasterised]] as [string, number[]][]) {
      const print = leftEdges(pdf);
      for (let p = 1; p <= n; p++) {
        if (Number.isNaN(screen[p - 1]) || skip.includes(printPage(p))) continue;
        const expected = p === 1 || p === n ? 0 : bindingShiftMm(p) * PT;
        const moved = print[printPage(p) - 1]! - screen[p - 1]!;
        if (!(Math.abs(moved - expected) <= 0.5)) wrong.push(`${pdf === file ? 'PDF/X' : 'sheets'} page ${p}: moved ${moved.toFixed(2)} pt, expected ${expected.toFixed(2)} pt`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('sets the text block of versos twice the offset right of rectos (the page numbers’ centres)', () => {
    // The page number is centred on the text block, whatever the page's text: its centre,
    // from the trim, is where the block is.
    const trims = pageBoxes(file, 'TrimBox');
    const centres = allPageWords(file).map((page, i) => {
      const folio = page.words.find((w) => w.text === String(i + 1) && w.yMin > page.height * 0.85);
      return folio ? (folio.xMin + folio.xMax) / 2 - trims[i]![0]! : NaN;
    });
    const median = (parity: number) => {
      const xs = centres.filter((x, i) => (i + 1) % 2 === parity && !Number.isNaN(x)).sort((a, b) => a - b);
      expect(xs.length).toBeGreaterThan(10);
      return xs[Math.floor(xs.length / 2)]!;
    };
    const recto = median(1);
    const verso = median(0);
    expect(verso - recto).toBeGreaterThan(0);
    expect(Math.abs(verso - recto - 2 * BINDING_OFFSET_MM * PT)).toBeLessThanOrEqual(0.5);
  });

  it('keeps each link rectangle over its link text on the press sheets', () => {
    const covered = (pages: ReturnType<typeof allPageWords>, page: number, rect: number[]) => {
      const { height, words } = pages[page - 1]!;
      const [x1, y1, x2, y2] = rect as [number, number, number, number];
      const inside = (w: Word) => (w.xMin + w.xMax) / 2 > x1 && (w.xMin + w.xMax) / 2 < x2 && height - (w.yMin + w.yMax) / 2 > y1 && height - (w.yMin + w.yMax) / 2 < y2;
      return words.filter(inside).map((w) => w.text).join(' ');
    };
    const screenWords = allPageWords(REPORT_PDF);
    const sheetWords = allPageWords(sheets);
    const screenLinks = linkAnnotations(REPORT_PDF);
    const sheetLinks = linkAnnotations(sheets);
    expect(sheetLinks.map((l) => [l.page, l.uri, l.dest])).toEqual(screenLinks.map((l) => [printPage(l.page), l.uri, l.dest]));
    const texts = screenLinks.map((l) => covered(screenWords, l.page, l.rect));
    // A URL broken over lines is several rectangles (one per piece), not every one holding a
    // word's centre: every link (page and target) must cover text with one of them at least.
    const links = new Map<string, boolean>();
    screenLinks.forEach((l, i) => links.set(`${l.page} ${l.uri ?? l.dest}`, (links.get(`${l.page} ${l.uri ?? l.dest}`) ?? false) || Boolean(texts[i])));
    expect([...links.values()].filter(Boolean).length).toBeGreaterThan(links.size * 0.9);
    expect(sheetLinks.map((l) => covered(sheetWords, l.page, l.rect))).toEqual(texts);
  });

  it('keeps each named destination at its place in the text, and the bookmarks on their pages', () => {
    // The word nearest below and right of a destination's point, on screen and on the sheets.
    const at = (pdf: string) => {
      const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', '--json-key=pages', pdf], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
      const objects = json.qpdf[1] as Record<string, { value?: Record<string, unknown> }>;
      const pageOf = new Map((json.pages as { object: string; pageposfrom1: number }[]).map((p) => [p.object, p.pageposfrom1]));
      const catalog = Object.values(objects).find((o) => o.value?.['/Type'] === '/Catalog')!.value!;
      const dests = (typeof catalog['/Dests'] === 'string' ? objects[`obj:${catalog['/Dests']}`]!.value : catalog['/Dests']) as Record<string, unknown[]>;
      const pages = allPageWords(pdf);
      return new Map(
        Object.entries(dests).map(([name, d]) => {
          const [ref, , x, y] = d as [string, string, number, number];
          const page = pageOf.get(ref)!;
          const { height, words } = pages[page - 1]!;
          const below = words.filter((w) => w.yMin >= height - y - 1 && w.xMax >= x);
          const near = below.sort((a, b) => Math.hypot(a.xMin - x, a.yMin - (height - y)) - Math.hypot(b.xMin - x, b.yMin - (height - y)))[0];
          return [name, `${page}: ${near?.text}`];
        }),
      );
    };
    const screen = at(REPORT_PDF);
    const onSheets = at(sheets);
    expect(screen.size).toBeGreaterThan(50);
    expect([...onSheets]).toEqual([...screen].map(([name, v]) => [name, v.replace(/^\d+/, (p) => String(printPage(Number(p))))]));
    // The PDF/X file's bookmarks lead to the same pages.
    const outline = (pdf: string) => {
      const walk = (items: { title: string; destpageposfrom1: number; kids: never[] }[]): [string, number][] => items.flatMap((o) => [[o.title, o.destpageposfrom1] as [string, number], ...walk(o.kids)]);
      return walk(JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdf], { encoding: 'utf8' })).outlines);
    };
    const bookmarks = outline(REPORT_PDF);
    expect(bookmarks.length).toBeGreaterThan(0);
    expect(outline(file)).toEqual(bookmarks.map(([t, p]) => [t, printPage(p)]));
  });

  it('passes the preflight on the press sheets, and its text-block check knows the binding shift', async () => {
    const onSheets = preflight(await readPdf(new Uint8Array(readFileSync(sheets))), preflightOptions());
    expect(onSheets.findings).toEqual([]);
    const model = await readPdf(bytes);
    const textBlock = (options: ReturnType<typeof preflightOptions>) => preflight(model, options).findings.filter((f) => f.check === 'text-block');
    expect(textBlock(preflightOptions())).toEqual([]);
    // Measured as if nothing had moved, the moved text leaves the text block: the check sees it.
    expect(textBlock({ ...preflightOptions(), bindingShift: () => 0 }).length).toBeGreaterThan(0);
  });
});
