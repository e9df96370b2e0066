/**
 * Print units on the real 2025 report (issue 18): the report printed whole (`Printer.print`, the
 * reference) and printed by units (`Printer.printUnits`, in batches) give the same pages: each unit's
 * pages equal the same page range of the whole print in text, words' places, links, named
 * destinations, footnote placement and tags; and, joined (scripts/finish/join.ts, where it is
 * there), one document equal to the whole. Then a correction of one part: only the units it
 * must are laid out and printed, and the units held from before with the new ones still equal a
 * whole print of the corrected report.
 *
 * The report is built once as HTML (`--html-only`, no browser) into tests/.tmp/units-2025.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { namedDestinations } from '../../scripts/check/pdf-model.js';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { contextsOf, PAINTING, readOperations } from '../../scripts/check/pdfua/content-stream.js';
import { readUaDocument } from '../../scripts/check/pdfua/index.js';
import { streamText } from '../../scripts/lib/pdf-stream.js';
import { silentReporter } from '../../scripts/lib/log.js';
import { launchBrowser } from '../../scripts/print/browser.js';
import { joinUnits } from '../../scripts/finish/join.js';
import { Printer, type UnitsResult } from '../../scripts/print/pdf.js';
import { unitsOf, type PrintedBatch, type PrintedUnit, type UnitPlan } from '../../scripts/print/units.js';
import { separateUnits } from '../../scripts/finish/unit-bounds.js';
import { allPageWords, linkAnnotations, pageCount, pageTexts, type Word } from '../support/pdf.js';
import { ROOT, TMP } from '../support/paths.js';

const DIR = join(TMP, 'units-2025');
const HTML = join(DIR, 'report', 'report.html');
const FIXED = join(DIR, 'fixed', 'report.html');
const DESIGN = 'units-2025 test';

type Whole = { file: string; notes: { n: number; page: number }[]; starts: Map<string, number> };
let whole: Whole;
let fixedWhole: Whole;
let first: UnitsResult;
let second: UnitsResult;
let again: UnitsResult;
let lost: UnitsResult;
/** A unit the caller no longer holds (nothing in it changed). */
let missing: UnitPlan;
/**
 * Every unit printed, by key, and where its pages are on disk as a PDF of their own (a unit
 * printed in a batch is a slice of the batch's PDF: joined alone, it is that PDF).
 */
const held = new Map<string, PrintedUnit & { file: string; own: Uint8Array }>();
/** The part the correction changed. */
let changed = '';

/** A print batch as the finish makes it cuttable (unit-bounds.ts), its units kept. */
const keepBatch = async (b: PrintedBatch) => {
  const doc = await PDFDocument.load(b.pdf, { updateMetadata: false });
  separateUnits(doc, b.units.map((u) => u.pageCount));
  const pdf = await doc.save({ useObjectStreams: false });
  for (const u of unitsOf({ ...b, pdf })) await keep(u);
};
const keep = async (u: PrintedUnit) => {
  const file = join(DIR, 'units', `${u.key.slice(0, 16)}.pdf`);
  const own = u.from === undefined ? u.pdf : await joinUnits([{ ...u, firstPage: 1 }], { warn: () => {} });
  writeFileSync(file, own);
  held.set(u.key, { ...u, file, own });
};

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(join(DIR, 'units'), { recursive: true });
  execFileSync(process.execPath, ['--import=tsx', join(ROOT, 'scripts', 'cli.ts'), 'build', '--edition', '2025', '--lang', 'lv', '--html-only', '--out', join(DIR, 'report')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const browser: Browser = await launchBrowser();
  try {
    const printer = new Printer(browser, silentReporter);
    const printWhole = async (html: string, name: string): Promise<Whole> => {
      const p = await printer.print(html, undefined, true);
      const file = join(DIR, name);
      writeFileSync(file, p.pdf);
      return { file, notes: p.notes, starts: p.starts };
    };
    whole = await printWhole(HTML, 'whole.pdf');
    first = await printer.printUnits(HTML, { fillContents: true, design: DESIGN, onBatch: keepBatch });

    // A correction: a few words more in the first paragraph of the first part of a unit in the
    // middle of the report that holds more than one part (so the unit before it and the run-ons
    // after it are in play).
    const shared = first.units.filter((u) => u.parts.length > 1 && !/cover/.test(u.id));
    changed = shared[Math.floor(shared.length / 2)]!.parts[0]!;
    const html = readFileSync(HTML, 'utf8');
    const at = html.indexOf(`id="${changed}"`);
    const end = html.indexOf('</p>', html.indexOf('<p>', at));
    expect(at).toBeGreaterThan(0);
    expect(end).toBeLessThan(html.indexOf('<section', at + 1));
    // The build's folder is a link to its staging folder: a real copy.
    cpSync(realpathSync(join(DIR, 'report')), join(DIR, 'fixed'), { recursive: true, dereference: true });
    writeFileSync(FIXED, `${html.slice(0, end)} Labots teikums ar dažiem vārdiem vairāk.${html.slice(end)}`);
    const have = (u: UnitPlan) => held.has(u.key);
    second = await printer.printUnits(FIXED, { previous: first.record, have, fillContents: true, design: DESIGN, onBatch: keepBatch });
    again = await printer.printUnits(HTML, { previous: first.record, have, fillContents: true, design: DESIGN, onBatch: keepBatch });
    // A unit lost from the caller's store: laid out alone from the record and printed again.
    // Preferably one whose next part tried to run on under it (its copyfit came late).
    const tried = new Set(first.record.parts.filter((p) => p.tried && !p.ranOn).map((p) => p.id));
    const inner = first.units.filter((u) => u.parts.length > 1 && u.id !== first.units.find((x) => x.parts.includes(changed))?.id);
    const after = (u: UnitPlan) => first.units[first.units.indexOf(u) + 1]?.parts[0] ?? '';
    missing = inner.find((u) => tried.has(after(u))) ?? inner[0]!;
    const before = held.get(missing.key)!;
    held.delete(missing.key);
    lost = await printer.printUnits(HTML, { previous: first.record, have, fillContents: true, design: DESIGN, onBatch: keepBatch });
    expect(held.get(missing.key)?.file).toBe(before.file);
    fixedWhole = await printWhole(FIXED, 'fixed-whole.pdf');
  } finally {
    await browser.close();
  }
}, 1_200_000);


/**
 * Per page: the structure types (with their ancestors) of the marked content that paints
 * something, in content order. (A whole print also opens, on a part's last page, an empty
 * sequence for the next part's first box: it paints nothing, and a unit has no next part.)
 */
async function tagsPerPage(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const m = readUaDocument(doc);
  const path = (i: number): string => {
    const e = m.elements[i]!;
    return e.parent === undefined ? e.role : `${path(e.parent)}/${e.role}`;
  };
  const owner = new Map<string, string>();
  for (const e of m.elements) for (const c of e.mcids) owner.set(`${c.page}:${c.mcid}`, path(e.index));
  return doc.getPages().map((p, i) => {
    const contents = doc.context.lookup(p.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map((x) => doc.context.lookup(x)) : [contents];
    const ops = readOperations(streams.map(streamText).join('\n'));
    const { mcid, artifact } = contextsOf(ops);
    const painted: number[] = [];
    for (let k = 0; k < ops.length; k++) {
      if (PAINTING.has(ops.operator(k)) && mcid[k]! >= 0 && !artifact[k] && !painted.includes(mcid[k]!)) painted.push(mcid[k]!);
    }
    return painted.map((mcid) => owner.get(`${i + 1}:${mcid}`) ?? `MCID ${mcid} without an element`);
  });
}

/** Words' places agree within a quarter point (each unit's font subsets measure a little differently). */
const TOLERANCE = 0.25;
const byText = (ws: Word[]) => [...ws].sort((a, b) => a.text.localeCompare(b.text) || a.yMin - b.yMin || a.xMin - b.xMin);
const close = (a: Word[], b: Word[]) => {
  const [x, y] = [byText(a), byText(b)];
  return x.length === y.length && x.every((w, i) => w.text === y[i]!.text && Math.abs(w.xMin - y[i]!.xMin) < TOLERANCE && Math.abs(w.yMin - y[i]!.yMin) < TOLERANCE);
};

/**
 * Each unit's pages against the same pages of a whole print: text (raw), words and their
 * places, links (target and box), named destinations, tags. Returns what differs.
 */
async function compareUnits(units: UnitPlan[], reference: string): Promise<string[]> {
  const wrong: string[] = [];
  const wholeText = pageTexts(reference, { raw: true });
  const wholeWords = allPageWords(reference);
  const wholeLinks = linkAnnotations(reference);
  const wholeDests = await namedDestinations(new Uint8Array(readFileSync(reference)));
  const wholeTags = await tagsPerPage(new Uint8Array(readFileSync(reference)));
  type Link = { page: number; dest?: string; uri?: string; rect: number[] };
  const linkKey = (l: Link) => `${l.page} ${l.dest ?? l.uri}`;
  const sameLinks = (a: Link[], b: Link[]) => {
    const order = (ls: Link[]) => [...ls].sort((x, y) => linkKey(x).localeCompare(linkKey(y)) || x.rect[1]! - y.rect[1]! || x.rect[0]! - y.rect[0]!);
    const [x, y] = [order(a), order(b)];
    return x.length === y.length && x.every((l, i) => linkKey(l) === linkKey(y[i]!) && l.rect.every((v, j) => Math.abs(v - y[i]!.rect[j]!) < TOLERANCE));
  };
  for (const plan of units) {
    const u = held.get(plan.key);
    if (!u) {
      wrong.push(`${plan.id}: no PDF`);
      continue;
    }
    const offset = plan.firstPage - 1;
    const range = (p: number) => p > offset && p <= offset + plan.pageCount;
    if (pageCount(u.file) !== plan.pageCount) wrong.push(`${plan.id}: ${pageCount(u.file)} pages, planned ${plan.pageCount}`);
    const text = pageTexts(u.file, { raw: true });
    if (plan.pageCount > 0 && text.length !== plan.pageCount) wrong.push(`${plan.id}: ${text.length} pages of text`);
    const words = allPageWords(u.file);
    const tags = await tagsPerPage(u.own);
    for (let i = 0; i < plan.pageCount; i++) {
      const p = plan.firstPage + i;
      if (text[i] !== wholeText[p - 1]) wrong.push(`${plan.id}: text of page ${p}`);
      if (!close(words[i]?.words ?? [], wholeWords[p - 1]?.words ?? [])) wrong.push(`${plan.id}: words of page ${p}`);
      if (JSON.stringify(tags[i]) !== JSON.stringify(wholeTags[p - 1])) wrong.push(`${plan.id}: tags of page ${p}`);
    }
    const links = linkAnnotations(u.file).map((l) => ({ ...l, page: l.page + offset }));
    if (!sameLinks(links, wholeLinks.filter((l) => range(l.page)))) wrong.push(`${plan.id}: links`);
    // Destinations: every name the unit owns, where the whole print has it; nothing of the
    // hidden parts but the stand-ins of its own links' targets.
    const dests = await namedDestinations(u.own);
    const owns = new Set(plan.owns);
    for (const id of plan.owns) if ((dests.get(id)?.page ?? NaN) + offset !== wholeDests.get(id)?.page) wrong.push(`${plan.id}: destination ${id}`);
    const linked = new Set(linkAnnotations(u.file).map((l) => l.dest?.replace(/^\//, '')));
    const stray = [...dests.keys()].filter((id) => !owns.has(id) && !linked.has(id));
    if (stray.length) wrong.push(`${plan.id}: destinations of other units ${stray.slice(0, 3).join(', ')}`);
  }
  return wrong;
}

describe('the report printed whole and per unit', () => {
  it('the units cover the document, page by page', () => {
    const n = pageCount(whole.file);
    let next = 1;
    for (const u of first.units) {
      expect(u.firstPage, u.id).toBe(next);
      expect(u.pageCount, u.id).toBeGreaterThan(0);
      next += u.pageCount;
    }
    expect(next - 1).toBe(n);
    // The cover and the back cover are units of their own; every part is in exactly one unit.
    expect(first.units[0]!.parts).toEqual(['cover']);
    expect(first.units.at(-1)!.parts).toEqual(['back-cover']);
    const parts = first.units.flatMap((u) => u.parts);
    expect(new Set(parts).size).toBe(parts.length);
    expect(first.printed).toEqual(first.units.map((u) => u.id));
  });

  it('lays out as the whole print does: the same starts (contents numbers) and footnote pages', () => {
    expect(Object.fromEntries(first.starts)).toEqual(Object.fromEntries(whole.starts));
    const byNote = (ns: { n: number; page: number }[]) => [...ns].sort((a, b) => a.n - b.n);
    expect(byNote(first.notes)).toEqual(byNote(whole.notes));
    expect(first.notes.length).toBeGreaterThan(0);
  });

  it('each unit’s pages equal the same pages of the whole print (text, words, links, destinations, tags)', async () => {
    expect(await compareUnits(first.units, whole.file)).toEqual([]);
  }, 300_000);

  it('the footnotes are on the same pages: each note’s call and text', () => {
    // The call's link (to fn-N) on the page where the layout placed the note.
    const calls = new Map<number, number>();
    for (const u of first.units) {
      const file = held.get(u.key)!.file;
      for (const l of linkAnnotations(file)) {
        const m = /^\/?fn-(\d+)$/.exec(l.dest ?? '');
        const sliver = l.rect.length === 4 && Math.abs(l.rect[3]! - l.rect[1]!) < 2;
        if (m && !sliver && !calls.has(Number(m[1]))) calls.set(Number(m[1]), l.page + u.firstPage - 1);
      }
    }
    const placed = first.notes.filter((n) => n.page > 0);
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.filter((n) => calls.get(n.n) !== n.page)).toEqual([]);
  });

  it('printed in batches: fewer prints than units, each unit a slice of its batch', () => {
    const slices = first.units.map((u) => held.get(u.key)!);
    const prints = new Set(slices.map((u) => u.pdf));
    expect(prints.size).toBeGreaterThan(1);
    expect(prints.size).toBeLessThan(first.units.length / 2);
    expect(slices.filter((u) => (u.from ?? 0) > 0).length).toBeGreaterThan(0);
  });

  it('joined, one document equal to the whole print', async () => {
    expect(await compareJoined(first.units, whole.file, 'joined.pdf')).toEqual([]);
  }, 300_000);
});

/** The units (held) joined against a whole print: pages, text, named destinations, tags. What differs. */
async function compareJoined(units: UnitPlan[], reference: string, name: string): Promise<string[]> {
  const bytes = await joinUnits(units.map((u) => held.get(u.key)!));
  const file = join(DIR, name);
  writeFileSync(file, bytes);
  const wrong: string[] = [];
  // No page object but the document's (a slice's tags never drag a page of its print along).
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageObjects = doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type'))?.toString() === '/Page').length;
  if (pageObjects !== doc.getPageCount()) wrong.push(`${pageObjects} page objects for ${doc.getPageCount()} pages`);
  if (pageCount(file) !== pageCount(reference)) wrong.push(`${pageCount(file)} pages, the whole print ${pageCount(reference)}`);
  const a = pageTexts(file, { raw: true });
  const b = pageTexts(reference, { raw: true });
  wrong.push(...a.map((t, i) => (t === b[i] ? '' : `text of page ${i + 1}`)).filter(Boolean));
  const dests = await namedDestinations(bytes);
  const wholeDests = await namedDestinations(new Uint8Array(readFileSync(reference)));
  for (const [k, v] of wholeDests) if (dests.get(k)?.page !== v.page) wrong.push(`destination ${k}: page ${dests.get(k)?.page}, the whole print ${v.page}`);
  for (const k of dests.keys()) if (!wholeDests.has(k)) wrong.push(`destination ${k} not in the whole print`);
  const tags = await tagsPerPage(bytes);
  const wholeTags = await tagsPerPage(new Uint8Array(readFileSync(reference)));
  wrong.push(...tags.map((t, i) => (JSON.stringify(t) === JSON.stringify(wholeTags[i]) ? '' : `tags of page ${i + 1}`)).filter(Boolean));
  return wrong;
}

describe('a correction of one part', () => {
  it('lays out only from the unit before the changed part until the layout rejoins', () => {
    const unitOf = (units: UnitPlan[], id: string) => units.findIndex((u) => u.parts.includes(id));
    const order = first.units.flatMap((u) => u.parts);
    const before = order[order.indexOf(changed) - 1]!;
    // From the first part of the unit of the part before the changed one …
    const from = first.units[unitOf(first.units, before)]!.parts[0]!;
    expect(second.laidOut[0]).toBe(from);
    expect(second.laidOut).toContain(changed);
    // … a run of parts, to the end of a unit …
    const ids = second.record.parts.map((p) => p.id);
    const at = ids.indexOf(from);
    expect(second.laidOut).toEqual(ids.slice(at, at + second.laidOut.length));
    const lastLaid = second.laidOut.at(-1)!;
    const lastUnit = second.units[unitOf(second.units, lastLaid)]!;
    expect(lastUnit.parts.at(-1)).toBe(lastLaid);
    // … no further than one unit past the last one whose pages moved.
    const moved = second.units.map((u, i) => i).filter((i) => {
      const o = first.units.find((x) => x.id === second.units[i]!.id);
      return !o || o.firstPage !== second.units[i]!.firstPage || o.pageCount !== second.units[i]!.pageCount || second.units[i]!.parts.includes(changed);
    });
    expect(unitOf(second.units, lastLaid)).toBeLessThanOrEqual(Math.max(...moved) + 1);
    expect(second.laidOut.length).toBeLessThan(ids.length / 2);
  });

  it('prints only the units whose pages changed (and the contents when a number in them did)', () => {
    const old = new Map(first.units.map((u) => [u.id, u]));
    const must = second.units.filter((u) => {
      const o = old.get(u.id);
      return !o || o.firstPage !== u.firstPage || o.pageCount !== u.pageCount || o.parts.join() !== u.parts.join() || u.parts.includes(changed);
    });
    const numbersMoved = [...second.starts].some(([id, p]) => first.starts.get(id) !== p);
    const contents = second.units.filter((u) => u.parts.some((p) => /^(contents|charts-list)$/.test(p)));
    const expected = new Set([...must, ...(numbersMoved ? contents : [])].map((u) => u.id));
    expect(new Set(second.printed)).toEqual(expected);
    expect(second.printed.length).toBeLessThan(second.units.length / 2);
  });

  it('the units held and the new ones equal a whole print of the corrected report', async () => {
    expect(Object.fromEntries(second.starts)).toEqual(Object.fromEntries(fixedWhole.starts));
    expect(await compareUnits(second.units, fixedWhole.file)).toEqual([]);
  }, 300_000);

  it('joined (slices of the first build’s batches and the new prints), one document equal to a whole print of the corrected report', async () => {
    expect(second.units.some((u) => !second.printed.includes(u.id) && (held.get(u.key)!.from ?? 0) > 0)).toBe(true);
    expect(await compareJoined(second.units, fixedWhole.file, 'joined-fixed.pdf')).toEqual([]);
  }, 300_000);

  it('a unit the caller lost: only its parts laid out (from the record), only it printed, as before', async () => {
    expect(lost.laidOut).toEqual(missing.parts);
    expect(lost.printed).toEqual([missing.id]);
    expect(lost.units.map((u) => u.key)).toEqual(first.units.map((u) => u.key));
    expect(await compareUnits([missing], whole.file)).toEqual([]);
  }, 120_000);

  it('times each part it lays out, and only those (the bench shows the slowest)', () => {
    for (const run of [first, second]) {
      expect([...run.layoutMs.keys()].sort()).toEqual([...run.laidOut].sort());
      for (const [id, ms] of run.layoutMs) expect(ms, id).toBeGreaterThan(0);
    }
  });

  it('nothing changed: nothing laid out, nothing printed', () => {
    expect(again.laidOut).toEqual([]);
    expect(again.layoutMs.size).toBe(0);
    expect(again.printed).toEqual([]);
    expect(again.units.map((u) => u.key)).toEqual(first.units.map((u) => u.key));
  });
});
