import { describe, expect, it } from 'vitest';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { isbn13, Texts } from '../../scripts/validate/schema.js';
import { parseYaml } from '../../scripts/validate/yaml.js';

const texts = (imprint: string) => `documentTitle: T
author: A
subject: S
keywords: [k]
cover: { ministry: [m], cofunded: [c], programme: p, tagline: [t], subtitle: s, funding: [f] }
backCover: { funding: [f] }
imprint:
  publisher: P
  project: [p]
  disclaimer: D
${imprint}
chapters: {}
`;

describe('imprint in texts.yaml', () => {
  it('checks an ISBN-13 by its check digit', () => {
    expect(isbn13('978-3-16-148410-0')).toBe(true);
    expect(isbn13('978-3-16-148410-1')).toBe(false);
    expect(isbn13('123')).toBe(false);
  });

  it('takes empty ISBN and ISSN, a licence, authors and an address', () => {
    const t = parseYaml('texts.yaml', texts('  isbn: ""\n  licence: CC BY 4.0\n  authors: [A B]\n  address: [Street 1, City]'), Texts).value;
    expect(t.imprint).toMatchObject({ isbn: '', issn: '', licence: 'CC BY 4.0', authors: ['A B'], address: ['Street 1', 'City'] });
  });

  it('refuses a wrong ISBN at its line, saying what would be right', () => {
    try {
      parseYaml('texts.yaml', texts('  isbn: 978-3-16-148410-1'), Texts);
      throw new Error('expected a BuildError');
    } catch (e) {
      expect(e).toBeInstanceOf(BuildError);
      expect((e as BuildError).diagnostics).toEqual([expect.objectContaining({ file: 'texts.yaml', line: 11, message: expect.stringContaining('check digit') })]);
    }
  });
});
