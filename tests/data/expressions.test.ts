import { describe, expect, it } from 'vitest';
import { evaluate, ExpressionError } from '../../scripts/data/expressions.js';
import { numberFormat } from '../../scripts/data/format.js';
import { Dataset } from '../../scripts/data/metrics.js';
import { defaultPaths } from '../../scripts/config.js';
import { loadEdition } from '../../scripts/load/edition.js';
import { MINI_CONTENT } from '../support/paths.js';

const edition = loadEdition({ contentDir: MINI_CONTENT, templatesDir: defaultPaths().templates, edition: '2099', lang: 'lv' });
const data = new Dataset(edition.manifest.entries, 'lv');
const fmt = numberFormat(edition.messages);
/** Formatted text with no-break spaces shown as plain ones. */
const ev = (e: string) => evaluate(e, data, fmt, { separator: ', ', last: ' un ' }).text.replace(/\u00a0/g, ' ');

describe('expressions', () => {
  it('count and share over municipalities (regions excluded)', () => {
    expect(ev('count')).toBe('2');
    expect(ev('count planning=education-strategy')).toBe('1');
    expect(ev('share engaged=tracked')).toBe('50 %');
    expect(ev('count permits>=26')).toBe('1');
    expect(ev('count region!=zemgale')).toBe('1');
  });

  it('sums, values, ranks and lists', () => {
    expect(ev('sum permits')).toBe('55');
    expect(ev('value permits id=alfa-novads')).toBe('25');
    expect(ev('rank permits 1 | name')).toBe('Betas valstspilsēta');
    expect(ev('rank permits 2 | fullname')).toBe('Alfas novada pašvaldība');
    expect(ev('list permits | fullname')).toBe('Alfas novada pašvaldība (25) un Betas valstspilsētas pašvaldība (30)');
  });

  it('mention shares and number words', () => {
    expect(ev('mention-share activities=permits')).toBe('67 %');
    expect(ev('mention-share activities=@administration')).toBe('67 %');
    expect(ev('count activities=permits | words:nom.f')).toBe('divas');
    expect(ev('count activities=permits | Words:loc.f')).toBe('Divās');
  });

  it('formats thousands the Latvian way', () => {
    expect(fmt.number(17079)).toBe('17\u00a0079');
    expect(fmt.percent(33.6)).toBe('34\u00a0%');
  });

  it('rejects unknown names with a hint', () => {
    expect(() => ev('cnt permits')).toThrow(ExpressionError);
    expect(() => ev('count region=Zemgale')).toThrow(/unknown region "Zemgale"/);
    expect(() => ev('count activities=teaching')).toThrow(/unknown activities code/);
    expect(() => ev('value permits')).toThrow(/exactly one entry/);
    expect(() => ev('rank permits 3')).toThrow(/no place 3/);
  });

  it('a check prints nothing when the sentence holds, and names both values when not', () => {
    expect(ev('check value permits id=betas-valstspilseta > value permits id=alfa-novads')).toBe('');
    expect(ev('check sum permits >= 2 * value permits id=alfa-novads')).toBe('');
    expect(() => ev('check value permits id=alfa-novads > value permits id=betas-valstspilseta')).toThrow(/no longer holds: value permits id=alfa-novads \(25\) > value permits id=betas-valstspilseta \(30\) is false/);
    expect(() => ev('check sum permits >= 3 * max permits')).toThrow(/3 \* max permits \(90\)/);
    expect(() => ev('check sum permits bigger max permits')).toThrow(ExpressionError);
  });
});
