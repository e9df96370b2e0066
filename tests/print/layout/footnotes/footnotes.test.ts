/** Rule footnotes.js: each note at the foot of its call's page, under the white the design asks, no text lost. */
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../scripts/print/design.js';
import { closeBrowser, layOutFixture } from '../support.js';

afterAll(closeBrowser);

describe('layout rule: footnotes', () => {
  it('puts each note on its call’s page, above nothing of the text, and loses no paragraph', async () => {
    const { result, probed } = await layOutFixture('footnotes', ({ col, top, lineRects }) => {
      const notes = [...document.querySelectorAll('.page-notes li')].map((li) => {
        const call = document.getElementById(`fnref-${li.id.slice(3)}`)!;
        const block = li.closest('.page-notes')!;
        const rule = block.querySelector('ol')!;
        // The lowest line of text on the rule's page before the block.
        const before = [...document.querySelectorAll('.section__body p')].filter((p) => p.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING);
        const bottom = Math.max(...before.flatMap((p) => lineRects(p)).filter((r) => col(r) === col(rule)).map((r) => top(r) + r.height));
        return { n: li.id, call: col(call), note: col(li), ruleGapPx: top(rule) - bottom };
      });
      const marks = [...document.querySelectorAll('.section__body p')].map((p) => /^¶(\d+)/.exec(p.textContent ?? '')?.[1]).filter(Boolean);
      return { notes, marks, pages: Math.max(...[...document.querySelectorAll('.section__body p')].map(col)) + 1 };
    });
    expect(probed.pages).toBeGreaterThanOrEqual(3);
    expect(probed.notes).toHaveLength(4);
    for (const n of probed.notes) {
      expect(n.note, n.n).toBe(n.call);
      expect(n.ruleGapPx / (96 / 25.4), n.n).toBeGreaterThanOrEqual(LIMITS.minRuleGapMm);
    }
    expect(result.notes.every((n) => n.page > 0)).toBe(true);
    // Every paragraph once, in order (a split paragraph's continuation has no mark of its own).
    expect(probed.marks).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
  });
});
