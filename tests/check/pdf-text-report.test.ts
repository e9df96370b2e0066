/**
 * The text reader (scripts/check/pdf-text.ts) on the built report, against poppler's reading of
 * the same file: on every page the same characters (spaces aside), and every word pdftotext
 * finds lies within the runs read on its baseline (to a point). What the preflight checks with
 * the text (the text block, the contents' numbers, the titles) rests on these two.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageTexts } from '../../scripts/check/pdf-model.js';
import { pageWords } from '../support/pdf.js';
import { REPORT_EN_PDF, REPORT_PDF } from '../support/paths.js';

describe.each([['lv', REPORT_PDF], ['en', REPORT_EN_PDF]])('the text of the %s report', (_lang, file) => {
  it('has on every page the characters pdftotext reads, each word inside the runs on its baseline', async () => {
    const { text, pageSize } = await pageTexts(new Uint8Array(readFileSync(file)));
    const problems: string[] = [];
    text.forEach((runs, i) => {
      const words = pageWords(file, i + 1);
      const chars = (xs: string[]) => [...xs.join('').replace(/\s/g, '')].sort().join('');
      if (chars(runs.map((r) => r.str)) !== chars(words.map((w) => w.text))) problems.push(`page ${i + 1}: other characters than pdftotext's`);
      const h = pageSize[i]!.height;
      for (const w of words) {
        const on = runs.filter((r) => h - w.yMax <= r.y + 1 && h - w.yMin >= r.y - 1 && r.x < w.xMax && r.x + r.width > w.xMin);
        const covered = on.length > 0 && Math.min(...on.map((r) => r.x)) <= w.xMin + 1 && Math.max(...on.map((r) => r.x + r.width)) >= w.xMax - 1;
        if (!covered) problems.push(`page ${i + 1}: "${w.text}" at x ${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)} is outside the runs read`);
      }
    });
    expect(problems.slice(0, 10)).toEqual([]);
    expect(text.flat().length).toBeGreaterThan(text.length);
  });
});
