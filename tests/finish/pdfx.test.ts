/** PDF/X-4 by pdf-lib: colours to CMYK, and the check that fails on what is not PDF/X-4. */
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cmykContent, rgbToCmyk, toPdfX, verifyPdfX } from '../../scripts/finish/print-profile.js';

describe('colours for the press', () => {
  it('puts black and greys on the black plate alone, colours on C, M, Y with black generated', () => {
    expect(rgbToCmyk(0, 0, 0)).toEqual([0, 0, 0, 1]);
    expect(rgbToCmyk(0.5, 0.5, 0.5)).toEqual([0, 0, 0, 0.5]);
    expect(rgbToCmyk(1, 1, 1)).toEqual([0, 0, 0, 0]);
    expect(rgbToCmyk(1, 0, 0)).toEqual([0, 1, 1, 0]);
    const [c, m, y, k] = rgbToCmyk(0.1137, 0.2471, 0.4314); // the report's dark blue
    expect(k).toBeCloseTo(0.5686, 3);
    expect(c).toBeGreaterThan(m);
    expect(m).toBeGreaterThan(y);
  });

  it('rewrites fill and stroke colours of a content stream, nothing else', () => {
    expect(cmykContent('q 0 0 0 rg 1 0 0 RG BT (0 0 0 rg) Tj ET 0.5 g Q')).toBe('q 0 0 0 1 k 0 1 1 0 K BT (0 0 0 rg) Tj ET 0.5 g Q');
  });
});

describe('verifyPdfX', () => {
  async function sheet(): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 400]);
    page.drawRectangle({ x: 20, y: 20, width: 100, height: 50, color: rgb(0.2, 0.4, 0.6), opacity: 0.5 });
    page.setTrimBox(10, 10, 280, 380);
    page.setBleedBox(5, 5, 290, 390);
    return doc.save();
  }

  it('fails on a plain PDF: no version keys, no output intent, RGB colours', async () => {
    const problems = (await verifyPdfX(await sheet())).join('\n');
    expect(problems).toMatch(/GTS_PDFXVersion/);
    expect(problems).toMatch(/no output intent/);
    expect(problems).toMatch(/page 1 paints in DeviceRGB/);
  });

  it('passes once made PDF/X-4 (PDF 1.6)', async () => {
    const x = await toPdfX(await sheet(), 'Test');
    expect(await verifyPdfX(x)).toEqual([]);
    expect(Buffer.from(x.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.6');
  });
});
