/**
 * Source lines for the live preview: each paragraph, list item and sub-heading gets
 * `data-source-line` (the Markdown line it starts on), so a click in the draft can name the
 * place to edit. Used only for the preview's draft build (TransformInput.sourcePositions); the
 * printed report never carries these attributes.
 *
 * Runs after rehype-sanitize (which keeps positions but would drop the attribute).
 */
import type { Element, Root } from 'hast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

const MARKED = new Set(['p', 'li', 'h2', 'h3']);

const rehypeSourceLines: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (node: Element) => {
    const line = node.position?.start.line;
    if (MARKED.has(node.tagName) && line) node.properties.dataSourceLine = line;
  });
};

export default rehypeSourceLines;
