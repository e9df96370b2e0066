/**
 * The finish split for print units: `finishUnit` (pages, annotations, structure elements) and
 * `finishDocument` (catalog, information, XMP, outline) touch disjoint parts of the file, so
 * their order does not matter and a unit finished alone can be joined: checked on a Chromium
 * print with what both kinds of work act on (soft hyphens, untagged page furniture, links to
 * a note, a part and an address, a chart figure, a table without header cells).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageTexts } from '../../scripts/check/pdf-model.js';
import { checkPdfUa, readUaDocument } from '../../scripts/check/pdfua/index.js';
import { streamText } from '../../scripts/lib/pdf-stream.js';
import { bookmarkLabels, finishDocument, finishPdf, finishUnit, type Bookmark } from '../../scripts/finish/pdf.js';
import { launchBrowser } from '../../scripts/print/browser.js';

const HTML = `<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>T</title><style>
@page { size: A4; margin: 20mm; @bottom-center { content: counter(page); } }
.part { break-before: page; } </style></head><body>
<section class="part" id="alpha"><h1>Pirmā daļa</h1>
<p>Pieaugušo izglī&shy;tības koordi&shy;natori pašvaldībās<a href="#fn-1">1</a> un <a href="#beta">otrā daļa</a>, <a href="https://example.org/a%C4%93">adrese</a>.</p>
<figure><svg role="img" aria-label="Dalībnieku skaits pa gadiem" width="200" height="80"><rect width="120" height="40" fill="#246"></rect></svg>
<figcaption>1. diagramma. Dalībnieki</figcaption></figure>
<table><thead><tr><th></th><th></th></tr></thead><tbody><tr><td>ES</td><td>Eiropas Savienība</td></tr><tr><td>IZM</td><td>Izglītības un zinātnes ministrija</td></tr></tbody></table>
<hr><p id="fn-1">1 Piezīmes teksts.</p></section>
<section class="part" id="beta"><h1>Otrā daļa</h1><p>Teksts ar <a href="#alpha">saiti atpakaļ</a>.</p></section>
</body></html>`;

const meta = { title: 'Tests', author: 'Autors', subject: 'Temats', keywords: ['a', 'b'], lang: 'lv', created: new Date(Date.UTC(2025, 0, 2)) };
const bookmarks: Bookmark[] = [{ title: 'Pirmā daļa', dest: 'alpha' }, { title: 'Otrā daļa', dest: 'beta' }];

let raw: Uint8Array;
beforeAll(async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent(HTML);
    raw = await page.pdf({ tagged: true, preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}, 60_000);

const load = (b: Uint8Array) => PDFDocument.load(b, { updateMetadata: false });

/** Everything a reader sees, without object numbers: tags, marked content, annotations, text, catalog and information. */
async function seen(bytes: Uint8Array) {
  const doc = await load(bytes);
  const ua = readUaDocument(doc);
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const catalog = Object.fromEntries(
    doc.catalog.entries().map(([k, v]) => {
      const value = lookup(v);
      return [k.decodeText(), value instanceof PDFDict || value instanceof PDFArray ? value.constructor.name : String(value)];
    }),
  );
  const info = lookup(doc.context.trailerInfo.Info) as PDFDict | undefined;
  return {
    catalog,
    info: info ? Object.fromEntries(info.entries().map(([k, v]) => [k.decodeText(), String(lookup(v))])) : {},
    xmp: ua.xmp,
    outline: outlineOf(doc),
    elements: ua.elements.map(({ ref: _ref, objrs, ...e }) => ({ ...e, objrs: objrs.length })),
    pages: ua.pages,
    annotations: ua.annotations.map(({ ref: _ref, ...a }) => a),
    text: (await pageTexts(bytes)).text,
  };
}

/** The outline's entries in order: title and destination. */
function outlineOf(doc: PDFDocument): string[] {
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const out: string[] = [];
  const walk = (first: PDFObject | undefined) => {
    for (let item = lookup(first); item instanceof PDFDict; item = lookup(item.get(PDFName.of('Next')))) {
      out.push(`${String(item.get(PDFName.of('Title')))} → ${String(item.get(PDFName.of('Dest')))}`);
      walk(item.get(PDFName.of('First')));
    }
  };
  const root = lookup(doc.catalog.get(PDFName.of('Outlines')));
  if (root instanceof PDFDict) walk(root.get(PDFName.of('First')));
  return out;
}

/** Each page's content (decoded) and its annotations' entries: what finishDocument must not touch. */
async function pageParts(bytes: Uint8Array) {
  const doc = await load(bytes);
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  return doc.getPages().map((p) => {
    const c = lookup(p.node.get(PDFName.of('Contents')));
    const annots = lookup(p.node.get(PDFName.of('Annots')));
    return {
      content: (c instanceof PDFArray ? c.asArray() : [c]).map((s) => streamText(lookup(s))).join('\n'),
      annots: (annots instanceof PDFArray ? annots.asArray() : []).map((a) => (lookup(a) as PDFDict).entries().map(([k, v]) => `${k.decodeText()}=${k.decodeText() === 'P' ? '' : String(lookup(v))}`)),
    };
  });
}

describe('finishUnit and finishDocument', () => {
  it('in either order give the same structure, text, annotations and metadata, and pass PDF/UA', async () => {
    const unitOptions = { lang: 'lv', linkLabel: bookmarkLabels(bookmarks) };
    const unitFirst = await finishDocument(await finishUnit(raw, unitOptions), meta, bookmarks);
    const documentFirst = await finishUnit(await finishDocument(raw, meta, bookmarks), unitOptions);
    const [a, b] = await Promise.all([seen(unitFirst), seen(documentFirst)]);
    expect(a).toEqual(b);
    expect(a.outline).toHaveLength(2);
    expect(await seen(await finishPdf(raw, meta, bookmarks))).toEqual(a);
    const result = checkPdfUa(readUaDocument(await load(unitFirst)));
    expect(result.findings).toEqual([]);
    // It did the work: the fixture had something to repair of each kind.
    const softHyphen = (parts: { content: string }[]) => parts.some((p) => /\/ActualText <feff[0-9a-f]*00ad/i.test(p.content));
    expect(softHyphen(await pageParts(raw))).toBe(true);
    expect(softHyphen(await pageParts(unitFirst))).toBe(false);
    expect(a.annotations.map((x) => x.contents)).toEqual(expect.arrayContaining(['1. piezīme', 'Otrā daļa', 'Pirmā daļa', 'https://example.org/aē']));
    expect(a.elements.filter((e) => e.role === 'TH').length).toBeGreaterThan(0);
    expect(result.stats.artifacts).toBeGreaterThan(0);
  }, 60_000);

  it('finishUnit writes nothing of the document: catalog, information and trailer as Chromium left them', async () => {
    const [before, after] = await Promise.all([seen(raw), seen(await finishUnit(raw, { lang: 'lv', linkLabel: () => undefined }))]);
    expect(after.catalog).toEqual(before.catalog);
    expect(after.info).toEqual(before.info);
    expect(after.xmp).toBe(before.xmp);
    // …and is what the pages needed: the untagged page numbers are artifacts now.
    expect(before.pages.some((p) => p.content.untagged.size)).toBe(true);
    expect(after.pages.every((p) => p.content.untagged.size === 0)).toBe(true);
  }, 60_000);

  it('finishDocument does no page work: every page’s content and annotations stay as they were', async () => {
    const unit = await finishUnit(raw, { lang: 'lv', linkLabel: bookmarkLabels(bookmarks) });
    const finished = await finishDocument(unit, meta, bookmarks);
    expect(await pageParts(finished)).toEqual(await pageParts(unit));
    const doc = await load(finished);
    expect(doc.getTitle()).toBe('Tests');
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(lv)');
    expect(String(doc.catalog.get(PDFName.of('PageMode')))).toBe('/UseOutlines');
  }, 60_000);

  it('a unit names the pages of the document, and a link to a stand-in target is named by its label only', async () => {
    // The second part as a unit starting on page 7: its link back to "alpha" (not its own) has no page of its own to name.
    const unit = await finishUnit(raw, { lang: 'lv', linkLabel: () => undefined, firstPage: 7, owns: ['beta'] });
    const links = readUaDocument(await load(unit)).annotations.filter((x) => x.subtype === 'Link');
    expect(links.map((l) => l.contents)).toEqual(expect.arrayContaining(['1. piezīme', '8. lappuse']));
    const owning = await finishUnit(raw, { lang: 'lv', linkLabel: () => undefined, firstPage: 7 });
    expect(readUaDocument(await load(owning)).annotations.map((x) => x.contents)).toContain('7. lappuse');
    expect(links.filter((l) => !l.uri && l.contents === undefined)).toHaveLength(1);
  }, 60_000);
});
