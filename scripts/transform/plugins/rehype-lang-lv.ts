/**
 * In an English text, an <em> that holds a Latvian original (the name policy writes it in
 * Markdown italics after the English: "the Education Board (*Ventspils valstspilsētas Izglītības
 * pārvalde*)") is marked lang="lv": hyphenation follows the nearest lang (Latvian patterns
 * inside), and the PDF carries the language on the span for a screen reader. An <em> is a
 * Latvian original when it is one of the termbase's Latvian names (content/glossary.yaml,
 * `lv:`) or at least a third of its words are Latvian: a letter only Latvian has (āčēģīķļņšūž),
 * or a word of Latvian names that has none ("tehnikums", "centrs", "un"). An English sentence
 * in italics that names a person (a signature) stays English.
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

/** Words of Latvian names that have no Latvian-only letter (and are no English words). */
export const LATVIAN_PLAIN = new Set(
  'un ar uz vai ir novada novads novadu centrs centra centru latvijas iela nams nama fonds fonda tautas pagasta pagasts valsts dienests dienesta zinātnes ministrija ministrijas programma programmas projekts projekta kamera skola skolas vidusskola vidusskolas tehnikums tehnikuma padome padomes muzejs muzeja atbalsta atbalsts resursu mentora programmu informatīvi metodiskais biedrība biedrības jauniešu darba tirgus prasmju pilsētas'.split(' '),
);

/** Does a word read as Latvian (a Latvian-only letter, or a word of a Latvian name)? */
export const isLatvianWord = (word: string) => LATVIAN_LETTER.test(word) || LATVIAN_PLAIN.has(word.toLocaleLowerCase('lv'));

/** Is this text a Latvian original? */
export function isLatvianOriginal(text: string, originals: ReadonlySet<string>): boolean {
  if (originals.has(norm(text))) return true;
  const words = text.match(/[\p{L}\p{M}]+/gu) ?? [];
  const latvian = words.filter(isLatvianWord).length;
  return latvian > 0 && latvian * 3 >= words.length;
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
