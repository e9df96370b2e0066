/** Rule spacing.js: loose justified lines get letter-spacing within ±maxLetterSpacingEm, and fewer stay loose. */
import { afterAll, describe, expect, it } from 'vitest';
import { layoutSettings, LIMITS } from '../../../../scripts/print/design.js';
import { closeBrowser, layOutFixture } from '../support.js';

afterAll(closeBrowser);

describe('layout rule: spacing', () => {
  it('sets loose justified lines with a little letter-spacing, so fewer are over the limit', async () => {
    const { probed } = await layOutFixture('spacing', ({ col, top }) => {
      const paragraphs = [...document.querySelectorAll('.section__body p')] as HTMLElement[];
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
      // Each line's median word space over the paragraph's normal (ragged) space; the last line excepted.
      const loose = (limit: number) => {
        let n = 0;
        for (const p of paragraphs) {
          const measure = () => {
            const lines = new Map<string, number[]>();
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
              for (const m of node.data.matchAll(/ /g)) {
                const r = document.createRange();
                r.setStart(node, m.index);
                r.setEnd(node, m.index + 1);
                const box = r.getClientRects()[0];
                if (!box || box.width <= 0) continue;
                const key = `${col(box)}:${Math.round(top(box))}`;
                lines.set(key, [...(lines.get(key) ?? []), box.width]);
              }
            }
            return [...lines.values()];
          };
          p.style.textAlign = 'left';
          const normal = median(measure().flat());
          p.style.textAlign = '';
          n += measure().slice(0, -1).filter((l) => l.length >= 2 && median(l) > limit * normal).length;
        }
        return n;
      };
      const letterSpacings = [...paragraphs, ...document.querySelectorAll<HTMLElement>('.even-line')].map((el) => {
        const ls = getComputedStyle(el).letterSpacing;
        return ls === 'normal' ? 0 : parseFloat(ls) / parseFloat(getComputedStyle(el).fontSize);
      });
      const after = loose(2);
      // The same text without the rule's settings.
      for (const span of [...document.querySelectorAll('.even-line')]) span.replaceWith(...span.childNodes);
      for (const p of paragraphs) p.style.letterSpacing = '';
      const trials = (globalThis as unknown as { __spacingTrials?: { alone: number; inColumns: number } }).__spacingTrials;
      return { after, before: loose(2), letterSpacings, trials };
    });
    expect(probed.before, 'the fixture needs the rule: loose lines').toBeGreaterThan(0);
    expect(probed.after).toBeLessThan(probed.before);
    expect(probed.letterSpacings.some((x) => x !== 0)).toBe(true);
    for (const x of probed.letterSpacings) expect(Math.abs(x)).toBeLessThanOrEqual(layoutSettings.spacing.maxLetterSpacingEm + 1e-3);
    expect(layoutSettings.spacing.maxWordSpace).toBe(LIMITS.maxWordSpace);
    // The trials were set on the paragraphs' proofs, outside the columns, and the columns set
    // every chosen setting as its proof did (none fell back to trials in the columns).
    expect(probed.trials?.alone).toBeGreaterThan(0);
    expect(probed.trials?.inColumns).toBe(0);
  });
});
