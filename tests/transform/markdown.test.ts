import { describe, expect, it } from 'vitest';
import { transformMarkdown } from '../../scripts/transform/markdown.js';

const run = (text: string, extra: Partial<Parameters<typeof transformMarkdown>[0]> = {}) =>
  transformMarkdown({ file: 'test.md', text, firstFootnote: 1, ...extra });

describe('global footnotes', () => {
  it('numbers from the given start, in order of first reference, whatever the labels', () => {
    const out = run('B[^z] and A[^a] and B again[^z].\n\n[^a]: <https://a.example>\n[^z]: <https://z.example>\n', { firstFootnote: 7 });
    expect(out.footnoteCount).toBe(2);
    expect(out.html).toContain('B<sup class="fn-ref"><a href="#fn-7" id="fnref-7">7</a></sup>');
    expect(out.html).toContain('A<sup class="fn-ref"><a href="#fn-8" id="fnref-8">8</a></sup>');
    expect(out.html).toContain('again<sup class="fn-ref"><a href="#fn-7">7</a></sup>');
    expect(out.html).toMatch(/<ol start="7" class="footnotes">\s*<li id="fn-7"><a href="https:\/\/z\.example"[^>]*>/);
  });

  it('fails on a call without a definition, at its line', () => {
    const out = run('one\n\ntwo[^missing]\n');
    expect(out.diagnostics).toEqual([expect.objectContaining({ line: 3, column: 4, severity: 'error', message: expect.stringContaining('[^missing]') })]);
  });

  it('fails on a definition nobody cites, at its line', () => {
    const out = run('text\n\n[^x]: <https://x.example>\n');
    expect(out.diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 3, message: expect.stringContaining('never referenced') })]);
  });
});

describe('sanitising', () => {
  it('drops raw HTML and script links, keeps http(s) and mailto', () => {
    const out = run('<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](https://ok.example) <x@y.lv>\n');
    expect(out.html).not.toMatch(/script|onerror|javascript/);
    expect(out.html).toContain('href="https://ok.example"');
    expect(out.html).toContain('href="mailto:x@y.lv"');
  });
});

describe('chart blocks', () => {
  it('become figures for the chart stage', () => {
    const out = run('```chart\npermits-top\n```\n', { knownCharts: new Set(['permits-top']) });
    expect(out.html).toBe('<figure class="chart" data-chart="permits-top"></figure>');
    expect(out.charts).toEqual(['permits-top']);
  });

  it('an unknown chart is an error at its line, listing the known ones', () => {
    const out = run('text\n\n```chart\npermit-top\n```\n', { knownCharts: new Set(['permits-top']) });
    expect(out.diagnostics).toEqual([expect.objectContaining({ line: 3, severity: 'error', hint: expect.stringContaining('permits-top') })]);
  });
});

describe('contact block', () => {
  it('wraps what follows the thematic break and puts it first (under the heading); footnotes stay at the end', () => {
    const out = run('- item[^1]\n\n---\n\nKontakti:\\\nE-pasts: a@b.lv\n\n[^1]: <https://x.example>\n', { contactBlock: true });
    expect(out.html).not.toContain('<hr>');
    expect(out.html).toMatch(/^<div class="contacts">\s*<p>Kontakti:<br>\s*E-pasts:/);
    expect(out.html.indexOf('</div>')).toBeLessThan(out.html.indexOf('item'));
    expect(out.html).toMatch(/<ol class="footnotes">[\s\S]*<\/ol>\s*$/);
  });
});
