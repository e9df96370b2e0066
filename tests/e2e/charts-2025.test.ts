/**
 * The analysis chapter of the built 2025 PDF: charts are vector drawings with real text, and
 * the figures in the prose are those the manifest computes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectedCharts, printedValue, type ExpectedChart } from '../support/charts.js';
import { engagedByRegion, municipalitiesOf, rawManifest } from '../support/manifest.js';
import { REPORT_HTML, REPORT_PDF, ROOT } from '../support/paths.js';
import { pageRaster, pageWords, type Word } from '../support/pdf.js';
import { printedToc, reportPages } from '../support/report.js';

const html = readFileSync(REPORT_HTML, 'utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ');
const pages = reportPages();
const toc = printedToc();
const analysis = toc.find((e) => e.title.startsWith('PIEAUGUŠO IZGLĪTĪBAS IESPĒJAS'))!;
const afterword = toc[toc.indexOf(analysis) + 1]!;

/** Page (1-based) on which the caption "N. diagramma" is printed. */
const pageOfChart = (n: number) => {
  for (let p = analysis.page; p < afterword.page; p++) if (new RegExp(`^${n}\\. diagramma$`, 'm').test(pages[p - 1]!)) return p;
  throw new Error(`chart ${n} not found`);
};

describe('charts in the PDF', () => {
  const ids = [...html.matchAll(/<figure class="chart[^"]*" data-chart="([a-z-]+)"/g)].map((m) => m[1]!);

  it('are the 13 charts in the order the published chapter has them', () => {
    expect(ids).toEqual([
      'planning-documents', 'activity-shares', 'activity-directions', 'coordinator-load', 'engagement-data', 'engagement-by-region',
      'engagement-top', 'implementers', 'partners', 'projects', 'permits-distribution', 'permits-top', 'permits-riga-vs-rest',
    ]);
  });

  it.each(ids.map((id, i) => [i + 1, id] as const))('chart %i (%s): every drawn label is text on its page', (n, id) => {
    const svg = html.slice(html.indexOf(`data-chart="${id}"`), html.indexOf('</svg>', html.indexOf(`data-chart="${id}"`)));
    const drawn = [...svg.matchAll(/<(?:tspan|text)[^>]*>([^<]+)</g)].map((m) => m[1]!.replace(/&#(\d+);/g, (_e, c: string) => String.fromCharCode(Number(c))).replace(/&amp;/g, '&').trim()).filter(Boolean);
    expect(drawn.length).toBeGreaterThan(2);
    const p = pageOfChart(n);
    const text = squash(pages[p - 1]! + ' ' + (pages[p] ?? ''));
    expect(drawn.filter((d) => !text.includes(squash(d)))).toEqual([]);
  });

  it('each has one source line, with the edition’s year and the number of municipalities its data covers', () => {
    // Recomputed from the raw manifest (support/charts.ts): engagement counts only the
    // municipalities that give a number, a threshold list those over it, and so on.
    const expected = expectedCharts('lv');
    const year = /^\s*year:\s*(\d+)/m.exec(readFileSync(join(ROOT, 'content', '2025', 'manifest.yaml'), 'utf8'))![1];
    const lines = pages.join('\n').split('\n').map((l) => l.trim()).filter((l) => l.startsWith(`Avots: pašvaldību sniegtā informācija, ${year}; n = `));
    expect(lines.map((l) => Number(l.split('n = ')[1]))).toEqual(ids.map((id) => expected[id]!.n));
    expect(municipalitiesOf(rawManifest()).length).toBeGreaterThan(0);
  });

  it('a multiple-response chart has its note, the others none', () => {
    const expected = expectedCharts('lv');
    const note = (parse(readFileSync(join(ROOT, 'templates', 'messages', 'lv.yaml'), 'utf8')) as { chartMultiple: string }).chartMultiple;
    const withNote = ids.filter((id, i) => squash(pages[pageOfChart(i + 1) - 1]! + ' ' + (pages[pageOfChart(i + 1)] ?? '')).includes(squash(note)) && html.slice(html.indexOf(`data-chart="${id}"`), html.indexOf('</figure>', html.indexOf(`data-chart="${id}"`))).includes('chart__note'));
    expect(withNote).toEqual(ids.filter((id) => expected[id]!.multiple));
  });

  it('contain no raster image: the whole report has none', () => {
    const rows = execFileSync('pdfimages', ['-list', REPORT_PDF], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(rows).toEqual([]);
  });

  it('keep their data tables in the tag tree', () => {
    const json = execFileSync('qpdf', ['--json', '--json-key=qpdf', REPORT_PDF], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    // 13 chart tables and the abbreviations table.
    expect(json.match(/"\/S": "\/Table"/g)?.length).toBe(14);
  });
});

/** Words on one line of print, left to right. */
type Line = Word[];
const textOf = (line: Line) => line.map((w) => w.text).join(' ');
const mid = (w: { yMin: number; yMax: number }) => (w.yMin + w.yMax) / 2;

function lines(words: Word[]): Line[] {
  const out: Line[] = [];
  for (const w of [...words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
    const line = out.find((l) => Math.abs(l[0]!.yMin - w.yMin) < 1 && Math.abs(l[0]!.yMax - w.yMax) < 1);
    if (line) line.push(w);
    else out.push([w]);
  }
  return out.map((l) => l.sort((a, b) => a.xMin - b.xMin)).sort((a, b) => a[0]!.yMin - b[0]!.yMin);
}

interface PrintedChart {
  page: number;
  /** The text column's left edge: where the caption starts. */
  left: number;
  /** The lines drawn by the chart: below its title, above its source line. */
  body: Line[];
}

const chartNotes = (() => {
  const m = parse(readFileSync(join(ROOT, 'templates', 'messages', 'lv.yaml'), 'utf8')) as { chartMultiple: string; chartHighlight: string };
  return { multiple: m.chartMultiple.split(' ').slice(0, 3).join(' '), highlight: m.chartHighlight.split('{label}')[0]!.trim() };
})();

const titles = (parse(readFileSync(join(ROOT, 'content', '2025', 'lv', 'texts.yaml'), 'utf8')) as { charts: Record<string, { title: string }> }).charts;

/**
 * A chart as printed: its visible words (the data table laid over it is 4 pt transparent text,
 * left out by size) from below the caption and title down to the source line.
 */
function printedChart(n: number, id: string): PrintedChart {
  const page = pageOfChart(n);
  const all = lines(pageWords(REPORT_PDF, page).filter((w) => w.yMax - w.yMin >= 7));
  let at = all.findIndex((l) => textOf(l) === `${n}. diagramma`);
  expect(at, `caption of chart ${n}`).toBeGreaterThanOrEqual(0);
  const left = all[at]![0]!.xMin;
  let title = '';
  while (squash(title).length < squash(titles[id]!.title).length && at + 1 < all.length) title += ' ' + textOf(all[++at]!);
  expect(squash(title).trim()).toBe(squash(titles[id]!.title));
  // The body ends at the first of: a multiple-response note, a highlight key, the source line.
  const ends = [chartNotes.multiple, chartNotes.highlight, 'Avots:'];
  const end = all.findIndex((l, i) => i > at && ends.some((e) => textOf(l).startsWith(e)));
  return { page, left, body: all.slice(at + 1, end) };
}

interface BarChart {
  page: number;
  left: number;
  /** Where the unit under the bars starts: the bars' start. */
  unitX: number;
  rows: { label: string; value: string; labelLines: Line[]; valueWords: Line }[];
}

/** A bar chart's rows as printed: label lines left of the bars, each given to the nearest value. */
function printedBars(n: number, id: string): BarChart {
  const { page, left, body } = printedChart(n, id);
  const unit = body.at(-1)!;
  const unitX = unit[0]!.xMin;
  const values = body.slice(0, -1).map((l) => l.filter((w) => w.xMin >= unitX - 0.5)).filter((l) => l.length);
  const labels = body.slice(0, -1).map((l) => l.filter((w) => w.xMax < unitX)).filter((l) => l.length);
  const rows = values.map((v) => ({ value: textOf(v), valueWords: v, labelLines: [] as Line[], label: '' }));
  for (const l of labels) {
    const near = rows.reduce((a, b) => (Math.abs(mid(b.valueWords[0]!) - mid(l[0]!)) < Math.abs(mid(a.valueWords[0]!) - mid(l[0]!)) ? b : a));
    near.labelLines.push(l);
  }
  for (const r of rows) r.label = r.labelLines.map(textOf).join(' ');
  return { page, left, unitX, rows };
}

describe('one chart standard, read from the PDF', () => {
  const expected = expectedCharts('lv');
  const all = Object.values(expected).map((c, i) => ({ ...c, base: c.n, n: i + 1 }));
  const bars = all.filter((c) => c.kind === 'bars').map((c) => ({ ...c, printed: printedBars(c.n, c.id) }));
  const shares = all.filter((c) => c.kind === 'share');
  const rowsOf = (c: ExpectedChart) => c.rows.map((r) => ({ label: r.label, value: printedValue(c, r) }));
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

  it.each(bars.map((c) => [c.n, c.id, c] as const))('bar chart %i (%s): labels and values as the manifest gives them, in order', (_n, _id, c) => {
    expect(c.printed.rows.map(({ label, value }) => ({ label, value }))).toEqual(rowsOf(c));
  });

  it('every bar chart’s category labels end at the same x, inside the text column', () => {
    const ends = bars.flatMap((c) => c.printed.rows.flatMap((r) => r.labelLines.map((l) => l.at(-1)!.xMax)));
    expect(spread(ends)).toBeLessThanOrEqual(1);
    for (const c of bars) for (const r of c.printed.rows) for (const l of r.labelLines) expect(l[0]!.xMin, r.label).toBeGreaterThanOrEqual(c.printed.left - 0.5);
  });

  it('every bar chart’s bars start at the same x and end at their value, to one scale per chart', () => {
    // Read from the drawing: along the middle of each row, the first dark point right of the
    // labels is the bar's start, the last one before the value its end.
    const starts: number[] = [];
    const longest: number[] = [];
    for (const c of bars) {
      const raster = pageRaster(REPORT_PDF, c.printed.page);
      const dark = (x: number, y: number) => raster.grey(x, y) < 200;
      const labelEnd = Math.max(...c.printed.rows.flatMap((r) => r.labelLines.map((l) => l.at(-1)!.xMax)));
      const drawn = c.printed.rows.map((r) => {
        const y = mid(r.valueWords[0]!);
        let x = labelEnd + 1;
        while (x < r.valueWords[0]!.xMin && !dark(x, y)) x += raster.scale;
        let end = r.valueWords[0]!.xMin - 1;
        while (end > x && !dark(end, y)) end -= raster.scale;
        starts.push(x);
        return { end, length: end - x };
      });
      // To scale: each bar as long as its value makes it next to the longest, within a point.
      const top = c.rows.reduce((best, r, i) => (r.value > c.rows[best]!.value ? i : best), 0);
      longest.push(drawn[top]!.end);
      const perUnit = drawn[top]!.length / c.rows[top]!.value;
      const off = c.rows.map((r, i) => ({ label: r.label, by: drawn[i]!.length - r.value * perUnit })).filter((d, i) => c.rows[i]!.value > 0 && Math.abs(d.by) > 1);
      expect(off, c.id).toEqual([]);
    }
    expect(spread(starts)).toBeLessThanOrEqual(1);
    // The same plot width: the longest bar of every chart ends at the same x.
    expect(spread(longest)).toBeLessThanOrEqual(1);
    // The unit under the bars starts where they do.
    expect(spread([...bars.map((c) => c.printed.unitX), ...starts])).toBeLessThanOrEqual(1);
  });

  it.each(shares.map((c) => [c.n, c.id, c] as const))('share chart %i (%s): each legend value beside its label, as the manifest gives it, in order', (n, id, c) => {
    const { body } = printedChart(n, id);
    const legendX = Math.min(...body.map((l) => l[0]!.xMin));
    const legend = body.filter((l) => Math.abs(l[0]!.xMin - legendX) < 1);
    const rows = legend.map((l) => {
      const gaps = l.slice(1).map((w, i) => w.xMin - l[i]!.xMax);
      const at = gaps.indexOf(Math.max(...gaps)) + 1;
      return { label: textOf(l.slice(0, at)), value: textOf(l.slice(at)), gap: gaps[at - 1]! };
    });
    expect(rows.map(({ label, value }) => ({ label, value }))).toEqual(rowsOf(c));
    for (const r of rows) expect(r.gap, r.label).toBeLessThanOrEqual(8);
  });
});

describe('the prose prints what the manifest computes', () => {
  // Recomputed here with plain loops over the raw manifest (tests/support/manifest.ts), so a
  // correction of the content changes both sides. Whether the figures are those the printed
  // 2025 edition stated is npm run audit's question (published.yaml, errata.yaml).
  const entries = rawManifest();
  const munis = municipalitiesOf(entries);
  const lv = (n: number) => n.toLocaleString('en').replace(/,/g, ' ');
  const text = squash(pages.slice(analysis.page - 1, afterword.page - 1).join('\n')).replace(/\u00A0/g, ' ');

  it('regional totals, a share of the total, the top of a ranking', () => {
    const regions = engagedByRegion(entries);
    expect(text).toContain(`Zemgales (${lv(regions.zemgale!)})`);
    expect(text).toContain(`kam seko Kurzeme (${lv(regions.kurzeme!)})`);
    const permits = (id: string) => munis.find((e) => e.id === id)!.permits!.value;
    const total = munis.reduce((n, e) => n + (e.permits?.value ?? 0), 0);
    expect(text).toContain(`(${lv(permits('rigas-valstspilseta'))} no ${lv(total)})`);
    const top = munis.filter((e) => typeof e.engaged?.value === 'number').sort((a, b) => b.engaged!.value! - a.engaged!.value!)[0]!;
    expect(text).toContain(`Augstākais rādītājs ir ${top.shortName!.lv} (${lv(top.engaged!.value!)})`);
    expect(text).not.toMatch(/\{\{|\}\}/);
  });
});
