/**
 * The analysis chapter of the built 2025 PDF: charts are vector drawings with real text, in
 * the seed's order, and the printed figures either come out as printed or have an erratum.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { audit } from '../../scripts/audit.js';
import { defaultPaths } from '../../scripts/config.js';
import { loadEdition } from '../../scripts/load/edition.js';
import { engagedByRegion, municipalitiesOf, rawManifest } from '../support/manifest.js';
import { REPORT_HTML, REPORT_PDF, ROOT } from '../support/paths.js';
import { printedToc, reportPages } from '../support/report.js';
import { SEED_FILE } from '../support/seed.js';

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

describe('printed 2025 figures', () => {
  const paths = defaultPaths();
  const edition = loadEdition({ contentDir: paths.content, templatesDir: paths.templates, edition: '2025', lang: 'lv' });
  const rows = audit(edition);
  const seedText = squash(readFileSync(SEED_FILE, 'utf8'));
  const published = parse(readFileSync(join(ROOT, 'content', '2025', 'published.yaml'), 'utf8')) as { id: string; quote: string }[];

  it('the reference data quotes the published chapter', () => {
    expect(published.length).toBeGreaterThan(60);
    expect(published.filter((f) => !seedText.includes(f.quote)).map((f) => f.id)).toEqual([]);
  });

  it('each comes out as printed, or has an erratum with its reason', () => {
    expect(rows.filter((r) => !r.agrees && !r.reason).map((r) => r.id)).toEqual([]);
  });

  it('those the sections state consistently come out as printed (recomputed independently)', () => {
    const entries = rawManifest();
    const munis = municipalitiesOf(entries);
    const permits = (id: string) => munis.find((e) => e.id === id)!.permits!.value;
    expect(permits('rigas-valstspilseta')).toBe(379);
    expect(permits('daugavpils-valstspilseta')).toBe(91);
    const regions = engagedByRegion(entries);
    expect(regions.zemgale).toBe(17079);
    expect(regions.kurzeme).toBe(13421);
    const top = munis.filter((e) => typeof e.engaged?.value === 'number').map((e) => e.engaged!.value!).sort((a, b) => b - a);
    expect(top.slice(0, 4)).toEqual([11253, 7840, 7556, 6307]);
    // The printed fifth (Liepāja, 2 038) is sixth by the sections: see errata.yaml (engaged-rank-5).
    expect(top[5]).toBe(2038);
    expect(rows.find((r) => r.id === 'engaged-rank-5')!.reason).toMatch(/Jelgavas novads/);
  });

  it('the PDF prints the computed values in the prose', () => {
    const text = squash(pages.slice(analysis.page - 1, afterword.page - 1).join('\n'));
    expect(text).toContain('Zemgales (17 079)');
    expect(text).toContain('(379 no 918)');
    expect(text).toContain('Augstākais rādītājs ir Jelgavas valstspilsēta (11 253)');
    expect(text).not.toMatch(/\{\{|\}\}/);
  });
});
