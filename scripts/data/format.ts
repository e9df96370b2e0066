/** Numbers as the edition's language writes them: "17 079", "34 %", "astoņas". */
import { formatLocale } from 'd3-format';
import type { Messages } from '../validate/schema.js';

export interface NumberFormat {
  number(n: number): string;
  percent(n: number): string;
  /** A number as a word in the given grammatical form (default: the first), where the messages have one. */
  words(n: number, form?: string): string;
  /** The noun KEY in the grammatical number that agrees with n ("1 municipality", "21 pašvaldībā"). */
  noun(n: number, key: string): string | undefined;
  nouns(): string[];
}

export function numberFormat(messages: Messages): NumberFormat {
  const { decimal, thousands, percentSuffix } = messages.numbers;
  const plural = new Intl.PluralRules(messages.locale);
  const locale = formatLocale({ decimal, thousands, grouping: [3], currency: ['', ''] });
  const int = locale.format(',d');
  const fixed1 = locale.format(',.1f');
  return {
    number: (n) => (Number.isInteger(n) ? int(n) : fixed1(n)),
    percent: (n) => `${int(Math.round(n))}${percentSuffix}`,
    words: (n, form) => messages.numberWords[form ?? Object.keys(messages.numberWords)[0]!]?.[n] ?? int(n),
    noun(n, key) {
      const forms = messages.nouns[key];
      if (!forms) return undefined;
      // CLDR plural rules of the language: lv "one" is 1, 21, 31 … (not 11); en "one" is 1.
      return plural.select(n) === 'one' ? forms.one : forms.other;
    },
    nouns: () => Object.keys(messages.nouns),
  };
}
