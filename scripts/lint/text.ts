/**
 * The running text of a Markdown source as the lints read it: each text node with its place in
 * the file and what it stands in (italics, a link, the contact block after `---`, a list
 * item), so a rule reports file:line:col. Code, URLs, e-mail addresses, {{expressions}} and
 * footnote definitions are not text.
 */
import type { ListItem, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LATVIAN_LETTER, LATVIAN_PLAIN } from '../transform/plugins/rehype-lang-lv.js';

export interface TextPiece {
  value: string;
  /** Offset of the node in the source; `locate` maps an index of `value` to the source. */
  start: number;
  end: number;
  italic: boolean;
  /** In the contact block (after a section's `---`). */
  contact: boolean;
}

export interface ReadText {
  pieces: TextPiece[];
  /** Top-level and nested list items: their text and their place. */
  items: { text: string; start: number; depth: number; list: number }[];
  /** Line and column (1-based) of a source offset. */
  position(offset: number): { line: number; column: number };
  /** The source offset of `value.slice(index, index + length)` of a piece. */
  locate(piece: TextPiece, index: number, length: number): number;
}

const URLISH = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|\{\{[^}]*\}\}/g;

/** The text with URLs, e-mail addresses and expressions blanked (same length, so indices hold). */
export const blankUrls = (s: string) => s.replace(URLISH, (m) => ' '.repeat(m.length));

export function readText(source: string): ReadText {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(source) as Root;
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const pieces: TextPiece[] = [];
  const items: ReadText['items'] = [];
  const hr = tree.children.findIndex((n) => n.type === 'thematicBreak');
  let lists = 0;
  const walk = (node: Nodes, italic: boolean, contact: boolean, depth: number, list = 0) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'footnoteDefinition') return;
    if (node.type === 'text') {
      const p = node.position;
      if (p) pieces.push({ value: blankUrls(node.value), start: p.start.offset ?? 0, end: p.end.offset ?? 0, italic, contact });
      return;
    }
    if (node.type === 'listItem') items.push({ text: toString(node as ListItem).replace(/\s+/g, ' ').trim(), start: node.position?.start.offset ?? 0, depth, list });
    const inList = node.type === 'list' ? ++lists : list;
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c, italic || node.type === 'emphasis', contact, depth + (node.type === 'list' ? 1 : 0), inList);
  };
  tree.children.forEach((n, i) => walk(n, false, hr >= 0 && i > hr, 0));
  const locate = (piece: TextPiece, index: number, length: number) => {
    const want = piece.value.slice(index, index + length);
    const found = source.indexOf(want, piece.start + index);
    return found >= 0 && found < piece.end ? found : Math.min(piece.start + index, piece.end);
  };
  return { pieces, items, position, locate };
}

export { LATVIAN_LETTER, LATVIAN_PLAIN };
/** Does a word read as Latvian (a Latvian-only letter, or a word of a Latvian name)? */
export const isLatvianWord = (word: string, known: ReadonlySet<string> = LATVIAN_PLAIN) => LATVIAN_LETTER.test(word) || known.has(word.toLocaleLowerCase('lv'));
