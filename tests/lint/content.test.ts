/**
 * The content lint: each rule fires on what a proof-reader would mark, and stays quiet on the
 * text beside it that is right.
 */
import { describe, expect, it } from 'vitest';
import { abbreviationsOf, lintContent } from '../../scripts/lint/content.js';

const lint = (text: string, extra: Partial<Parameters<typeof lintContent>[0]> = {}) => lintContent({ file: 's.md', text, lang: 'lv', ...extra });
const messages = (text: string, extra?: Partial<Parameters<typeof lintContent>[0]>) => lint(text, extra).map((d) => d.message);

describe('content lint: years', () => {
  it('a five-digit year fires, at its line and column', () => {
    const d = lint('- **Projekti:** EDIHLV. 20205. gadā uzņēmējiem notika apmācības.\n');
    expect(d).toEqual([expect.objectContaining({ file: 's.md', line: 1, column: 25, severity: 'warning', message: 'the year 20205 is outside 1990–2100' })]);
  });
  it('in English too ("In 20205", "1 November 20205")', () => {
    expect(messages('In 20205, training took place; from 1 November 20205.\n', { lang: 'en' })).toEqual(['the year 20205 is outside 1990–2100', 'the year 20205 is outside 1990–2100']);
  });
  it('years in range, periods and other numbers do not', () => {
    expect(messages('2025\\. gadā un 2022.–2027. gadam, 01.11.2024; projekts Nr. 101083983, 20205 dalībnieki.\n')).toEqual([]);
    expect(messages('In 2025 and 2022–2027, 11,253 residents, No. 101260209-NCLV-2026.\n', { lang: 'en' })).toEqual([]);
  });
});

describe('content lint: acronyms', () => {
  const acronyms = abbreviationsOf('|  |  |\n|---|---|\n| VIAA | – State Education Development Agency |\n| NVA | – State Employment Agency |\n');
  it('reads the abbreviations table', () => expect([...acronyms]).toEqual(['VIAA', 'NVA']));
  it('an acronym the list lacks fires once per text', () => {
    expect(messages('Cooperation with ZRP and VIAA; ZRP again.\n', { acronyms })).toEqual(['the acronym ZRP is not in the abbreviations list']);
  });
  it('listed, expanded in the text, in a title in capitals or a quoted name: quiet', () => {
    expect(messages('VIAA and NVA; Zemgale Planning Region (ZPR) and ZPR; ADULT EDUCATION IN MUNICIPALITIES; “PROTI un DARI”.\n', { acronyms })).toEqual([]);
  });
});

describe('content lint: a figure against the manifest', () => {
  const permits = { value: 27, note: 'The permit line gives 27.', where: 'manifest.yaml:528' };
  it('a number of permits that contradicts the manifest fires, citing its note', () => {
    const d = lint('- **Īstenotāji:**\n  - 2025\\. gadā ir izdotas 74 neformālās izglītības programmām atļaujas.\n', { permits });
    expect(d).toEqual([expect.objectContaining({ line: 2, column: 28, message: '74 permits here, but the manifest gives 27 for this section', hint: 'manifest.yaml:528: The permit line gives 27.' })]);
    expect(messages('In 2025, 74 permits for non-formal education programmes were issued.\n', { permits, lang: 'en' })).toHaveLength(1);
  });
  it('the manifest figure, years and other counts are quiet', () => {
    expect(messages('- **Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā:** 27\n- 2025\\. gadā izdotas 27 neformālās izglītības programmu atļaujas; 12 nodarbības.\n', { permits })).toEqual([]);
  });
});

describe('content lint: a repeated list item', () => {
  it('an item repeated in the same list fires at the second', () => {
    const d = lint('- **Projekti:**\n  - “Atbalsts pieaugušo izglītībai”;\n  - “Atbalsts pieaugušo izglītībai”.\n');
    expect(d).toEqual([expect.objectContaining({ line: 3, column: 3, message: 'this list item repeats line 2 of the same list word for word' })]);
  });
  it('the same item in two different fields is quiet', () => {
    expect(messages('- **Īstenotāji:**\n  - Cēsu Digitālais centrs;\n- **Partneri:**\n  - Cēsu Digitālais centrs.\n')).toEqual([]);
  });
});
