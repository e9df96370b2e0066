/**
 * Every chart of the built 2025 report against an independent recomputation from the
 * manifest: the data table printed with each chart must hold exactly these values, in the
 * order of the chart standard (largest first, ties by name; the two scales in their own order).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedCharts } from '../support/charts.js';
import { chartTable, municipalitiesOf, rawManifest } from '../support/manifest.js';
import { REPORT_HTML } from '../support/paths.js';

const html = readFileSync(REPORT_HTML, 'utf8');
const expected = expectedCharts('lv');
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe('chart data equals the manifest, recomputed independently', () => {
  it.each(Object.values(expected).map((c, i) => [i + 1, c.id, c] as const))('%i (%s): its rows, values and order', (_n, id, chart) => {
    const table = chartTable(html, id);
    expect(table.map(([key]) => key)).toEqual(chart.rows.map((r) => r.key));
    table.forEach(([key, value], i) => expect(close(value, chart.rows[i]!.value), `${key}: ${value} ≠ ${chart.rows[i]!.value}`).toBe(true));
  });

  it('shares of all mentions add up to 100 %; counts of municipalities to their number', () => {
    const n = municipalitiesOf(rawManifest()).length;
    for (const id of ['activity-shares', 'projects']) expect(close(chartTable(html, id).reduce((s, [, v]) => s + v, 0), 100), id).toBe(true);
    for (const id of ['planning-documents', 'coordinator-load', 'engagement-data', 'permits-distribution']) expect(chartTable(html, id).reduce((s, [, v]) => s + v, 0), id).toBe(n);
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
