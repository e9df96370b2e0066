/**
 * Quotation marks (rehype-quotes): the fixture tests/transform/fixtures/quotes.md, set in each
 * language's marks from its message file, must read as quotes.<lang>.txt (every block's text,
 * tags removed); then the cases the fixture cannot show (warnings, text outside Markdown).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { transformMarkdown } from '../../scripts/transform/markdown.js';
import { DOUBLE_MARKS, quoteText, type QuoteStyle } from '../../scripts/transform/plugins/rehype-quotes.js';
import { ROOT } from '../support/paths.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const quotesOf = (lang: string) => (parse(readFileSync(join(ROOT, 'templates', 'messages', `${lang}.yaml`), 'utf8')) as { quotes: QuoteStyle }).quotes;
const run = (text: string, lang = 'lv') => transformMarkdown({ file: 'test.md', text, firstFootnote: 1, quotes: quotesOf(lang) });
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .split('\n')
    .filter((l) => l.trim())
    .join('\n') + '\n';

describe.each(['lv', 'en'])('the fixture in %s', (lang) => {
  const out = run(readFileSync(join(FIXTURES, 'quotes.md'), 'utf8'), lang);
  const q = quotesOf(lang);

  it('reads as the expected text', () => {
    expect(plain(out.html)).toBe(readFileSync(join(FIXTURES, `quotes.${lang}.txt`), 'utf8'));
    expect(out.diagnostics).toEqual([]);
  });

  it('has no mark of another style outside addresses and code', () => {
    const prose = out.html.replace(/<a [^>]*>(?:https?:\/\/|www\.)[\s\S]*?<\/a>|<a href="mailto:[^"]*">.*?<\/a>|<code>.*?<\/code>/g, '').replace(/<[^>]+>/g, '');
    const own = new Set([q.open, q.close, q.inner.open, q.inner.close]);
    expect([...prose].filter((c) => DOUBLE_MARKS.includes(c) && !own.has(c))).toEqual([]);
  });

  it('leaves URLs, addresses and code as written, and every link target', () => {
    expect(out.html).toContain('href="https://example.lv/it&#x27;s/%22x%22"');
    expect(out.html).toContain('href="mailto:o&#x27;neil@example.lv"');
    expect(out.html).toContain('<code>"kods"</code>');
    expect(out.html).toContain('href="https://skola2030.lv"');
  });

  it('keeps the footnote call beside its quote', () => {
    expect(out.html).toContain(`plāns${q.close}<sup class="fn-ref"><a href="#fn-1" id="fnref-1">1</a></sup>`);
  });
});

describe('marks the source left unpaired', () => {
  it('a quote never closed is a warning at its line and column; the mark is set all the same', () => {
    const out = run('- first\n- VIAA projekts "Atbalsts pieaugušo izglītībai;\n- next "one" closed\n');
    expect(out.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 2, column: 17, message: expect.stringContaining('never closed') })]);
    expect(out.html).toContain('projekts „Atbalsts');
    expect(out.html).toContain('next „one“ closed');
  });

  it('a closing mark with nothing open is a warning too', () => {
    const out = run('Radošie darbi” moduļi – “Dekori”.\n');
    expect(out.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 1, column: 14, message: expect.stringContaining('no quotation open') })]);
    expect(out.html).toContain('darbi“ moduļi – „Dekori“.');
  });

  it('a quote does not run on into the next paragraph or list item', () => {
    const out = run('- "a\n- b"\n');
    expect(out.diagnostics.map((d) => d.line)).toEqual([1, 2]);
  });
});

describe('text outside the Markdown (cover lines, titles)', () => {
  it('is set in the same marks', () => {
    expect(quoteText('"Nacionālie koordinatori"', quotesOf('lv'))).toBe('„Nacionālie koordinatori“');
    expect(quoteText('“Nacionālie koordinatori” (National Coordinators)', quotesOf('en'))).toBe('“Nacionālie koordinatori” (National Coordinators)');
  });

  it('leaves a URL or an e-mail address written as plain text alone (a quote around it is prose)', () => {
    expect(quoteText(`skat. "https://example.lv/it's" un "tālāk"`, quotesOf('lv'))).toBe(`skat. „https://example.lv/it's“ un „tālāk“`);
    expect(quoteText("raksti o'neil@example.lv", quotesOf('en'))).toBe("raksti o'neil@example.lv");
  });

  it('leaves the text as typed when the transform is given no style', () => {
    const out = transformMarkdown({ file: 'test.md', text: 'projekts "X"\n', firstFootnote: 1 });
    expect(out.html).toBe('<p>projekts "X"</p>');
  });
});
