/** Rule opening.js: from the first box of a part's second page on, boxes are `.page-rest` (the page with a running head). */
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, layOutFixture } from '../support.js';

afterAll(closeBrowser);

describe('layout rule: the opening page', () => {
  it('marks what stands after the first page, and nothing on it', async () => {
    const { result, probed } = await layOutFixture('opening', ({ col }) =>
      [...document.querySelectorAll('section')].filter((s) => s.style.display !== 'none').map((s) => ({
        id: s.id,
        boxes: [...s.querySelectorAll('.section__body > p')].map((p) => ({ page: col(p.getClientRects()[0]!), rest: p.classList.contains('page-rest') })),
      })),
    );
    const [alfa] = probed.filter((p) => p.id === 'alfa');
    const beta = (await layOutFixture('opening', ({ col }) => [...document.querySelectorAll('#beta .section__body > p')].map((p) => ({ page: col(p), rest: p.classList.contains('page-rest') })), 'beta')).probed;
    expect(new Set(alfa!.boxes.map((b) => b.page)).size).toBeGreaterThanOrEqual(2);
    for (const b of alfa!.boxes) expect(b.rest).toBe(b.page >= 1);
    // A part of one page has no second page to mark.
    expect(beta.length).toBeGreaterThan(0);
    expect(beta.every((b) => !b.rest)).toBe(true);
    expect(result.starts.beta).toBeGreaterThan(result.starts.alfa!);
  });
});
