/**
 * The signature that closes a chapter (foreword, afterword): a paragraph that is a person's name,
 * then the lines of their post, up to the first that ends a sentence or the chapter's end. It
 * becomes one element in every chapter, <div class="signature"> with <p class="signature__name">
 * and <p class="signature__line">s, so foreword and afterword sign alike and the block is kept
 * on one page (styles: .signature, break-inside: avoid). A chapter without one is left as it is.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { Plugin } from 'unified';

const toString = (n: Element | ElementContent): string => (n.type === 'text' ? n.value : n.type === 'element' ? n.children.map(toString).join('') : '');

/** A person's name: two to four capitalised words, a comma after it at most. */
const NAME = /^\p{Lu}\p{Ll}+(?:[- ]\p{Lu}\p{Ll}+){1,3},?$/u;
/** How near the end the name must stand (paragraphs from the chapter's last). */
const NEAR_END = 6;

const rehypeSignature: Plugin<[], Root> = () => (tree) => {
  const paragraphs = tree.children.flatMap((n, i) => (n.type === 'element' && n.tagName === 'p' ? [i] : []));
  const last = paragraphs.slice(-NEAR_END);
  const at = last.findLast((i) => NAME.test(toString(tree.children[i] as Element).trim()));
  if (at === undefined) return;
  // The lines of the post: up to the first that ends a sentence, or the chapter's last paragraph.
  let end = at;
  for (const i of paragraphs.filter((i) => i > at)) {
    end = i;
    if (/\.\s*$/.test(toString(tree.children[i] as Element))) break;
  }
  const block = tree.children.slice(at, end + 1).filter((n): n is Element => n.type === 'element' && n.tagName === 'p');
  const lines = block.map((p, k) => ({ ...p, properties: { ...p.properties, className: [k === 0 ? 'signature__name' : 'signature__line'] } }));
  const signature: Element = { type: 'element', tagName: 'div', properties: { className: ['signature'] }, children: lines as ElementContent[] };
  tree.children.splice(at, end + 1 - at, signature);
};

export default rehypeSignature;
