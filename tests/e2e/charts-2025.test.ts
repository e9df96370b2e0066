/**
 * The analysis chapter of the built 2025 PDF: charts are vector drawings with real text, and
 * the figures in the prose are those the manifest computes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engagedByRegion, municipalitiesOf, rawManifest } from '../support/manifest.js';
import { REPORT_HTML, REPORT_PDF, ROOT } from '../support/paths.js';
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

  it('each has one source line, with the edition’s year and the number of municipalities', () => {
    const n = municipalitiesOf(rawManifest()).length;
    const year = /^\s*year:\s*(\d+)/m.exec(readFileSync(join(ROOT, 'content', '2025', 'manifest.yaml'), 'utf8'))![1];
    const lines = pages.join('\n').split('\n').filter((l) => l.trim() === `Avots: pašvaldību sniegtā informācija, ${year}; n = ${n}`);
    expect(lines).toHaveLength(ids.length);
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
