/**
 * The page, in one place: the @page rule is written from it and the footnote placer reads it.
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

/** Space between a page's last line of text and the rule above its footnotes, at least. */
export const NOTE_GAP_MM = 4.5;

/** Fewest lines of text on the last page of a part (copyfitting pulls back or carries over). */
export const MIN_LAST_PAGE_LINES = 8;
/** Most hyphenated line ends in a row. */
export const MAX_HYPHEN_RUN = 2;
/** Most white at the foot of a page a part goes on after (copyfitting rejects a setting that leaves more). */
export const MAX_HOLE_MM = 25;

/**
 * What the page layout code (print/footnotes.browser.js: footnotes, hyphenation at line ends,
 * copyfitting, the opening page) needs, for the print and the preview alike.
 */
export const placerSettings = {
  contentWidthMm: contentBox.widthMm,
  contentHeightMm: contentBox.heightMm,
  gapMm: PAGE.margin.left + PAGE.margin.right,
  noteGapMm: NOTE_GAP_MM,
  minLastPageLines: MIN_LAST_PAGE_LINES,
  maxHyphenRun: MAX_HYPHEN_RUN,
  maxHoleMm: MAX_HOLE_MM,
};

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
