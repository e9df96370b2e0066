/**
 * The text reader (scripts/check/pdf-text.ts) on PDFs made here: a ToUnicode map's bfchar and
 * bfrange entries, strings in hex and with escapes, and a page whose content places glyphs as
 * Chromium does (one Td per glyph, fonts changing within a line, a scaled and flipped CTM,
 * ActualText spans, a form XObject), read back with the run boxes it draws.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../scripts/check/pdf-model.js';
import { pageText, readCMap, stringBytes } from '../../scripts/check/pdf-text.js';
import type { Operations } from '../../scripts/check/pdfua/content-stream.js';
import { readUaDocument } from '../../scripts/check/pdfua/model.js';

describe('the ToUnicode map and strings', () => {
  it('reads bfchar, bfrange with a base and with an array', () => {
    const map = readCMap(`begincmap
2 beginbfchar
<0004> <0041>
<0005> <00660069>
endbfchar
2 beginbfrange
<0010> <0012> <0061>
<0020> <0021> [<0101> <017E>]
endbfrange
endcmap`);
    expect([4, 5, 0x10, 0x11, 0x12, 0x20, 0x21].map((c) => map.get(c))).toEqual(['A', 'fi', 'a', 'b', 'c', 'ā', 'ž']);
  });
  it('decodes hex strings and literal strings with escapes', () => {
    expect(stringBytes('<00 4E>')).toBe('\u0000N');
    expect(stringBytes('<4>')).toBe('@');
    expect(stringBytes('(a\\(b\\)\\\\c\\101\\n)')).toBe('a(b)\\cA\n');
  });
});

/** A Type0 font dictionary with a ToUnicode map: codes 1–3 are "A", "B", " "; widths 500, 600, 250. */
function type0(doc: PDFDocument) {
  const cmap = doc.context.stream('beginbfchar\n<0001> <0041>\n<0002> <0042>\n<0003> <0020>\nendbfchar\nbeginbfrange\n<0010> <0011> <0101>\nendbfrange');
  const descendant = doc.context.obj({ Type: 'Font', Subtype: 'CIDFontType2', BaseFont: 'TEST+Sans', DW: 1000, W: [1, [500, 600, 250], 16, 17, 550] });
  return doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'TEST+Sans', Encoding: 'Identity-H', DescendantFonts: [doc.context.register(descendant)], ToUnicode: doc.context.register(cmap) }));
}

async function page(content: string, extra?: (doc: PDFDocument) => Record<string, unknown>) {
  return pageText(...(await pageDoc(content, extra)));
}

async function pageDoc(content: string, extra?: (doc: PDFDocument) => Record<string, unknown>) {
  const doc = await PDFDocument.create();
  const p = doc.addPage([600, 800]);
  const font = type0(doc);
  p.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: font, F2: font }, ...(extra?.(doc) ?? {}) }));
  p.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(content)));
  return [doc, p] as const;
}

describe('a page drawn as Chromium draws it', () => {
  it('reads each run of glyphs on a baseline: text, origin, advance and size in user space', async () => {
    // Chromium's page: 0.75 pt a CSS px, y down; a line at (100, 100) px, 10 px type.
    const runs = await page(`q .75 0 0 -.75 0 800 cm
BT /F1 10 Tf 1 0 0 -1 100 100 Tm <0001> Tj 5 0 Td <0002> Tj 6 0 Td <0003> Tj 2.5 0 Td <0001> Tj ET
BT /F2 10 Tf 1 0 0 -1 100 120 Tm [<0001> -1000 <0002>] TJ ET
Q`);
    expect(runs.map((r) => r.str)).toEqual(['AB A', 'AB']);
    const [a, b] = runs;
    expect(a!.x).toBeCloseTo(75);
    expect(a!.y).toBeCloseTo(800 - 75);
    // 5 + 6 + 2.5 px of offsets, then the last glyph's 500/1000 × 10 px: 18.5 px.
    expect(a!.width).toBeCloseTo(18.5 * 0.75);
    expect(a!.height).toBeCloseTo(7.5);
    // TJ: 5 px, a −1000 moves the next glyph 10 px on (1000/1000 × 10 px), 6 px.
    expect(b!.width).toBeCloseTo((5 + 10 + 6) * 0.75);
    expect(b!.y).toBeCloseTo(800 - 90);
  });

  it('says an ActualText span once for its glyphs, and nothing for an empty one', async () => {
    const runs = await page(`BT /F1 10 Tf 1 0 0 1 10 10 Tm /Span <</ActualText <FEFF0101>>> BDC <0001> Tj 5 0 Td <0002> Tj EMC 6 0 Td /Span <</ActualText <FEFF>>> BDC <0003> Tj EMC 2.5 0 Td <0010> Tj ET`);
    expect(runs.map((r) => r.str)).toEqual(['āā']);
  });

  it('starts a run on another line, another font, Tm and BT; skips runs of spaces', async () => {
    const runs = await page(`BT /F1 10 Tf 10 TL 1 0 0 1 10 700 Tm <0001> Tj T* <0002> Tj /F2 10 Tf <0001> Tj 0 -20 Td <0003> Tj ET`);
    expect(runs.map((r) => [r.str, Math.round(r.y)])).toEqual([['A', 700], ['B', 690], ['A', 690]]);
  });

  it('reads the text of a form XObject with its matrix', async () => {
    const runs = await page('q 2 0 0 2 0 0 cm /X1 Do Q', (doc) => {
      const form = doc.context.stream('BT /F1 10 Tf 1 0 0 1 5 5 Tm <00010002> Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 100, 100], Matrix: [1, 0, 0, 1, 10, 0] });
      return { XObject: { X1: doc.context.register(form) } };
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.str).toBe('AB');
    expect(runs[0]!.x).toBeCloseTo(30);
    expect(runs[0]!.y).toBeCloseTo(10);
    expect(runs[0]!.width).toBeCloseTo(22);
    expect(runs[0]!.height).toBeCloseTo(20);
  });
});

describe('the operations read once', () => {
  it('gives the PDF/UA model the same marked content the page reads to itself', async () => {
    const [doc] = await pageDoc(`/P <</MCID 0>> BDC BT /F1 10 Tf 1 0 0 1 10 10 Tm <0001> Tj ET EMC BT /F1 10 Tf <0002> Tj ET /Artifact BMC 0 0 5 5 re f EMC /P <</MCID 1>> BDC 0 0 1 1 re f EMC`);
    const kept = new Map<number, Operations>();
    const { text } = textOf(doc, undefined, kept);
    expect(text[0]!.map((r) => r.str)).toEqual(['A', 'B']);
    expect(kept.size).toBe(1);
    const shared = readUaDocument(doc, { operations: kept }).pages[0]!.content;
    expect(shared).toEqual(readUaDocument(doc).pages[0]!.content);
    expect(shared.mcids).toEqual([0, 1]);
    expect([...shared.untagged]).toEqual([['Tj', 1]]);
    expect(shared.artifacts).toBe(1);
  });
});
