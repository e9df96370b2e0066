/**
 * Stage 5 — chart. Each <figure class="chart" data-chart="id"> that the transform stage left
 * gets its caption ("N. diagramma", numbered through the document), its title and its drawing.
 */
import type { Messages, Texts } from '../validate/schema.js';

export type DrawChart = (id: string) => string;

const FIGURE = /<figure class="chart" data-chart="([a-z0-9-]+)"><\/figure>/g;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Fills every chart figure in the given HTML parts; numbering continues across parts. */
export function fillCharts(htmlParts: string[], texts: Texts, messages: Messages, draw: DrawChart): string[] {
  let n = 0;
  return htmlParts.map((html) =>
    html.replace(FIGURE, (_m, id: string) => {
      n += 1;
      const caption = messages.chartCaption.replace('{n}', String(n));
      const title = texts.charts[id]?.title ?? id;
      return `<figure class="chart" data-chart="${id}" id="chart-${id}"><figcaption><span class="chart__number">${escape(caption)}</span> <span class="chart__title">${escape(title)}</span></figcaption>${draw(id)}</figure>`;
    }),
  );
}

/** Until the chart stage draws from data: a marked box. */
export const placeholder = (messages: Messages): DrawChart => () =>
  `<div class="chart__placeholder" role="img" aria-label="${escape(messages.chartPlaceholder)}">${escape(messages.chartPlaceholder)}</div>`;
