/**
 * The design, in one place: the page, its text column, and every limit and tolerance of the
 * page layout. The @page rule is written from it (compose), the page layout code runs with
 * `layoutSettings` (print and preview), the typography checker measures against `LIMITS`, the
 * charts are as wide as `contentBox`, the print profile shifts pages by BINDING_OFFSET_MM.
 *
 * The text column is 128 mm wide: with the body at 10.5 pt that is about 70 characters a line
 * (65–75 reads well; the full 174 mm of an 18 mm margin gave 103).
 */
export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  margin: { top: 22, right: 41, bottom: 22, left: 41 },
} as const;

export const contentBox = {
  widthMm: PAGE.widthMm - PAGE.margin.left - PAGE.margin.right,
  heightMm: PAGE.heightMm - PAGE.margin.top - PAGE.margin.bottom,
};

/**
 * The design's limits: the layout keeps them and the typography checker
 * (scripts/check/typography.ts, tests/e2e/design-2025.test.ts) measures the PDF against them.
 */
export const LIMITS = {
  /** Lines of text a page holds at least (a page with a chart excepted); copyfitting keeps a part's last page at this. */
  minLines: 8,
  /** mm: the highest hole in the flow (above a chart that starts the next page excepted). */
  maxHoleMm: 25,
  /** Consecutive line ends with a hyphen. */
  maxHyphenRun: 2,
  /** Median characters of a full body line. */
  charsPerLine: [65, 75] as const,
  /** mm between the last line of text and the footnote rule, as measured on the PDF. */
  minRuleGapMm: 4,
  /** mm of white the layout leaves between a page's last line and the rule above its footnotes (over minRuleGapMm: rounding). */
  noteGapMm: 4.5,
  /** Lines of its text a section that runs on (starts under the previous one) must have on that page, after its heading and contact panel. */
  runOnMinLines: 3,
  /** Text pages under a third full, at most (a chapter's last page). */
  maxUnderThird: 2,
  /** A justified line's word space, in the font's normal spaces, at most … */
  maxWordSpace: 2,
  /** … in this share of the justified lines at least. */
  minEvenLines: 0.97,
} as const;

/** The tolerances of the page layout code, named (CSS px of the layout, 96 to the inch). */
export const TOLERANCES = {
  /** px left free at a page's foot under the notes, against rounding between layouts. */
  footSlackPx: 2,
  /** px a word's box reaches below its line's: a line must end this much above a limit. */
  wordBelowLinePx: 4,
  /** px buckets lines are counted in: a line's pieces (a call, a bold word) share one. */
  lineBucketPx: 4,
  /** px within which a box counts as at the top of its page, or as straddling a cut. */
  edgePx: 2,
  /** px the white above a note rule may fall short of noteGapMm (a rounded layout). */
  ruleGapPx: 1,
  /** Most layouts of one part while its notes settle (each move of a call places again). */
  maxNoteRounds: 8,
  /** Most re-layouts while hyphenated words are set whole. */
  maxHyphenRounds: 16,
  /** pt: a line of the PDF is full (justified) when it ends this close to the column's right edge (typography checker). */
  fullLinePt: 1.5,
} as const;

/**
 * What the page layout code (print/layout/: footnotes, hyphen rules at line ends, copyfitting,
 * the opening page) needs, for the print and the preview alike.
 */
export const layoutSettings = {
  contentWidthMm: contentBox.widthMm,
  contentHeightMm: contentBox.heightMm,
  gapMm: PAGE.margin.left + PAGE.margin.right,
  noteGapMm: LIMITS.noteGapMm,
  minLastPageLines: LIMITS.minLines,
  maxHyphenRun: LIMITS.maxHyphenRun,
  maxHoleMm: LIMITS.maxHoleMm,
  runOnMinLines: LIMITS.runOnMinLines,
  /** Even word spaces (layout/spacing.js): a loose justified paragraph gets letter-spacing within ±maxLetterSpacingEm, tried in steps. */
  spacing: { maxWordSpace: LIMITS.maxWordSpace, maxLetterSpacingEm: 0.02, letterSpacingStepEm: 0.005 },
  tolerances: TOLERANCES,
};
export type LayoutSettings = typeof layoutSettings;

/**
 * The print: consecutive units that all need printing (a cold build prints every one) go
 * through one `page.pdf()` per batch of about `batchPages` pages, not one each: each print has
 * a fixed cost in the browser (~0.1 s tagged), and the finishing of a batch in Node overlaps
 * the print of the next, so batches are not one either (the 110-page report: 22 prints 6.9 s,
 * one print of all 3.3 s and then its finishing, unoverlapped, 3.5 s).
 */
export const PRINT_BATCH = { pages: 28 } as const;

/** Pages whose content box is the whole sheet (they are laid out full bleed). */
export const FULL_PAGES = ['cover', 'back-cover'] as const;

/** Where the FULL_PAGES stand in the PDF: the cover first, the back cover last (negative: from the end). */
export const FULL_PAGE_NUMBERS = [1, -1] as const;

/**
 * Double-sided binding (the print profile only; the screen PDF keeps PAGE's symmetric margins).
 * The print profile moves each text page's content this far toward the spine: a recto (odd
 * page) to the left, a verso (even page) to the right. The inner margin becomes
 * PAGE.margin.left − BINDING_OFFSET_MM and the outer one PAGE.margin.right + BINDING_OFFSET_MM
 * (mirrored on versos). Only the content moves, the column keeps its width, so the pages break
 * exactly as in the screen PDF and the contents, proofs and page numbers hold for both. The
 * full pages (FULL_PAGES, printed to the edge) do not move. Must stay below the side margins.
 */
export const BINDING_OFFSET_MM = 6;

/** How far the print profile moves page `n`'s content, in mm (negative: to the left). */
export const bindingShiftMm = (n: number) => (n % 2 === 1 ? -BINDING_OFFSET_MM : BINDING_OFFSET_MM);

/**
 * The @page rules. Named pages are written after the generic rule: Chromium lets a later
 * generic rule override an earlier named one.
 */
export const pageRule = () =>
  [
    `@page { size: ${PAGE.widthMm}mm ${PAGE.heightMm}mm; margin: ${PAGE.margin.top}mm ${PAGE.margin.right}mm ${PAGE.margin.bottom}mm ${PAGE.margin.left}mm; }`,
    ...FULL_PAGES.map((name) => `@page ${name} { margin: 0; }`),
    // The preview shows each part on a sheet with the page's margins.
    `@media screen { body > section:not(.cover, .back-cover), body > nav { padding: ${PAGE.margin.top}mm ${PAGE.margin.right}mm ${PAGE.margin.bottom}mm ${PAGE.margin.left}mm; } }`,
  ].join('\n');
