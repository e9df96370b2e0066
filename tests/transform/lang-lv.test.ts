/**
 * English texts: an <em> holding a Latvian original is marked lang="lv" (the contract with the
 * layout branch's hyphenation and the a11y branch's PDF spans); English emphasis is not.
 */
import { describe, expect, it } from 'vitest';
import { transformMarkdown } from '../../scripts/transform/markdown.js';

const html = (text: string, latvianOriginals?: string[]) => transformMarkdown({ file: 'x.md', text, firstFootnote: 1, latvianOriginals }).html;

describe('rehype-lang-lv', () => {
  it('marks an original with a Latvian letter, and a termbase name without one', () => {
    const out = html('The Education Board (*Ventspils valstspilsētas Izglītības pārvalde*) and *Latvijas Banka*.\n', ['Latvijas Banka']);
    expect(out).toContain('<em lang="lv">Ventspils valstspilsētas Izglītības pārvalde</em>');
    expect(out).toContain('<em lang="lv">Latvijas Banka</em>');
  });
  it('leaves English emphasis alone, and Latvian texts (no option) unmarked', () => {
    expect(html('An *important* step.\n', ['Latvijas Banka'])).toContain('<em>important</em>');
    expect(html('*Izglītības pārvalde*\n')).toContain('<em>Izglītības pārvalde</em>');
  });
});

describe('rehype-lang-lv: an English sentence in italics', () => {
  it('that names a person stays English; a name with one Latvian word in three is Latvian', () => {
    const out = html('*This chapter was prepared by Kristīne Bulka, adult education expert.* Bulduri Technical School (*SIA “Bulduru tehnikums”*).\n', []);
    expect(out).toContain('<em>This chapter was prepared by Kristīne Bulka');
    expect(out).toMatch(/<em lang="lv">SIA .Bulduru tehnikums.<\/em>/);
  });
});
