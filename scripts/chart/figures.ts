/**
 * Stage 5 — chart. Each <figure class="chart" data-chart="id"> that the transform stage left
 * gets its caption ("N. diagramma", numbered through the document), its title, the chart as
 * inline SVG and the chart's data as a table, so nobody has to read values off bars.
 */
import type { NumberFormat } from '../data/format.js';
import type { Dataset } from '../data/metrics.js';
import type { Messages, Texts } from '../validate/schema.js';
import { drawChart } from './draw.js';
import type { Palette } from './palette.js';
import { chartData, type ChartData } from './specs.js';

const FIGURE = /<figure class="chart" data-chart="([a-z0-9-]+)"><\/figure>/g;

export const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export interface ChartContext {
  /** The edition's year, for the source line. */
  year: number;
  data: Dataset;
  texts: Texts;
  messages: Messages;
  fmt: NumberFormat;
  /** The charts' colours, from the stylesheet (palette.ts). */
  palette: Palette;
}

function dataTable(chart: ChartData, title: string, { messages, fmt }: ChartContext): string {
  const total = chart.items.reduce((n, d) => n + d.value, 0);
  const withShare = chart.kind === 'share' && chart.unit !== 'percent';
  // A years chart: a column per edition, the earlier first.
  const years = chart.years ? `<th scope="col">${escapeHtml(chart.years[0])}</th>` : '';
  const head = `<tr><th scope="col">${escapeHtml(messages.chartTable.category)}</th>${years}<th scope="col">${escapeHtml(chart.years?.[1] ?? messages.chartTable.value)}</th>${withShare ? `<th scope="col">${escapeHtml(messages.chartTable.share)}</th>` : ''}</tr>`;
  const rows = chart.items
    .map((d) => {
      const value = chart.unit === 'percent' ? fmt.percent(d.value) : fmt.number(d.value);
      const share = withShare ? `<td>${fmt.percent((100 * d.value) / (total || 1))}</td>` : '';
      return `<tr data-key="${escapeHtml(d.key)}"><th scope="row">${escapeHtml(d.label)}</th>${chart.years ? `<td data-value="${d.before}">${fmt.number(d.before ?? 0)}</td>` : ''}<td data-value="${d.value}">${value}</td>${share}</tr>`;
    })
    .join('');
  return `<table class="chart__data"><caption>${escapeHtml(title)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

export function renderChart(id: string, n: number, ctx: ChartContext): string {
  const { texts, messages, fmt, data } = ctx;
  const caption = messages.chartCaption.replace('{n}', String(n));
  const title = texts.charts[id]?.title ?? id;
  const chart = chartData(id, data, messages);
  const svg = drawChart(chart, { fmt, title, unitLabel: messages.chartUnits[chart.unit], palette: ctx.palette });
  // n: the municipalities the chart's data covers (specs.ts), not the edition's count.
  const source = messages.chartSource.replace('{year}', String(ctx.year)).replace('{n}', fmt.number(chart.base));
  // What a bar chart's highlight stands for (a share chart names each segment in its legend).
  const legend = chart.highlight && chart.kind === 'bars' ? `<p class="chart__highlight-key"><span class="chart__swatch" style="background:var(--chart-highlight)"></span>${escapeHtml(messages.chartHighlight.replace('{label}', chart.highlight))}</p>` : '';
  const note = chart.multiple ? `<p class="chart__note">${escapeHtml(messages.chartMultiple)}</p>` : '';
  return `<figure class="chart chart--${chart.kind}" data-chart="${id}" id="chart-${id}" data-n="${chart.base}"><figcaption><span class="chart__number">${escapeHtml(caption)}</span> <span class="chart__title">${escapeHtml(title)}</span></figcaption>${svg}${legend}${note}<p class="chart__source">${escapeHtml(source)}</p>${dataTable(chart, `${caption} ${title}`, ctx)}</figure>`;
}

/** Fills every chart figure in the given HTML parts; numbering continues across parts. */
export function fillCharts(htmlParts: string[], ctx: ChartContext): string[] {
  let n = 0;
  return htmlParts.map((html) => html.replace(FIGURE, (_m, id: string) => renderChart(id, ++n, ctx)));
}
