/**
 * URLs set for reading (rehype-url-breaks): decoded for display, with break opportunities
 * only after / . - =, the link target untouched.
 */
import { describe, expect, it } from 'vitest';
import { transformMarkdown } from '../../scripts/transform/markdown.js';
import { displayUrl, URL_BREAK_AFTER } from '../../scripts/transform/plugins/rehype-url-breaks.js';

const run = (text: string) => transformMarkdown({ file: 'test.md', text, firstFootnote: 1 });
/** The shown text of the first URL link, with "|" where a <wbr> is. */
const shown = (html: string) =>
  /<a [^>]*class="url"[^>]*>(.*?)<\/a>/
    .exec(html)![1]!
    .replace(/<wbr>/g, '|')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x26;/g, '&');

describe('displayUrl', () => {
  it('decodes the escapes of letters and digits', () => {
    expect(displayUrl('https://x.lv/strat%C4%93%C4%A3ija-2024.pdf')).toBe('https://x.lv/stratēģija-2024.pdf');
    expect(displayUrl('https://x.lv/%c4%93%41%31')).toBe('https://x.lv/ēA1');
  });

  it('keeps escapes of anything else: spaces, slashes, the percent sign, quotes', () => {
    expect(displayUrl('https://x.lv/a%20b%2Fc%25d%22e')).toBe('https://x.lv/a%20b%2Fc%25d%22e');
  });

  it('keeps what is no UTF-8 as it was', () => {
    expect(displayUrl('https://x.lv/a%C4')).toBe('https://x.lv/a%C4');
    expect(displayUrl('https://x.lv/%C4%C4%93')).toBe('https://x.lv/%C4ē');
    expect(displayUrl('https://x.lv/%FF%E2%82')).toBe('https://x.lv/%FF%E2%82');
    expect(displayUrl('https://x.lv/100%')).toBe('https://x.lv/100%');
  });
});

describe('a footnote URL', () => {
  const url = 'https://vip.ventspils.lv/wp-content/87_Par-strat%C4%93%C4%A3ijas-2024.-2030.gadam_kopa?id=5&x=%20y';
  const out = run(`Teksts.[^1]\n\n[^1]: <${url}>\n`);

  it('links to the URL as written', () => {
    expect(out.html).toContain(`href="${url.replace('&', '&#x26;')}"`);
  });

  it('shows it decoded, breakable after / . - = only, never inside the scheme', () => {
    expect(shown(out.html)).toBe('https://vip.|ventspils.|lv/|wp-|content/|87_Par-|stratēģijas-|2024.|-|2030.|gadam_kopa?id=|5&x=|%20y');
    for (const piece of shown(out.html).split('|').slice(0, -1)) expect(URL_BREAK_AFTER).toContain(piece.at(-1));
  });

  it('holds "?" to the next character (Chromium would break after it)', () => {
    expect(out.html).toContain('<span class="url__nobr">?i</span>');
  });

  it('keeps the markup the footnote placer relies on', () => {
    expect(out.html).toMatch(/<ol[^>]*class="footnotes">\s*<li id="fn-1"><a href="[^"]+" class="url">/);
    expect(out.html).toContain('<sup class="fn-ref"><a href="#fn-1" id="fnref-1">1</a></sup>');
  });
});

describe('other links', () => {
  it('a URL in the text is set the same way', () => {
    expect(shown(run('Skat. <https://www.example.lv/a-b>.').html)).toBe('https://www.|example.|lv/|a-|b');
    expect(shown(run('Skat. www.stars.gov.lv platformu.').html)).toBe('www.|stars.|gov.|lv');
  });

  it('a link with words and an e-mail address are left as they are', () => {
    expect(run('[Skola 2030](https://skola2030.lv/a/b) un <anna@example.lv>').html).toBe('<p><a href="https://skola2030.lv/a/b">Skola 2030</a> un <a href="mailto:anna@example.lv">anna@example.lv</a></p>');
  });
});
