/**
 * The print profile (--profile print): the report imposed for a double-sided, bound print run
 * (pressSheets), then made PDF/X-4 (CMYK with an output intent, transparency kept) with
 * pdf-lib (toPdfX); verifyPdfX checks what makes it PDF/X-4 and the build fails on any lack.
 *
 * What remains (say it to the print shop): the design has no elements that run to the edge,
 * so the bleed is white; the output intent is Ghostscript's default CMYK profile, not a
 * press profile such as ISO Coated v2 — swap it in PDFX_ICC if the printer gives one (the
 * colours are converted by formula, with full black generation, not through the profile); the
 * print PDF carries no links (PDF/X allows no link annotations on the sheet; the screen PDF is
 * for reading), only the bookmarks.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, PDFString, rgb, type PDFObject, type PDFPage } from 'pdf-lib';
import { readOperations } from '../check/pdfua/content-stream.js';
import { registerFlate, streamText } from '../lib/pdf-stream.js';
import { setXmp, xmlText, xmpDate, xmpPacket } from './xmp.js';
import { BuildError } from '../lib/diagnostics.js';
import { BINDING_OFFSET_MM, bindingShiftMm, FULL_PAGE_NUMBERS, PAGE } from '../print/design.js';

const MM = 72 / 25.4;
export const BLEED_MM = 3;
/** Room outside the bleed for the crop marks. */
const SLUG_MM = 9;
/** The sheets of a bound copy come in fours (one folded sheet is four pages). */
export const PAGES_PER_SIGNATURE = 4;

/**
 * The report as the press needs it, with its links, named destinations and bookmarks:
 *
 * - blank pages before the back cover until the page count is a multiple of 4, so the back
 *   cover stays the last page, on a verso; a blank page carries nothing (no page number);
 * - each text page's content moved toward the spine by the binding offset (bindingShiftMm:
 *   recto left, verso right), the full pages (cover, back cover) not moved;
 * - each page on a larger sheet: TrimBox = the page, BleedBox 3 mm around it, crop marks
 *   outside the bleed.
 *
 * Everything that points into a page moves with its content: link rectangles, named
 * destinations, bookmarks. The pages break as in the screen PDF: only whole pages move.
 */
export async function pressSheets(bytes: Uint8Array, fullPages: readonly number[] = FULL_PAGE_NUMBERS): Promise<Uint8Array> {
  if (BINDING_OFFSET_MM >= Math.min(PAGE.margin.left, PAGE.margin.right)) throw new BuildError(`the binding offset (${BINDING_OFFSET_MM} mm) must be smaller than the side margins (scripts/print/design.ts)`);
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const count = doc.getPageCount();
  const full = new Set(fullPages.map((n) => (n < 0 ? count + 1 + n : n) - 1));
  // Blank pages go before the back cover (the last page).
  const blanks = (PAGES_PER_SIGNATURE - (count % PAGES_PER_SIGNATURE)) % PAGES_PER_SIGNATURE;
  const { width: lastWidth, height: lastHeight } = doc.getPage(count - 1).getSize();
  for (let i = 0; i < blanks; i++) doc.insertPage(count - 1, [lastWidth, lastHeight]);
  const pages = doc.getPages();
  const isBlank = (i: number) => i >= count - 1 && i < count - 1 + blanks;
  const original = (i: number) => (i < count - 1 ? i : i - blanks);

  // Where each page's content goes on its sheet: by the slug and bleed, plus the binding shift.
  const off = (BLEED_MM + SLUG_MM) * MM;
  const moves = new Map<string, { dx: number; dy: number }>();
  pages.forEach((p, i) => {
    const box = p.getMediaBox();
    const shift = isBlank(i) || full.has(original(i)) ? 0 : bindingShiftMm(i + 1) * MM;
    moves.set(p.ref.toString(), { dx: off + shift - box.x, dy: off - box.y });
  });

  pages.forEach((p, i) => {
    const { width, height } = p.getSize();
    const move = moves.get(p.ref.toString())!;
    const bleed = BLEED_MM * MM;
    if (!isBlank(i)) {
      // The content, clipped to the bleed (a moved page must not reach past it), then moved.
      p.node.normalize();
      const clip = [off - bleed, off - bleed, width + 2 * bleed, height + 2 * bleed].map(num).join(' ');
      const start = doc.context.register(doc.context.stream(`q ${clip} re W n 1 0 0 1 ${num(move.dx)} ${num(move.dy)} cm\n`));
      p.node.wrapContentStreams(start, doc.context.register(doc.context.stream('Q\n')));
    }
    moveAnnotations(doc, p, move, moves);
    p.setMediaBox(0, 0, width + 2 * off, height + 2 * off);
    p.setCropBox(0, 0, width + 2 * off, height + 2 * off);
    p.node.delete(PDFName.of('ArtBox'));
    p.setTrimBox(off, off, width, height);
    p.setBleedBox(off - bleed, off - bleed, width + 2 * bleed, height + 2 * bleed);
    drawCropMarks(p, off, width, height);
  });
  moveDestinations(doc, moves);
  return doc.save({ useObjectStreams: true, updateFieldAppearances: false });
}

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** Crop marks: short lines in line with the trim edges, starting outside the bleed. */
function drawCropMarks(sheet: PDFPage, off: number, width: number, height: number): void {
  const mark = { thickness: 0.25, color: rgb(0, 0, 0) };
  const len = (SLUG_MM - 2) * MM;
  const gap = (BLEED_MM + 1) * MM;
  for (const x of [off, off + width]) {
    sheet.drawLine({ start: { x, y: off - gap }, end: { x, y: off - gap - len }, ...mark });
    sheet.drawLine({ start: { x, y: off + height + gap }, end: { x, y: off + height + gap + len }, ...mark });
  }
  for (const y of [off, off + height]) {
    sheet.drawLine({ start: { x: off - gap, y }, end: { x: off - gap - len, y }, ...mark });
    sheet.drawLine({ start: { x: off + width + gap, y }, end: { x: off + width + gap + len, y }, ...mark });
  }
}

type Moves = Map<string, { dx: number; dy: number }>;

/** A page's annotations move with its content; a link's destination moves with its target page. */
function moveAnnotations(doc: PDFDocument, page: PDFPage, move: { dx: number; dy: number }, moves: Moves): void {
  const annots = doc.context.lookup(page.node.get(PDFName.of('Annots')));
  if (!(annots instanceof PDFArray)) return;
  for (const ref of annots.asArray()) {
    const a = doc.context.lookup(ref);
    if (!(a instanceof PDFDict)) continue;
    for (const key of ['Rect', 'QuadPoints']) {
      const arr = doc.context.lookup(a.get(PDFName.of(key)));
      if (arr instanceof PDFArray) a.set(PDFName.of(key), doc.context.obj(arr.asArray().map((n, k) => numberOf(doc, n) + (k % 2 ? move.dy : move.dx))));
    }
    moveDestination(doc, a.get(PDFName.of('Dest')), moves);
    const action = doc.context.lookup(a.get(PDFName.of('A')));
    if (action instanceof PDFDict) moveDestination(doc, action.get(PDFName.of('D')), moves);
  }
}

/** The named destinations (catalog /Dests and the /Names tree) and the bookmarks' own ones. */
function moveDestinations(doc: PDFDocument, moves: Moves): void {
  const lookup = (o: PDFObject | undefined) => (o ? doc.context.lookup(o) : undefined);
  const dests = lookup(doc.catalog.get(PDFName.of('Dests')));
  if (dests instanceof PDFDict) for (const [, d] of dests.entries()) moveDestination(doc, d, moves);
  const tree = (node: PDFObject | undefined): void => {
    const n = lookup(node);
    if (!(n instanceof PDFDict)) return;
    const names = lookup(n.get(PDFName.of('Names')));
    if (names instanceof PDFArray) names.asArray().forEach((d, k) => k % 2 === 1 && moveDestination(doc, d, moves));
    const kids = lookup(n.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) kids.asArray().forEach(tree);
  };
  const nameTree = lookup(doc.catalog.get(PDFName.of('Names')));
  if (nameTree instanceof PDFDict) tree(nameTree.get(PDFName.of('Dests')));
  const outline = (first: PDFObject | undefined): void => {
    for (let item = lookup(first); item instanceof PDFDict; item = lookup(item.get(PDFName.of('Next')))) {
      moveDestination(doc, item.get(PDFName.of('Dest')), moves);
      const action = lookup(item.get(PDFName.of('A')));
      if (action instanceof PDFDict) moveDestination(doc, action.get(PDFName.of('D')), moves);
      outline(item.get(PDFName.of('First')));
    }
  };
  const outlines = lookup(doc.catalog.get(PDFName.of('Outlines')));
  if (outlines instanceof PDFDict) outline(outlines.get(PDFName.of('First')));
}

/**
 * An explicit destination [page /XYZ left top zoom] (or /FitH top, /FitV left, /FitR l b r t)
 * moved as its page's content moved. A name is left alone: it is moved where it is defined.
 */
function moveDestination(doc: PDFDocument, d: PDFObject | undefined, moves: Moves): void {
  const o = d ? doc.context.lookup(d) : undefined;
  const arr = o instanceof PDFDict ? doc.context.lookup(o.get(PDFName.of('D'))) : o;
  if (!(arr instanceof PDFArray) || !(arr.get(0) instanceof PDFRef)) return;
  const move = moves.get(arr.get(0).toString());
  const kind = arr.get(1)?.toString();
  if (!move) return;
  const axes = ({ '/XYZ': 'xy', '/FitH': 'y', '/FitBH': 'y', '/FitV': 'x', '/FitBV': 'x', '/FitR': 'xyxy' } as Record<string, string>)[kind ?? ''] ?? '';
  [...axes].forEach((axis, k) => {
    const v = doc.context.lookup(arr.get(2 + k));
    if (v instanceof PDFNumber) arr.set(2 + k, PDFNumber.of(v.asNumber() + (axis === 'x' ? move.dx : move.dy)));
  });
}

const numberOf = (doc: PDFDocument, n: PDFObject) => {
  const v = doc.context.lookup(n);
  return v instanceof PDFNumber ? v.asNumber() : Number(String(v));
};

/** Ghostscript's own CMYK profile, the output intent of the PDF/X file. */
export function findCmykProfile(): string | undefined {
  const candidates = [process.env.PDFX_ICC, '/usr/share/color/icc/ghostscript/default_cmyk.icc', '/usr/share/color/icc/ghostscript/ps_cmyk.icc'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/**
 * PDF/X-4 (ISO 15930-7) written with pdf-lib, without re-rendering anything: Chromium's fonts,
 * text layer and vectors stay as they are (Ghostscript 10.00 knows only PDF/X-3, which has no
 * transparency and drew each chart page as one image), and the transparency PDF/X-4 allows is
 * kept. What it takes:
 * - every DeviceRGB colour of the page content converted to DeviceCMYK (rgbToCmyk: greys on
 *   the black plate alone, so text is K only), transparency groups blended in CMYK;
 * - the output intent: the CMYK profile (findCmykProfile) embedded, GTS_PDFX;
 * - GTS_PDFXVersion "PDF/X-4" and Trapped in the document information and the XMP metadata
 *   (pdfxid, with the document and version IDs and the rendition class), PDF 1.6, a file ID;
 * - no annotations on the sheet (withoutAnnotations); TrimBox and BleedBox from pressSheets.
 */
export async function toPdfX(bytes: Uint8Array, title: string): Promise<Uint8Array> {
  const icc = findCmykProfile();
  if (!icc) throw new BuildError([{ file: '', message: 'no CMYK ICC profile for the PDF/X output intent', hint: 'install ghostscript (apt-get install -y ghostscript: its default_cmyk.icc) or set PDFX_ICC=/path/to/profile.icc' }], 2);
  const doc = await PDFDocument.load(await withoutAnnotations(bytes), { updateMetadata: false });
  const ctx = doc.context;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const text = refs.map((r) => streamText(ctx.lookup(r))).join('\n');
    page.node.set(PDFName.of('Contents'), registerFlate(ctx, cmykContent(text)));
    for (const old of refs) if (old instanceof PDFRef) ctx.delete(old); // unreferenced from now on
    const group = ctx.lookup(page.node.get(PDFName.of('Group')));
    if (group instanceof PDFDict && group.has(PDFName.of('CS'))) group.set(PDFName.of('CS'), PDFName.of('DeviceCMYK'));
  }
  const profile = registerFlate(ctx, readFileSync(icc), { N: 4 });
  const name = icc.split('/').pop()!;
  const intent = ctx.obj({ Type: 'OutputIntent', S: 'GTS_PDFX', OutputCondition: PDFString.of('Commercial and specialty printing'), OutputConditionIdentifier: PDFString.of('Custom'), RegistryName: PDFString.of('http://www.color.org'), Info: PDFString.of(name), DestOutputProfile: profile });
  doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([ctx.register(intent)]));
  const info = (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict();
  info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(PDFX_VERSION));
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  doc.setTitle(title);
  // The screen PDF's date (SOURCE_DATE_EPOCH makes it reproducible), and an ID from its bytes.
  const created = doc.getCreationDate() ?? new Date();
  doc.setModificationDate(created);
  const id = createHash('md5').update(bytes).digest('hex');
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const xmp = pdfxXmp({ title, created, modified: created, id, producer: doc.getProducer() ?? 'pdf-lib' });
  setXmp(doc, xmp);
  // Not PDF/UA: the sheets have no links, and the press reads no tags.
  const saved = await doc.save({ useObjectStreams: true, updateFieldAppearances: false });
  return withHeader(saved, '1.6');
}

export const PDFX_VERSION = 'PDF/X-4';

/** DeviceRGB → DeviceCMYK, black generated in full: a grey is K alone, black text 0 0 0 1. */
export function rgbToCmyk(r: number, g: number, b: number): [number, number, number, number] {
  const k = 1 - Math.max(r, g, b);
  if (k >= 1 - 1e-6) return [0, 0, 0, 1];
  const c = (1 - r - k) / (1 - k);
  const m = (1 - g - k) / (1 - k);
  const y = (1 - b - k) / (1 - k);
  return [c, m, y, k].map((v) => Math.round(Math.max(0, Math.min(1, v)) * 10000) / 10000) as [number, number, number, number];
}

/** A content stream with each "r g b rg" / "RG" rewritten as "c m y k k" / "K". */
export function cmykContent(text: string): string {
  let out = '';
  let at = 0;
  const ops = readOperations(text);
  for (let i = 0; i < ops.length; i++) {
    const op = ops.operator(i);
    if ((op !== 'rg' && op !== 'RG') || ops.operandCount(i) !== 3) continue;
    const [c, m, y, k] = rgbToCmyk(...(ops.operands(i).map(Number) as [number, number, number]));
    out += `${text.slice(at, ops.start(i))}${c} ${m} ${y} ${k} ${op === 'rg' ? 'k' : 'K'}`;
    at = ops.end(i);
  }
  return out + text.slice(at);
}

/** The PDF's first line names its version (pdf-lib writes the version it read). */
function withHeader(bytes: Uint8Array, version: string): Uint8Array {
  const head = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
  const m = /^%PDF-\d\.\d/.exec(head);
  if (!m) return bytes;
  const out = Buffer.from(bytes);
  out.write(`%PDF-${version}`, 0, 'latin1');
  return new Uint8Array(out);
}

function pdfxXmp(o: { title: string; created: Date; modified: Date; id: string; producer: string }): string {
  return xmpPacket([
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(o.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<xmp:CreateDate>${xmpDate(o.created)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xmpDate(o.modified)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(o.modified)}</xmp:MetadataDate>`,
    `<xmpMM:DocumentID>uuid:${o.id.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')}</xmpMM:DocumentID>`,
    '<xmpMM:VersionID>1</xmpMM:VersionID>',
    '<xmpMM:RenditionClass>default</xmpMM:RenditionClass>',
    `<pdf:Producer>${xmlText(o.producer)}</pdf:Producer>`,
    '<pdf:Trapped>False</pdf:Trapped>',
    `<pdfxid:GTS_PDFXVersion>${PDFX_VERSION}</pdfxid:GTS_PDFXVersion>`,
  ]);
}

/**
 * PDF/X allows no annotations on the sheet but printer's marks and trap networks: the links
 * stay in the screen PDF. Bookmarks are no
 * annotations and stay.
 */
async function withoutAnnotations(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  let removed = 0;
  for (const p of doc.getPages()) if (p.node.delete(PDFName.of('Annots'))) removed += 1;
  return removed ? doc.save({ useObjectStreams: true, updateFieldAppearances: false }) : bytes;
}

/** What makes the file PDF/X-4 for a press: version keys, output intent, boxes, CMYK only, no annotations. */
export async function verifyPdfX(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const problems: string[] = [];
  const version = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (!/^%PDF-1\.[67]|^%PDF-2/.test(version)) problems.push(`the file is ${version.slice(1)}; PDF/X-4 needs PDF 1.6 or later`);
  const info = (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict();
  const infoVersion = info.lookup(PDFName.of('GTS_PDFXVersion'));
  if (!(infoVersion instanceof PDFString || infoVersion instanceof PDFHexString) || infoVersion.decodeText() !== PDFX_VERSION) problems.push(`the document information does not say GTS_PDFXVersion (${PDFX_VERSION})`);
  if (!info.has(PDFName.of('Trapped'))) problems.push('no Trapped key in the document information');
  const xmp = streamText(doc.catalog.lookup(PDFName.of('Metadata')));
  if (!xmp.includes(`<pdfxid:GTS_PDFXVersion>${PDFX_VERSION}<`)) problems.push('the XMP metadata does not name PDF/X-4 (pdfxid:GTS_PDFXVersion)');
  if (!doc.context.trailerInfo.ID) problems.push('no file ID in the trailer');
  const intents = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  const intent = intents?.size() ? doc.context.lookup(intents.get(0)) : undefined;
  const profile = intent instanceof PDFDict ? doc.context.lookup(intent.get(PDFName.of('DestOutputProfile'))) : undefined;
  if (!(intent instanceof PDFDict)) problems.push('no output intent');
  else if (!(profile instanceof PDFStream) || String(profile.dict.get(PDFName.of('N'))) !== '4') problems.push('the output intent has no embedded CMYK profile (DestOutputProfile, N 4)');
  doc.getPages().forEach((p, i) => {
    for (const box of ['TrimBox', 'BleedBox']) if (!p.node.has(PDFName.of(box))) problems.push(`page ${i + 1} has no ${box}`);
    if (p.node.has(PDFName.of('Annots'))) problems.push(`page ${i + 1} has annotations`);
    const contents = p.node.get(PDFName.of('Contents'));
    const text = (contents instanceof PDFArray ? contents.asArray() : [contents]).map((r) => streamText(doc.context.lookup(r))).join('\n');
    const ops = readOperations(text);
    let rgb = 0;
    for (let j = 0; j < ops.length; j++) {
      const o = ops.operator(j);
      if (o === 'rg' || o === 'RG' || ((o === 'cs' || o === 'CS') && ops.operand(j, 0) === '/DeviceRGB')) rgb++;
    }
    if (rgb) problems.push(`page ${i + 1} paints in DeviceRGB (${rgb} operator(s)): PDF/X-4 with a CMYK output intent needs CMYK or grey`);
  });
  return problems;
}
