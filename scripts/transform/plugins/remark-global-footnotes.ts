/**
 * Number footnotes through the whole report instead of per document: the first note
 * referenced in this document gets `start`, the next `start + 1`, and so on, in order of
 * first reference. Calls become <sup class="fn-ref"><a href="#fn-N">N</a></sup>; the
 * definitions become one <ol class="footnotes" start="N"> at the end of the document.
 * The label an editor writes ([^4], [^url]) only links a call to its definition.
 */
import type { FootnoteDefinition, FootnoteReference, List, ListItem, Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit, SKIP } from 'unist-util-visit';

export interface Options {
  /** Number of this document's first footnote. */
  start: number;
}

export interface FootnoteData {
  /** How many notes this document numbered. */
  footnoteCount: number;
}

const remarkGlobalFootnotes: Plugin<[Options], Root> = (options) => (tree, file) => {
  const definitions = new Map<string, FootnoteDefinition>();
  visit(tree, 'footnoteDefinition', (node, index, parent) => {
    if (definitions.has(node.identifier)) {
      const m = file.message(`footnote [^${node.label}] is defined twice`, node.position);
      m.fatal = true;
      m.note = `the first definition is at line ${definitions.get(node.identifier)!.position?.start.line ?? '?'}; keep one`;
    }
    definitions.set(node.identifier, node);
    if (parent && index !== undefined) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });

  // remark-gfm leaves a call whose definition is missing as literal text: "[^label]".
  visit(tree, 'text', (node) => {
    for (const m of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
      const start = node.position?.start;
      const before = node.value.slice(0, m.index);
      const lines = before.split('\n');
      const place = start && { line: start.line + lines.length - 1, column: (lines.length === 1 ? start.column : 1) + lines.at(-1)!.length };
      const msg = file.message(`footnote [^${m[1]}] is referenced but never defined`, place);
      msg.fatal = true;
      msg.note = `add a line "[^${m[1]}]: <https://…>" at the end of the file`;
    }
  });

  const numbers = new Map<string, number>();
  visit(tree, 'footnoteReference', (node: FootnoteReference, index, parent) => {
    if (!definitions.has(node.identifier)) {
      const m = file.message(`footnote [^${node.label}] is referenced but never defined`, node.position);
      m.fatal = true;
      m.note = `add a line "[^${node.label}]: <https://…>" at the end of the file`;
      return;
    }
    const first = !numbers.has(node.identifier);
    if (first) numbers.set(node.identifier, options.start + numbers.size);
    const n = numbers.get(node.identifier)!;
    const call = {
      type: 'footnoteCall',
      data: {
        hName: 'sup',
        hProperties: { className: ['fn-ref'] },
        hChildren: [
          {
            type: 'element',
            tagName: 'a',
            properties: first ? { href: `#fn-${n}`, id: `fnref-${n}` } : { href: `#fn-${n}` },
            children: [{ type: 'text', value: String(n) }],
          },
        ],
      },
    };
    if (parent && index !== undefined) parent.children.splice(index, 1, call as never);
  });

  for (const [id, def] of definitions) {
    if (numbers.has(id)) continue;
    const m = file.message(`footnote [^${def.label}] is defined but never referenced`, def.position);
    m.fatal = true;
    m.note = `cite it in the text with [^${def.label}] or remove the definition`;
  }
  const items: ListItem[] = [...numbers].map(([id, n]) => ({
    type: 'listItem',
    spread: false,
    children: definitions.get(id)!.children as ListItem['children'],
    data: { hProperties: { id: `fn-${n}` } },
  }));
  if (items.length) {
    const list: List = {
      type: 'list',
      ordered: true,
      start: options.start,
      spread: false,
      children: items,
      data: { hProperties: { className: ['footnotes'] } },
    };
    tree.children.push(list);
  }
  (file.data as unknown as FootnoteData).footnoteCount = numbers.size;
};

export default remarkGlobalFootnotes;
