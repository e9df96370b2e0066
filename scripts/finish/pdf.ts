/**
 * Finishing the printed PDF: document information and language, bookmarks nested as the
 * report is (front chapters, municipalities, planning regions, back chapters), pointing at the
 * named destinations Chromium wrote; saved with object streams (the tag tree shrinks ~30 %).
 */
import { bookmarkLabels, type Bookmark } from './bookmarks.js';
export { bookmarkLabels, type Bookmark } from './bookmarks.js';
import { ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';
import { repairPages, rewritePageContents, uaXmp } from './pdfua.js';
import { separateUnits } from './unit-bounds.js';
import { setXmp } from './xmp.js';

export interface Metadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  lang: string;
  created: Date;
}

export interface UnitFinishOptions {
  /** The document's language (BCP 47): the words of link descriptions ("3. piezīme", "Note 3"). */
  lang: string;
  /** A link's description by its named destination (e.g. `bookmarkLabels(bookmarks)`); undefined: the page it leads to, or nothing. */
  linkLabel: (dest: string) => string | undefined;
  /** The unit's first page in the document (default 1): a link described by its target page names the document's page. */
  firstPage?: number;
  /**
   * The destinations whose targets are in this unit (`UnitPlan.owns`). A link to any other
   * name leads to a stand-in target of the unit's print, whose page is not the real one: it
   * is described by `linkLabel` only. Default: every destination of the PDF is its own.
   */
  owns?: readonly string[];
  /**
   * The page counts of the units printed together in this PDF (a print batch), in order: their
   * pages and tags are made each their own (unit-bounds.ts), so the join can take each as a slice.
   */
  unitPages?: readonly number[];
}

/**
 * Everything of the finish that belongs to pages: searchable soft hyphens and artifacts (the
 * pages' content streams), link descriptions (/Contents of the pages' link annotations), chart
 * figures as Div and table row headers (structure elements under the PDF's StructTreeRoot).
 * Nothing is written to the catalog, the trailer or the document information: all of it lives
 * where `joinUnits` copies it (pages, annotations, structure elements), so a unit finished
 * alone and then joined equals the whole document finished at once. Idempotent.
 */
export async function finishUnit(bytes: Uint8Array, options: UnitFinishOptions): Promise<Uint8Array> {
  return (await finishUnitDocument(bytes, options)).bytes;
}

/**
 * `finishUnit`, with the finished document as pdf-lib holds it besides its bytes: a preflight
 * of the unit reads it there (`readPdf({ doc })`) instead of parsing the bytes again.
 */
export async function finishUnitDocument(bytes: Uint8Array, options: UnitFinishOptions): Promise<{ doc: PDFDocument; bytes: Uint8Array }> {
  const doc = await PDFDocument.load(bytes, LOAD);
  if (options.unitPages) separateUnits(doc, options.unitPages);
  // Soft hyphens and artifacts in one pass over each page's content.
  repairPages(doc, { ...options, contents: searchableText });
  return { doc, bytes: await doc.save(UNIT_SAVE) };
}

// pdf-lib yields to the event loop every 100 objects by default: on a busy machine each yield
// waits its turn (12,800 objects in the report); nothing else runs meanwhile that needs it.
const LOAD = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest };
const SAVE = { useObjectStreams: true, updateFieldAppearances: false, objectsPerTick: Infinity };
// A unit is read again (its preflight, the join) and never given out: its objects are not
// packed into compressed object streams (deflate was ~0.9 s of a cold build's main thread);
// the joined document is (SAVE).
const UNIT_SAVE = { ...SAVE, useObjectStreams: false };

const CREATOR = 'pieauguso-izglitiba-report (unified, Handlebars, D3, Chromium)';
const PRODUCER = 'Chromium + pdf-lib';

/**
 * Everything of the finish that belongs to the document, and nothing per page: the document
 * information, the XMP (PDF/UA-1), the catalog's /Lang, the title shown in the window, the
 * outline (bookmarks to the named destinations) and /PageMode. Run on the joined units (or on
 * a whole document after `finishUnit`). Its cost is loading and saving the file's objects.
 */
export async function finishDocument(input: Uint8Array | PDFDocument, meta: Metadata, bookmarks: Bookmark[]): Promise<Uint8Array> {
  return (await finishDocumentDoc(input, meta, bookmarks)).bytes;
}

/** `finishDocument`, with the finished document as pdf-lib holds it besides its bytes (for `preflightDocument({ doc })`). */
export async function finishDocumentDoc(input: Uint8Array | PDFDocument, meta: Metadata, bookmarks: Bookmark[]): Promise<{ doc: PDFDocument; bytes: Uint8Array }> {
  // The joined units come as a document (joinDocument), with no save and load between.
  const doc = input instanceof PDFDocument ? input : await PDFDocument.load(input, LOAD);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.lang);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(meta.created);
  doc.setModificationDate(meta.created);
  setXmp(doc, uaXmp({ ...meta, creator: CREATOR, producer: PRODUCER }));
  if (bookmarks.length) {
    doc.catalog.set(PDFName.of('Outlines'), writeOutline(doc, bookmarks));
    doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  return { doc, bytes: await doc.save(SAVE) };
}

/** The whole document printed at once, finished: `finishDocument(finishUnit(whole))`. */
export async function finishPdf(bytes: Uint8Array, meta: Metadata, bookmarks: Bookmark[]): Promise<Uint8Array> {
  const unit = await finishUnit(bytes, { lang: meta.lang, linkLabel: bookmarkLabels(bookmarks) });
  return finishDocument(unit, meta, bookmarks);
}

function writeOutline(doc: PDFDocument, bookmarks: Bookmark[]): PDFRef {
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const level = (items: Bookmark[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => ctx.nextRef());
    let count = items.length;
    items.forEach((b, i) => {
      const dict = ctx.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(b.title));
      dict.set(PDFName.of('Parent'), parent);
      // A name: Chromium keeps its destinations in the catalog's /Dests dictionary.
      dict.set(PDFName.of('Dest'), PDFName.of(b.dest));
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (b.children?.length) {
        const sub = level(b.children, refs[i]!);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        // Negative: the group is shown closed.
        dict.set(PDFName.of('Count'), PDFNumber.of(-sub.count));
      }
      ctx.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs.at(-1)!, count };
  };
  const top = level(bookmarks, rootRef);
  const root = ctx.obj({}) as PDFDict;
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), top.first);
  root.set(PDFName.of('Last'), top.last);
  root.set(PDFName.of('Count'), PDFNumber.of(top.count));
  ctx.assign(rootRef, root);
  return rootRef;
}

/**
 * Chromium marks every soft hyphen as a span whose /ActualText is U+00AD, so text search and
 * copy see "dē\u00ADji" where the page shows "dēji". Dropping U+00AD from the actual texts
 * makes an unbroken word read whole; at a line break the visible hyphen is a glyph of its own
 * and stays, as in any hyphenated text.
 */
export function searchableSoftHyphens(doc: PDFDocument): number {
  return rewritePageContents(doc, searchableText);
}

const ACTUAL = /\/ActualText <[Ff][Ee][Ff][Ff]((?:[0-9A-Fa-f]{4})*)>/g;

/** One page's content with U+00AD dropped from its actual texts (`searchableSoftHyphens`). */
export function searchableText(text: string): string {
  if (!/\/ActualText <feff[0-9a-f]*00ad/i.test(text)) return text;
  return text.replace(ACTUAL, (_m, units: string) => {
    const kept = (units.match(/.{4}/g) ?? []).filter((u) => u.toLowerCase() !== '00ad').join('');
    return `/ActualText <FEFF${kept}>`;
  });
}
