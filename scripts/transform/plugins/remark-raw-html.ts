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

/** Tags whose content is not text to print: removed with everything up to their closing tag. */
const WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'noscript', 'template', 'textarea', 'title', 'svg', 'math', 'select']);

const remarkRawHtml: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'html', (node: Html, index, parent) => {
    // An inline opening tag whose content is code (<style>…</style>): its siblings up to the
    // closing tag go with it.
    const open = /^<\s*([a-zA-Z][\w-]*)[^>]*(?<!\/)>$/.exec(node.value.trim())?.[1]?.toLowerCase();
    if (open && WITH_CONTENT.has(open) && parent && index !== undefined) {
      const close = parent.children.findIndex((n, k) => k > index && n.type === 'html' && new RegExp(`^<\\s*/\\s*${open}\\s*>$`, 'i').test(n.value.trim()));
      if (close > index + 1) parent.children.splice(index + 1, close - index - 1);
    }
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
