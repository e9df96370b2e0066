/**
 * Joining print units: a small document (contents, a part with a section running on under a
 * rule, a second part) printed whole by Chromium and per unit the way the print stage does it
 * (the other parts hidden, the first page number set by `counter-reset: page`, zero-size
 * stand-ins for the anchors of other units), the units joined: the same pages, text, named
 * destinations, links, tags and PDF/UA findings as the whole print. And the whole print as one
 * batch of the three, cut apart and joined as slices.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdfUa, readUa, readUaDocument, type UaModel } from '../../scripts/check/pdfua/index.js';
import { joinUnits } from '../../scripts/finish/join.js';
import { finishPdf } from '../../scripts/finish/pdf.js';
import { launchBrowser } from '../../scripts/print/browser.js';
import { unitsOf, type PrintedUnit } from '../../scripts/print/units.js';
import { separateUnits } from '../../scripts/finish/unit-bounds.js';
import { pageTexts } from '../support/pdf.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'join.html');
const UNITS = [
  { id: 'contents', parts: ['contents'] },
  { id: 'part-a', parts: ['part-a', 'part-a2'] },
  { id: 'part-b', parts: ['part-b'] },
];
const PRINT = { tagged: true, preferCSSPageSize: true, printBackground: true, outline: false } as const;

let browser: Browser;
let page: Page;
let whole: Uint8Array;
let units: PrintedUnit[];
let tmp: string;

/** Prints one unit as the print stage does; the document is restored afterwards. */
async function printUnit(page: Page, parts: string[], firstPage: number, tagged = true): Promise<{ pdf: Uint8Array; owns: string[] }> {
  const owns = await page.evaluate((parts: string[], first: number) => {
    const inUnit = (el: Element) => parts.includes(el.closest('body > [id]')?.id ?? '');
    const all = [...document.body.children] as HTMLElement[];
    const owned = all.filter(inUnit).flatMap((p) => [p, ...p.querySelectorAll('[id]')].map((e) => e.id));
    const undo: (() => void)[] = [];
    for (const p of all.filter((p) => !inUnit(p))) {
      p.style.display = 'none';
      undo.push(() => (p.style.display = ''));
    }
    const style = document.createElement('style');
    style.textContent = `html { counter-reset: page ${first - 1} }`;
    document.head.append(style);
    undo.push(() => style.remove());
    const host = document.getElementById(parts[0]!)!;
    const linked = new Set([...document.querySelectorAll('a[href^="#"]')].filter(inUnit).map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1))));
    for (const id of linked) {
      const real = document.getElementById(id);
      if (!real || inUnit(real)) continue;
      real.removeAttribute('id');
      const standIn = document.createElement('span');
      standIn.id = id;
      host.prepend(standIn);
      undo.push(() => {
        standIn.remove();
        real.id = id;
      });
    }
    (globalThis as unknown as { __undo: (() => void)[] }).__undo = undo;
    return owned;
  }, parts, firstPage);
  try {
    return { pdf: await page.pdf({ ...PRINT, tagged }), owns };
  } finally {
    await page.evaluate(() => (globalThis as unknown as { __undo: (() => void)[] }).__undo.reverse().forEach((f) => f()));
  }
}

async function printUnits(page: Page): Promise<PrintedUnit[]> {
  const out: PrintedUnit[] = [];
  let firstPage = 1;
  for (const u of UNITS) {
    const { pdf, owns } = await printUnit(page, u.parts, firstPage);
    const pageCount = (await PDFDocument.load(pdf)).getPageCount();
    out.push({ ...u, firstPage, pageCount, owns, key: u.id, pdf });
    firstPage += pageCount;
  }
  return out;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'join-test-'));
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(pathToFileURL(FIXTURE).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  whole = await page.pdf(PRINT);
  units = await printUnits(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** name → page number (1-based), from the catalog's /Dests. */
function destinations(doc: PDFDocument): Map<string, number> {
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const out = new Map<string, number>();
  for (const [name, value] of dests?.entries() ?? []) {
    const d = doc.context.lookup(value);
    const arr = d instanceof PDFDict ? doc.context.lookup(d.get(PDFName.of('D'))) : d;
    if (arr instanceof PDFArray) out.set(name.decodeText(), pageOf.get(String(arr.get(0))) ?? -1);
  }
  return out;
}

/** Every link annotation: its page, and the page its destination is on or the address it opens. */
function links(doc: PDFDocument): string[] {
  const dests = destinations(doc);
  const str = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
  return doc.getPages().flatMap((p, i) => {
    const annots = doc.context.lookup(p.node.get(PDFName.of('Annots')));
    return (annots instanceof PDFArray ? annots.asArray() : []).map((ref) => {
      const a = doc.context.lookup(ref) as PDFDict;
      const action = doc.context.lookup(a.get(PDFName.of('A')));
      const uri = action instanceof PDFDict ? str(doc.context.lookup(action.get(PDFName.of('URI')))) : undefined;
      const dest = str(doc.context.lookup(a.get(PDFName.of('Dest'))));
      return `page ${i + 1} → ${uri ?? `page ${dest === undefined ? '?' : dests.get(dest) ?? `unresolved ${dest}`}`}`;
    });
  });
}

/** The tag tree as element types in document order, each with its page, language and alt text. */
const tags = (m: UaModel) => m.elements.map((e) => `${e.path}@${e.page}${e.lang ? ` lang=${e.lang}` : ''}${e.alt ? ` alt=${e.alt}` : ''}`);

/** Every MCID on every page that does not lead, through the parent tree, to an element that holds it. */
function unreachable(m: UaModel): string[] {
  const lost: string[] = [];
  for (const p of m.pages) {
    const row = p.structParents === undefined ? undefined : m.parentTree.get(p.structParents);
    for (const mcid of p.content.mcids) {
      const el = Array.isArray(row) ? row[mcid] : undefined;
      if (el === undefined || !m.elements[el]!.mcids.some((c) => c.page === p.number && c.mcid === mcid)) lost.push(`page ${p.number} MCID ${mcid}`);
    }
  }
  return lost;
}

const META = { title: 'Join fixture', author: 'Test', subject: 'Joining units', keywords: ['join'], lang: 'lv', created: new Date(0) };
const BOOKMARKS = [{ title: 'Pirmā daļa', dest: 'part-a' }, { title: 'Otrā daļa', dest: 'part-b' }];

describe('joining print units', () => {
  it('prints the fixture as three units, whose stand-ins make Chromium write the links across units', async () => {
    expect(units.map((u) => [u.id, u.firstPage])).toEqual([['contents', 1], ['part-a', 2], ['part-b', 2 + units[1]!.pageCount]]);
    expect(units[1]!.pageCount).toBeGreaterThan(1); // the part runs over a page
    // The contents unit holds destinations of the other units (on its own page, the stand-ins)
    // and a link to each; the join drops those destinations for the owners'.
    const contents = await PDFDocument.load(units[0]!.pdf);
    expect([...destinations(contents)].filter(([name]) => !units[0]!.owns.includes(name)).sort()).toEqual(['part-a', 'part-a2', 'fig-1', 'part-b', 'tab-1'].map((n) => [n, 1]).sort());
    expect(links(contents)).toHaveLength(5);
  });

  it('equals the whole print: pages, text per page, destinations, links, tags, MCIDs', async () => {
    const warnings: string[] = [];
    const joined = await joinUnits(units, { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    const [w, j] = await Promise.all([PDFDocument.load(whole), PDFDocument.load(joined)]);
    expect(j.getPageCount()).toBe(w.getPageCount());

    writeFileSync(join(tmp, 'whole.pdf'), whole);
    writeFileSync(join(tmp, 'joined.pdf'), joined);
    const texts = pageTexts(join(tmp, 'whole.pdf'));
    expect(texts.some((t) => /^\s*3\s*$/m.test(t))).toBe(true); // the page numbers are printed
    expect(pageTexts(join(tmp, 'joined.pdf'))).toEqual(texts);

    const dests = destinations(w);
    expect(dests.size).toBeGreaterThan(5);
    expect(destinations(j)).toEqual(dests);
    const wholeLinks = links(w);
    expect(wholeLinks.filter((l) => /→ page \d/.test(l)).length).toBeGreaterThan(8);
    expect(links(j)).toEqual(wholeLinks);

    const [mw, mj] = [readUaDocument(w), readUaDocument(j)];
    expect(tags(mj)).toEqual(tags(mw));
    expect(mj.elements.filter((e) => e.type === 'Document')).toHaveLength(1);
    expect(tags(mj).some((t) => / lang=en/.test(t)) && tags(mj).some((t) => / alt=Stabiņu/.test(t))).toBe(true);
    expect(mj.elements.some((e) => e.type === 'Table')).toBe(true);
    expect(mj.pages.every((p) => p.content.mcids.length > 0)).toBe(true);
    expect(unreachable(mj)).toEqual([]);
    expect(mj.lang).toBe('lv');
    expect(mj.marked).toBe(true);
    expect(mj.displayDocTitle).toBe(true);
    // Each annotation leads back to its Link element through the parent tree.
    const objOwner = new Map(mj.elements.flatMap((e) => e.objrs.map((r) => [r, e.index] as const)));
    for (const a of mj.annotations) expect(mj.parentTree.get(a.structParent!)).toBe(objOwner.get(a.ref));
    // Different font subsets have different tags in one file.
    expect(new Set(mj.fonts.map((f) => f.name)).size).toBe(mj.fonts.length);
    // One numbering from 1.
    expect(String(j.catalog.get(PDFName.of('PageLabels')) && j.context.lookup(j.catalog.get(PDFName.of('PageLabels'))))).toMatch(/\/Nums \[ 0 <<\s*\/S \/D\s*>> \]/);
  });

  it('passes the PDF/UA checker after the finish stage, as the whole print does', async () => {
    const joined = await joinUnits(units);
    const [fw, fj] = await Promise.all([finishPdf(whole, META, BOOKMARKS), finishPdf(joined, META, BOOKMARKS)]);
    const [rw, rj] = [checkPdfUa(await readUa(fw)), checkPdfUa(await readUa(fj))];
    expect(rj.findings).toEqual(rw.findings);
    expect(rj.findings).toEqual([]);
    expect(rj.stats).toEqual(rw.stats);
  });

  it('joins the slices of one print of all the units, alone or beside a unit printed again', async () => {
    // The whole print as the batch of all three units (unit-bounds.ts has its own test).
    const counts = units.map((u) => u.pageCount);
    const doc = await PDFDocument.load(whole);
    separateUnits(doc, counts);
    const slices = unitsOf({ units, pdf: await doc.save(), firstPage: 1, pageCount: counts.reduce((a, b) => a + b, 0) });
    expect(slices.map((u) => u.from)).toEqual([0, counts[0], counts[0]! + counts[1]!]);
    const reference = await PDFDocument.load(await joinUnits(units));
    writeFileSync(join(tmp, 'whole.pdf'), whole);
    // A correction: the middle unit printed again on its own, the others slices of the batch.
    for (const set of [slices, [slices[0]!, units[1]!, slices[2]!]]) {
      const warnings: string[] = [];
      const j = await PDFDocument.load(await joinUnits(set, { warn: (m) => warnings.push(m) }));
      expect(warnings).toEqual([]);
      expect(j.getPageCount()).toBe(reference.getPageCount());
      // No page of a print beyond the slices' (a slice's tags never drag another page along).
      const pageObjects = j.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type'))?.toString() === '/Page');
      expect(pageObjects).toHaveLength(j.getPageCount());
      writeFileSync(join(tmp, 'slices.pdf'), await j.save());
      expect(pageTexts(join(tmp, 'slices.pdf'))).toEqual(pageTexts(join(tmp, 'whole.pdf')));
      expect(destinations(j)).toEqual(destinations(reference));
      expect(links(j)).toEqual(links(reference));
      const m = readUaDocument(j);
      expect(tags(m)).toEqual(tags(readUaDocument(reference)));
      expect(unreachable(m)).toEqual([]);
    }
  });

  it('says which unit has no structure tree', async () => {
    const untagged = await printUnit(page, ['part-b'], units[2]!.firstPage, false);
    const broken = units.map((u) => (u.id === 'part-b' ? { ...u, pdf: untagged.pdf } : u));
    await expect(joinUnits(broken)).rejects.toThrow(/unit part-b \(pages \d+–\d+\) has no structure tree \(StructTreeRoot\)/);
  });

  it('refuses units out of order, and a page count the plan does not expect', async () => {
    await expect(joinUnits([units[0]!, units[2]!])).rejects.toThrow(/unit part-b starts at page \d+, but the units before it end at page 1/);
    await expect(joinUnits(units.map((u, i) => (i === 1 ? { ...u, pageCount: u.pageCount + 1 } : u)))).rejects.toThrow(/unit part-a printed \d+ page\(s\), its layout plan says/);
  });

  it('keeps the first of a destination no unit owns, and says so', async () => {
    const warnings: string[] = [];
    const joined = await PDFDocument.load(await joinUnits(units.map((u) => (u.id === 'part-b' ? { ...u, owns: u.owns.filter((n) => n !== 'tab-1') } : u)), { warn: (m) => warnings.push(m) }));
    expect(warnings).toEqual([expect.stringMatching(/"tab-1" is owned by no unit/)]);
    // The first unit that has it: the contents, whose stand-in is on its first page.
    expect(destinations(joined).get('tab-1')).toBe(units[0]!.firstPage);
  });

  it('renames an ID another unit already uses (units printed from different loads)', async () => {
    // The same unit twice: every ID of the second collides with the first's.
    const b = units[2]!;
    const twice = [units[0]!, units[1]!, b, { ...b, id: 'part-b-again', firstPage: b.firstPage + b.pageCount, owns: [] }];
    const doc = await PDFDocument.load(await joinUnits(twice, { warn: () => {} }));
    const root = doc.context.lookup(doc.catalog.get(PDFName.of('StructTreeRoot'))) as PDFDict;
    const names = (doc.context.lookup(root.get(PDFName.of('IDTree'))) as PDFDict).lookup(PDFName.of('Names'), PDFArray).asArray();
    const tree = new Map<string, string | undefined>();
    for (let k = 0; k < names.length; k += 2) {
      const el = doc.context.lookup(names[k + 1]) as PDFDict;
      tree.set((names[k] as PDFString).decodeText(), (doc.context.lookup(el.get(PDFName.of('ID'))) as PDFString | undefined)?.decodeText());
    }
    const one = readUaDocument(await PDFDocument.load(b.pdf)).elements.filter((e) => e.id !== undefined).length;
    expect(one).toBeGreaterThan(0); // Chromium gives table header cells an ID
    expect(tree.size).toBe(2 * one);
    for (const [key, id] of tree) expect(id).toBe(key);
    const model = readUaDocument(doc);
    for (const e of model.elements) {
      for (const h of (e.attributes.Table?.Headers ?? '').match(/\(([^)]*)\)/g) ?? []) expect(tree.has(h.slice(1, -1))).toBe(true);
    }
    expect(unreachable(model)).toEqual([]);
  });

  it('renames the IDs a table cell\'s /Headers name with the ID, and keeps a unit\'s own language (units made with pdf-lib)', async () => {
    const unit = async (id: string, firstPage: number, lang = 'lv'): Promise<PrintedUnit> => {
      const doc = await PDFDocument.create();
      const page = doc.addPage();
      const ctx = doc.context;
      const [root, document, table, th, td] = [ctx.nextRef(), ctx.nextRef(), ctx.nextRef(), ctx.nextRef(), ctx.nextRef()];
      ctx.assign(th, ctx.obj({ Type: 'StructElem', S: 'TH', P: table, ID: PDFString.of('h1'), Pg: page.ref, K: 0 }));
      ctx.assign(td, ctx.obj({ Type: 'StructElem', S: 'TD', P: table, Pg: page.ref, K: 1, A: { O: 'Table', Headers: [PDFString.of('h1')] } }));
      ctx.assign(table, ctx.obj({ Type: 'StructElem', S: 'Table', P: document, K: [th, td] }));
      ctx.assign(document, ctx.obj({ Type: 'StructElem', S: 'Document', P: root, K: table, Lang: PDFString.of(lang) }));
      ctx.assign(root, ctx.obj({ Type: 'StructTreeRoot', K: document, ParentTree: { Nums: [0, [th, td]] }, ParentTreeNextKey: 1, IDTree: { Names: [PDFString.of('h1'), th] } }));
      page.node.set(PDFName.of('StructParents'), ctx.obj(0));
      doc.catalog.set(PDFName.of('StructTreeRoot'), root);
      return { id, parts: [id], firstPage, pageCount: 1, owns: [], key: id, pdf: await doc.save() };
    };
    const joined = readUaDocument(await PDFDocument.load(await joinUnits([await unit('a', 1), await unit('b', 2, 'en')])));
    const cells = joined.elements.filter((e) => e.role === 'TH' || e.role === 'TD').map((e) => `${e.role}@${e.page} ${e.id ?? e.attributes.Table?.Headers}`);
    expect(cells).toEqual(['TH@1 h1', 'TD@1 [ (h1) ]', 'TH@2 h1-2', 'TD@2 [ (h1-2) ]']);
    expect([...joined.parentTree]).toEqual([[0, [2, 3]], [1, [5, 6]]]); // second unit's key offset by the first's
    // One Document, in the first unit's language; the second unit's language kept on its elements.
    expect(joined.elements.filter((e) => e.parent === undefined || e.parent === 0).map((e) => `${e.role} ${e.lang ?? ''}`)).toEqual(['Document lv', 'Table ', 'Table en']);
  });

  it('joins 50 units (the time is logged)', async () => {
    const many: PrintedUnit[] = [];
    let first = 1;
    for (let k = 0; k < 50; k++) {
      const u = units[k % units.length]!;
      many.push({ ...u, id: `${u.id}-${k}`, firstPage: first, owns: k < units.length ? u.owns : [] });
      first += u.pageCount;
    }
    const start = performance.now();
    const joined = await joinUnits(many, { warn: () => {} });
    const ms = performance.now() - start;
    const doc = await PDFDocument.load(joined);
    expect(doc.getPageCount()).toBe(first - 1);
    expect(unreachable(readUaDocument(doc))).toEqual([]);
    console.log(`joined 50 units (${first - 1} pages, ${(joined.length / 1024).toFixed(0)} KiB) in ${ms.toFixed(0)} ms`);
  }, 120_000);
});

