/**
 * The print profile (--profile print): the report imposed for a double-sided, bound print run
 * (pressSheets), then converted to PDF/X-3 (CMYK with an output intent) by Ghostscript
 * (toPdfX). Ghostscript checks PDF/X conformance while it writes and reports what it could not
 * make conform; the build fails on any such report.
 *
 * What remains (say it to the print shop): the design has no elements that run to the edge,
 * so the bleed is white; the output intent is Ghostscript's default CMYK profile, not a
 * press profile such as ISO Coated v2 — swap it in PDFX_ICC if the printer gives one; the
 * print PDF carries no tags or links (PDF/X allows no link annotations on the sheet; the
 * screen PDF is for reading), only the bookmarks.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, rgb, type PDFObject, type PDFPage } from 'pdf-lib';
import { BuildError } from '../lib/diagnostics.js';
import { BINDING_OFFSET_MM, bindingShiftMm, FULL_PAGE_NUMBERS, PAGE } from '../print/design.js';

const run = promisify(execFile);
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

export async function toPdfX(bytes: Uint8Array, title: string): Promise<Uint8Array> {
  const icc = findCmykProfile();
  if (!icc) throw new BuildError([{ file: '', message: 'no CMYK ICC profile for the PDF/X output intent', hint: 'install ghostscript (apt-get install -y ghostscript) or set PDFX_ICC=/path/to/profile.icc' }], 2);
  bytes = await withoutAnnotations(bytes);
  const dir = mkdtempSync(join(tmpdir(), 'pdfx-'));
  try {
    const input = join(dir, 'in.pdf');
    const output = join(dir, 'out.pdf');
    const def = join(dir, 'PDFX_def.ps');
    writeFileSync(input, bytes);
    const ps = (s: string) => s.replace(/[()\\]/g, '\\$&');
    writeFileSync(
      def,
      `%!PS
[ /GTS_PDFXVersion (PDF/X-3:2002) /Title (${ps(title)}) /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} (${ps(icc)}) (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent /S /GTS_PDFX
  /OutputCondition (Commercial and specialty printing)
  /OutputConditionIdentifier (Custom) /RegistryName (http://www.color.org)
  /Info (${ps(icc.split('/').pop()!)})
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`,
    );
    let stderr = '';
    try {
      const r = await run('gs', ['-dPDFX', '-dBATCH', '-dNOPAUSE', '-dQUIET', '-dNOOUTERSAVE', `--permit-file-read=${icc}`, '-sDEVICE=pdfwrite', '-sColorConversionStrategy=CMYK', '-sProcessColorModel=DeviceCMYK', '-dPDFSETTINGS=/prepress', `-sOutputFile=${output}`, def, input], { maxBuffer: 16 * 1024 * 1024 });
      stderr = `${r.stdout}${r.stderr}`;
    } catch (err) {
      const e = err as { code?: string; stderr?: string; stdout?: string };
      if (e.code === 'ENOENT') throw new BuildError([{ file: '', message: 'Ghostscript (gs) is needed for the print profile', hint: 'install it: apt-get install -y ghostscript' }], 2);
      throw new BuildError([{ file: '', message: `Ghostscript failed: ${(e.stderr || e.stdout || String(err)).trim().split('\n').slice(0, 5).join(' / ')}` }]);
    }
    // Ghostscript says what it could not make PDF/X; any such word fails the build.
    const complaints = stderr.split('\n').filter((l) => /error|not compliant|PDF\/X|cannot/i.test(l));
    if (complaints.length) throw new BuildError(complaints.map((l) => ({ file: '', message: `Ghostscript (PDF/X): ${l.trim()}` })));
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * PDF/X allows no annotations on the sheet but printer's marks and trap networks (Ghostscript
 * would fall back to plain PDF): the links stay in the screen PDF. Bookmarks are no
 * annotations and stay.
 */
async function withoutAnnotations(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  let removed = 0;
  for (const p of doc.getPages()) if (p.node.delete(PDFName.of('Annots'))) removed += 1;
  return removed ? doc.save({ useObjectStreams: true, updateFieldAppearances: false }) : bytes;
}

/** What makes the file PDF/X for a press: version key, output intent, trim and bleed boxes. */
export async function verifyPdfX(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const problems: string[] = [];
  const info = (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict();
  if (!info.has(PDFName.of('GTS_PDFXVersion'))) problems.push('no GTS_PDFXVersion in the document information');
  const intents = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  if (!intents || intents.size() === 0) problems.push('no output intent');
  doc.getPages().forEach((p, i) => {
    for (const box of ['TrimBox', 'BleedBox']) if (!p.node.has(PDFName.of(box))) problems.push(`page ${i + 1} has no ${box}`);
  });
  return problems;
}
