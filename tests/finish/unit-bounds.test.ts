/**
 * Cutting a print batch into its units (scripts/finish/unit-bounds.ts), on a two-page PDF made
 * with pdf-lib as Chromium writes one: part A on page 1; part B on page 2, with the empty
 * sequence Chromium opens for B's first box at the foot of page 1. Cut as two units of a page
 * each: the sequence is an artifact, B's element and the parent tree no longer reach page 1,
 * and the join takes each unit as a slice. One that paints is refused.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNull, PDFNumber } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { separateUnits } from '../../scripts/finish/unit-bounds.js';
import { joinUnits } from '../../scripts/finish/join.js';
import { registerFlate, streamText } from '../../scripts/lib/pdf-stream.js';
import { unitsOf } from '../../scripts/print/units.js';
import { readUaDocument } from '../../scripts/check/pdfua/index.js';

const EMPTY = 'BT\nET\n';
const TEXT = 'BT /F1 12 Tf 72 700 Td (B) Tj ET\n';

/** Page 1: A's text (MCID 0), then B's first sequence (MCID 1: `leak`); page 2: B's text (MCID 0). */
async function batch(leak = EMPTY): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const font = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' }));
  const [p1, p2] = [doc.addPage([200, 200]), doc.addPage([200, 200])];
  for (const p of [p1, p2]) p.node.set(PDFName.of('Resources'), ctx.obj({ Font: { F1: font } }));
  p1.node.set(PDFName.of('Contents'), registerFlate(ctx, `/P <</MCID 0 >>BDC\nBT /F1 12 Tf 72 700 Td (A) Tj ET\nEMC\n/NonStruct <</MCID 1 >>BDC\n${leak}EMC\n`));
  p2.node.set(PDFName.of('Contents'), registerFlate(ctx, `/P <</MCID 0 >>BDC\n${TEXT}EMC\n`));
  const [root, document, a, b, bHead] = [ctx.nextRef(), ctx.nextRef(), ctx.nextRef(), ctx.nextRef(), ctx.nextRef()];
  ctx.assign(a, ctx.obj({ Type: 'StructElem', S: 'P', P: document, Pg: p1.ref, K: 0 }));
  // B: its heading's first sequence on page 1, its text on page 2.
  ctx.assign(bHead, ctx.obj({ Type: 'StructElem', S: 'NonStruct', P: b, Pg: p1.ref, K: 1 }));
  ctx.assign(b, ctx.obj({ Type: 'StructElem', S: 'Sect', P: document, K: [bHead, { Type: 'MCR', Pg: p2.ref, MCID: 0 }] }));
  ctx.assign(document, ctx.obj({ Type: 'StructElem', S: 'Document', P: root, K: [a, b] }));
  ctx.assign(root, ctx.obj({ Type: 'StructTreeRoot', K: [document], ParentTree: { Nums: [0, [a, bHead], 1, [b]] }, ParentTreeNextKey: 2 }));
  p1.node.set(PDFName.of('StructParents'), ctx.obj(0));
  p2.node.set(PDFName.of('StructParents'), ctx.obj(1));
  doc.catalog.set(PDFName.of('StructTreeRoot'), root);
  return doc.save({ useObjectStreams: false });
}

const plans = [
  { id: 'a', parts: ['a'], firstPage: 1, pageCount: 1, owns: [], key: 'a' },
  { id: 'b', parts: ['b'], firstPage: 2, pageCount: 1, owns: [], key: 'b' },
];

describe('cutting a print batch into its units', () => {
  it('makes the sequence of the next unit\'s part an artifact and takes its MCID out of the tree', async () => {
    const doc = await PDFDocument.load(await batch());
    expect(separateUnits(doc, [1, 1])).toBe(1);
    const [p1] = doc.getPages();
    const content = streamText(doc.context.lookup(p1!.node.get(PDFName.of('Contents'))));
    expect(content).toContain('/Artifact BMC');
    expect(content).not.toMatch(/\/MCID 1\b/);
    expect(content).toMatch(/\/MCID 0\b/); // A's own
    const root = doc.context.lookup(doc.catalog.get(PDFName.of('StructTreeRoot'))) as PDFDict;
    const nums = (doc.context.lookup(root.get(PDFName.of('ParentTree'))) as PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    expect((doc.context.lookup(nums.get(1)) as PDFArray).get(1)).toBe(PDFNull);
    // B's elements reach page 2 only.
    const m = readUaDocument(doc);
    expect(m.elements.filter((e) => e.mcids.length).map((e) => `${e.role} ${e.mcids.map((c) => `${c.page}:${c.mcid}`).join(' ')}`)).toEqual(['P 1:0', 'Sect 2:0']);
  });

  it('leaves a batch of one unit, and a print without the crossing, alone', async () => {
    const one = await PDFDocument.load(await batch());
    expect(separateUnits(one, [2])).toBe(0);
    const cut = await PDFDocument.load(await batch());
    separateUnits(cut, [1, 1]);
    expect(separateUnits(cut, [1, 1])).toBe(0);
  });

  it('refuses a crossing sequence that paints', async () => {
    const doc = await PDFDocument.load(await batch(TEXT));
    expect(() => separateUnits(doc, [1, 1])).toThrow(/page 1: the marked content 1 of a part printed on the next unit's pages paints on this page/);
  });

  it('the join refuses the uncut batch and joins the cut one as slices', async () => {
    const raw = await batch();
    await expect(joinUnits(unitsOf({ units: plans, pdf: raw, firstPage: 1, pageCount: 2 }))).rejects.toThrow(/unit b: a structure element of its pages \(2–2\) has content on page 1, a page of the unit printed before it/);
    const doc = await PDFDocument.load(raw);
    separateUnits(doc, [1, 1]);
    const joined = await PDFDocument.load(await joinUnits(unitsOf({ units: plans, pdf: await doc.save(), firstPage: 1, pageCount: 2 })));
    expect(joined.getPageCount()).toBe(2);
    const m = readUaDocument(joined);
    expect(m.elements.filter((e) => e.mcids.length).map((e) => `${e.role} ${e.mcids.map((c) => `${c.page}:${c.mcid}`).join(' ')}`)).toEqual(['P 1:0', 'Sect 2:0']);
    expect(m.elements.filter((e) => e.role === 'Document')).toHaveLength(1);
    const sp = (i: number) => (joined.getPages()[i]!.node.get(PDFName.of('StructParents')) as PDFNumber).asNumber();
    expect(sp(0)).not.toBe(sp(1));
  });
});
