/** The page, in one place: the @page rule is written from it and the footnote placer reads it. */
export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  margin: { top: 22, right: 18, bottom: 22, left: 18 },
} as const;

export const contentBox = {
  widthMm: PAGE.widthMm - PAGE.margin.left - PAGE.margin.right,
  heightMm: PAGE.heightMm - PAGE.margin.top - PAGE.margin.bottom,
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
  ].join('\n');
