import { createRequire } from 'node:module';
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { flateStream, pdfLibPako, registerFlate, streamBytes, streamText } from '../../scripts/lib/pdf-stream.js';

describe('PDF streams through zlib', () => {
  it('decodes a /FlateDecode stream, and encodes one that pdf-lib decodes the same', async () => {
    const doc = await PDFDocument.create();
    const text = 'BT /F1 12 Tf (dēji \u00e6) Tj ET\n'.repeat(50);
    const made = flateStream(doc.context, text);
    expect(made.dict.get(PDFName.of('Filter'))).toBe(PDFName.of('FlateDecode'));
    expect(made.contents.length).toBeLessThan(Buffer.byteLength(text, 'latin1'));
    expect(streamText(made)).toBe(Buffer.from(text, 'latin1').toString('latin1'));
    // Saved and read back, as a unit is between its finish and its preflight.
    const ref = registerFlate(doc.context, text, { Type: 'XObject' });
    doc.catalog.set(PDFName.of('Test'), ref);
    const again = await PDFDocument.load(await doc.save());
    const stream = again.context.lookup(again.catalog.get(PDFName.of('Test')));
    expect(stream).toBeInstanceOf(PDFRawStream);
    expect(streamText(stream)).toBe(Buffer.from(text, 'latin1').toString('latin1'));
  });

  it('takes pdf-lib’s decoders for other filters, refuses a damaged stream as pdf-lib does, reads in-memory streams', async () => {
    const doc = await PDFDocument.create();
    const ascii = doc.context.stream('48656c6c6f>', { Filter: 'ASCIIHexDecode' });
    expect(streamText(ascii)).toBe('Hello');
    // A cut stream: zlib refuses it, and so does pdf-lib's decoder (an error, not half a page).
    const whole = deflateSync(Buffer.from('q 1 0 0 1 0 0 cm Q\n'.repeat(200)));
    const cut = doc.context.stream(whole.subarray(0, whole.length / 2), { Filter: 'FlateDecode' });
    expect(() => streamText(cut)).toThrow();
    const page = doc.addPage();
    page.drawText('x');
    const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
    const drawn = contents instanceof PDFArray ? contents.asArray().map((r) => streamText(doc.context.lookup(r))).join('\n') : streamText(contents);
    expect(drawn).toMatch(/Tj/);
    expect(streamBytes(undefined)).toHaveLength(0);
  });
});

describe('pdf-lib’s own deflate', () => {
  it('is zlib’s in the pako instance pdf-lib loads, and a document saved with object streams reads back', async () => {
    const fromPdfLib = createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('pako');
    expect(fromPdfLib).toBe(pdfLibPako);
    expect(pdfLibPako.__native).toBe(true);
    const packed = pdfLibPako.deflate(Buffer.from('abc'.repeat(100)));
    expect(Buffer.from(inflateSync(packed)).toString()).toBe('abc'.repeat(100));
    const doc = await PDFDocument.create();
    for (let i = 0; i < 30; i++) doc.addPage().drawText(`page ${i + 1}`);
    doc.setTitle('Object streams');
    const bytes = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/Type \/ObjStm/);
    const again = await PDFDocument.load(bytes);
    expect(again.getPageCount()).toBe(30);
    expect(again.getTitle()).toBe('Object streams');
  });
});
