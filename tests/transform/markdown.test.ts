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
  const labels = { label: 'Kontakti', coordinator: 'Koordinatora kontakti', coordinators: 'Koordinatoru kontakti', preparedBy: 'Sagatavoja', email: 'E-pasts', phone: 'Tālrunis', web: 'Tīmekļvietne', address: 'Adrese' };

  it('becomes a panel of fields put first (under the heading); footnotes stay at the end', () => {
    const out = run('- item[^1]\n\n---\n\nPieaugušo izglītības koordinators kontakti:\\\nDace Bērziņa\\\ne-pasts: a@b.lv\\\nTelefona nr.:26866855\n\n[^1]: <https://x.example>\n', { contactBlock: labels });
    expect(out.html).not.toContain('<hr>');
    expect(out.html).toMatch(/^<div class="contacts"/);
    expect(out.html).toContain('<p class="contacts__heading">Koordinatora kontakti</p>');
    expect(out.html).toContain('<p class="contacts__name">Dace Bērziņa</p>');
    expect(out.html).toContain('<dt class="contacts__label">E-pasts</dt><dd class="contacts__data"><a class="contacts__value" href="mailto:a@b.lv">a@b.lv</a></dd>');
    expect(out.html).toContain('<dt class="contacts__label">Tālrunis</dt><dd class="contacts__data"><span class="contacts__value">+371 26 866 855</span></dd>');
    expect(out.html.indexOf('contacts__value')).toBeLessThan(out.html.indexOf('item'));
    expect(out.html).toMatch(/<ol class="footnotes">[\s\S]*<\/ol>\s*$/);
  });

  it('reports prose that is no contact at its line and prints it after the text, not in the panel', () => {
    const out = run('- item\n\n---\n\nPaldies visiem aktīvajiem koordinatoriem Kurzemes pašvaldībās!\n\nKoordinatora kontakti:\n\nAgnese Lāce\n', { contactBlock: labels });
    expect(out.diagnostics).toEqual([expect.objectContaining({ line: 5, severity: 'warning', message: expect.stringContaining('is not a contact') })]);
    const panel = out.html.slice(0, out.html.indexOf('item'));
    expect(panel).not.toContain('Paldies');
    expect(out.html).toMatch(/item[\s\S]*<div class="section__closing"><p>Paldies visiem/);
  });
});

describe('signature', () => {
  it('makes the closing name and the lines of its post one block, up to the line that ends a sentence', () => {
    const out = run('Text of the chapter.\n\nAgnese Lejniece,\n\nauthor of the idea,\n\nhead of the division.\n\nEvery municipality is responsible for its information.\n');
    expect(out.html).toContain('<div class="signature"><p class="signature__name">Agnese Lejniece,</p><p class="signature__line">author of the idea,</p><p class="signature__line">head of the division.</p></div>');
    expect(out.html).toMatch(/<\/div>\s*<p>Every municipality/);
  });

  it('leaves a chapter without a signature as it is', () => {
    expect(run('One paragraph.\n\nAnother one here.\n').html).not.toContain('signature');
  });
});

describe('fields', () => {
  const fields = { fields: { permits: { label: 'Izsniegto atļauju skaits' }, targetGroups: { label: 'Mērķa grupas', also: ['Mērķa grupa'] } }, omit: ['permits'] };

  it('prints the canonical label whatever variant the source typed', () => {
    expect(run('- **Mērķa grupa:** pieaugušie\n', { fields }).html).toContain('<strong class="field__label">Mērķa grupas:</strong> pieaugušie');
  });

  it('leaves out a field the key figures print, where its answer is only the number', () => {
    const out = run('- **Mērķa grupas:** visi\n- **Izsniegto atļauju skaits: 16.**\n', { fields });
    expect(out.html).not.toContain('atļauju');
    expect(run('- **Izsniegto atļauju skaits:** 16 (no tām 3 jaunas)\n', { fields }).html).toContain('16 (no tām 3 jaunas)');
  });

  it('warns about a bullet typed into a list item, at its line', () => {
    const out = run('- **Mērķa grupas:**\n  - skolas;\n  - •mūzikas skola;\n', { fields });
    expect(out.diagnostics).toEqual([expect.objectContaining({ line: 3, severity: 'warning', message: expect.stringContaining('bullet') })]);
  });
});
