/**
 * Print units: the parts that share pages, printed by one `page.pdf()` each. A part that opens a
 * page starts a unit; a section that runs on under a rule belongs to the unit of the section
 * before it; the cover and the back cover are units of their own. A correction reprints only
 * the units whose pages it changes, and the units are joined into one document
 * (scripts/finish/join.ts).
 */

export interface UnitPlan {
  /** 'cover', 'back-cover', or the id of the unit's first part. */
  id: string;
  /** Part (section/nav) ids, in order. */
  parts: string[];
  /** Its first page's number in the document (the cover is 1). */
  firstPage: number;
  pageCount: number;
  /** The named destinations (element ids) whose targets are in this unit. */
  owns: string[];
  /** A hash of everything its pages depend on: parts' HTML, first page, the contents' numbers it shows, design, styles, fonts, layout code. */
  key: string;
}

export interface PrintedUnit extends UnitPlan {
  pdf: Uint8Array;
}
