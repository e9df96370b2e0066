/**
 * Preflight: what a print shop and a reader need from the PDF, checked on the PDF itself.
 * Returns findings; the CLI prints them and the build fails on any error.
 */
import type { PDFDocument } from 'pdf-lib';
import { readDocument, readPdf, titleTops, type DocumentModel, type KnownDocument, type PageText, type PdfModel, type TextRun } from './pdf-model.js';
import { checkPdfUaDocument, checkPdfUaPages, summarizePdfUa, type UaFinding, type UaResult } from './pdfua/index.js';

export interface Finding {
  check: 'fonts' | 'contents' | 'footnotes' | 'links' | 'bookmarks' | 'metadata' | 'text-block' | 'scale' | 'pdf-ua';
  message: string;
  page?: number;
}

export interface PreflightOptions {
  /** The text block on ordinary pages, in mm from the sheet's edges. */
  margins: { top: number; right: number; bottom: number; left: number };
  /** Pages laid out without margins (cover, back cover); negative counts from the end. */
  fullBleedPages: number[];
  /**
   * Pages of the contents (with the list of charts). Default: the pages before the report's
   * body (its first destination) that link into it.
   */
  contentsPages?: number[];
  /**
   * On press sheets (a TrimBox inside the sheet, the print profile), how far page n's text
   * block is moved for binding, in mm (negative: to the left). The margins count from the trim.
   */
  bindingShift?: (page: number) => number;
}

/** Destinations of the apparatus, not of the report's body. */
const APPARATUS = new Set(['cover', 'imprint', 'contents', 'contents-title', 'charts-list', 'back-cover']);

export function contentsPages(pdf: Pick<PdfModel, 'destinations' | 'links'>): number[] {
  const body = [...pdf.destinations].filter(([name]) => !name.startsWith('fn') && !APPARATUS.has(name)).map(([, d]) => d.page);
  if (!body.length) return [];
  const start = Math.min(...body);
  return [...new Set(pdf.links.filter((l) => l.page < start && l.dest && !l.dest.startsWith('fn')).map((l) => l.page))];
}

export interface PreflightResult {
  findings: Finding[];
  /** The PDF/UA-1 check of the screen edition (not of press sheets: the press file is PDF/X). */
  ua?: UaResult;
  stats: { pages: number; fonts: number; footnotes: number; contentsEntries: number; links: number; bookmarks: number };
}

const PT_PER_MM = 72 / 25.4;

/** Press sheets (a TrimBox inside the sheet, the print profile) are for the press: no PDF/UA there. */
const onPressSheets = (pdf: Pick<PdfModel, 'trimBox' | 'pageSize'>) => pdf.trimBox.some((t, i) => t.width < pdf.pageSize[i]!.width - 1 || t.height < pdf.pageSize[i]!.height - 1);

const uaFinding = (f: UaFinding, offset = 0): Finding => ({
  check: 'pdf-ua',
  page: f.page === undefined ? undefined : f.page + offset,
  message: `${f.check} [ISO 14289-1 ${f.clause}]${f.element ? ` ${f.element}` : ''}: ${f.message}`,
});

/**
 * The checks of pages, each on its own: fonts embedded (those the pages use), every footnote
 * on the page of its call, external links valid, every page at 100 %, the text inside the
 * text block, the page-level PDF/UA-1 checks. `firstPage`: the number of the model's first
 * page in the document (findings name the document's pages); `documentPages`: the document's
 * page count, to place full-bleed pages given from the end.
 */
function pageFindings(pdf: PdfModel, options: PreflightOptions, firstPage = 1, documentPages = pdf.pageCount): { findings: Finding[]; footnotes: number; links: number; perPage: PageStats[]; ua?: UaResult } {
  const findings: Finding[] = [];
  const offset = firstPage - 1;

  // Fonts: all embedded, none Type 3.
  for (const f of pdf.fonts) {
    if (f.subtype === 'Type3') findings.push({ check: 'fonts', message: `${f.name} is a Type 3 font` });
    else if (!f.embedded) findings.push({ check: 'fonts', message: `${f.name} is not embedded` });
  }

  // Footnotes: each note on the page of its (first) call.
  const calls = new Map<string, number>();
  // A call at a page's first line can leave a sliver of its link (under 2 pt high) at the foot
  // of the page before, where its raised box pokes over the turn: the call is where its text is.
  const sliver = (l: { rect: number[] }) => Math.abs(l.rect[3]! - l.rect[1]!) < 2;
  for (const l of pdf.links) if (l.dest?.startsWith('fn-') && !calls.has(l.dest) && !sliver(l)) calls.set(l.dest, l.page);
  for (const [dest, page] of calls) {
    const note = pdf.destinations.get(dest);
    if (!note) findings.push({ check: 'footnotes', page: page + offset, message: `footnote ${dest.slice(3)} is cited on page ${page + offset} but its text is not in the PDF` });
    else if (note.page !== page) findings.push({ check: 'footnotes', page: page + offset, message: `footnote ${dest.slice(3)} is cited on page ${page + offset} but printed on page ${note.page + offset}` });
  }

  // Links: every external link a valid URL.
  const external = pdf.links.filter((l) => l.uri !== undefined);
  for (const l of external) {
    let ok = false;
    try {
      ok = ['http:', 'https:', 'mailto:'].includes(new URL(l.uri!).protocol);
    } catch {
      ok = false;
    }
    if (!ok) findings.push({ check: 'links', page: l.page + offset, message: `link "${l.uri}" is not a valid http(s) or mailto URL` });
  }

  // Scale: every page printed at 100 %. Chromium shrinks the whole document when one box pokes
  // past a page's width (a note block 1 px too wide once shrank the report to 99.87 %).
  pdf.scale.forEach((s, i) => {
    if (Math.abs(s - 1) > 0.0005) findings.push({ check: 'scale', page: i + 1 + offset, message: `the page is printed at ${(100 * s).toFixed(2)} %, not 100 %: something is wider than the page` });
  });

  // Text block: nothing reaches into the side margins or off the page (the trimmed page, on
  // press sheets; there the text block is moved for binding).
  const m = options.margins;
  const fullBleed = options.fullBleedPages.map((p) => (p < 0 ? documentPages + 1 + p : p));
  pdf.text.forEach((runs, i) => {
    const page = i + 1 + offset;
    if (fullBleed.includes(page)) return;
    const { width, height } = pdf.pageSize[i]!;
    const trim = pdf.trimBox[i] ?? { x: 0, y: 0, width, height };
    const press = trim.width < width - 1 || trim.height < height - 1;
    const shift = press && options.bindingShift ? options.bindingShift(page) * PT_PER_MM : 0;
    const left = trim.x + m.left * PT_PER_MM + shift - 1;
    const right = trim.x + trim.width - m.right * PT_PER_MM + shift + 1;
    const [bottom, top] = [trim.y + 5 * PT_PER_MM, trim.y + trim.height - 5 * PT_PER_MM];
    for (const t of runs) {
      const outside = t.x < left || t.x + t.width > right || t.y < bottom || t.y > top;
      if (outside) findings.push({ check: 'text-block', page, message: `text outside the text block at x=${((t.x - trim.x) / PT_PER_MM).toFixed(1)} mm: "${t.str.slice(0, 40)}"` });
    }
  });

  // PDF/UA-1, the pages' part: the screen edition (press sheets are for the press).
  const ua = onPressSheets(pdf) ? undefined : checkPdfUaPages(pdf.ua);
  for (const f of ua?.findings ?? []) findings.push(uaFinding(f, offset));
  const perPage = pdf.text.map((_, i): PageStats => ({ fonts: [...new Set(pdf.pageFonts?.[i] ?? [])], footnotes: 0, links: 0 }));
  for (const page of calls.values()) if (perPage[page - 1]) perPage[page - 1]!.footnotes++;
  for (const l of external) if (perPage[l.page - 1]) perPage[l.page - 1]!.links++;
  return { findings, footnotes: calls.size, links: external.length, perPage, ua };
}

/**
 * The checks of the document: every contents entry's printed number is the page its link
 * leads to, the bookmarks lead somewhere, the information, language and tagging are there,
 * the document-level PDF/UA-1 checks. Reads the text of the contents pages only.
 */
function documentFindings(pdf: DocumentModel | PdfModel, options: PreflightOptions, tocPages: number[]): { findings: Finding[]; contentsEntries: number; ua?: UaResult } {
  const findings: Finding[] = [];

  // Contents: each entry's printed number is the page its link leads to.
  const tocLinks = pdf.links.filter((l) => tocPages.includes(l.page) && l.dest && !l.dest.startsWith('fn-'));
  for (const link of tocLinks) {
    const [, y1, x2, y2] = link.rect;
    const number = pdf.text[link.page - 1]!.filter((t) => /^\d+$/.test(t.str.trim()) && t.y >= y1 - 2 && t.y <= y2 + 2 && t.x + t.width <= x2 + 2).at(-1);
    const target = pdf.destinations.get(link.dest!);
    if (!target) findings.push({ check: 'contents', page: link.page, message: `entry "${link.dest}" leads nowhere` });
    else if (!number) findings.push({ check: 'contents', page: link.page, message: `entry "${link.dest}" prints no page number` });
    else if (Number(number.str) !== target.page) findings.push({ check: 'contents', page: link.page, message: `entry "${link.dest}" says page ${number.str}, the part starts on page ${target.page}` });
  }

  // Bookmarks and metadata.
  if (pdf.outline.length === 0) findings.push({ check: 'bookmarks', message: 'the PDF has no bookmarks' });
  for (const b of pdf.outline) if (b.page === undefined) findings.push({ check: 'bookmarks', message: `bookmark "${b.title}" leads nowhere` });
  for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'CreationDate']) {
    if (!pdf.info[key]) findings.push({ check: 'metadata', message: `no ${key} in the document information` });
  }
  if (!pdf.lang) findings.push({ check: 'metadata', message: 'no document language (/Lang)' });
  if (!pdf.tagged) findings.push({ check: 'metadata', message: 'the PDF is not tagged' });

  // PDF/UA-1, the document's part.
  const ua = onPressSheets(pdf) ? undefined : checkPdfUaDocument(pdf.ua);
  for (const f of ua?.findings ?? []) findings.push(uaFinding(f));
  return { findings, contentsEntries: tocLinks.length, ua };
}

/** The whole preflight on a whole document: its pages' checks and the document's. */
export function preflight(pdf: PdfModel, options: PreflightOptions): PreflightResult {
  const pages = pageFindings(pdf, options);
  const doc = documentFindings(pdf, options, options.contentsPages ?? contentsPages(pdf));
  const ua = pages.ua && doc.ua && { findings: [...pages.ua.findings, ...doc.ua.findings], stats: pages.ua.stats };
  return {
    findings: [...pages.findings, ...doc.findings],
    ua,
    stats: { pages: pdf.pageCount, fonts: pdf.fonts.length, footnotes: pages.footnotes, contentsEntries: doc.contentsEntries, links: pages.links, bookmarks: pdf.outline.length },
  };
}

export interface UnitPreflightOptions extends PreflightOptions {
  /** The unit's first page's number in the document: findings name the document's pages. */
  firstPage: number;
  /** The document's page count: needed when `fullBleedPages` counts from the end (-1, the back cover). */
  documentPages?: number;
  /**
   * The pages' text, when the caller started reading it earlier (`pageTexts` of the printed PDF:
   * the finish moves no text, so the reading overlaps the finish).
   */
  text?: Promise<PageText>;
  /** The unit as pdf-lib holds it, when the caller has it (the finish's document, saved as the bytes checked): not parsed again. */
  doc?: PDFDocument;
}

/** What a page holds, for the summary of a document checked in pieces (a batch's units). */
export interface PageStats {
  /** The fonts its resources name (BaseFont). */
  fonts: string[];
  /** Footnote calls (each note counted on the page of its first call) and external links. */
  footnotes: number;
  links: number;
}

export interface UnitPreflight {
  /** Page-level findings, pages in document terms. A function of the unit's PDF and the options: cache it by the unit's key. */
  findings: Finding[];
  stats: { pages: number; fonts: number; footnotes: number; links: number };
  /** The same by page (index 0: `firstPage`). */
  perPage: PageStats[];
  ua?: UaResult;
  /** Where the titles stand on each page (`titleTops`), by document page: read with the text, kept for the proofs. */
  titles: Record<number, number[]>;
  /** The pages' text as read (index 0: `firstPage`). */
  text: TextRun[][];
}

/**
 * The preflight of one print unit's PDF, alone: the checks of its pages (fonts on them,
 * footnotes on their pages, external links, scale, text block, page-level PDF/UA-1), with
 * page numbers in document terms (`firstPage + i`). Nothing here depends on another unit, so
 * the result is cached by the unit's key (with the options).
 */
export async function preflightUnit(bytes: Uint8Array, options: UnitPreflightOptions): Promise<UnitPreflight> {
  if (options.documentPages === undefined && options.fullBleedPages.some((p) => p < 0)) {
    throw new Error(`preflightUnit: fullBleedPages ${JSON.stringify(options.fullBleedPages)} count from the document's end; give documentPages (the document's page count)`);
  }
  const pdf = await readPdf(bytes, { text: options.text, doc: options.doc });
  const { findings, footnotes, links, perPage, ua } = pageFindings(pdf, options, options.firstPage, options.documentPages ?? pdf.pageCount);
  const titles = Object.fromEntries(pdf.text.map((runs, i) => [options.firstPage + i, titleTops(runs)]));
  return { findings, ua, stats: { pages: pdf.pageCount, fonts: pdf.fonts.length, footnotes, links }, perPage, titles, text: pdf.text };
}

export interface DocumentPreflight {
  findings: Finding[];
  stats: { pages: number; contentsEntries: number; bookmarks: number };
  ua?: UaResult;
}

/**
 * The preflight of the joined, finished document, what no unit can see alone: each contents
 * number against the named destination it links to, the outline, the information and
 * language, the document-level PDF/UA-1 checks (tagging, XMP, /Lang, role map, heading
 * levels across the tree). It reads the text of the contents pages only, the structure tree
 * without any page's content, and no fonts.
 */
export async function preflightDocument(bytes: Uint8Array, options: PreflightOptions, known: KnownDocument = {}): Promise<DocumentPreflight> {
  const pdf = await readDocument(bytes, { ...known, textPages: (skeleton) => options.contentsPages ?? contentsPages(skeleton) });
  const { findings, contentsEntries, ua } = documentFindings(pdf, options, options.contentsPages ?? contentsPages(pdf));
  return { findings, ua, stats: { pages: pdf.pageCount, contentsEntries, bookmarks: pdf.outline.length } };
}

export function formatPreflight({ findings, stats, ua }: PreflightResult): string {
  const lines = findings.map((f) => `  ✗ ${f.check}${f.page ? ` (page ${f.page})` : ''}: ${f.message}`);
  if (ua) lines.push(summarizePdfUa(ua));
  lines.push(
    `${findings.length ? `${findings.length} problem(s)` : 'all checks passed'}: ${stats.pages} pages, ${stats.fonts} fonts, ${stats.contentsEntries} contents entries, ${stats.footnotes} footnotes, ${stats.links} links, ${stats.bookmarks} bookmarks${ua ? `, PDF/UA-1 ${ua.findings.length} failure(s)` : ''}`,
  );
  return lines.join('\n');
}
