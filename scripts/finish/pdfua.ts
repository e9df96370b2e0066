/**
 * PDF/UA-1 on top of Chromium's tagging (ISO 14289-1), in the finish stage with pdf-lib:
 * - XMP metadata (title, language, creator, subject, keywords, dates, pdfuaid:part 1);
 * - everything Chromium paints outside its tags (running heads, page numbers, rules, leaders,
 *   backgrounds, logos with an empty alt, blank pages) marked as /Artifact;
 * - /Contents on every link annotation: the address it opens, the part or the note it leads to;
 * - a chart's <figure> (a Figure around the chart's own Figure, its caption and data table) a
 *   Div, so the chart's Figure carries the alternative text and nothing nests in it;
 * - a table whose header row is empty (the abbreviations): its first column heads its rows.
 * What Chromium already does right is kept: one Link element per link with all its pieces
 * (OBJR), /Tabs /S, DisplayDocTitle, /Lang on elements whose HTML has another `lang`.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { contextsOf, readOperations, PAINTING, PATH } from '../check/pdfua/content-stream.js';
import { registerFlate, streamText } from '../lib/pdf-stream.js';
import type { Metadata } from './pdf.js';
import { setXmp, xmlText, xmpDate, xmpPacket } from './xmp.js';

export interface UaMetadata extends Metadata {
  creator: string;
  producer: string;
}

export interface UaReport {
  artifactPages: number;
  linkContents: number;
  figuresToDiv: number;
  rowHeaders: number;
}

/** The whole PDF/UA repair of one document: its XMP, then the page-local repairs (`repairPages`). */
export function makeAccessible(doc: PDFDocument, meta: UaMetadata, linkLabel: (dest: string) => string | undefined): UaReport {
  setXmp(doc, uaXmp(meta));
  return repairPages(doc, { lang: meta.lang, linkLabel });
}

/**
 * The repairs that touch only pages, their annotations and the structure elements under the
 * PDF's StructTreeRoot (a print unit's finish): artifacts, link descriptions, chart figures,
 * row headers.
 */
export function repairPages(doc: PDFDocument, options: { lang: string; linkLabel: (dest: string) => string | undefined; firstPage?: number; owns?: readonly string[]; contents?: (text: string) => string }): UaReport {
  const artifactPages = markArtifacts(doc, options.contents);
  const linkContents = describeLinks(doc, options.lang, options.linkLabel, options);
  const { figuresToDiv, rowHeaders } = repairTags(doc);
  return { artifactPages, linkContents, figuresToDiv, rowHeaders };
}

/** The XMP of the screen edition: title, language, creator, subject, keywords, dates, PDF/UA-1. */
export function uaXmp(meta: UaMetadata): string {
  const x = xmlText;
  const date = xmpDate(meta.created);
  return xmpPacket([
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${x(meta.title)}</rdf:li><rdf:li xml:lang="${x(meta.lang)}">${x(meta.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${x(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${x(meta.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:subject><rdf:Bag>${meta.keywords.map((k) => `<rdf:li>${x(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    `<dc:language><rdf:Bag><rdf:li>${x(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreatorTool>${x(meta.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<pdf:Producer>${x(meta.producer)}</pdf:Producer>`,
    `<pdf:Keywords>${x(meta.keywords.join(', '))}</pdf:Keywords>`,
    '<pdfuaid:part>1</pdfuaid:part>',
  ]);
}

/** Painting operators that end no path (text, XObjects, shadings, inline images). */
const SHOWS = new Set(['Tj', 'TJ', "'", '"', 'Do', 'sh', 'BI']);

/**
 * Wraps every painting operation that is neither in tagged content (an MCID) nor already an
 * artifact in /Artifact BMC … EMC. A run of such operations between two tagged sequences is
 * wrapped whole when its text objects are whole (BT … ET); else each painting operation is, a
 * path from its first construction operator, so a marked sequence never cuts a path or
 * straddles a text object's edge.
 */
export function artifactContent(text: string): { text: string; wrapped: number } {
  const ops = readOperations(text);
  const ctx = contextsOf(ops);
  const op = (k: number) => ops.operator(k);
  const free = (k: number) => ctx.mcid[k]! < 0 && !ctx.artifact[k] && op(k) !== 'BDC' && op(k) !== 'BMC' && op(k) !== 'EMC';
  const wraps: [number, number][] = []; // [start offset, end offset]
  let k = 0;
  while (k < ops.length) {
    if (!free(k)) { k++; continue; }
    let end = k;
    while (end + 1 < ops.length && free(end + 1)) end++;
    // The run k … end.
    let paints = false;
    for (let i = k; i <= end && !paints; i++) paints = PAINTING.has(op(i));
    if (paints) {
      let depth = 0;
      let whole = true;
      for (let i = k; i <= end; i++) {
        if (op(i) === 'BT') depth++;
        else if (op(i) === 'ET' && --depth < 0) whole = false;
      }
      if (whole && depth === 0) {
        // From the first to the last operation that belongs to something painted.
        let first = k;
        while (!(PAINTING.has(op(first)) || PATH.has(op(first)) || op(first) === 'BT')) first++;
        let last = end;
        while (!(PAINTING.has(op(last)) || op(last) === 'ET')) last--;
        wraps.push([ops.start(first), ops.end(last)]);
      } else {
        let pathStart = -1;
        for (let i = k; i <= end; i++) {
          const o = op(i);
          if (PATH.has(o)) { if (pathStart < 0) pathStart = i; continue; }
          if (PAINTING.has(o)) wraps.push([ops.start(pathStart >= 0 && !SHOWS.has(o) ? pathStart : i), ops.end(i)]);
          pathStart = -1;
        }
      }
    }
    k = end + 1;
  }
  if (!wraps.length) return { text, wrapped: 0 };
  let out = '';
  let at = 0;
  for (const [s, e] of wraps) {
    out += `${text.slice(at, s)}/Artifact BMC\n${text.slice(s, e)}\nEMC`;
    at = e;
  }
  return { text: out + text.slice(at), wrapped: wraps.length };
}

/**
 * Artifacts marked on every page (`artifactContent`), after `before` (another rewrite of the
 * same content, so that each page is decoded and encoded once). The pages changed.
 */
export function markArtifacts(doc: PDFDocument, before: (text: string) => string = (t) => t): number {
  return rewritePageContents(doc, (text) => artifactContent(before(text)).text);
}

/**
 * Each page's content through `rewrite`: its streams decoded once and joined (one page's
 * streams are one content stream, so a rewrite may cross their seams), written back as one
 * stream where the text changed. The number of pages changed.
 */
export function rewritePageContents(doc: PDFDocument, rewrite: (text: string) => string): number {
  let pages = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const text = refs.map((r) => streamText(doc.context.lookup(r))).join('\n');
    const fixed = rewrite(text);
    if (fixed === text) continue;
    page.node.set(PDFName.of('Contents'), registerFlate(doc.context, fixed));
    // The replaced streams would otherwise stay in the file, unreferenced (it doubled its size).
    for (const old of refs) if (old instanceof PDFRef) doc.context.delete(old);
    pages++;
  }
  return pages;
}

const WORDS: Record<string, { note: (n: string) => string; page: (n: number) => string; mail: (a: string) => string }> = {
  lv: { note: (n) => `${n}. piezīme`, page: (n) => `${n}. lappuse`, mail: (a) => `E-pasts ${a}` },
  en: { note: (n) => `Note ${n}`, page: (n) => `Page ${n}`, mail: (a) => `E-mail ${a}` },
};

/** /Contents for each link annotation that has none: where the link leads, in the document's language. */
export function describeLinks(
  doc: PDFDocument,
  lang: string,
  label: (dest: string) => string | undefined,
  { firstPage = 1, owns }: { firstPage?: number; owns?: readonly string[] } = {},
): number {
  const words = WORDS[lang.slice(0, 2)] ?? WORDS.en!;
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  // Pages in document terms; a name the unit does not own has only a stand-in target here.
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), firstPage + i]));
  const own = owns && new Set(owns);
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const destPage = (name: string) => {
    if (own && !own.has(name)) return undefined;
    const d = lookup(dests?.get(PDFName.of(name)));
    const arr = d instanceof PDFDict ? lookup(d.get(PDFName.of('D'))) : d;
    return arr instanceof PDFArray ? pageOf.get(String(arr.get(0))) : undefined;
  };
  let n = 0;
  for (const page of doc.getPages()) {
    const annots = lookup(page.node.get(PDFName.of('Annots')));
    for (const ref of annots instanceof PDFArray ? annots.asArray() : []) {
      const a = lookup(ref);
      if (!(a instanceof PDFDict) || String(a.get(PDFName.of('Subtype'))) !== '/Link' || a.has(PDFName.of('Contents'))) continue;
      const action = lookup(a.get(PDFName.of('A')));
      const uriObj = action instanceof PDFDict ? lookup(action.get(PDFName.of('URI'))) : undefined;
      const uri = uriObj instanceof PDFString || uriObj instanceof PDFHexString ? uriObj.decodeText() : undefined;
      const destObj = lookup(a.get(PDFName.of('Dest')));
      const dest = destObj instanceof PDFName ? destObj.decodeText() : destObj instanceof PDFString || destObj instanceof PDFHexString ? destObj.decodeText() : undefined;
      let text: string | undefined;
      if (uri) text = uri.startsWith('mailto:') ? words.mail(uri.slice(7)) : safeDecode(uri);
      else if (dest) {
        const note = /^fn-(\d+)$/.exec(dest);
        const target = destPage(dest);
        text = note ? words.note(note[1]!) : label(dest) ?? (target ? words.page(target) : undefined);
      }
      if (!text) continue;
      a.set(PDFName.of('Contents'), PDFHexString.fromText(text));
      n++;
    }
  }
  return n;
}

function safeDecode(uri: string): string {
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
}

/** Chart figures to Div; empty-headed tables to row headers. */
export function repairTags(doc: PDFDocument): { figuresToDiv: number; rowHeaders: number } {
  const ctx = doc.context;
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const kids = (el: PDFDict): PDFDict[] => {
    const k = lookup(el.get(PDFName.of('K')));
    const isElement = (x: PDFObject | undefined): x is PDFDict => x instanceof PDFDict && (!x.has(PDFName.of('Type')) || String(x.get(PDFName.of('Type'))) === '/StructElem');
    return (k instanceof PDFArray ? k.asArray() : k ? [k] : []).map(lookup).filter(isElement);
  };
  const type = (el: PDFDict) => String(el.get(PDFName.of('S'))).slice(1);
  const all: PDFDict[] = [];
  const walk = (el: PDFDict) => {
    all.push(el);
    kids(el).forEach(walk);
  };
  const root = lookup(doc.catalog.get(PDFName.of('StructTreeRoot')));
  if (!(root instanceof PDFDict)) return { figuresToDiv: 0, rowHeaders: 0 };
  kids(root).forEach(walk);

  let figuresToDiv = 0;
  const hasFigureInside = (el: PDFDict): boolean => kids(el).some((k) => type(k) === 'Figure' || hasFigureInside(k));
  for (const el of all) {
    if (type(el) === 'Figure' && !el.has(PDFName.of('Alt')) && hasFigureInside(el)) {
      el.set(PDFName.of('S'), PDFName.of('Div'));
      figuresToDiv++;
    }
  }

  let rowHeaders = 0;
  for (const table of all.filter((e) => type(e) === 'Table')) {
    const rows = kids(table).flatMap((k) => (type(k) === 'TR' ? [k] : ['THead', 'TBody', 'TFoot'].includes(type(k)) ? kids(k).filter((r) => type(r) === 'TR') : []));
    const cells = rows.map((r) => kids(r));
    if (cells.some((row) => row.some((c) => type(c) === 'TH'))) continue;
    if (!cells.every((row) => row.length >= 2)) continue;
    for (const row of cells) {
      const first = row[0]!;
      first.set(PDFName.of('S'), PDFName.of('TH'));
      const attrs = lookup(first.get(PDFName.of('A')));
      if (attrs instanceof PDFDict && String(attrs.get(PDFName.of('O'))) === '/Table') attrs.set(PDFName.of('Scope'), PDFName.of('Row'));
      else first.set(PDFName.of('A'), ctx.obj({ O: 'Table', Scope: 'Row' }));
      rowHeaders++;
    }
  }
  return { figuresToDiv, rowHeaders };
}

