/** Numbers as the edition's language writes them: "17 079", "34 %", "astoņas". */
import { formatLocale } from 'd3-format';
import type { Messages } from '../validate/schema.js';

export interface NumberFormat {
  number(n: number): string;
  percent(n: number): string;
  /** A number as a word in the given grammatical form, where the messages have one. */
  words(n: number, form: string): string;
}

export function numberFormat(messages: Messages): NumberFormat {
  const { decimal, thousands, percentSuffix } = messages.numbers;
  const locale = formatLocale({ decimal, thousands, grouping: [3], currency: ['', ''] });
  const int = locale.format(',d');
  const fixed1 = locale.format(',.1f');
  return {
    number: (n) => (Number.isInteger(n) ? int(n) : fixed1(n)),
    percent: (n) => `${int(Math.round(n))}${percentSuffix}`,
    words: (n, form) => messages.numberWords[form]?.[n] ?? int(n),
  };
}
