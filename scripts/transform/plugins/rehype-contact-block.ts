/**
 * In a municipality section, a thematic break (---) separates the body from the closing
 * contact block. The break is replaced by <div class="contacts"> holding what follows,
 * so the block can be styled and kept on one page.
 */
import type { Element, Root } from 'hast';
import type { Plugin } from 'unified';

const rehypeContactBlock: Plugin<[], Root> = () => (tree) => {
  const at = tree.children.findIndex((n) => n.type === 'element' && n.tagName === 'hr');
  if (at < 0) return;
  const rest = tree.children.splice(at);
  rest.shift();
  // Footnotes stay outside the contact block.
  const notesAt = rest.findIndex((n) => n.type === 'element' && n.tagName === 'ol' && String((n.properties.className as string[] | undefined) ?? '').includes('footnotes'));
  const tail = notesAt >= 0 ? rest.splice(notesAt) : [];
  const block: Element = { type: 'element', tagName: 'div', properties: { className: ['contacts'] }, children: rest as Element["children"] };
  tree.children.push(block, ...tail);
};

export default rehypeContactBlock;
