/** The hyphenator of each language, from the "hyphen" package's TeX patterns. */
import { createRequire } from 'node:module';
import type { Language } from '../validate/schema.js';
import type { Hyphenator } from './plugins/rehype-hyphenate.js';

const require = createRequire(import.meta.url);
const PATTERNS: Record<Language, string> = { lv: 'hyphen/lv', en: 'hyphen/en-us' };
const cache = new Map<Language, Hyphenator>();

export function hyphenatorFor(lang: Language): Hyphenator {
  let h = cache.get(lang);
  if (!h) {
    const { hyphenateSync } = require(PATTERNS[lang]) as { hyphenateSync: (text: string, options?: { hyphenChar?: string }) => string };
    h = (word) => hyphenateSync(word, { hyphenChar: '\u00AD' });
    cache.set(lang, h);
  }
  return h;
}
