/**
 * The design of the built 2025 report, measured on its PDF by scripts/check/typography.ts
 * (every page with a running head and a page number: the sections and chapters). The limits
 * are the design's; `npm run typography` prints the same figures for any PDF.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, measureTypography, type Typography } from '../../scripts/check/typography.js';
import { REPORT_EN_PDF, REPORT_PDF } from '../support/paths.js';
import { pageTexts } from '../support/pdf.js';

describe.each([
  ['Latvian', REPORT_PDF],
  ['English', REPORT_EN_PDF],
])('design of the 2025 report, %s edition', (edition, pdf) => {
  let t: Typography;
  beforeAll(async () => {
    t = await measureTypography(pdf);
  }, 120_000);

  it('reads the text pages of the sections and chapters', () => {
    // The pages poppler finds their number on (cover, contents and back cover have none).
    const numbered = pageTexts(pdf, { raw: true }).flatMap((text, i) => (text.split('\n').some((l) => l.trim() === String(i + 1)) ? [i + 1] : []));
    expect(t.pages.map((p) => p.page)).toEqual(numbered);
    expect(t.summary.bodyLines).toBeGreaterThan(1000);
  });

  it(`no page holds fewer than ${LIMITS.minLines} lines of text (a page with a chart excepted)`, () => {
    expect(t.summary.fewLines.map((f) => `page ${f.page}: ${f.lines} lines (${t.pages.find((p) => p.page === f.page)!.runningHead})`)).toEqual([]);
  });

  it(`no hole in the flow is over ${LIMITS.maxHoleMm} mm, except above a chart that starts the next page`, () => {
    const holes = t.summary.holesOver25.filter((h) => !h.nextStartsWithFigure);
    expect(holes.map((h) => `page ${h.page}: ${h.height} mm (${h.kind})`)).toEqual([]);
  });

  it(`at most ${LIMITS.maxHyphenRun} consecutive lines end in a hyphen`, () => {
    const runs = t.summary.longHyphenRuns.map((r) => `page ${[...new Set(r.pages)].join('–')}: ${r.length} (${r.lines.map((l) => l.slice(-12)).join(' / ')})`);
    expect(runs).toEqual([]);
    expect(t.summary.longestHyphenRun.length).toBeLessThanOrEqual(LIMITS.maxHyphenRun);
  });

  it('no page’s last line ends in a hyphen', () => {
    expect(t.summary.hyphenAtPageEnd.map((p) => `page ${p}: ${t.pages.find((x) => x.page === p)!.lines.at(-1)!.text}`)).toEqual([]);
  });

  it(`a full line of the body holds ${LIMITS.charsPerLine.join('–')} characters (median)`, () => {
    const { median, p10, p90, count } = t.summary.charsPerLine;
    const [low, high] = LIMITS.charsPerLine;
    const what = `median ${median} (10 % ${p10}, 90 % ${p90}) of ${count} full lines`;
    expect(count).toBeGreaterThan(100);
    expect(median, what).toBeGreaterThanOrEqual(low);
    expect(median, what).toBeLessThanOrEqual(high);
  });

  it(`the footnote rule stands at least ${LIMITS.minRuleGapMm} mm below the last line of text`, () => {
    // The rule is found where it is drawn on every page with notes.
    expect(t.pages.filter((p) => p.notes && !p.notes.ruleDrawn).map((p) => p.page)).toEqual([]);
    expect(t.summary.closeRules.map((g) => `page ${g.page}: ${g.gap} mm`)).toEqual([]);
  });

  it('no straight quotes are left in the text', () => {
    expect(t.summary.straightQuotes.map((q) => `page ${q.page}: …${q.text}…`)).toEqual([]);
  });

  it(`at most ${LIMITS.maxUnderThird} text pages are under a third full`, () => {
    expect(t.summary.underThird.length, `pages ${t.summary.underThird.join(', ')}`).toBeLessThanOrEqual(LIMITS.maxUnderThird);
  });

  it('measures the word spaces of the justified lines against the font’s normal space', () => {
    const w = t.summary.wordSpaces;
    expect(w.lines).toBeGreaterThan(100);
    // The normal space of the body face, read from the ragged lines: about a quarter of an em.
    expect(w.normal / t.summary.bodySize).toBeGreaterThan(0.15);
    expect(w.normal / t.summary.bodySize).toBeLessThan(0.35);
    expect(w.over).toBe(t.pages.flatMap((p) => p.lines).filter((l) => (l.wordSpace ?? 0) > LIMITS.maxWordSpace).length);
  });

  it(`word spaces are at most ${LIMITS.maxWordSpace}× the normal space in ${LIMITS.minEvenLines * 100} % of the justified lines at least`, () => {
    const w = t.summary.wordSpaces;
    const widest = t.pages
      .flatMap((p) => p.lines.filter((l) => (l.wordSpace ?? 0) > LIMITS.maxWordSpace).map((l) => ({ page: p.page, ratio: l.wordSpace!, text: l.text })))
      .sort((a, b) => b.ratio - a.ratio)
      .slice(0, 5)
      .map((l) => `page ${l.page}: ${l.ratio}× ${l.text}`);
    expect(w.share, `${w.over} of ${w.lines} over; widest:\n${widest.join('\n')}`).toBeGreaterThanOrEqual(LIMITS.minEvenLines);
  });

  it('the back cover falls on an even page', () => {
    expect(t.summary.pageCount % 2).toBe(0);
  });
});
