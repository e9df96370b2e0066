/**
 * Two years side by side: for a figure (permits, residents engaged), the municipalities with
 * the largest values in either year, each with last edition's bar (muted) above this year's,
 * both values at their bars' ends, and a legend naming the years. Chart ids: `permits-years`,
 * `engaged-years` (a chart block ```chart\npermits-years\n```). An entry of one year only (a
 * merger) has no pair and is left out; the audit lists it.
 */
import { scaleLinear } from 'd3-scale';
import type { select } from 'd3-selection';
import { editionData, previousYear, yearOf } from '../data/editions.js';
import type { Dataset, NumericField } from '../data/metrics.js';
import type { Messages } from '../validate/schema.js';
import { LAYOUT, wrap, type DrawContext } from './draw.js';
import { textWidth } from './measure.js';
import { fill, stroke } from './palette.js';
import type { ChartData } from './specs.js';

export const YEARS_CHARTS: Record<string, NumericField> = { 'permits-years': 'permits', 'engaged-years': 'engaged' };
/** How many municipalities the chart shows. */
export const YEARS_TOP = 10;

export const isYearsChart = (id: string) => id in YEARS_CHARTS;

export function yearsChartData(id: string, data: Dataset, _messages: Messages): ChartData {
  const field = YEARS_CHARTS[id]!;
  const year = yearOf(data);
  const before = previousYear(data);
  if (!year || !before) throw new Error(`chart "${id}" compares two editions, and ${year ?? 'this one'} has none before it`);
  const then = editionData(data, before);
  const pairs = data
    .ranked(field)
    .flatMap(({ entry, value }) => {
      const was = then.byId(entry.id);
      const wasValue = was ? then.ranked(field, (e) => e.id === entry.id)[0]?.value : undefined;
      return wasValue === undefined ? [] : [{ key: entry.id, label: data.name(entry), value, before: wasValue }];
    })
    .sort((a, b) => Math.max(b.value, b.before) - Math.max(a.value, a.before) || b.value - a.value);
  const items = pairs.slice(0, YEARS_TOP);
  // n: the municipalities with the figure in both years, the population the top list is ranked from.
  return { id, kind: 'years', unit: field === 'permits' ? 'permits' : 'residents', items, base: pairs.length, years: [before, year] };
}

type Svg = ReturnType<typeof select<SVGSVGElement, unknown>>;

/** A pair of bars per category: last year's (muted) above this year's, and a legend. */
export function drawYears(svg: Svg, chart: ChartData, ctx: DrawContext, width: number): number {
  const L = LAYOUT;
  const [was = '', now = ''] = chart.years ?? [];
  const labelEdge = Math.round(width * L.labelColumn);
  const x0 = labelEdge + L.gap;
  const texts = chart.items.flatMap((d) => [ctx.fmt.number(d.before ?? 0), ctx.fmt.number(d.value)]);
  const valueRoom = Math.max(L.valueRoom, ...texts.map((v) => textWidth(v, L.font, 600) + L.valueGap + 1));
  const x = scaleLinear()
    .domain([0, Math.max(1, ...chart.items.flatMap((d) => [d.value, d.before ?? 0]))])
    .range([0, width - x0 - valueRoom]);
  const colours = ['--chart-muted', ctx.palette.series[0]!];
  // The legend first: which bar is which year.
  const legend = svg.append('g').attr('class', 'chart__legend');
  let lx = x0;
  [was, now].forEach((y, i) => {
    legend.append('rect').attr('x', lx).attr('y', 0).attr('width', L.swatch).attr('height', L.swatch).attr('style', fill(colours[i]!));
    legend.append('text').attr('x', lx + L.swatch + 3).attr('y', L.swatch - 1).text(y);
    lx += L.swatch + 3 + textWidth(y, L.font) + 12;
  });
  const g = svg.append('g').attr('class', 'chart__bars');
  const bar = L.bar * 0.8;
  let y = L.legendRow + 2;
  chart.items.forEach((d) => {
    const lines = wrap(d.label, labelEdge);
    const h = Math.max(2 * bar + 6, lines.length * L.lineHeight + 5);
    const cy = y + h / 2;
    const label = g.append('text').attr('class', 'chart__label').attr('x', labelEdge).attr('text-anchor', 'end');
    const first = cy + 0.33 * L.font - ((lines.length - 1) * L.lineHeight) / 2;
    lines.forEach((line, i) => label.append('tspan').attr('x', labelEdge).attr('y', first + i * L.lineHeight).text(line));
    [d.before ?? 0, d.value].forEach((v, i) => {
      const top = cy - bar - 0.5 + i * (bar + 1);
      g.append('rect').attr('class', 'chart__bar').attr('x', x0).attr('y', top).attr('width', Math.max(0.5, x(v))).attr('height', bar).attr('style', fill(colours[i]!));
      g.append('text')
        .attr('class', 'chart__value')
        .attr('x', x0 + x(v) + L.valueGap)
        .attr('y', top + bar / 2 + 0.33 * L.font)
        .attr('font-weight', i === 1 ? 600 : 400)
        .text(ctx.fmt.number(v));
    });
    y += h;
  });
  g.append('line').attr('x1', x0).attr('x2', x0).attr('y1', L.legendRow).attr('y2', y + 1).attr('stroke-width', 0.75).attr('style', stroke('--chart-muted'));
  svg.append('text').attr('class', 'chart__unit').attr('x', x0).attr('y', y + 1 + L.unitFont + 1).attr('font-size', L.unitFont).attr('style', fill('--chart-muted')).text(ctx.unitLabel);
  return y + 1 + L.unitFont + 4;
}
