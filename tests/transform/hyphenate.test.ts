import { describe, expect, it } from 'vitest';
import { hyphenatorFor } from '../../scripts/transform/hyphenation.js';
import { transformMarkdown } from '../../scripts/transform/markdown.js';
import { hyphenatable, hyphenateText } from '../../scripts/transform/plugins/rehype-hyphenate.js';

const SHY = '\u00AD';
const lv = hyphenatorFor('lv');
const show = (s: string) => s.replaceAll(SHY, '|');
const run = (text: string) => transformMarkdown({ file: 'test.md', text, firstFootnote: 1, hyphenate: lv }).html;

describe('Latvian hyphenation', () => {
  it('puts soft hyphens into long words from the Latvian patterns', () => {
    expect(show(hyphenateText('pieaugušo izglītības pārvaldības', lv))).toBe('pie|au|gušo izglī|tī|bas pār|val|dī|bas');
  });

  it('leaves at least 3 letters on each side of a break and skips words under 7 letters', () => {
    expect(show(hyphenateText('iedzīvotāji', lv))).toBe('iedzī|vo|tāji');
    for (const word of hyphenateText('iedzīvotāji pieaugušajiem semināru programmas apmācības darbinieki kultūras', lv).split(' ')) {
      const pieces = word.split(SHY);
      expect(pieces[0]!.length, show(word)).toBeGreaterThanOrEqual(3);
      expect(pieces.at(-1)!.length, show(word)).toBeGreaterThanOrEqual(3);
    }
    expect(hyphenateText('vietās, ceļos', lv)).not.toContain(SHY);
  });

  it('leaves URLs, e-mail addresses, numbers and abbreviations alone', () => {
    for (const token of ['https://www.aizkraukle.lv/lv/media/64010', 'www.interesuizglitiba.lv', 'aiic@aizkraukle.lv', '101144108-NCLV2024-2025-ERASMUS-EDU', '2.3.2.1.i.0/1/23/I/CFLA/001', '17 079', 'ERASMUS', 'LIKTA']) {
      expect(hyphenatable(token), token).toBe(false);
      expect(hyphenateText(token, lv)).toBe(token);
    }
  });

  it('keeps punctuation and hard hyphens, hyphenates the letters around them', () => {
    const out = hyphenateText('(izglītības-stratēģija),', lv);
    expect(out.replaceAll(SHY, '')).toBe('(izglītības-stratēģija),');
    expect(out).toContain(SHY);
  });

  it('never hyphenates headings, links or footnote calls in the HTML', () => {
    const html = run('## Pieaugušo izglītības pārvaldība\n\nPieaugušo izglītības pārvaldība[^1] <https://www.pašvaldība.lv/izglītība> un <izglītība@pašvaldība.lv>.\n\n[^1]: <https://example.lv/izglītības-stratēģija>\n');
    const heading = /<h2>(.*?)<\/h2>/.exec(html)![1]!;
    expect(heading).not.toContain(SHY);
    for (const m of html.matchAll(/<a [^>]*>(.*?)<\/a>/g)) expect(m[1], m[1]).not.toContain(SHY);
    const paragraph = /<p>(.*?)<\/p>/.exec(html)![1]!;
    expect(paragraph).toContain(`izglī${SHY}tī`);
  });
});
