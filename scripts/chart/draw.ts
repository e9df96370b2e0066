/**
 * Charts as SVG, drawn with D3 on a server-side DOM (linkedom) and inlined in the HTML, so they
 * print as vectors with real text.
 *
 * One standard for every chart:
 * - as wide as the text column (scripts/print/design.ts), one SVG unit = one point, so a
 *   chart's type is the same size whatever the column;
 * - the same plot area in every bar chart: a label column of a fixed share of the width, the
 *   labels wrapped onto lines inside it (widths measured in the font, measure.ts) and
 *   right-aligned at its edge, the bars starting at the same x;
 * - colours only by name from the stylesheet's palette (palette.ts); a label on a colour
 *   takes the text colour of higher WCAG contrast, every other text stands on the paper;
 * - a legend's value right after its label.
 *
 * linkedom rather than d3-node: d3-node pins jsdom 16 (2021); measured here for the same 13
 * charts, d3-node took ~1.1 s (0.6 s import + 0.45 s drawing), D3 on linkedom ~0.2 s.
 */
import { select } from 'd3-selection';
import { scaleLinear } from 'd3-scale';
import { parseHTML } from 'linkedom';
import type { NumberFormat } from '../data/format.js';
import { contentBox } from '../print/design.js';
import { textWidth } from './measure.js';
import { fill, stroke, textOn, type Palette } from './palette.js';
import type { ChartData } from './specs.js';
import { drawYears } from './years.js';

/** Sizes in points. */
export const LAYOUT = {
  font: 8,
  lineHeight: 9.6,
  unitFont: 7,
  /** The category labels' column, as a share of the chart's width; the bars start after it. */
  labelColumn: 0.34,
  /** From the labels' right edge to the bars. */
  gap: 5,
  /** From a bar's end to its value. */
  valueGap: 3.5,
  /** Room right of the longest bar for its value (more only if a value is wider). */
  valueRoom: 32,
  row: 15,
  bar: 9,
  shareBar: 20,
  legendRow: 12,
  swatch: 8,
} as const;

/** A text's baseline that centres its capitals and figures on y (cap height ~0.66 em). */
const baseline = (y: number, size: number = LAYOUT.font) => y + 0.33 * size;

/** The chart's width in points: the text column's. */
export const chartWidth = () => (contentBox.widthMm * 72) / 25.4;

export interface DrawContext {
  fmt: NumberFormat;
  title: string;
  unitLabel: string;
  palette: Palette;
}

/**
 * A label broken into lines no wider than `width` points, at spaces; a single word wider than
 * the column is broken with a hyphen, so no label ever reaches past its column.
 */
export function wrap(label: string, width: number, size: number = LAYOUT.font): string[] {
  const fits = (s: string) => textWidth(s, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ').filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (!fits(line)) {
      let cut = line.length - 1;
      while (cut > 1 && !fits(line.slice(0, cut) + '-')) cut--;
      lines.push(line.slice(0, cut) + '-');
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

function valueText(d: { value: number }, chart: ChartData, fmt: NumberFormat, total: number): string {
  if (chart.unit === 'percent') return fmt.percent(d.value);
  if (chart.kind === 'share') return `${fmt.number(d.value)} (${fmt.percent((100 * d.value) / (total || 1))})`;
  return fmt.number(d.value);
}

export function drawChart(chart: ChartData, ctx: DrawContext): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const body = select(document.body as unknown as HTMLElement);
  const total = chart.items.reduce((n, d) => n + d.value, 0);
  const width = chartWidth();
  const svg = body
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', `chart__svg chart__svg--${chart.kind}`)
    .attr('role', 'img')
    .attr('aria-labelledby', `chart-${chart.id}-title chart-${chart.id}-desc`)
    .attr('font-family', '"Source Sans 3", sans-serif')
    .attr('font-size', LAYOUT.font)
    .attr('style', fill('--chart-ink'));
  svg.append('title').attr('id', `chart-${chart.id}-title`).text(ctx.title);
  svg
    .append('desc')
    .attr('id', `chart-${chart.id}-desc`)
    .text(chart.items.map((d) => `${d.label}: ${valueText(d, chart, ctx.fmt, total)}`).join('; '));
  const height = chart.kind === 'years' ? drawYears(svg, chart, ctx, width) : chart.kind === 'share' ? drawShare(svg, chart, ctx, total, width) : drawBars(svg, chart, ctx, total, width);
  svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', `${width}pt`).attr('height', `${height}pt`);
  // Coordinates to 0.1 unit: enough for print, and no 3.5999999999999996 in the HTML.
  return (document.body as unknown as HTMLElement).innerHTML.replace(/="[^"]*"/g, (attr) =>
    attr.replace(/\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10)),
  );
}

type Svg = ReturnType<typeof select<SVGSVGElement, unknown>>;
type Group = ReturnType<typeof select<SVGGElement, unknown>>;

/** Lines of text right-aligned at x, centred as a block on cy. */
function labelLines(parent: Group, lines: string[], x: number, cy: number): void {
  const text = parent.append('text').attr('class', 'chart__label').attr('x', x).attr('text-anchor', 'end');
  const first = baseline(cy) - ((lines.length - 1) * LAYOUT.lineHeight) / 2;
  lines.forEach((line, i) => text.append('tspan').attr('x', x).attr('y', first + i * LAYOUT.lineHeight).text(line));
}

/** Horizontal bars, one per category in the given order, the value at the bar's end. */
function drawBars(svg: Svg, chart: ChartData, ctx: DrawContext, total: number, width: number): number {
  const L = LAYOUT;
  const labelEdge = Math.round(width * L.labelColumn);
  const x0 = labelEdge + L.gap;
  const values = chart.items.map((d) => valueText(d, chart, ctx.fmt, total));
  const valueRoom = Math.max(L.valueRoom, ...values.map((v) => textWidth(v, L.font, 600) + L.valueGap + 1));
  const x = scaleLinear()
    .domain([0, Math.max(1, ...chart.items.map((d) => d.value))])
    .range([0, width - x0 - valueRoom]);
  const g = svg.append('g').attr('class', 'chart__bars');
  let y = 1;
  chart.items.forEach((d, i) => {
    const lines = wrap(d.label, labelEdge);
    const h = Math.max(L.row, lines.length * L.lineHeight + 5);
    const cy = y + h / 2;
    labelLines(g, lines, labelEdge, cy);
    g.append('rect')
      .attr('class', 'chart__bar')
      .attr('x', x0)
      .attr('y', cy - L.bar / 2)
      .attr('width', Math.max(0.5, x(d.value)))
      .attr('height', L.bar)
      .attr('style', fill(d.highlight ? '--chart-highlight' : ctx.palette.series[0]!));
    g.append('text')
      .attr('class', 'chart__value')
      .attr('x', x0 + x(d.value) + L.valueGap)
      .attr('y', baseline(cy))
      .attr('font-weight', 600)
      .text(values[i]!);
    y += h;
  });
  // The baseline of the bars, and the unit under it.
  g.append('line').attr('x1', x0).attr('x2', x0).attr('y1', 0).attr('y2', y + 1).attr('stroke-width', 0.75).attr('style', stroke('--chart-muted'));
  svg
    .append('text')
    .attr('class', 'chart__unit')
    .attr('x', x0)
    .attr('y', y + 1 + L.unitFont + 1)
    .attr('font-size', L.unitFont)
    .attr('style', fill('--chart-muted'))
    .text(ctx.unitLabel);
  return y + 1 + L.unitFont + 4;
}

/**
 * The colour of each share: the highlighted one --chart-highlight, the others the series in
 * order (without the highlight's colour when one is highlighted, so no two shares look alike).
 */
function shareColours(chart: ChartData, palette: Palette): string[] {
  const hex = (name: string) => palette.colours.get(name)!.value.toLowerCase();
  const highlighted = chart.items.some((d) => d.highlight);
  const series = palette.series.filter((c) => !highlighted || hex(c) !== hex('--chart-highlight'));
  let next = 0;
  return chart.items.map((d) => (d.highlight ? '--chart-highlight' : series[next++ % series.length]!));
}

/** One bar divided into shares, each labelled with its share where it fits, and a legend. */
function drawShare(svg: Svg, chart: ChartData, ctx: DrawContext, total: number, width: number): number {
  const L = LAYOUT;
  const x = scaleLinear().domain([0, total || 1]).range([0, width]);
  const colours = shareColours(chart, ctx.palette);
  const g = svg.append('g').attr('class', 'chart__share');
  let at = 0;
  chart.items.forEach((d, i) => {
    const w = x(d.value);
    g.append('rect')
      .attr('class', 'chart__segment')
      .attr('x', x(at))
      .attr('y', 0)
      .attr('width', w)
      .attr('height', L.shareBar)
      .attr('stroke-width', 1)
      .attr('style', `${fill(colours[i]!)};${stroke('--chart-paper')}`);
    const share = chart.unit === 'percent' ? ctx.fmt.percent(d.value) : ctx.fmt.percent((100 * d.value) / (total || 1));
    // The share inside its segment where it fits; the legend gives every value anyway.
    if (textWidth(share, L.font, 700) + 6 <= w) {
      g.append('text')
        .attr('class', 'chart__value chart__value--on-colour')
        .attr('x', x(at) + w / 2)
        .attr('y', baseline(L.shareBar / 2))
        .attr('text-anchor', 'middle')
        .attr('font-weight', 700)
        .attr('style', fill(textOn(ctx.palette, colours[i]!)))
        .text(share);
    }
    at += d.value;
  });
  // Legend: swatch, label, and the value right after the label.
  const legend = svg.append('g').attr('class', 'chart__legend');
  const textX = L.swatch + 4;
  let y = L.shareBar + 5;
  chart.items.forEach((d, i) => {
    const value = valueText(d, chart, ctx.fmt, total);
    const valueW = textWidth(value, L.font, 600);
    const lines = wrap(d.label, width - textX - 5 - valueW);
    const h = L.legendRow + (lines.length - 1) * L.lineHeight;
    const cy = y + L.legendRow / 2;
    legend
      .append('rect')
      .attr('class', 'chart__swatch')
      .attr('x', 0)
      .attr('y', cy - L.swatch / 2)
      .attr('width', L.swatch)
      .attr('height', L.swatch)
      .attr('stroke-width', 0.5)
      .attr('style', `${fill(colours[i]!)};${stroke('--chart-muted')}`);
    const text = legend.append('text').attr('class', 'chart__label');
    lines.forEach((line, k) => text.append('tspan').attr('x', textX).attr('y', baseline(cy) + k * L.lineHeight).text(line));
    legend
      .append('text')
      .attr('class', 'chart__value')
      .attr('x', textX + textWidth(lines.at(-1)!, L.font) + 5)
      .attr('y', baseline(cy) + (lines.length - 1) * L.lineHeight)
      .attr('font-weight', 600)
      .text(value);
    y += h;
  });
  return y + 2;
}
