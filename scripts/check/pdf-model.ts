/**
 * What the preflight reads from a PDF: pages with their text (and positions), link
 * annotations, named destinations, fonts, outline and metadata. pdf-lib reads the structure,
 * pdf-text.ts the text; nothing here knows how the PDF was made.
 */
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';
import { streamText } from '../lib/pdf-stream.js';
import { documentText, type TextRun } from './pdf-text.js';
import type { Operations } from './pdfua/content-stream.js';
import { readUaDocument, type UaModel } from './pdfua/model.js';

export type { TextRun };

/**
 * Where the titles of a page stand: the tops (PDF points from the page's foot) of its lines in
 * the page's largest text size, highest first, one per title (a title's wrapped lines are a line
 * apart, titles far more). On a section's page the titles are its parts' headings (15 pt).
 */
export function titleTops(runs: readonly TextRun[]): number[] {
  if (!runs.length) return [];
  const size = Math.max(...runs.map((r) => r.height));
  const tops = [...new Set(runs.filter((r) => r.height >= size - 0.5).map((r) => Math.round(r.y + r.height)))].sort((a, b) => b - a);
  return tops.filter((y, i) => i === 0 || tops[i - 1]! - y > 2.5 * size);
}

export interface Link {
  page: number;
  rect: [number, number, number, number];
  uri?: string;
  dest?: string;
}

export interface FontInfo {
  name: string;
  subtype: string;
  embedded: boolean;
}

export interface PdfModel {
  pageCount: number;
  pageSize: { width: number; height: number }[];
  /** Per page: the trimmed page on its sheet (the whole page when the PDF sets no TrimBox). */
  trimBox: { x: number; y: number; width: number; height: number }[];
  text: TextRun[][];
  links: Link[];
  destinations: Map<string, { page: number; y: number }>;
  fonts: FontInfo[];
  /** Per page: the fonts its resources name (BaseFont, subset tag and all). */
  pageFonts: string[][];
  outline: { title: string; depth: number; page?: number }[];
  info: Record<string, string>;
  lang?: string;
  tagged: boolean;
  /** Per page: the scale the page's content is drawn at, 1 = 100 % (Chromium shrinks a page whose content overflows). */
  scale: number[];
  /** What the PDF/UA checker reads: tags, marked content, annotations, XMP. */
  ua: UaModel;
}

const str = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : o instanceof PDFName ? o.decodeText() : undefined);

type PageIndex = Map<string, number>;

function destinationOf(doc: PDFDocument, pageOf: PageIndex, arr: PDFObject | undefined): { page: number; y: number } | undefined {
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const a = lookup(arr);
  const target = a instanceof PDFArray ? a : a instanceof PDFDict ? lookup(a.get(PDFName.of('D'))) : undefined;
  if (!(target instanceof PDFArray)) return undefined;
  const page = pageOf.get(String(target.get(0)));
  const y = Number(String(target.get(3) ?? 0));
  return page ? { page, y } : undefined;
}

/** Chromium keeps a named destination for every link target in the catalog's /Dests. */
function readDestinations(doc: PDFDocument, pageOf: PageIndex): Map<string, { page: number; y: number }> {
  const out = new Map<string, { page: number; y: number }>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [k, v] of dests?.entries() ?? []) {
    const d = destinationOf(doc, pageOf, v);
    if (d) out.set(k.decodeText(), d);
  }
  return out;
}

/** Where each link target landed (name → page and height), without reading any text. */
export async function namedDestinations(bytes: Uint8Array): Promise<Map<string, { page: number; y: number }>> {
  return destinationsOf(await PDFDocument.load(bytes, { updateMetadata: false }));
}

/** The named destinations of a loaded document (namedDestinations without a second load). */
export function destinationsOf(doc: PDFDocument): Map<string, { page: number; y: number }> {
  return readDestinations(doc, new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1])));
}

export interface PageText {
  text: TextRun[][];
  pageSize: PdfModel['pageSize'];
}

/**
 * The text of every page (or of `pages`, 1-based: the others' text is empty), with the pages'
 * sizes (their crop box). The text and its positions are the same in the printed and in the
 * finished PDF (finishing changes metadata, outline and ActualText). Read with the project's
 * content-stream reader (pdf-text.ts): pdfjs in a worker took ~1.5 s of CPU for the report,
 * contended with the browser's print for the machine's two cores.
 */
export async function pageTexts(bytes: Uint8Array, pages?: readonly number[]): Promise<PageText> {
  return textOf(await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }), pages);
}

/** `pageTexts` of a document pdf-lib holds already. */
export function textOf(doc: PDFDocument, pages?: readonly number[], keep?: Map<number, Operations>): PageText {
  const wanted = pages && new Set(pages);
  return {
    text: documentText(doc, pages, keep),
    pageSize: doc.getPages().map((p, i) => {
      if (wanted && !wanted.has(i + 1)) return undefined as unknown as { width: number; height: number };
      const { width, height } = p.getCropBox();
      return { width, height };
    }),
  };
}

/** What the document-level preflight reads: no page's text but the contents pages', no fonts, no content streams. */
export interface DocumentModel {
  pageCount: number;
  /** Per page: the trimmed page on its sheet, and the page's size (the media box). */
  trimBox: PdfModel['trimBox'];
  pageSize: PdfModel['pageSize'];
  /** The text of the pages asked for (the contents); the other pages' entries are empty. */
  text: TextRun[][];
  links: Link[];
  destinations: PdfModel['destinations'];
  outline: PdfModel['outline'];
  info: Record<string, string>;
  lang?: string;
  tagged: boolean;
  /** The catalog, XMP and structure tree, without any page's content (`readUaDocument(doc, { pages: false })`). */
  ua: UaModel;
}

/** Links, destinations, outline, information and language: the document's skeleton, read with pdf-lib. */
function readSkeleton(doc: PDFDocument) {
  const pages = doc.getPages();
  const pageOf = new Map(pages.map((p, i) => [p.ref.toString(), i + 1]));
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);

  const destOf = (arr: PDFObject | undefined) => destinationOf(doc, pageOf, arr);
  const destinations = readDestinations(doc, pageOf);

  const links: Link[] = [];
  pages.forEach((p, i) => {
    const annots = lookup(p.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) return;
    for (const ref of annots.asArray()) {
      const a = lookup(ref);
      if (!(a instanceof PDFDict) || lookup(a.get(PDFName.of('Subtype')))?.toString() !== '/Link') continue;
      const rect = (lookup(a.get(PDFName.of('Rect'))) as PDFArray).asArray().map((n) => Number(String(n))) as Link['rect'];
      const action = lookup(a.get(PDFName.of('A')));
      const uri = action instanceof PDFDict ? str(lookup(action.get(PDFName.of('URI')))) : undefined;
      const dest = lookup(a.get(PDFName.of('Dest')));
      links.push({ page: i + 1, rect, uri, dest: dest instanceof PDFName ? dest.decodeText() : str(dest) });
    }
  });

  const outline: PdfModel['outline'] = [];
  const walk = (first: PDFObject | undefined, depth: number) => {
    for (let item = lookup(first); item instanceof PDFDict; item = lookup(item.get(PDFName.of('Next')))) {
      const dest = lookup(item.get(PDFName.of('Dest')));
      const named = dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString ? destinations.get(str(dest)!) : undefined;
      outline.push({ title: str(lookup(item.get(PDFName.of('Title')))) ?? '', depth, page: named?.page ?? destOf(dest)?.page });
      walk(item.get(PDFName.of('First')), depth + 1);
    }
  };
  const outlines = lookup(doc.catalog.get(PDFName.of('Outlines')));
  if (outlines instanceof PDFDict) walk(outlines.get(PDFName.of('First')), 0);

  const info: Record<string, string> = {};
  for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
    const v = (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict().get(PDFName.of(key));
    const s = str(lookup(v));
    if (s) info[key] = s;
  }
  return {
    pageCount: pages.length,
    trimBox: pages.map((p) => p.getTrimBox()),
    links,
    destinations,
    outline,
    info,
    lang: str(lookup(doc.catalog.get(PDFName.of('Lang')))),
    tagged: doc.catalog.has(PDFName.of('StructTreeRoot')),
  };
}

/** Where a caller already has what `readDocument` would read again: the document as pdf-lib holds it, pages' text. */
export interface KnownDocument {
  /** The same PDF as pdf-lib holds it (the finish's document, saved as the bytes): not parsed again. */
  doc?: PDFDocument;
  /** A page's text (1-based), when it was read already (a unit's pages, read from its print): not read again. */
  text?: (page: number) => TextRun[] | undefined;
}

/**
 * The document-level model: the skeleton with pdf-lib, the structure tree without page
 * content, and the text of `textPages` only (default: none). `textPages` may be a function of
 * the skeleton (the contents pages are found from links and destinations).
 */
export async function readDocument(bytes: Uint8Array, { textPages, doc: held, text: known }: { textPages?: number[] | ((skeleton: Pick<DocumentModel, 'links' | 'destinations'>) => number[]) } & KnownDocument = {}): Promise<DocumentModel> {
  const doc = held ?? (await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }));
  const skeleton = readSkeleton(doc);
  const wanted = typeof textPages === 'function' ? textPages(skeleton) : textPages ?? [];
  const unknown = wanted.filter((p) => !known?.(p));
  const read = unknown.length ? documentText(doc, unknown) : [];
  const text = doc.getPages().map((_, i) => (wanted.includes(i + 1) ? (known?.(i + 1) ?? read[i] ?? []) : []));
  const pageSize = doc.getPages().map((p) => p.getSize());
  return { ...skeleton, pageSize, text, ua: readUaDocument(doc, { pages: false }) };
}

/**
 * The whole model of a PDF: skeleton, fonts, each page's text, scale and content. `text`: the
 * pages' text, when the caller started reading it; `doc`: the same PDF as pdf-lib holds it
 * already (the finish's document, saved as `bytes`), read there instead of parsing `bytes` again.
 */
export async function readPdf(bytes: Uint8Array, options: { text?: Promise<PageText>; doc?: PDFDocument } = {}): Promise<PdfModel> {
  const doc = options.doc ?? (await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }));
  const pages = doc.getPages();
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const skeleton = readSkeleton(doc);

  const fonts = new Map<string, FontInfo>();
  const pageFonts: string[][] = pages.map(() => []);
  pages.forEach((p, i) => {
    const res = lookup(p.node.get(PDFName.of('Resources')));
    const fontDict = res instanceof PDFDict ? lookup(res.get(PDFName.of('Font'))) : undefined;
    if (fontDict instanceof PDFDict) {
      for (const [, ref] of fontDict.entries()) {
        const f = lookup(ref);
        if (!(f instanceof PDFDict)) continue;
        const subtype = lookup(f.get(PDFName.of('Subtype')))?.toString() ?? '';
        const base = str(lookup(f.get(PDFName.of('BaseFont')))) ?? '?';
        const descendant = lookup((lookup(f.get(PDFName.of('DescendantFonts'))) as PDFArray | undefined)?.get(0));
        const descriptor = lookup((descendant instanceof PDFDict ? descendant : f).get(PDFName.of('FontDescriptor')));
        const embedded = descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)));
        pageFonts[i]!.push(base);
        fonts.set(base, { name: base, subtype: subtype.replace('/', ''), embedded: subtype === '/Type3' ? false : embedded });
      }
    }
  });

  // Text with positions (given when the caller read it already); the pages' operations read
  // once, for the text and the PDF/UA model.
  const operations = new Map<number, Operations>();
  const { text, pageSize } = await (options.text ?? textOf(doc, undefined, operations));
  // Chromium opens each page with the device matrix (0.24 = 72 pt / 300 dpi), then draws the
  // page's CSS pixels with a uniform scale of 3.125 (0.75 pt per px) at 100 %; a page shrunk to
  // fit has a smaller one. The first uniform scale of that size on the page is the page's.
  const scale = pages.map((p) => {
    // The page's first streams: the print profile puts a stream of its own (clip and move)
    // before Chromium's.
    const contents = lookup(p.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().slice(0, 3) : [contents];
    let head = '';
    for (const s of streams.map(lookup)) if (s instanceof PDFRawStream && head.length < 600) head += streamText(s).slice(0, 600);
    for (const m of head.matchAll(/(-?[\d.]+) 0 0 (-?[\d.]+) -?[\d.]+ -?[\d.]+ cm/g)) {
      const a = Number(m[1]);
      if (a === Number(m[2]) && a > 2.5 && a < 3.5) return a / 3.125;
    }
    return 1;
  });

  return { ...skeleton, scale, pageSize, text, fonts: [...fonts.values()], pageFonts, ua: readUaDocument(doc, { operations }) };
}
