/**
 * Replace {{ expression }} in the text with the figure it names (see data/expressions.ts).
 * An expression the evaluator rejects is an error at its line and column.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

export type Evaluate = (expression: string) => string;

export interface Options {
  /** Undefined: expressions are left as they are (a document without data). */
  evaluate?: Evaluate;
}

const EXPRESSION = /\{\{([^{}]+)\}\}/g;

const remarkExpressions: Plugin<[Options?], Root> = (options = {}) => (tree, file) => {
  const { evaluate } = options;
  if (!evaluate) return;
  visit(tree, 'text', (node) => {
    if (!node.value.includes('{{')) return;
    node.value = node.value.replace(EXPRESSION, (whole, expr: string, offset: number) => {
      try {
        return evaluate(expr.trim());
      } catch (err) {
        const start = node.position?.start;
        const before = node.value.slice(0, offset).split('\n');
        const place = start && { line: start.line + before.length - 1, column: (before.length === 1 ? start.column : 1) + before.at(-1)!.length };
        const m = file.message(`${(err as Error).message} in ${whole}`, place);
        m.fatal = true;
        m.note = (err as { hint?: string }).hint;
        return whole;
      }
    });
  });
};

export default remarkExpressions;
