/**
 * The language of a part: an element whose HTML `lang` differs from the document's carries it
 * in the PDF's tags (Chromium writes /Lang on the element; the checker validates the tag), as
 * the English edition marks Latvian names, `<em lang="lv">`.
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkPdfUa, readUaDocument } from '../../scripts/check/pdfua/index.js';
import { makeAccessible } from '../../scripts/finish/pdfua.js';
import { launchBrowser } from '../../scripts/print/browser.js';

describe('language of parts', () => {
  it('a Latvian name in English text is an Em with /Lang lv, and the document passes PDF/UA', async () => {
    const browser = await launchBrowser();
    let bytes: Uint8Array;
    try {
      const page = await browser.newPage();
      await page.setContent(
        '<!doctype html><html lang="en"><head><title>Test</title></head><body><h1>Education boards</h1>' +
          '<p>The Education Board (<em lang="lv">Ventspils valstspilsētas Izglītības pārvalde</em>) and the <em>English</em> word.</p></body></html>',
      );
      bytes = await page.pdf({ tagged: true, format: 'A4' });
    } finally {
      await browser.close();
    }
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    doc.setTitle('Test', { showInWindowTitleBar: true });
    doc.setLanguage('en');
    makeAccessible(doc, { title: 'Test', author: 'a', subject: 's', keywords: ['k'], lang: 'en', created: new Date(0), creator: 'c', producer: 'p' }, () => undefined);
    const model = readUaDocument(await PDFDocument.load(await doc.save(), { updateMetadata: false }));
    const ems = model.elements.filter((e) => e.role === 'Em');
    expect(ems.map((e) => e.lang)).toEqual(['lv', undefined]);
    expect(checkPdfUa(model).findings).toEqual([]);
  });
});
