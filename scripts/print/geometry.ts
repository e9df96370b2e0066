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

/**
 * The @page rules. Named pages are written after the generic rule: Chromium lets a later
 * generic rule override an earlier named one.
 */
export const pageRule = () =>
  [
    `@page { size: ${PAGE.widthMm}mm ${PAGE.heightMm}mm; margin: ${PAGE.margin.top}mm ${PAGE.margin.right}mm ${PAGE.margin.bottom}mm ${PAGE.margin.left}mm; }`,
    ...FULL_PAGES.map((name) => `@page ${name} { margin: 0; }`),
  ].join('\n');
