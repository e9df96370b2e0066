/**
 * The print stage of a build, per unit: lay out and print only the units whose pages changed
 * (scripts/print/pdf.ts `printUnits`, consecutive ones in print batches), finish each printed
 * batch as soon as it comes out of the browser (page-local PDF/UA work, in Node, while the
 * browser prints the next one), keep it in the cache with each unit's preflight and place in
 * it, join all units into one tagged document (join.ts, a unit a slice of its print), finish the document
 * (information, XMP, outline) and preflight it: the changed units' pages, and the
 * document-wide checks on the joined file.
 *
 * Input: the printer, the composed report.html, the cache, the last build's layout record.
 * Output: the finished PDF, the page every part and chart starts on, the preflight's findings,
 * and this build's layout record (kept by the caller once the build is good).
 */
import { Cache } from '../lib/cache.js';
import { BuildError } from '../lib/diagnostics.js';
import type { Reporter } from '../lib/log.js';
import type { Printer } from '../print/pdf.js';
import type { LayoutRecord, PrintedBatch, UnitPlan } from '../print/units.js';
import type { Finding, PreflightOptions } from '../check/preflight.js';
import type { TextRun } from '../check/pdf-model.js';
import type { PDFDocument } from 'pdf-lib';
import type { Bookmark, Metadata } from './pdf.js';

export interface AssembleInput {
  printer: Printer;
  htmlPath: string;
  cache: Cache;
  /** The last good build's layout (none: lay out everything). */
  previous: LayoutRecord | null;
  /** A key of what every page depends on besides its HTML: layout code, styles, fonts, browser, language. */
  design: string;
  meta: Metadata;
  bookmarks: Bookmark[];
  /** What a link to a named destination says (/Contents): parts' and charts' titles. */
  linkLabel: (dest: string) => string | undefined;
  /** The destinations the contents lead to: each must land on the page the layout gave it. */
  targets: string[];
  preflight: PreflightOptions;
  sizes?: ReadonlyMap<string, number>;
  /**
   * Called once every unit is printed, before the join: the caller lets go of what only the
   * print needed (a build closes its browser, ~300 MB). Not waited for until the document is
   * joined, finished and checked: the browser's processes exit (~0.15-0.2 s) while Node joins.
   */
  printed?: () => Promise<void>;
  /** Node's own work, done while the browser lays the pages out (`UnitsOptions.whileLayingOut`). */
  whileLayingOut?: () => void;
  report: Reporter;
}

export interface Assembled {
  final: Uint8Array;
  pageCount: number;
  findings: Finding[];
  /** The page each part, chart and the list of charts starts on. */
  pages: Map<string, number>;
  record: LayoutRecord;
  /** Units printed in this build (ids) and all units. */
  printed: string[];
  units: UnitPlan[];
  /** Milliseconds each part laid out in this build took in the page (`UnitsResult.layoutMs`). */
  layoutMs: Map<string, number>;
  /** One line for the progress report: the preflight's summary. */
  summary: string;
  /** Where the titles stand on every page (PDF points), for the proofs. */
  titles?: Record<number, number[]>;
}

/**
 * Cached: the finished PDF of each print (a unit's, or a batch's whose units are its slices),
 * by a key of its units' keys; per unit, its preflight and where its pages are.
 */
const UNIT = 'unit-pdf';
const UNIT_FINDINGS = 'unit-findings';

/** A unit's preflight, as cached with its PDF. */
interface UnitChecked {
  findings: Finding[];
  stats: { pages: number; fonts: string[]; footnotes: number; links: number };
  /** Where the titles stand on its pages, by document page. */
  titles: Record<number, number[]>;
  /** The print its pages are in (`UNIT` key), and the first of them there (0-based). */
  print: { key: string; from: number };
}

export async function assemble(input: AssembleInput): Promise<Assembled> {
  const { printer, cache, report } = input;
  // The finish, preflight and join load while the browser loads the report (pdf-lib and the
  // PDF/UA code: ~0.3 s of a cold process): the first printed batch needs them, the layout does not.
  const modules = Promise.all([import('./pdf.js'), import('../check/preflight.js'), import('./join.js')]);
  modules.catch(() => undefined); // awaited where used
  const prints = new Map<string, Uint8Array>();
  /** The text of the pages printed in this build, by document page: the document's preflight reads the contents' numbers there. */
  const printedText = new Map<number, TextRun[]>();
  /** The finished prints of this build as pdf-lib holds them, by their bytes: the join reads them there. */
  const finishedDocs = new Map<Uint8Array, PDFDocument>();
  const findings = new Map<string, UnitChecked>();
  const printOf = (key: string) => {
    if (!prints.has(key)) {
      const pdf = cache.get(UNIT, key);
      if (pdf) prints.set(key, pdf);
    }
    return prints.get(key);
  };
  report.step('print the units that changed');
  const result = await printer.printUnits(input.htmlPath, {
    previous: input.previous,
    design: input.design,
    fillContents: true,
    sizes: input.sizes,
    whileLayingOut: input.whileLayingOut,
    have: (unit) => {
      const found = cache.getJson<UnitChecked>(UNIT_FINDINGS, unit.key);
      if (!found?.print || !printOf(found.print.key)) return false;
      findings.set(unit.key, found);
      return true;
    },
    // Finished and checked in Node while the browser prints the next batch.
    onBatch: async (batch: PrintedBatch) => {
      const [{ finishUnitDocument }, { preflightUnit }] = await modules;
      const owns = batch.units.flatMap((u) => u.owns);
      const { doc, bytes: pdf } = await finishUnitDocument(batch.pdf, { lang: input.meta.lang, linkLabel: input.linkLabel, firstPage: batch.firstPage, owns, unitPages: batch.units.map((u) => u.pageCount) });
      // Full-bleed pages named from the document's end (the back cover, -1) are the last unit's.
      const last = batch.firstPage + batch.pageCount - 1;
      const fullBleedPages = input.preflight.fullBleedPages.map((p) => (p < 0 ? (batch.units.at(-1)!.id === 'back-cover' ? last + 1 + p : 0) : p));
      const checked = await preflightUnit(pdf, { ...input.preflight, fullBleedPages, firstPage: batch.firstPage, documentPages: last, doc });
      // The text, as the preflight read it from the finished pages (their content streams as the
      // finish wrote them, not decoded again): the finish moves no text (artifacts, ActualText).
      checked.text.forEach((runs, i) => printedText.set(batch.firstPage + i, runs));
      const key = Cache.key('print', ...batch.units.map((u) => u.key));
      prints.set(key, pdf);
      finishedDocs.set(pdf, doc);
      // Each unit its findings (one of no page: the first unit's), its pages' figures.
      let from = 0;
      let kept = false;
      for (const [i, u] of batch.units.entries()) {
        const mine = (page: number | undefined) => (page === undefined ? i === 0 : page >= u.firstPage && page < u.firstPage + u.pageCount);
        const pages = checked.perPage.slice(from, from + u.pageCount);
        const found: UnitChecked = {
          findings: checked.findings.filter((f) => mine(f.page)),
          stats: { pages: u.pageCount, fonts: [...new Set(pages.flatMap((p) => p.fonts))], footnotes: pages.reduce((n, p) => n + p.footnotes, 0), links: pages.reduce((n, p) => n + p.links, 0) },
          titles: Object.fromEntries(Object.entries(checked.titles).filter(([page]) => mine(Number(page)))),
          print: { key, from },
        };
        findings.set(u.key, found);
        from += u.pageCount;
        // A unit with findings is not kept: the build fails, and the next one checks it again.
        if (found.findings.length) continue;
        cache.putJson(UNIT_FINDINGS, u.key, found);
        kept = true;
      }
      if (kept) cache.put(UNIT, key, pdf);
    },
  });
  // The browser exits while the units are joined; awaited (and its error thrown) before returning.
  const released = input.printed?.();
  released?.catch(() => undefined);
  const [{ finishDocumentDoc }, { preflightDocument, formatPreflight }, { joinDocument }] = await modules;
  const stranded = result.notes.filter((n) => n.page < 0).map((n) => n.n);
  if (stranded.length) report.warn(`footnotes left at the end of their part: ${stranded.join(', ')}`);
  report.done(`${result.printed.length} of ${result.units.length} units printed, ${result.laidOut.length} parts laid out`);

  report.step('join the units; finish: metadata, bookmarks; preflight');
  const units = result.units.map((u) => {
    const found = findings.get(u.key);
    const pdf = found && prints.get(found.print.key);
    if (!found || !pdf) throw new BuildError(`print unit ${u.id} was neither printed nor in the cache`);
    const doc = finishedDocs.get(pdf);
    return { ...u, pdf, from: found.print.from, ...(doc ? { doc } : {}) };
  });
  const doc = await joinDocument(units, { warn: (m) => report.warn(m) });
  const { doc: finished, bytes: final } = await finishDocumentDoc(doc, input.meta, input.bookmarks);
  // The contents' numbers against the joined file's destinations, outline, metadata, tags: on
  // the document as saved, the contents' text as read from their print (the finish and the join
  // move no text).
  const checked = await preflightDocument(final, input.preflight, { doc: finished, text: (page) => printedText.get(page) });
  const pages = new Map(input.targets.map((id) => [id, result.starts.get(id) ?? NaN]));
  const missing = input.targets.filter((id) => Number.isNaN(pages.get(id)));
  if (missing.length) throw new BuildError(`the layout placed no page for: ${missing.join(', ')}`);
  const own = units.map((u) => findings.get(u.key)!);
  const all = [...own.flatMap((u) => u.findings), ...checked.findings];
  const sum = (k: 'footnotes' | 'links') => own.reduce((n, u) => n + u.stats[k], 0);
  // Fonts: the typefaces' cuts, once each (every print embeds its own subsets of them).
  const fonts = new Set(own.flatMap((u) => u.stats.fonts.map((f) => f.replace(/^[A-Z]{6}\+/, ''))));
  const summary = formatPreflight({ findings: all, stats: { ...checked.stats, fonts: fonts.size, footnotes: sum('footnotes'), links: sum('links') } }).split('\n').at(-1)! + `, PDF/UA-1 ${all.filter((f) => f.check === 'pdf-ua').length} failure(s)`;
  report.done(`${final.length.toLocaleString('en')} bytes; ${summary}`);
  const titles = Object.assign({}, ...own.map((u) => u.titles)) as Record<number, number[]>;
  await released;
  return { final, pageCount: checked.stats.pages, findings: all, pages, record: result.record, printed: result.printed, units: result.units, layoutMs: result.layoutMs, summary, titles };
}
