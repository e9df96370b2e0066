/** The hyphenator of each language, from the "hyphen" package's TeX patterns. */
import { createRequire } from 'node:module';
import type { Language } from '../validate/schema.js';
import type { Hyphenator } from './plugins/rehype-hyphenate.js';

const require = createRequire(import.meta.url);
const PATTERNS: Record<Language, string> = { lv: 'hyphen/lv', en: 'hyphen/en-gb' };
/** Letters of Latvian words: a Latvian name in English text is never broken by English patterns. */
const LATVIAN = /[āčēģīķļņšūž]/i;
const cache = new Map<Language, Hyphenator>();

export function hyphenatorFor(lang: Language): Hyphenator {
  let h = cache.get(lang);
  if (!h) {
    const { hyphenateSync } = require(PATTERNS[lang]) as { hyphenateSync: (text: string, options?: { hyphenChar?: string }) => string };
    h = lang === 'lv' ? (word) => hyphenateSync(word, { hyphenChar: '\u00AD' }) : (word) => (LATVIAN.test(word) ? word : hyphenateSync(word, { hyphenChar: '\u00AD' }));
    cache.set(lang, h);
  }
  return h;
}
