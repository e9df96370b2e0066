/**
 * Rule runon.js: a section runs on under the previous one only when that page holds its
 * heading, key figures, contact panel and LIMITS.runOnMinLines lines of its text: the strip of
 * key figures and the panel are no lines of text.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../scripts/print/design.js';
import { closeBrowser, layOutFixture } from '../support.js';

afterAll(closeBrowser);

describe('layout rule: sections run on', () => {
  it('runs a section on only with its first lines of text on the page', async () => {
    const { result, probed } = await layOutFixture(
      'runon',
      ({ col, top, lineRects }) =>
        [...document.querySelectorAll('section[id^="b"]')].map((s) => {
          const page = col(s.querySelector('h1')!);
          // Lines of the section's text (its fields), the contact panel and key figures left out.
          const lines = new Set<number>();
          for (const p of s.querySelectorAll('.section__body li p')) for (const r of lineRects(p)) if (col(r) === page) lines.add(Math.round(top(r) / 4));
          const panel = s.querySelector('.contacts')!;
          return { id: s.id, runOn: s.classList.contains('section--runon'), lines: lines.size, panelPages: [...new Set([...panel.getClientRects()].map((r) => col(r)))] };
        }),
      '*',
    );
    // The fixture covers both outcomes: the previous section leaves more room from pair to pair.
    expect(probed.some((b) => b.runOn)).toBe(true);
    expect(probed.some((b) => !b.runOn)).toBe(true);
    expect(probed.filter((b) => b.runOn).map((b) => b.id)).toEqual(result.runOns);
    for (const b of probed) {
      expect(b.panelPages, b.id).toHaveLength(1);
      if (b.runOn) expect(b.lines, b.id).toBeGreaterThanOrEqual(LIMITS.runOnMinLines);
    }
  });
});
