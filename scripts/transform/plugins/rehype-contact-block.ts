/**
 * In a municipality section, a thematic break (---) separates the body from the contact
 * block that closes the Markdown. What follows the break becomes <div class="contacts">, printed
 * as a panel under the section's heading: a closing box of four lines could only ever strand
 * on a page of its own, and the reader looks for whom to ask first.
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
  tree.children.unshift(block);
  tree.children.push(...tail);
};

export default rehypeContactBlock;
