/**
 * The termbase lint on English text: a forbidden variant and a Latvian name without italics
 * fire at their place with what the termbase prefers; the preferred term, an italic original,
 * a place, a person and a URL are quiet. And the termbase file itself is validated.
 */
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { lintTermbase, type Termbase } from '../../scripts/lint/termbase.js';
import { Glossary } from '../../scripts/validate/glossary.js';
import { parseYaml } from '../../scripts/validate/yaml.js';

const GLOSSARY = `terms:
  - { lv: nevalstiskā organizācija, lvAbbr: NVO, en: non-governmental organisation, enAbbr: NGO }
  - { lv: Latvijas Banka, en: Latvijas Banka, original: keep, not: [Bank of Latvia] }
  - { lv: Pieaugušo izglītības dienas, en: Adult Education Days, not: [adult education days] }
  - { lv: Izglītības pārvalde, en: Education Board, original: first-mention }
names: [Rīga]
`;
const tb = (): Termbase => {
  const g = parseYaml('glossary.yaml', GLOSSARY, Glossary);
  return { glossary: g.value, file: 'glossary.yaml', lineOf: (i) => g.locate(['terms', i]).line, names: new Set([...g.value.names, 'Alūksne']) };
};
const lint = (md: string) => lintTermbase('s.md', md, tb());

describe('termbase lint', () => {
  it('a forbidden variant fires at its place, naming the preferred term and the termbase line', () => {
    const d = lint('Partners:\n- local NVO and the Bank of Latvia.\n');
    expect(d).toEqual([
      expect.objectContaining({ file: 's.md', line: 2, column: 9, severity: 'warning', message: '"NVO" in English text: the termbase says "non-governmental organisation" (NGO)', hint: expect.stringContaining('glossary.yaml:2') }),
      expect.objectContaining({ line: 2, column: 21, message: '"Bank of Latvia" in English text: the termbase says "Latvijas Banka"' }),
    ]);
  });
  it('a variant in another case catches only that case', () => {
    expect(lint('The Adult Education Days and the adult education days.\n').map((d) => d.column)).toEqual([34]);
  });
  it('a Latvian name without italics fires, with the English the termbase has', () => {
    const d = lint('The Alūksnes novada Izglītības pārvalde organises classes.\n');
    expect(d).toEqual([expect.objectContaining({ line: 1, column: 5, message: 'Latvian "Alūksnes novada Izglītības pārvalde" in English text without italics', hint: expect.stringContaining('Education Board (*Izglītības pārvalde*)') })]);
  });
  it('quiet: the preferred terms, an italic original, a kept name, places, a person, URLs', () => {
    const md = [
      'The Education Board of Alūksne Municipality (*Alūksnes novada Izglītības pārvalde*) and NGOs in Rīga;',
      'Latvijas Banka; *NVO līdzfinansējums* stays an original.',
      '',
      '---',
      '',
      'Ilze Buņķe',
      '',
      'E-mail: ilze.bunke@venta.lv, <https://www.alūksne.lv/izglītības-pārvalde>',
    ].join('\n');
    expect(lint(md)).toEqual([]);
  });
  it('a termbase with a wrong field is an error at its line', () => {
    let err: unknown;
    try {
      parseYaml('glossary.yaml', 'terms:\n  - { lv: bāriņtiesa, en: "Orphans\' Court", orginal: never }\n', Glossary);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BuildError);
    expect((err as BuildError).diagnostics[0]).toEqual(expect.objectContaining({ file: 'glossary.yaml', line: 2, message: expect.stringContaining('unknown field "orginal"') }));
  });
});
