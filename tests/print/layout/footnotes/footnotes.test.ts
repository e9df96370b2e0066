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

  // Known defect: splitting an item whose last line holds only a broken word's end (frame.js
  // splitAt, counting that line) stranded a footnote at its part's end on the preview's
  // lengthened fixture (a PDF the preflight rejects), so that change is withdrawn; the real
  // 2025 reports have no hole over the limit without it (npm run typography).
  it.fails('leaves no hole over the design’s limit above the notes when the item at the foot can give lines', async () => {
    const { probed } = await layOutFixture(
      'footnotes/holes.html',
      ({ col, top, lineRects }) =>
        [...document.querySelectorAll('section.chapter')].map((s) => {
          const block = s.querySelector('.page-notes')!;
          const rule = block.querySelector('ol')!;
          const page = col(rule);
          // The lowest line of the chapter's text on the rule's page, before the block.
          const before = [...s.querySelectorAll('.chapter__body li, .chapter__body p:not(.filler)')].filter((el) => !el.closest('.page-notes') && !el.contains(block) && el.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING);
          const filler = s.querySelector('.filler')!.getBoundingClientRect();
          const bottom = Math.max(top(filler) + filler.height, ...before.flatMap((el) => lineRects(el)).filter((r) => col(r) === page).map((r) => top(r) + r.height));
          const label = s.querySelector('li.field > p');
          const first = s.querySelector('li.field > ul > li');
          return {
            id: s.id,
            call: col(s.querySelector('a[id^="fnref-"]')!),
            page,
            holeMm: (top(rule) - bottom) / (96 / 25.4),
            split: !!s.querySelector('.fn-split'),
            // The block between a field's first paragraph and its list: the paragraph ends the page.
            introEnds: !!block.previousElementSibling?.matches('li.field > p'),
            labelAlone: !!label && label.textContent!.trim().endsWith(':') && col(lineRects(label).at(-1)!) !== col(lineRects(first!)[0]!),
          };
        }),
      '*',
    );
    expect(probed.length).toBeGreaterThan(30);
    for (const c of probed) {
      expect(c.page, c.id).toBe(c.call);
      expect(c.holeMm, c.id).toBeLessThanOrEqual(LIMITS.maxHoleMm);
      expect(c.labelAlone, `${c.id}: a label alone at the page's foot`).toBe(false);
    }
    // The fixture meets each case: an item whose last line holds only a word's end is split; a
    // sentence ends its page above its list; a label alone never does.
    expect(probed.some((c) => c.id.startsWith('x') && c.split)).toBe(true);
    expect(probed.some((c) => c.id.startsWith('y') && c.introEnds)).toBe(true);
    expect(probed.filter((c) => c.id.startsWith('z')).every((c) => !c.introEnds)).toBe(true);
  });
});
