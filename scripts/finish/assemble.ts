/**
 * The print stage of a build, per unit: lay out and print only the units whose pages changed
 * (scripts/print/pdf.ts `printUnits`), finish each printed unit as soon as it comes out of the
 * browser (page-local PDF/UA work, in Node, while the browser prints the next one), keep it in
 * the cache by its key, join all units into one tagged document (join.ts), finish the document
 * (information, XMP, outline) and preflight it: the changed units' pages, and the
 * document-wide checks on the joined file.
 *
 * Input: the printer, the composed report.html, the cache, the last build's layout record.
 * Output: the finished PDF, the page every part and chart starts on, the preflight's findings,
 * and this build's layout record (kept by the caller once the build is good).
 */
import type { Cache } from '../lib/cache.js';
import { BuildError } from '../lib/diagnostics.js';
import type { Reporter } from '../lib/log.js';
import type { Printer } from '../print/pdf.js';
import type { LayoutRecord, PrintedUnit, UnitPlan } from '../print/units.js';
import type { Finding, PreflightOptions } from '../check/preflight.js';
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
   * print needed (a build closes its browser, ~300 MB, before the join's peak in Node).
   */
  printed?: () => Promise<void>;
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
  /** One line for the progress report: the preflight's summary. */
  summary: string;
  /** Where the titles stand on every page (PDF points), for the proofs; undefined if a cached unit lacks them. */
  titles?: Record<number, number[]>;
}

/** Cached per unit: the finished unit's PDF, and its preflight findings. */
const UNIT = 'unit-pdf';
const UNIT_FINDINGS = 'unit-findings';

/** A unit's preflight, as cached with its PDF. */
interface UnitChecked {
  findings: Finding[];
  stats: { pages: number; fonts: number; footnotes: number; links: number };
  /** Where the titles stand on its pages, by document page (absent in units cached before it was kept). */
  titles?: Record<number, number[]>;
}

export async function assemble(input: AssembleInput): Promise<Assembled> {
  const { printer, cache, report } = input;
  const [{ finishUnit, finishDocument }, { preflightUnit, preflightDocument, formatPreflight }, { joinDocument }, { warmTextReader }] = await Promise.all([import('./pdf.js'), import('../check/preflight.js'), import('./join.js'), import('../check/pdf-model.js')]);
  // The preflight's text reader starts while the browser lays out: ready for the first unit.
  warmTextReader();
  const finished = new Map<string, Uint8Array>();
  const findings = new Map<string, UnitChecked>();
  report.step('print the units that changed');
  const result = await printer.printUnits(input.htmlPath, {
    previous: input.previous,
    design: input.design,
    fillContents: true,
    sizes: input.sizes,
    have: (unit) => {
      const pdf = cache.get(UNIT, unit.key);
      const found = pdf && cache.getJson<UnitChecked>(UNIT_FINDINGS, unit.key);
      if (!pdf || !found) return false;
      finished.set(unit.key, pdf);
      findings.set(unit.key, found);
      return true;
    },
    // Finished and checked in Node while the browser prints the next unit.
    onUnit: async (unit: PrintedUnit) => {
      const pdf = await finishUnit(unit.pdf, { lang: input.meta.lang, linkLabel: input.linkLabel, firstPage: unit.firstPage, owns: unit.owns });
      // Full-bleed pages named from the document's end (the back cover, -1) are the last unit's.
      const last = unit.firstPage + unit.pageCount - 1;
      const fullBleedPages = input.preflight.fullBleedPages.map((p) => (p < 0 ? (unit.id === 'back-cover' ? last + 1 + p : 0) : p));
      const checked = await preflightUnit(pdf, { ...input.preflight, fullBleedPages, firstPage: unit.firstPage, documentPages: last });
      const found: UnitChecked = { findings: checked.findings, stats: checked.stats, titles: checked.titles };
      finished.set(unit.key, pdf);
      findings.set(unit.key, found);
      // A unit with findings is not kept: the build fails, and the next one checks it again.
      if (!found.findings.length) {
        cache.put(UNIT, unit.key, pdf);
        cache.putJson(UNIT_FINDINGS, unit.key, found);
      }
    },
  });
  await input.printed?.();
  const stranded = result.notes.filter((n) => n.page < 0).map((n) => n.n);
  if (stranded.length) report.warn(`footnotes left at the end of their part: ${stranded.join(', ')}`);
  report.done(`${result.printed.length} of ${result.units.length} units printed, ${result.laidOut.length} parts laid out`);

  report.step('join the units; finish: metadata, bookmarks; preflight');
  const units = result.units.map((u) => {
    const pdf = finished.get(u.key);
    if (!pdf) throw new BuildError(`print unit ${u.id} was neither printed nor in the cache`);
    return { ...u, pdf };
  });
  const doc = await joinDocument(units, { warn: (m) => report.warn(m) });
  const final = await finishDocument(doc, input.meta, input.bookmarks);
  // The contents' numbers against the joined file's destinations, outline, metadata, tags.
  const checked = await preflightDocument(final, input.preflight);
  const pages = new Map(input.targets.map((id) => [id, result.starts.get(id) ?? NaN]));
  const missing = input.targets.filter((id) => Number.isNaN(pages.get(id)));
  if (missing.length) throw new BuildError(`the layout placed no page for: ${missing.join(', ')}`);
  const own = units.map((u) => findings.get(u.key)!);
  const all = [...own.flatMap((u) => u.findings), ...checked.findings];
  const sum = (k: 'footnotes' | 'links') => own.reduce((n, u) => n + u.stats[k], 0);
  const summary = formatPreflight({ findings: all, stats: { ...checked.stats, fonts: own.reduce((n, u) => n + u.stats.fonts, 0), footnotes: sum('footnotes'), links: sum('links') } }).split('\n').at(-1)! + `, PDF/UA-1 ${all.filter((f) => f.check === 'pdf-ua').length} failure(s)`;
  report.done(`${final.length.toLocaleString('en')} bytes; ${summary}`);
  const titles = own.every((u) => u.titles) ? Object.assign({}, ...own.map((u) => u.titles)) : undefined;
  return { final, pageCount: checked.stats.pages, findings: all, pages, record: result.record, printed: result.printed, units: result.units, summary, titles };
}
