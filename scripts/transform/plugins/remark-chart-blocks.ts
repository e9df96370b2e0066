/**
 * A fenced block with the language "chart" places a chart:
 *
 *     ```chart
 *     permits-top
 *     ```
 *
 * It becomes <figure class="chart" data-chart="permits-top">, filled in by the chart stage.
 * An id that the edition does not define is an error at the block's line.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

export interface Options {
  /** Chart ids the edition defines; undefined accepts any. */
  known?: ReadonlySet<string>;
}

export interface ChartData {
  charts: string[];
}

const remarkChartBlocks: Plugin<[Options?], Root> = (options = {}) => (tree, file) => {
  const charts: string[] = [];
  visit(tree, 'code', (node, index, parent) => {
    if (node.lang !== 'chart' || !parent || index === undefined) return;
    const id = node.value.trim();
    if (options.known && !options.known.has(id)) {
      const m = file.message(`unknown chart "${id}"`, node.position);
      m.fatal = true;
      m.note = `known charts: ${[...options.known].join(', ')}`;
    }
    charts.push(id);
    parent.children.splice(index, 1, {
      type: 'chartBlock',
      data: { hName: 'figure', hProperties: { className: ['chart'], dataChart: id } },
    } as never);
  });
  (file.data as unknown as ChartData).charts = charts;
};

export default remarkChartBlocks;
