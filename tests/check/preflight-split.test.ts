/**
 * The preflight split for print units: `preflightUnit` checks one unit's pages (page numbers
 * in document terms), `preflightDocument` what only the joined document shows (contents
 * numbers, outline, metadata, document-level PDF/UA). On the real report cut into units at
 * its chapters' first pages (each unit a PDF of its own, with the structure elements of its
 * pages), the units' findings and the document's together are the whole preflight's: none on
 * the good report, the same ones on a broken copy.
 */
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { preflightOptions } from '../../scripts/build.js';
import { readPdf } from '../../scripts/check/pdf-model.js';
import { preflight, preflightDocument, preflightUnit, type Finding } from '../../scripts/check/preflight.js';
import { REPORT_PDF } from '../support/paths.js';

let report: Uint8Array;
beforeAll(() => {
  report = new Uint8Array(readFileSync(REPORT_PDF));
});

const load = (b: Uint8Array) => PDFDocument.load(b, { updateMetadata: false });

/**
 * Pages `from`–`to` (1-based) as a PDF of their own, as a unit's print is: the other pages
 * gone, the structure tree pruned to the elements with content on the kept pages, the parent
 * tree to their entries, no outline.
 */
async function cut(bytes: Uint8Array, from: number, to: number): Promise<Uint8Array> {
  const doc = await load(bytes);
  const ctx = doc.context;
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const pages = doc.getPages();
  const kept = new Set(pages.slice(from - 1, to).map((p) => p.ref.toString()));
  const keys = new Set<number>();
  const annotsKept = new Set<string>();
  for (const p of pages.slice(from - 1, to)) {
    const sp = lookup(p.node.get(PDFName.of('StructParents')));
    if (sp instanceof PDFNumber) keys.add(sp.asNumber());
    const annots = lookup(p.node.get(PDFName.of('Annots')));
    for (const a of annots instanceof PDFArray ? annots.asArray() : []) {
      annotsKept.add(a.toString());
      const k = lookup((lookup(a) as PDFDict).get(PDFName.of('StructParent')));
      if (k instanceof PDFNumber) keys.add(k.asNumber());
    }
  }
  for (let i = pages.length - 1; i >= 0; i--) if (i < from - 1 || i >= to) doc.removePage(i);
  // Keep a kid when its content is on a kept page; an element when it keeps a kid.
  const prune = (obj: PDFObject | undefined, page: string | undefined): boolean => {
    const el = lookup(obj);
    if (!(el instanceof PDFDict)) return false;
    const pg = el.get(PDFName.of('Pg'));
    const here = pg ? pg.toString() : page;
    const type = String(el.get(PDFName.of('Type')));
    if (type === '/MCR') return kept.has(here ?? '');
    if (type === '/OBJR') return annotsKept.has(String(el.get(PDFName.of('Obj'))));
    const raw = el.get(PDFName.of('K'));
    const k = lookup(raw);
    const kids = k instanceof PDFArray ? k.asArray() : raw === undefined ? [] : [raw];
    const keep = kids.filter((kid) => (lookup(kid) instanceof PDFNumber ? kept.has(here ?? '') : prune(kid, here)));
    el.set(PDFName.of('K'), ctx.obj(keep));
    return keep.length > 0;
  };
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  prune(root, undefined);
  const pairs: [number, PDFObject][] = [];
  const collect = (node: PDFObject | undefined) => {
    const n = lookup(node);
    if (!(n instanceof PDFDict)) return;
    const nums = lookup(n.get(PDFName.of('Nums')));
    if (nums instanceof PDFArray) for (let i = 0; i + 1 < nums.size(); i += 2) pairs.push([(lookup(nums.get(i)) as PDFNumber).asNumber(), nums.get(i + 1)]);
    const kids = lookup(n.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) kids.asArray().forEach(collect);
  };
  collect(root.get(PDFName.of('ParentTree')));
  root.set(PDFName.of('ParentTree'), ctx.register(ctx.obj({ Nums: pairs.filter(([k]) => keys.has(k)).flatMap(([k, v]) => [PDFNumber.of(k), v]) })));
  doc.catalog.delete(PDFName.of('Outlines'));
  return doc.save();
}

/** Page ranges that start where a chapter (a top-level bookmark) starts a page, the cover and the back cover alone. */
async function unitRanges(bytes: Uint8Array): Promise<[number, number][]> {
  const model = await readPdf(bytes);
  const n = model.pageCount;
  const starts = [...new Set([1, 2, ...model.outline.filter((b) => b.depth === 0 && b.page).map((b) => b.page!), n])].filter((p) => p >= 1 && p <= n).sort((a, b) => a - b);
  return starts.map((s, i) => [s, (starts[i + 1] ?? n + 1) - 1]);
}

// An element's path counts its siblings in the tree it was read from: a unit's tree holds
// only its own elements, so the path is compared from its last step (the element itself).
const key = (f: Finding) => `${f.check}|${f.page ?? ''}|${f.message.replace(/ (?:\w+(?:\[\d+\])?\/)+(\w+\[\d+\]):/, ' …/$1:')}`;
const sorted = (fs: Finding[]) => [...new Set(fs.map(key))].sort();

/** The whole preflight, and the units' and the document's, of one PDF. */
async function both(bytes: Uint8Array) {
  const options = preflightOptions();
  const whole = preflight(await readPdf(bytes), options);
  const ranges = await unitRanges(bytes);
  const documentPages = ranges.at(-1)![1];
  const units = [];
  for (const [from, to] of ranges) units.push(await preflightUnit(await cut(bytes, from, to), { ...options, firstPage: from, documentPages }));
  const document = await preflightDocument(bytes, options);
  return { whole, units, document, ranges, split: [...units.flatMap((u) => u.findings), ...document.findings] };
}

describe('preflightUnit + preflightDocument = the whole preflight', () => {
  it('on the real report: no findings either way, and the split checked as much', async () => {
    const { whole, units, document, ranges, split } = await both(report);
    expect(ranges.length).toBeGreaterThan(4);
    expect(whole.findings).toEqual([]);
    expect(split).toEqual([]);
    expect(units.reduce((n, u) => n + u.stats.pages, 0)).toBe(whole.stats.pages);
    expect(units.reduce((n, u) => n + u.stats.footnotes, 0)).toBe(whole.stats.footnotes);
    expect(units.reduce((n, u) => n + u.stats.links, 0)).toBe(whole.stats.links);
    expect(document.stats.contentsEntries).toBe(whole.stats.contentsEntries);
    expect(document.stats.bookmarks).toBe(whole.stats.bookmarks);
  }, 300_000);

  it('on a broken copy: the same findings, on the same pages', async () => {
    const doc = await load(report);
    const pages = doc.getPages();
    // A link without its description, a note moved off its call's page, a contents number wrong.
    const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
    const annots = (i: number) => ((lookup(pages[i]!.node.get(PDFName.of('Annots'))) as PDFArray | undefined)?.asArray() ?? []).map((a) => lookup(a) as PDFDict);
    const linkPage = pages.findIndex((_, i) => i >= 20 && annots(i).some((a) => a.has(PDFName.of('Contents')))) + 1;
    annots(linkPage - 1).find((a) => a.has(PDFName.of('Contents')))!.delete(PDFName.of('Contents'));
    const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
    const retarget = (name: string, page: number) => {
      const d = lookup(dests.get(PDFName.of(name)));
      const arr = d instanceof PDFDict ? (lookup(d.get(PDFName.of('D'))) as PDFArray) : (d as PDFArray);
      arr.set(0, pages[page - 1]!.ref);
    };
    const model = await readPdf(report);
    const note = [...model.destinations.keys()].find((n) => n.startsWith('fn-'))!;
    const notePage = model.destinations.get(note)!.page;
    retarget(note, notePage + 1);
    const part = model.outline.find((b) => b.depth === 0 && (b.page ?? 0) > 5)!;
    const partDest = [...model.destinations].find(([n, d]) => d.page === part.page && model.links.some((l) => l.dest === n && l.page < 5))![0];
    retarget(partDest, part.page! + 1);
    const broken = await doc.save();
    const { whole, split } = await both(broken);
    expect(whole.findings.length).toBeGreaterThan(0);
    expect(sorted(split)).toEqual(sorted(whole.findings));
    expect(whole.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'pdf-ua', page: linkPage, message: expect.stringContaining('28-012') })]));
    expect(whole.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'footnotes', message: expect.stringContaining(`printed on page ${notePage + 1}`) })]));
    expect(whole.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'contents', message: expect.stringContaining(`entry "${partDest}"`) })]));
  }, 300_000);
});

describe('preflightDocument on what the build holds already', () => {
  it('reads the document pdf-lib holds and the contents’ text it is given, and finds what it finds in the file', async () => {
    const options = preflightOptions();
    const model = await readPdf(report);
    const fromFile = await preflightDocument(report, options);
    const held = await preflightDocument(report, options, { doc: await load(report), text: (page) => model.text[page - 1] });
    expect(held).toEqual(fromFile);
    expect(held.stats.contentsEntries).toBeGreaterThan(40);
    // The text given is the text read: a contents page whose numbers say one more is wrong.
    const plusOne = (page: number) => model.text[page - 1]!.map((t) => (/^\d+$/.test(t.str.trim()) ? { ...t, str: String(Number(t.str) + 1) } : t));
    const wrong = await preflightDocument(report, options, { doc: await load(report), text: plusOne });
    expect(wrong.findings.filter((f) => f.check === 'contents')).toHaveLength(held.stats.contentsEntries);
  }, 300_000);
});

describe('a fault in one unit, a fault of the document', () => {
  it('preflightUnit finds a fault planted in its unit, on the document’s page', async () => {
    const [from, to] = (await unitRanges(report)).find(([f, t]) => t - f >= 2)!;
    const unit = await load(await cut(report, from, to));
    // A box painted outside any tag on the unit's second page: the page number of the document.
    unit.getPage(1).drawRectangle({ x: 300, y: 400, width: 10, height: 10 });
    const found = await preflightUnit(await unit.save(), { ...preflightOptions(), firstPage: from, documentPages: 999 });
    expect(found.findings).toEqual([expect.objectContaining({ check: 'pdf-ua', page: from + 1, message: expect.stringContaining('neither tagged nor artifact') })]);
    // And the same unit untouched passes.
    expect((await preflightUnit(await cut(report, from, to), { ...preflightOptions(), firstPage: from, documentPages: 999 })).findings).toEqual([]);
  }, 300_000);

  it('preflightUnit needs the document’s page count to place a back cover given from the end', async () => {
    await expect(preflightUnit(await cut(report, 2, 3), { ...preflightOptions(), firstPage: 2 })).rejects.toThrow(/documentPages/);
  }, 60_000);

  it('preflightDocument finds a contents number that is not its part’s page', async () => {
    const doc = await load(report);
    const model = await readPdf(report);
    const part = model.outline.find((b) => b.depth === 0 && (b.page ?? 0) > 5)!;
    const name = [...model.destinations].find(([n, d]) => d.page === part.page && model.links.some((l) => l.dest === n && l.page < 5))![0];
    const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
    const d = dests.lookup(PDFName.of(name));
    const arr = d instanceof PDFDict ? d.lookup(PDFName.of('D'), PDFArray) : (d as PDFArray);
    arr.set(0, doc.getPage(part.page!).ref); // the part now "starts" a page later
    const found = await preflightDocument(await doc.save(), preflightOptions());
    expect(found.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'contents', message: `entry "${name}" says page ${part.page}, the part starts on page ${part.page! + 1}` })]));
    expect(found.findings.every((f) => f.check === 'contents')).toBe(true);
  }, 300_000);
});
