/**
 * Every chart of the built 2025 report against an independent recomputation from the
 * manifest: the data table printed with each chart must hold exactly these values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_HTML } from '../support/paths.js';
import { allMentions, chartTable, countCode, engagedByRegion, municipalitiesOf, rawManifest } from '../support/manifest.js';

const html = readFileSync(REPORT_HTML, 'utf8');
const entries = rawManifest();
const munis = municipalitiesOf(entries);
const asMap = (rows: [string, number][]) => Object.fromEntries(rows);
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe('chart data equals the manifest, recomputed independently', () => {
  it('1: planning documents', () => {
    const expected: Record<string, number> = {};
    for (const e of munis) expected[e.coding!.planning.value] = (expected[e.coding!.planning.value] ?? 0) + 1;
    expect(asMap(chartTable(html, 'planning-documents'))).toEqual(expected);
    expect(Object.values(expected).reduce((a, b) => a + b)).toBe(42);
  });

  it('2: activity shares over mentions', () => {
    const groups: Record<string, string[]> = {
      administration: ['permits', 'strategy', 'teacher-development'],
      provision: ['organising-learning', 'digital'],
      consultation: ['consultations', 'career'],
      cooperation: ['cooperation', 'seniors'],
    };
    const all = allMentions(entries, 'activities');
    const got = asMap(chartTable(html, 'activity-shares'));
    for (const [g, codes] of Object.entries(groups)) {
      expect(close(got[g]!, (100 * codes.reduce((n, c) => n + countCode(entries, 'activities', c), 0)) / all), g).toBe(true);
    }
    expect(close(Object.values(got).reduce((a, b) => a + b), 100)).toBe(true);
  });

  for (const [chart, field] of [['activity-directions', 'activities'], ['implementers', 'implementers'], ['partners', 'partners']] as const) {
    it(`${chart}: municipalities per code, sorted from most to fewest`, () => {
      const rows = chartTable(html, chart);
      for (const [code, value] of rows) expect(value, code).toBe(countCode(entries, field, code));
      expect(rows.map((r) => r[1])).toEqual([...rows.map((r) => r[1])].sort((a, b) => b - a));
    });
  }

  it('4: coordinator load', () => {
    const rows = asMap(chartTable(html, 'coordinator-load'));
    for (const load of ['none', 'part-time', 'full-time', 'more-than-one']) expect(rows[load], load).toBe(munis.filter((e) => e.coordinator?.load === load).length);
  });

  it('5: engagement data available or not', () => {
    const tracked = munis.filter((e) => typeof e.engaged?.value === 'number').length;
    expect(asMap(chartTable(html, 'engagement-data'))).toEqual({ tracked, untracked: munis.length - tracked });
  });

  it('6: engaged residents per planning region', () => {
    const rows = chartTable(html, 'engagement-by-region');
    const expected = engagedByRegion(entries);
    expect(asMap(rows)).toEqual({ kurzeme: 0, latgale: 0, riga: 0, vidzeme: 0, zemgale: 0, ...expected });
    expect(rows.map((r) => r[1])).toEqual([...rows.map((r) => r[1])].sort((a, b) => b - a));
  });

  it('7: the five highest engagement figures, highest first', () => {
    const top = munis
      .filter((e) => typeof e.engaged?.value === 'number')
      .map((e) => [e.id, e.engaged!.value!] as [string, number])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    expect(chartTable(html, 'engagement-top')).toEqual(top);
  });

  it('10: project types as shares of all project mentions', () => {
    const all = allMentions(entries, 'projects');
    for (const [code, value] of chartTable(html, 'projects')) expect(close(value, (100 * countCode(entries, 'projects', code)) / all), code).toBe(true);
  });

  it('11: municipalities by permits issued, in buckets', () => {
    const p = munis.map((e) => e.permits!.value);
    expect(asMap(chartTable(html, 'permits-distribution'))).toEqual({
      '0-5': p.filter((v) => v <= 5).length,
      '6-10': p.filter((v) => v >= 6 && v <= 10).length,
      '11-20': p.filter((v) => v >= 11 && v <= 20).length,
      '21+': p.filter((v) => v >= 21).length,
    });
  });

  it('12: municipalities with 21 or more permits, ascending', () => {
    const expected = munis
      .filter((e) => e.permits!.value >= 21)
      .map((e) => [e.id, e.permits!.value] as [string, number])
      .sort((a, b) => a[1] - b[1]);
    expect(chartTable(html, 'permits-top').map((r) => r[1])).toEqual(expected.map((r) => r[1]));
    expect(new Set(chartTable(html, 'permits-top').map((r) => r[0]))).toEqual(new Set(expected.map((r) => r[0])));
  });

  it('13: Rīga against all other municipalities', () => {
    const riga = munis.find((e) => e.id === 'rigas-valstspilseta')!.permits!.value;
    const total = munis.reduce((n, e) => n + e.permits!.value, 0);
    expect(asMap(chartTable(html, 'permits-riga-vs-rest'))).toEqual({ riga, rest: total - riga });
    expect(riga).toBe(379);
  });

  it('every chart has its <title>, <desc> and data table', () => {
    const ids = [...html.matchAll(/<figure class="chart[^"]*" data-chart="([a-z-]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(13);
    for (const id of ids) {
      expect(html).toContain(`<title id="chart-${id}-title">`);
      expect(html).toContain(`<desc id="chart-${id}-desc">`);
      expect(chartTable(html, id!).length).toBeGreaterThan(0);
    }
  });
});
