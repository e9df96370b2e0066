/** Rule hyphens.js: at most LIMITS.maxHyphenRun hyphenated line ends in a row, none at a page's last line. */
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
});
