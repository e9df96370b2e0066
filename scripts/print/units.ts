/**
 * Print units: the parts that share pages, printed by one `page.pdf()` each. A part that opens a
 * page starts a unit; a section that runs on under a rule belongs to the unit of the section
 * before it; the cover and the back cover are units of their own. A correction reprints only
 * the units whose pages it changes, and the units are joined into one document
 * (scripts/finish/join.ts).
 */
import type { PDFDocument } from 'pdf-lib';

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
  /** The PDF the unit's pages are in: its own print, or its print batch's. */
  pdf: Uint8Array;
  /** Where its pages start in `pdf` (0-based; default 0: the unit's own print). */
  from?: number;
  /** `pdf` as pdf-lib holds it already (the finish's document, saved as `pdf`): the join reads it there, not parsing `pdf` again. It is read, not changed. */
  doc?: PDFDocument;
}

/**
 * Consecutive units printed by one `page.pdf()`: each print costs ~0.1 s of fixed work in the
 * browser, so a build that prints many units prints them in batches (`PRINT_BATCH`); the
 * units stay units (each its own key, cached and joined as a slice of the batch's PDF).
 */
export interface PrintedBatch {
  units: UnitPlan[];
  pdf: Uint8Array;
  /** The first unit's first page in the document. */
  firstPage: number;
  pageCount: number;
}

/** The units of a printed batch, each a slice of its PDF. */
export function unitsOf(batch: PrintedBatch): PrintedUnit[] {
  let from = 0;
  return batch.units.map((u) => {
    const unit = { ...u, pdf: batch.pdf, from };
    from += u.pageCount;
    return unit;
  });
}

/** Where a section ended on its last page: the next section may run on below it. */
export interface PartTail {
  bottom: number;
  notes: boolean;
  name: string;
  section: boolean;
}

/** What the layout did with one part (a section or nav), for the next build's record. */
export interface PartRecord {
  id: string;
  /** sha256 of the part's HTML as composed (the contents' page numbers left out). */
  hash: string;
  /** Its first page and its last page. */
  start: number;
  last: number;
  /** The unit it is printed in (the id of the unit's first part). */
  unit: string;
  /** It tried to run on under the section before it, and did. */
  tried: boolean;
  ranOn: boolean;
  /** Where it left its last page (sections only). */
  tail: PartTail | null;
  /** Its notes' pages (-1: left at the end of the part). */
  notes: { n: number; page: number }[];
  /** The pages of its charts, by id. */
  figures: Record<string, number>;
  /** The element ids inside it that links point to. */
  owns: string[];
}

/** A build's layout, the input of the next build's `printUnits` (`previous`). */
export interface LayoutRecord {
  /** The design key it was laid out with (CSS, fonts, layout code): another one lays out everything. */
  design: string;
  parts: PartRecord[];
  units: UnitPlan[];
}
