/**
 * The hyphenator of each language, from the "hyphen" package's TeX patterns.
 *
 * English: the American patterns (hyphen/en-us, Liang's original set), not hyphen/en-gb: the
 * British set breaks by etymology and gave "municipalit-ies", "recor-ded", "implemen-ted",
 * "res-ident", where en-us gives "mu-nic-i-pal-i-ties", "record-ed", "im-ple-ment-ed",
 * "res-i-dent"; spelling (-ise, programme) does not matter to the patterns. A break leaves at
 * least 2 letters before it and 3 after it ("re-corded", never "record-ed"). Latvian the same
 * (2 before, as Latvian typesetting allows: "iz-glītības", "ie-dzīvotāju"; 3 after, so no "-ji"
 * ends a line's word): a start of 3 left too few breaks in its long words for justified lines.
 *
 * An element with another `lang` (a Latvian name in English text, `lang="lv"`) is hyphenated by
 * its own language's patterns (rehype-hyphenate follows the nearest `lang`); a word with a
 * Latvian letter outside one is left whole in English text.
 */
import { createRequire } from 'node:module';
import type { Language } from '../validate/schema.js';
import type { Hyphenator } from './plugins/rehype-hyphenate.js';

const require = createRequire(import.meta.url);
const PATTERNS: Record<Language, string> = { lv: 'hyphen/lv', en: 'hyphen/en-us' };
/** Fewest letters before and after a break, per language. */
const FRAGMENTS: Record<Language, { start: number; end: number }> = { lv: { start: 2, end: 3 }, en: { start: 2, end: 3 } };
/** Letters of Latvian words: a Latvian name in English text is never broken by English patterns. */
const LATVIAN = /[āčēģīķļņšūž]/i;
const SHY = '\u00AD';
const cache = new Map<Language, Hyphenator>();
/** Words kept hyphenated per language, at most. */
const MEMO_LIMIT = 50_000;

const isLanguage = (lang: string): lang is Language => lang in PATTERNS;

export function hyphenatorFor(lang: Language): Hyphenator {
  let h = cache.get(lang);
  if (!h) {
    const { hyphenateSync } = require(PATTERNS[lang]) as { hyphenateSync: (text: string, options?: { hyphenChar?: string }) => string };
    // A report repeats its words (14,600 words of 7 letters or more in the 2025 Latvian text,
    // 3,000 different): each is looked up in the patterns once per process. Bounded, for a
    // long-running preview.
    const known = new Map<string, string>();
    const patterns = (word: string) => {
      let hyphenated = known.get(word);
      if (hyphenated === undefined) {
        if (known.size >= MEMO_LIMIT) known.clear();
        known.set(word, (hyphenated = hyphenateSync(word, { hyphenChar: SHY })));
      }
      return hyphenated;
    };
    const fn = lang === 'lv' ? patterns : (word: string) => (LATVIAN.test(word) ? word : patterns(word));
    h = Object.assign(fn, {
      minStart: FRAGMENTS[lang].start,
      minEnd: FRAGMENTS[lang].end,
      /** The hyphenator of an element in another language, if there are patterns for it. */
      forLang: (other: string) => {
        const base = other.toLowerCase().split('-')[0]!;
        return isLanguage(base) ? hyphenatorFor(base) : undefined;
      },
    });
    cache.set(lang, h);
  }
  return h;
}
