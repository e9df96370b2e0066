/**
 * In an English text, an <em> that holds a Latvian original (the name policy writes it in
 * Markdown italics after the English: "the Education Board (*Ventspils valstspilsētas Izglītības
 * pārvalde*)") is marked lang="lv": hyphenation follows the nearest lang (Latvian patterns
 * inside), and the PDF carries the language on the span for a screen reader. An <em> is a
 * Latvian original when its text has a letter only Latvian has (āčēģīķļņšūž) or is one of the
 * termbase's Latvian names (content/glossary.yaml, `lv:`).
 */
import type { Element, Root, Text } from 'hast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

export interface Options {
  /** The termbase's Latvian names (compared whole, case and spacing ignored). */
  originals?: readonly string[];
}

/** The text of an element (soft hyphens and all). */
const textOf = (node: Element) => {
  let out = '';
  visit(node, 'text', (t: Text) => {
    out += t.value;
  });
  return out.replace(/\u00ad/g, '');
};

/** Letters only Latvian has (among the languages of the report). */
export const LATVIAN_LETTER = /[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]/;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase('lv');

/** Is this text a Latvian original? */
export function isLatvianOriginal(text: string, originals: ReadonlySet<string>): boolean {
  return LATVIAN_LETTER.test(text) || originals.has(norm(text));
}

const rehypeLangLv: Plugin<[Options?], Root> = ({ originals = [] } = {}) => {
  const known = new Set(originals.map(norm));
  return (tree) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'em' || node.properties.lang) return;
      if (isLatvianOriginal(textOf(node), known)) node.properties.lang = 'lv';
    });
  };
};

export default rehypeLangLv;
