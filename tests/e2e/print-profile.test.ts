/** The print profile: bleed, crop marks and PDF/X-3 from Ghostscript, on the real report. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toPdfX, verifyPdfX, withBleedAndMarks } from '../../scripts/finish/print-profile.js';
import { fonts, pageCount } from '../support/pdf.js';
import { REPORT_PDF } from '../support/paths.js';

let file = '';
let bytes: Uint8Array;
beforeAll(async () => {
  bytes = await toPdfX(await withBleedAndMarks(new Uint8Array(readFileSync(REPORT_PDF))), 'Pieaugušo izglītība pašvaldībās');
  file = join(mkdtempSync(join(tmpdir(), 'print-')), 'report-print.pdf');
  writeFileSync(file, bytes);
}, 180_000);

describe('print profile', () => {
  it('is PDF/X-3 with an output intent and trim and bleed boxes on every page', async () => {
    expect(await verifyPdfX(bytes)).toEqual([]);
    const info = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '1', file], { encoding: 'utf8' });
    const box = (name: string) => /:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(info.split('\n').find((l) => l.includes(name))!)!.slice(1).map(Number);
    const mm = (pt: number) => (pt * 25.4) / 72;
    const [tx0, ty0, tx1, ty1] = box('TrimBox');
    const [bx0, , bx1] = box('BleedBox');
    expect(mm(tx1! - tx0!)).toBeCloseTo(210, 0);
    expect(mm(ty1! - ty0!)).toBeCloseTo(297, 0);
    expect(mm(tx0! - bx0!)).toBeCloseTo(3, 1);
    expect(mm(bx1! - tx1!)).toBeCloseTo(3, 1);
  });

  it('keeps every page and every font embedded, none Type 3', () => {
    expect(pageCount(file)).toBe(pageCount(REPORT_PDF));
    const rows = fonts(file);
    expect(rows.filter((f) => !f.embedded || /Type 3/.test(f.type))).toEqual([]);
  });

  it('still has its text', () => {
    expect(execFileSync('pdftotext', ['-f', '5', '-l', '5', file, '-'], { encoding: 'utf8' })).toContain('AIZKRAUKLES NOVADA PAŠVALDĪBA');
  });
});
