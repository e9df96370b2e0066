/** Rule copyfit.js: a part's last page holds at least LIMITS.minLines lines. */
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../scripts/print/design.js';
import { closeBrowser, layOutFixture } from '../support.js';

afterAll(closeBrowser);

describe('layout rule: copyfitting', () => {
  it('leaves no short last page: pulled back, spread or carried over', async () => {
    const { result, probed } = await layOutFixture('copyfit', ({ col, top, lineRects }) => {
      const lines = new Map<number, Set<number>>();
      for (const el of document.querySelectorAll('.section__body li p, h1')) for (const r of lineRects(el)) {
        if (!lines.has(col(r))) lines.set(col(r), new Set());
        lines.get(col(r))!.add(Math.round(top(r) / 4));
      }
      return [...lines.values()].map((s) => s.size);
    });
    expect(result.fits.alfa, 'the fixture’s last page is short unfitted').toBeTruthy();
    if (probed.length > 1) expect(probed.at(-1)).toBeGreaterThanOrEqual(LIMITS.minLines);
  });
});
