/**
 * Charts as SVG, drawn with D3 on a server-side DOM (linkedom) and inlined in the HTML, so they
 * print as vectors with real text. One palette for print: its colours differ in lightness, so
 * they stay apart in greyscale and for colour-blind readers.
 *
 * linkedom rather than d3-node: d3-node pins jsdom 16 (2021); measured here for the same 13
 * charts, d3-node took ~1.1 s (0.6 s import + 0.45 s drawing), D3 on linkedom ~0.2 s.
 */
import { select } from 'd3-selection';
import { scaleLinear } from 'd3-scale';
import { parseHTML } from 'linkedom';
import type { NumberFormat } from '../data/format.js';
import type { ChartData } from './specs.js';

export const PALETTE = {
  bar: '#1d3f6e', // navy, L≈26
  highlight: '#c8892b', // ochre, L≈62
  series: ['#1d3f6e', '#3b8c8c', '#d9a441', '#e6dcc6'], // L≈26, 53, 71, 88
  text: '#1a1a1a',
  muted: '#5b6470',
  grid: '#d5dbe3',
};

const WIDTH = 640;
const FONT = 11; // px in the 640-unit viewBox: ~8.6 pt at the text width of the page
const CHAR = 0.56; // generous average advance of Source Sans 3 in em (bold-ish capitals), for laying out labels

export interface DrawContext {
  fmt: NumberFormat;
  title: string;
  unitLabel: string;
}

/** Split a label into lines that fit `width` (estimated; the SVG is laid out before printing). */
function wrap(label: string, width: number): string[] {
  const max = Math.max(8, Math.floor(width / (FONT * CHAR)));
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function valueText(d: { value: number }, chart: ChartData, fmt: NumberFormat, total: number): string {
  if (chart.unit === 'percent') return fmt.percent(d.value);
  if (chart.kind === 'share') return `${fmt.number(d.value)} (${fmt.percent((100 * d.value) / total)})`;
  return fmt.number(d.value);
}

export function drawChart(chart: ChartData, ctx: DrawContext): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const body = select(document.body as unknown as HTMLElement);
  const total = chart.items.reduce((n, d) => n + d.value, 0);
  const svg = body
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', `chart__svg chart__svg--${chart.kind}`)
    .attr('role', 'img')
    .attr('aria-labelledby', `chart-${chart.id}-title chart-${chart.id}-desc`)
    .attr('font-family', '"Source Sans 3", sans-serif')
    .attr('font-size', FONT)
    .attr('fill', PALETTE.text);
  svg.append('title').attr('id', `chart-${chart.id}-title`).text(ctx.title);
  svg
    .append('desc')
    .attr('id', `chart-${chart.id}-desc`)
    .text(chart.items.map((d) => `${d.label}: ${valueText(d, chart, ctx.fmt, total)}`).join('; '));
  const height = chart.kind === 'share' ? drawShare(svg, chart, ctx, total) : drawBars(svg, chart, ctx, total);
  svg.attr('viewBox', `0 0 ${WIDTH} ${height}`).attr('width', WIDTH).attr('height', height);
  // Coordinates to 0.1 unit: enough for print, and no 3.5999999999999996 in the HTML.
  return (document.body as unknown as HTMLElement).innerHTML.replace(/="[^"]*"/g, (attr) =>
    attr.replace(/\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10)),
  );
}

type Svg = ReturnType<typeof select<SVGSVGElement, unknown>>;

/** Horizontal bars, one per category in the given order, the value at the bar's end. */
function drawBars(svg: Svg, chart: ChartData, ctx: DrawContext, total: number): number {
  const labelWidth = Math.min(250, Math.max(72, Math.max(...chart.items.map((d) => d.label.length)) * FONT * CHAR + 12));
  const rows = chart.items.map((d) => ({ ...d, lines: wrap(d.label, labelWidth - 8) }));
  const rowHeight = (d: { lines: string[] }) => Math.max(22, d.lines.length * FONT * 1.2 + 10);
  const valueRoom = 64;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...chart.items.map((d) => d.value))])
    .range([0, WIDTH - labelWidth - valueRoom]);
  let y = 4;
  const g = svg.append('g').attr('class', 'chart__bars');
  for (const d of rows) {
    const h = rowHeight(d);
    const row = g.append('g').attr('transform', `translate(0,${y})`);
    const text = row
      .append('text')
      .attr('x', labelWidth - 8)
      .attr('text-anchor', 'end')
      .attr('y', h / 2 - ((d.lines.length - 1) * FONT * 1.2) / 2)
      .attr('dominant-baseline', 'middle');
    d.lines.forEach((line, i) => text.append('tspan').attr('x', labelWidth - 8).attr('dy', i === 0 ? 0 : FONT * 1.2).text(line));
    const barH = Math.min(16, h - 6);
    row
      .append('rect')
      .attr('x', labelWidth)
      .attr('y', (h - barH) / 2)
      .attr('width', Math.max(0.5, x(d.value)))
      .attr('height', barH)
      .attr('fill', d.highlight ? PALETTE.highlight : PALETTE.bar);
    row
      .append('text')
      .attr('class', 'chart__value')
      .attr('x', labelWidth + x(d.value) + 5)
      .attr('y', h / 2)
      .attr('dominant-baseline', 'middle')
      .attr('font-weight', 600)
      .text(valueText(d, chart, ctx.fmt, total));
    y += h;
  }
  // Baseline and the unit.
  g.append('line').attr('x1', labelWidth).attr('x2', labelWidth).attr('y1', 2).attr('y2', y + 2).attr('stroke', PALETTE.muted).attr('stroke-width', 0.75);
  svg
    .append('text')
    .attr('x', labelWidth)
    .attr('y', y + 16)
    .attr('fill', PALETTE.muted)
    .attr('font-size', FONT - 1)
    .text(ctx.unitLabel);
  return y + 22;
}

/** One bar divided into shares, each labelled with its value and share, and a legend. */
function drawShare(svg: Svg, chart: ChartData, ctx: DrawContext, total: number): number {
  const x = scaleLinear().domain([0, total || 1]).range([0, WIDTH]);
  const barH = 34;
  let at = 0;
  const g = svg.append('g').attr('class', 'chart__share');
  chart.items.forEach((d, i) => {
    const w = x(d.value);
    const colour = d.highlight ? PALETTE.highlight : PALETTE.series[i % PALETTE.series.length]!;
    g.append('rect').attr('x', x(at)).attr('y', 0).attr('width', w).attr('height', barH).attr('fill', colour).attr('stroke', '#fff').attr('stroke-width', 1.5);
    const share = chart.unit === 'percent' ? ctx.fmt.percent(d.value) : ctx.fmt.percent((100 * d.value) / (total || 1));
    if (w > 34) {
      g.append('text')
        .attr('x', x(at) + w / 2)
        .attr('y', barH / 2)
        .attr('text-anchor', 'middle')
        .attr('dominant-baseline', 'middle')
        .attr('font-weight', 700)
        .attr('fill', i >= 2 && !d.highlight ? PALETTE.text : '#fff')
        .text(share);
    }
    at += d.value;
  });
  // Legend: swatch, label, value.
  let y = barH + 16;
  chart.items.forEach((d, i) => {
    const colour = d.highlight ? PALETTE.highlight : PALETTE.series[i % PALETTE.series.length]!;
    const row = svg.append('g').attr('transform', `translate(0,${y})`);
    row.append('rect').attr('width', 11).attr('height', 11).attr('y', -1).attr('fill', colour).attr('stroke', PALETTE.muted).attr('stroke-width', 0.5);
    row.append('text').attr('x', 18).attr('y', 5).attr('dominant-baseline', 'middle').text(d.label);
    row.append('text').attr('x', WIDTH).attr('y', 5).attr('text-anchor', 'end').attr('dominant-baseline', 'middle').attr('font-weight', 600).text(valueText(d, chart, ctx.fmt, total));
    y += 18;
  });
  return y;
}
