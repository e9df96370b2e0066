/**
 * The print profile (--profile print): the report on sheets with 3 mm bleed and crop marks
 * (TrimBox and BleedBox set), converted to PDF/X-3 (CMYK with an output intent) by
 * Ghostscript. Ghostscript checks PDF/X conformance while it writes and reports what it
 * could not make conform; the build fails on any such report.
 *
 * What remains (say it to the print shop): the design has no elements that run to the edge,
 * so the bleed is white; the output intent is Ghostscript's default CMYK profile, not a
 * press profile such as ISO Coated v2 — swap it in PDFX_ICC if the printer gives one; the
 * print PDF carries no tags or links (it is for the press, the screen PDF is for reading).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName, rgb } from 'pdf-lib';
import { BuildError } from '../lib/diagnostics.js';

const run = promisify(execFile);
const MM = 72 / 25.4;
export const BLEED_MM = 3;
/** Room outside the bleed for the crop marks. */
const SLUG_MM = 9;

/** Each page on a larger sheet, crop marks at the trim corners, boxes set. */
export async function withBleedAndMarks(bytes: Uint8Array): Promise<Uint8Array> {
  const src = await PDFDocument.load(bytes, { updateMetadata: false });
  const out = await PDFDocument.create({ updateMetadata: false });
  const pages = await out.embedPages(src.getPages());
  const off = (BLEED_MM + SLUG_MM) * MM;
  const bleed = BLEED_MM * MM;
  src.getPages().forEach((p, i) => {
    const { width, height } = p.getSize();
    const sheet = out.addPage([width + 2 * off, height + 2 * off]);
    sheet.drawPage(pages[i]!, { x: off, y: off, width, height });
    sheet.setTrimBox(off, off, width, height);
    sheet.setBleedBox(off - bleed, off - bleed, width + 2 * bleed, height + 2 * bleed);
    // Crop marks: short lines in line with the trim edges, starting outside the bleed.
    const mark = { thickness: 0.25, color: rgb(0, 0, 0) };
    const len = (SLUG_MM - 2) * MM;
    const gap = bleed + 1 * MM;
    for (const x of [off, off + width]) {
      sheet.drawLine({ start: { x, y: off - gap }, end: { x, y: off - gap - len }, ...mark });
      sheet.drawLine({ start: { x, y: off + height + gap }, end: { x, y: off + height + gap + len }, ...mark });
    }
    for (const y of [off, off + height]) {
      sheet.drawLine({ start: { x: off - gap, y }, end: { x: off - gap - len, y }, ...mark });
      sheet.drawLine({ start: { x: off + width + gap, y }, end: { x: off + width + gap + len, y }, ...mark });
    }
  });
  out.setTitle(src.getTitle() ?? '');
  out.setAuthor(src.getAuthor() ?? '');
  return out.save();
}

/** Ghostscript's own CMYK profile, the output intent of the PDF/X file. */
export function findCmykProfile(): string | undefined {
  const candidates = [process.env.PDFX_ICC, '/usr/share/color/icc/ghostscript/default_cmyk.icc', '/usr/share/color/icc/ghostscript/ps_cmyk.icc'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

export async function toPdfX(bytes: Uint8Array, title: string): Promise<Uint8Array> {
  const icc = findCmykProfile();
  if (!icc) throw new BuildError([{ file: '', message: 'no CMYK ICC profile for the PDF/X output intent', hint: 'install ghostscript (apt-get install -y ghostscript) or set PDFX_ICC=/path/to/profile.icc' }], 2);
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
    const { readFileSync } = await import('node:fs');
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
