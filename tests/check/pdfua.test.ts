/**
 * The PDF/UA-1 checker: both screen editions pass it, and each check fails on the report
 * edited with pdf-lib to break what the check is for (one break per test, read back with the
 * same reader as the build's preflight).
 */
import { readFileSync } from 'node:fs';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS, checkPdfUa, formatPdfUa, readUaDocument, type UaFinding } from '../../scripts/check/pdfua/index.js';
import { streamText } from '../../scripts/lib/pdf-stream.js';
import { makeAccessible } from '../../scripts/finish/pdfua.js';
import { REPORT_EN_PDF, REPORT_PDF } from '../support/paths.js';

let bytes: Uint8Array;
beforeAll(() => {
  bytes = new Uint8Array(readFileSync(REPORT_PDF));
});

const load = () => PDFDocument.load(bytes, { updateMetadata: false });
const lookup = (doc: PDFDocument, o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);

/** The structure elements in tree order, as pdf-lib dictionaries. */
function elements(doc: PDFDocument): PDFDict[] {
  const out: PDFDict[] = [];
  const walk = (o: PDFObject | undefined) => {
    const el = lookup(doc, o);
    if (el instanceof PDFArray) return el.asArray().forEach(walk);
    if (!(el instanceof PDFDict) || el.has(PDFName.of('Type')) && String(el.get(PDFName.of('Type'))) !== '/StructElem') return;
    out.push(el);
    walk(el.get(PDFName.of('K')));
  };
  walk((doc.catalog.lookup(PDFName.of('StructTreeRoot')) as PDFDict).get(PDFName.of('K')));
  return out;
}
const ofType = (doc: PDFDocument, type: string) => elements(doc).filter((e) => String(e.get(PDFName.of('S'))) === `/${type}`);

async function broken(group: keyof typeof CHECKS, edit: (doc: PDFDocument) => void): Promise<UaFinding[]> {
  const doc = await load();
  expect(CHECKS[group](readUaDocument(doc)), `the report passes the ${group} check before the edit`).toEqual([]);
  edit(doc);
  return CHECKS[group](readUaDocument(doc));
}

describe('PDF/UA-1: the screen editions pass', () => {
  for (const [lang, path] of [['lv', REPORT_PDF], ['en', REPORT_EN_PDF]] as const) {
    it(`the ${lang} report has 0 failures, with its figures, links and tables tagged`, async () => {
      const model = readUaDocument(await PDFDocument.load(readFileSync(path), { updateMetadata: false }));
      const result = checkPdfUa(model);
      expect(result.findings, formatPdfUa(result)).toEqual([]);
      // The checker saw the real thing: charts, links with all their pieces, tables, headings, artifacts.
      expect(result.stats.figures).toBeGreaterThan(0);
      expect(result.stats.linkAnnotations).toBeGreaterThanOrEqual(result.stats.links);
      expect(result.stats.tables).toBeGreaterThan(0);
      expect(result.stats.headings).toBeGreaterThan(0);
      expect(result.stats.artifacts).toBeGreaterThan(0);
    });
  }
});

describe('PDF/UA-1: each check fails on a PDF broken for it', () => {
  it('metadata: no XMP stream, no pdfuaid:part 1, no dc:title', async () => {
    expect(await broken('metadata', (doc) => doc.catalog.delete(PDFName.of('Metadata')))).toEqual([expect.objectContaining({ clause: expect.stringContaining('06-001') })]);
    const rewrite = (doc: PDFDocument, change: (xmp: string) => string) => {
      const xmp = Buffer.from(streamText(doc.catalog.lookup(PDFName.of('Metadata'))), 'latin1').toString('utf8');
      doc.catalog.set(PDFName.of('Metadata'), doc.context.register(doc.context.stream(Buffer.from(change(xmp), 'utf8'), { Type: 'Metadata', Subtype: 'XML' })));
    };
    expect(await broken('metadata', (doc) => rewrite(doc, (x) => x.replace('<pdfuaid:part>1<', '<pdfuaid:part>2<')))).toEqual([expect.objectContaining({ message: expect.stringContaining('pdfuaid:part 2, not 1') })]);
    expect(await broken('metadata', (doc) => rewrite(doc, (x) => x.replace(/<dc:title>[\s\S]*?<\/dc:title>/, '')))).toEqual([expect.objectContaining({ clause: expect.stringContaining('06-003') })]);
  });

  it('metadata: a title with markup characters is escaped in the XMP and read back as written', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const title = `</title><script src="x"> & 'q'`;
    doc.setTitle(title);
    makeAccessible(doc, { title, author: 'a', subject: 's', keywords: ['k'], lang: 'lv', created: new Date(0), creator: 'c', producer: 'p' }, () => undefined);
    expect(CHECKS.metadata(readUaDocument(doc))).toEqual([]);
    doc.setTitle('Another title');
    expect(CHECKS.metadata(readUaDocument(doc))).toEqual([expect.objectContaining({ message: expect.stringContaining(`dc:title "${title}" differs`) })]);
  });

  it('document: not marked, title not displayed', async () => {
    const f = await broken('document', (doc) => {
      (doc.catalog.lookup(PDFName.of('MarkInfo')) as PDFDict).set(PDFName.of('Marked'), PDFBool.False);
      (doc.catalog.lookup(PDFName.of('ViewerPreferences')) as PDFDict).delete(PDFName.of('DisplayDocTitle'));
    });
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('/Marked is not true'), expect.stringContaining('DisplayDocTitle is missing')]);
  });

  it('language: no /Lang; an element with a language that is no tag', async () => {
    expect(await broken('language', (doc) => doc.catalog.delete(PDFName.of('Lang')))).toEqual([expect.objectContaining({ message: 'no document language (catalog /Lang)' })]);
    const f = await broken('language', (doc) => ofType(doc, 'P')[3]!.set(PDFName.of('Lang'), PDFString.of('lv latvian')));
    expect(f).toEqual([expect.objectContaining({ element: expect.stringMatching(/\/P\[\d+\]$/), message: expect.stringContaining('"lv latvian" is not a language tag') })]);
  });

  it('content: text drawn outside the tags and artifacts is found on its page', async () => {
    const f = await broken('content', (doc) => {
      const page = doc.getPage(9);
      page.drawText('untagged', { x: 100, y: 100, size: 10 });
    });
    expect(f).toEqual([expect.objectContaining({ page: 10, clause: expect.stringContaining('01-005'), message: expect.stringMatching(/neither tagged nor artifact \(1 text\)/) })]);
  });

  it('content: marked content that no structure element owns', async () => {
    const f = await broken('content', (doc) => {
      const page = doc.getPage(4);
      page.node.addContentStream(doc.context.register(doc.context.stream('/P <</MCID 9999>> BDC EMC')));
    });
    expect(f).toEqual([expect.objectContaining({ page: 5, message: expect.stringContaining('MCID 9999') })]);
  });

  it('structure: a type that is neither standard nor role-mapped', async () => {
    const f = await broken('structure', (doc) => ofType(doc, 'Caption')[0]!.set(PDFName.of('S'), PDFName.of('ChartCaption')));
    expect(f).toEqual([expect.objectContaining({ clause: expect.stringContaining('02-001'), message: expect.stringContaining('ChartCaption') })]);
  });

  it('figures: a Figure without alternative text is named with its place', async () => {
    const f = await broken('figures', (doc) => ofType(doc, 'Figure')[2]!.delete(PDFName.of('Alt')));
    expect(f).toEqual([expect.objectContaining({ clause: expect.stringContaining('13-004'), element: expect.stringMatching(/Figure\[\d+\]$/), page: expect.any(Number) })]);
  });

  it('annotations: a link without /Contents, a link outside a Link element, a page without /Tabs /S', async () => {
    const firstLink = (doc: PDFDocument) => {
      for (const [i, p] of doc.getPages().entries()) {
        const annots = p.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
        if (annots?.size()) return { page: i + 1, pageDict: p.node, annot: lookup(doc, annots.get(0)) as PDFDict };
      }
      throw new Error('no link');
    };
    let page = 0;
    const noContents = await broken('annotations', (doc) => {
      const l = firstLink(doc);
      page = l.page;
      l.annot.delete(PDFName.of('Contents'));
    });
    expect(noContents).toEqual([expect.objectContaining({ page, clause: expect.stringContaining('28-012') })]);
    const notInLink = await broken('annotations', (doc) => {
      for (const link of ofType(doc, 'Link')) link.set(PDFName.of('S'), PDFName.of('Span'));
    });
    expect(notInLink.length).toBeGreaterThan(0);
    expect(notInLink.every((f) => f.clause.includes('28-011'))).toBe(true);
    const tabs = await broken('annotations', (doc) => firstLink(doc).pageDict.set(PDFName.of('Tabs'), PDFName.of('R')));
    expect(tabs).toEqual([expect.objectContaining({ page, message: expect.stringContaining('/Tabs is /R') })]);
    const orphan = await broken('annotations', (doc) => {
      const { annot } = firstLink(doc);
      const key = (annot.get(PDFName.of('StructParent')) as PDFNumber).asNumber();
      annot.set(PDFName.of('StructParent'), PDFNumber.of(key + 100000));
    });
    expect(orphan).toEqual([expect.objectContaining({ clause: expect.stringContaining('28-002') })]);
  });

  it('headings: a skipped level; a first heading that is not H1', async () => {
    const skipped = await broken('headings', (doc) => ofType(doc, 'H2')[0]!.set(PDFName.of('S'), PDFName.of('H4')));
    expect(skipped).toEqual([expect.objectContaining({ clause: expect.stringContaining('14-003'), message: 'H4 follows H1: a heading level is skipped' })]);
    const first = await broken('headings', (doc) => ofType(doc, 'H1')[0]!.set(PDFName.of('S'), PDFName.of('H2')));
    expect(first[0]).toEqual(expect.objectContaining({ clause: expect.stringContaining('14-002') }));
  });

  it('tables: a header cell without a scope; a paragraph where a row belongs', async () => {
    // The abbreviations' row headers: no TD names them in its Headers, so the Scope is all they have.
    const scope = await broken('tables', (doc) => ofType(doc, 'TH').find((th) => !th.has(PDFName.of('ID')))!.delete(PDFName.of('A')));
    expect(scope).toEqual([expect.objectContaining({ clause: expect.stringContaining('15-003'), element: expect.stringMatching(/TH\[\d+\]$/) })]);
    const row = await broken('tables', (doc) => ofType(doc, 'TR')[0]!.set(PDFName.of('S'), PDFName.of('P')));
    expect(row.map((f) => f.message)).toContainEqual(expect.stringContaining('P directly inside a Table'));
  });

  it('fonts: a font not embedded, a font without ToUnicode', async () => {
    const f = await broken('fonts', (doc) => {
      const font = elementsOfFont(doc);
      font.delete(PDFName.of('ToUnicode'));
      const descendant = lookup(doc, (lookup(doc, font.get(PDFName.of('DescendantFonts'))) as PDFArray).get(0)) as PDFDict;
      (lookup(doc, descendant.get(PDFName.of('FontDescriptor'))) as PDFDict).delete(PDFName.of('FontFile2'));
    });
    expect(f.map((x) => x.clause)).toEqual([expect.stringContaining('31-009'), expect.stringContaining('31-027')]);
  });
});

/** The first Type0 font of the first page with text. */
function elementsOfFont(doc: PDFDocument): PDFDict {
  for (const p of doc.getPages()) {
    const fonts = lookup(doc, (lookup(doc, p.node.get(PDFName.of('Resources'))) as PDFDict).get(PDFName.of('Font')));
    if (!(fonts instanceof PDFDict)) continue;
    for (const [, ref] of fonts.entries()) {
      const f = lookup(doc, ref) as PDFDict;
      if (String(f.get(PDFName.of('Subtype'))) === '/Type0') return f;
    }
  }
  throw new Error('no Type0 font');
}
