import { describe, expect, it } from 'vitest';
import { hyphenatorFor } from '../../scripts/transform/hyphenation.js';
import { transformMarkdown } from '../../scripts/transform/markdown.js';
import type { Element, Root, Text } from 'hast';
import rehypeHyphenate, { hyphenatable, hyphenateText } from '../../scripts/transform/plugins/rehype-hyphenate.js';

const SHY = '\u00AD';
const lv = hyphenatorFor('lv');
const show = (s: string) => s.replaceAll(SHY, '|');
const run = (text: string) => transformMarkdown({ file: 'test.md', text, firstFootnote: 1, hyphenate: lv }).html;

describe('Latvian hyphenation', () => {
  it('puts soft hyphens into long words from the Latvian patterns', () => {
    expect(show(hyphenateText('pieaugušo izglītības pārvaldības', lv))).toBe('pie|au|gušo iz|glī|tī|bas pār|val|dī|bas');
  });

  it('leaves at least 2 letters before a break and 3 after it, and skips words under 7 letters', () => {
    expect(show(hyphenateText('iedzīvotāji', lv))).toBe('ie|dzī|vo|tāji');
    for (const word of hyphenateText('iedzīvotāji pieaugušajiem semināru programmas apmācības darbinieki kultūras', lv).split(' ')) {
      const pieces = word.split(SHY);
      expect(pieces[0]!.length, show(word)).toBeGreaterThanOrEqual(2);
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
    expect(paragraph).toContain(`iz${SHY}glī${SHY}tī`);
  });
});

describe('English hyphenation', () => {
  const en = hyphenatorFor('en');
  it('breaks by the American patterns: no “municipalit-ies”, “recor-ded”, “implemen-ted”, “res-ident”', () => {
    expect(show(hyphenateText('municipalities recorded implemented resident', en))).toBe('mu|nic|i|pal|i|ties recorded im|ple|mented res|i|dent');
  });

  it('leaves at least 2 letters before a break and 3 after it', () => {
    for (const word of hyphenateText('municipalities organisations programmes education development opportunities implemented coordinators', en).split(' ')) {
      const pieces = word.split(SHY);
      expect(pieces[0]!.length, show(word)).toBeGreaterThanOrEqual(2);
      expect(pieces.at(-1)!.length, show(word)).toBeGreaterThanOrEqual(3);
    }
  });

  it('hyphenates a Latvian name in English text (lang="lv") by the Latvian patterns, never by the English ones', () => {
    const name = 'izaugsmes pilnveide dienests';
    const tree: Root = { type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: [
      { type: 'text', value: 'development ' },
      { type: 'element', tagName: 'em', properties: { lang: 'lv' }, children: [{ type: 'text', value: name }] },
      { type: 'element', tagName: 'em', properties: { lang: 'de' }, children: [{ type: 'text', value: 'Entwicklungsplanung' }] },
    ] }] };
    (rehypeHyphenate.call(undefined as never, { hyphenate: en }) as (t: Root) => void)(tree);
    const p = tree.children[0] as Element;
    const text = (i: number) => ((i === 0 ? p.children[0] : (p.children[i] as Element).children[0]) as Text).value;
    expect(show(text(0))).toBe('de|vel|op|ment ');
    expect(show(text(1))).toBe(show(hyphenateText(name, lv)));
    expect(text(1)).toContain(SHY);
    // No patterns for that language: the words stay whole.
    expect(text(2)).toBe('Entwicklungsplanung');
  });
});

describe('hyphenation kept per word', () => {
  it('gives a word the same breaks the patterns give it, however often it is asked for', async () => {
    const { createRequire } = await import('node:module');
    const { hyphenateSync } = createRequire(import.meta.url)('hyphen/lv') as { hyphenateSync: (w: string, o: { hyphenChar: string }) => string };
    const words = ['izglītības', 'pašvaldības', 'pieaugušajiem', 'izglītības', 'programmas', 'pašvaldības'];
    for (const word of [...words, ...words]) expect(lv(word), word).toBe(hyphenateSync(word, { hyphenChar: SHY }));
  });
});
