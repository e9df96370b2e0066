/**
 * Soft hyphens (U+00AD) in the words of body text, from the TeX hyphenation patterns of the
 * document's language (npm "hyphen": hyphen/lv, hyphen/en-us), so that justified text breaks
 * words instead of opening rivers. Chromium has no Latvian dictionary of its own.
 *
 * Never hyphenated: headings, links (their text is often a URL), footnote calls, code,
 * charts and their tables; tokens that look like a URL, an e-mail address or a number, or
 * contain digits or slashes; abbreviations in capitals (IZM, ERASMUS); words under 7 letters.
 * A break leaves at least 3 letters on each side ("ie-|dzī-|vo-|tā-|ji" keeps "iedzīvotā-ji"
 * whole at its end), so no line ends in a two-letter stub and no "ji." ends a paragraph.
 * The layout-time rules (at most two hyphenated lines in a row, none at a page's last line)
 * are the footnote placer's: they need the lines.
 */
import type { Element, Root, Text } from 'hast';
import type { Plugin } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

export type Hyphenator = (word: string) => string;

export interface Options {
  hyphenate: Hyphenator;
  /** Shortest word that gets soft hyphens. */
  minLength?: number;
}

/** Fewest letters a hyphenation break leaves before it and after it. */
export const MIN_FRAGMENT = 3;
/** Shortest word that gets soft hyphens. */
export const MIN_WORD = 7;

const SHY = '\u00AD';
/** Drops the soft hyphens of a hyphenated word that leave fewer than MIN_FRAGMENT letters on a side. */
export function trimBreaks(hyphenated: string, min = MIN_FRAGMENT): string {
  const total = hyphenated.replaceAll(SHY, '').length;
  let before = 0;
  let out = '';
  for (const c of hyphenated) {
    if (c === SHY) {
      if (before >= min && total - before >= min) out += c;
    } else {
      out += c;
      before++;
    }
  }
  return out;
}

const SKIP_ELEMENTS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'code', 'pre', 'sup', 'figure', 'svg', 'table', 'script', 'style']);
const LETTERS = /^\p{L}+$/u;

/** Whether a whitespace-separated token may get soft hyphens at all. */
export function hyphenatable(token: string): boolean {
  if (/[\d@/\\:=_]|www\.|https?/i.test(token)) return false; // numbers, URLs, e-mail, paths
  const word = token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (!LETTERS.test(word.replace(/-/g, ''))) return false;
  if (word === word.toLocaleUpperCase() && word.length > 1) return false; // IZM, ERASMUS
  return true;
}

export function hyphenateText(text: string, hyphenate: Hyphenator, minLength = MIN_WORD): string {
  return text.replace(/\S+/g, (token) => {
    if (!hyphenatable(token)) return token;
    // Hyphenate each run of letters; punctuation and hard hyphens stay as they are.
    return token.replace(/\p{L}+/gu, (word) => (word.length >= minLength ? trimBreaks(hyphenate(word)) : word));
  });
}

const rehypeHyphenate: Plugin<[Options], Root> = (options) => (tree) => {
  const min = options.minLength ?? MIN_WORD;
  visit(tree, (node) => {
    if (node.type === 'element' && SKIP_ELEMENTS.has((node as Element).tagName)) return SKIP;
    if (node.type === 'text') (node as Text).value = hyphenateText((node as Text).value, options.hyphenate, min);
    return undefined;
  });
};

export default rehypeHyphenate;
