/**
 * Soft hyphens (U+00AD) in the words of body text, from the TeX hyphenation patterns of the
 * document's language (npm "hyphen": hyphen/lv, hyphen/en-us), so that justified text breaks
 * words instead of opening rivers. Chromium has no Latvian dictionary of its own.
 *
 * Never hyphenated: headings, links (their text is often a URL), footnote calls, code,
 * charts and their tables; tokens that look like a URL, an e-mail address or a number, or
 * contain digits or slashes; abbreviations in capitals (IZM, ERASMUS); words under 7 letters.
 * A break leaves at least 3 letters on each side ("ie-|dzī-|vo-|tā-|ji" keeps "iedzīvotā-ji"
 * whole at its end), so no line ends in a two-letter stub and no "ji." ends a paragraph; a
 * hyphenator may set its own limits (English: 2 before, 3 after).
 *
 * Each text is hyphenated in the language of its nearest `lang` ancestor: inside a
 * `lang="lv"` element of an English document (a Latvian name) by the Latvian patterns
 * (`Hyphenator.forLang`), or not at all when there are none for that language.
 * The layout-time rules (at most two hyphenated lines in a row, none at a page's last line)
 * are the footnote placer's: they need the lines.
 */
import type { Element, Root, Text } from 'hast';
import type { Plugin } from 'unified';

export interface Hyphenator {
  (word: string): string;
  /** Fewest letters before a break (default MIN_FRAGMENT). */
  minStart?: number;
  /** Fewest letters after a break (default MIN_FRAGMENT). */
  minEnd?: number;
  /** The hyphenator of text in another language (an element's `lang`), or undefined: not hyphenated. */
  forLang?: (lang: string) => Hyphenator | undefined;
}

export interface Options {
  hyphenate: Hyphenator;
  /** Shortest word that gets soft hyphens. */
  minLength?: number;
  /** The document's language (an element of that `lang` keeps `hyphenate` when it has no forLang). */
  lang?: string;
}

/** Fewest letters a hyphenation break leaves before it and after it. */
export const MIN_FRAGMENT = 3;
/** Shortest word that gets soft hyphens. */
export const MIN_WORD = 7;

const SHY = '\u00AD';
/** Drops the soft hyphens of a hyphenated word that leave fewer than `min` letters before them or `minEnd` after them. */
export function trimBreaks(hyphenated: string, min = MIN_FRAGMENT, minEnd = min): string {
  const total = hyphenated.replaceAll(SHY, '').length;
  let before = 0;
  let out = '';
  for (const c of hyphenated) {
    if (c === SHY) {
      if (before >= min && total - before >= minEnd) out += c;
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
    return token.replace(/\p{L}+/gu, (word) => (word.length >= minLength ? trimBreaks(hyphenate(word), hyphenate.minStart ?? MIN_FRAGMENT, hyphenate.minEnd ?? MIN_FRAGMENT) : word));
  });
}

const rehypeHyphenate: Plugin<[Options], Root> = (options) => (tree) => {
  const min = options.minLength ?? MIN_WORD;
  const walk = (node: Root | Element, hyphenate: Hyphenator | undefined) => {
    for (const child of node.children) {
      if (child.type === 'text') {
        if (hyphenate) child.value = hyphenateText(child.value, hyphenate, min);
      } else if (child.type === 'element' && !SKIP_ELEMENTS.has(child.tagName)) {
        // The nearest lang: its own patterns, or none (then its words stay whole).
        const lang = child.properties?.lang;
        walk(child, typeof lang === 'string' && lang ? options.hyphenate.forLang?.(lang) ?? (lang === options.lang ? options.hyphenate : undefined) : hyphenate);
      }
    }
  };
  walk(tree, options.hyphenate);
};

export default rehypeHyphenate;
