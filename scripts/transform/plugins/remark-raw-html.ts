/**
 * Raw HTML in content: the few inline tags an editor needs (<sup>, <sub>, <br>) are kept;
 * every other tag is removed here, at the source, and reported with its file, line and tag,
 * never dropped silently. HTML comments are editors' notes and are dropped without a word.
 * (rehype-sanitize still runs after this, as a second line of defence.)
 */
import type { Html, Root } from 'mdast';
import type { Plugin } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

export const KEPT_TAGS = ['sup', 'sub', 'br'] as const;
const KEPT = new RegExp(`^<\\s*(/\\s*)?(${KEPT_TAGS.join('|')})\\s*/?\\s*>$`, 'i');

const remarkRawHtml: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'html', (node: Html, index, parent) => {
    const value = node.value.trim();
    if (KEPT.test(value)) {
      node.value = value.toLowerCase().replace(/\s+/g, '');
      return undefined;
    }
    if (!/^<!--[\s\S]*-->$/.test(value)) {
      const tag = /^<\s*\/?\s*([a-zA-Z][\w:-]*)/.exec(value)?.[1]?.toLowerCase();
      const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
      const m = file.message(`raw HTML ${tag ? `<${tag}>` : shown} removed${node.type === 'html' && value.includes('\n') ? ' (with the text inside it)' : ''}: ${shown}`, node.position);
      m.note = `only ${KEPT_TAGS.map((t) => `<${t}>`).join(', ')} may be written as HTML; use Markdown for the rest (**bold**, [text](https://…), lists)`;
    }
    if (parent && index !== undefined) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
};

export default remarkRawHtml;
