/** Rule hyphens.js: at most LIMITS.maxHyphenRun hyphenated line ends in a row, none at a page's last line. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../scripts/print/design.js';
import { closeBrowser, layOutFixture } from '../support.js';

afterAll(closeBrowser);

describe('layout rule: hyphens', () => {
  it('breaks runs of hyphens and keeps a page’s last word whole', async () => {
    const { probed } = await layOutFixture('hyphens', ({ col, top }) => {
      const key = (r: DOMRect) => `${col(r)}:${Math.round(top(r))}`;
      const runs: number[] = [];
      const pageEnds: string[] = [];
      let whole = 0;
      for (const p of document.querySelectorAll('.section__body p')) {
        // Every line of the paragraph, and which of them end in a word broken at a soft hyphen.
        const range = document.createRange();
        range.selectNodeContents(p);
        const lines = [...new Set([...range.getClientRects()].filter((r) => r.width > 0).map(key))];
        const broken = new Set<string>();
        const text = p.firstChild as Text;
        for (const m of text.data.matchAll(/\S+/g)) {
          if (!m[0].includes('\u00ad')) {
            if (m[0].length > 12) whole++; // a long word whose soft hyphens the rule took out
            continue;
          }
          const r = document.createRange();
          r.setStart(text, m.index);
          r.setEnd(text, m.index + m[0].length);
          const rs = [...r.getClientRects()].filter((x) => x.width > 0);
          if (new Set(rs.map(key)).size > 1) broken.add(key(rs[0]!));
        }
        let run = 0;
        lines.forEach((l, i) => {
          run = broken.has(l) ? run + 1 : 0;
          runs.push(run);
          const next = lines[i + 1];
          if (broken.has(l) && next && next.split(':')[0] !== l.split(':')[0]) pageEnds.push(l);
        });
      }
      return { longest: Math.max(...runs), pageEnds, whole, pages: new Set([...document.querySelectorAll('.section__body p')].map(col)).size };
    });
    expect(probed.pages).toBeGreaterThanOrEqual(2);
    expect(probed.whole, 'the fixture needs the rule: some words set whole').toBeGreaterThan(0);
    expect(probed.longest).toBeLessThanOrEqual(LIMITS.maxHyphenRun);
    expect(probed.pageEnds).toEqual([]);
  });

  it('keeps a word broken at a typed hyphen from ending a page, its text as typed', async () => {
    const source = readFileSync(new URL('./typed.html', import.meta.url), 'utf8');
    const { probed } = await layOutFixture(
      'hyphens/typed.html',
      ({ col }) => {
        const over: string[] = [];
        for (const li of document.querySelectorAll('.chapter__body li')) {
          const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
            for (const m of node.data.matchAll(/\S*-\S*/g)) {
              const r = document.createRange();
              r.setStart(node, m.index);
              r.setEnd(node, m.index + m[0].length);
              if (new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => col(x))).size > 1) over.push(m[0]);
            }
          }
        }
        // A chapter's list as text (an item split at a page turn is two items).
        const texts = [...document.querySelectorAll('.chapter__body ul')].map((ul) => [...ul.querySelectorAll('li')].map((li) => li.textContent).join(' '));
        return { over, kept: document.querySelectorAll('.nobreak').length, texts };
      },
      '*',
    );
    expect(probed.over).toEqual([]);
    expect(probed.kept, 'the fixture needs the rule: some numbers kept unbroken').toBeGreaterThan(0);
    // Not a character changed: every list's text is the source's.
    const words = (s: string) => s.replace(/\s+/g, ' ').trim();
    const lists = [...source.matchAll(/<ul>([\s\S]*?)<\/ul>/g)].map((m) => words(m[1]!.replace(/<\/?li>/g, ' ')));
    expect(probed.texts.map(words)).toEqual(lists);
  });
});
