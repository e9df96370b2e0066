/**
 * The charts' one palette: colours only by name from the :root of styles/report.css, and every
 * text of a chart at a WCAG contrast of 4.5:1 or more against what it stands on. The palette is
 * read here from the stylesheet itself, and the contrast computed here, not by the pipeline.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { drawChart } from '../../scripts/chart/draw.js';
import { readPalette } from '../../scripts/chart/palette.js';
import type { ChartData } from '../../scripts/chart/specs.js';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { numberFormat } from '../../scripts/data/format.js';
import type { Messages } from '../../scripts/validate/schema.js';
import { REPORT_HTML, ROOT } from '../support/paths.js';

const CSS = join(ROOT, 'styles', 'report.css');

/** The custom properties of :root, var() references followed. */
function rootColours(): Map<string, string> {
  const css = readFileSync(CSS, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const block = /^:root\s*\{([^}]*)\}/m.exec(css)![1]!;
  const raw = new Map([...block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
  const value = (name: string): string => {
    const v = raw.get(name);
    if (v === undefined) throw new Error(`${name} is not declared in :root of styles/report.css`);
    const ref = /^var\((--[\w-]+)\)$/.exec(v);
    return ref ? value(ref[1]!) : v;
  };
  return new Map([...raw.keys()].map((k) => [k, value(k)]));
}

function luminance(hex: string): number {
  const h = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const ratio = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

const colours = rootColours();
const paper = colours.get('--chart-paper')!;
const varOf = (style: string | null, prop: 'fill') => (style ? new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*var\\((--[\\w-]+)\\)`).exec(style)?.[1] : undefined);

interface Pair {
  text: string;
  fg: string;
  bg: string;
  ratio: number;
}

/** Every text of an SVG with its colour and the colour it stands on (a rect under it, or the paper). */
function textPairs(svgMarkup: string): Pair[] {
  const { document } = parseHTML(`<html><body>${svgMarkup}</body></html>`);
  const rects = [...document.querySelectorAll('rect')].map((r) => ({
    x: Number(r.getAttribute('x') ?? 0),
    y: Number(r.getAttribute('y') ?? 0),
    w: Number(r.getAttribute('width')),
    h: Number(r.getAttribute('height')),
    fill: varOf(r.getAttribute('style'), 'fill'),
    el: r,
  }));
  const pairs: Pair[] = [];
  for (const t of document.querySelectorAll('text')) {
    let fillName: string | undefined;
    for (let el: Element | null = t; el && !fillName; el = el.parentElement) fillName = varOf(el.getAttribute('style'), 'fill');
    expect(fillName, `text "${t.textContent}" has no palette fill`).toBeDefined();
    const size = Number(t.getAttribute('font-size') ?? 8);
    const x = Number(t.getAttribute('x') ?? t.querySelector('tspan')?.getAttribute('x'));
    const y = Number(t.getAttribute('y') ?? t.querySelector('tspan')?.getAttribute('y')) - size / 3;
    // The rect painted last under the text's middle (before it in the document).
    const under = rects.filter((r) => r.x <= x && x <= r.x + r.w && r.y <= y && y <= r.y + r.h && r.el.compareDocumentPosition(t) & 4).at(-1);
    const fg = colours.get(fillName!)!;
    const bg = under ? colours.get(under.fill!)! : paper;
    pairs.push({ text: t.textContent ?? '', fg, bg, ratio: ratio(fg, bg) });
  }
  return pairs;
}

const messages = parse(readFileSync(join(ROOT, 'templates', 'messages', 'lv.yaml'), 'utf8')) as Messages;
const ctx = { fmt: numberFormat(messages), title: 'T', unitLabel: 'pašvaldību skaits', palette: readPalette(CSS) };
const series = [...colours.keys()].filter((k) => /^--chart-\d+$/.test(k));
const items = (n: number, highlight = -1) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, label: `Kategorija ${i + 1}`, value: 10, highlight: i === highlight }));

describe('the charts’ palette', () => {
  it('is declared in :root of styles/report.css: series, highlight, ink, muted, paper', () => {
    expect(series.length).toBeGreaterThanOrEqual(2);
    for (const name of [...series, '--chart-highlight', '--chart-ink', '--chart-muted', '--chart-paper']) expect(colours.get(name), name).toMatch(/^#[0-9a-f]{3}([0-9a-f]{3})?$/i);
  });

  // Every colour a text can stand on: each series colour (one share per colour, and one more
  // so the series starts again), the highlight among the shares and as a bar, and the paper.
  const charts: ChartData[] = [
    { id: 'every-series-colour', kind: 'share', unit: 'municipalities', base: 10, items: items(series.length + 1) },
    { id: 'every-series-colour-in-percent', kind: 'share', unit: 'percent', base: 10, items: items(series.length + 1) },
    { id: 'share-with-highlight', kind: 'share', unit: 'permits', base: 10, items: items(series.length, 1) },
    { id: 'bars-with-highlight', kind: 'bars', unit: 'municipalities', base: 10, items: items(4, 0) },
  ];

  it.each(charts.map((c) => [c.id, c] as const))('%s: every text at 4.5:1 or more on what it stands on', (_id, chart) => {
    const svg = drawChart(chart, ctx);
    const pairs = textPairs(svg);
    // Each share is labelled inside its segment: a text on every colour was checked.
    if (chart.kind === 'share') expect(pairs.filter((p) => p.bg !== paper).length).toBe(chart.items.length);
    expect(pairs.filter((p) => p.ratio < 4.5).map((p) => `${p.text}: ${p.fg} on ${p.bg} = ${p.ratio.toFixed(2)}`)).toEqual([]);
  });

  it('a colour on which no chart text reaches 4.5:1 stops the build at its line of the stylesheet', () => {
    const css = readFileSync(CSS, 'utf8').replace(/(--chart-2:\s*)[^;]+;/, '$1#808080;');
    const file = join(mkdtempSync(join(tmpdir(), 'palette-')), 'report.css');
    writeFileSync(file, css);
    const line = css.split('\n').findIndex((l) => l.includes('--chart-2:')) + 1;
    let error: unknown;
    try {
      drawChart(charts[0]!, { ...ctx, palette: readPalette(file) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).diagnostics[0]).toMatchObject({ file, line, message: expect.stringMatching(/--chart-2 \(#808080\).*4\.5:1/) });
  });

  it('the charts of the 2025 report: every text at 4.5:1 or more, no colour written into the SVG', () => {
    const html = readFileSync(REPORT_HTML, 'utf8');
    const svgs = [...html.matchAll(/<svg[^>]*class="chart__svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(13);
    for (const svg of svgs) {
      expect(svg).not.toMatch(/(?<!&)#[0-9a-f]{3,6}\b|rgba?\(|hsla?\(|(?:fill|stroke)="(?!none)[a-z]/i);
      for (const [, name] of svg.matchAll(/var\((--[\w-]+)\)/g)) expect(colours.has(name!), `${name} declared in :root`).toBe(true);
      expect(textPairs(svg).filter((p) => p.ratio < 4.5).map((p) => `${p.text}: ${p.fg} on ${p.bg}`)).toEqual([]);
    }
  });
});
