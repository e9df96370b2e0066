/**
 * The build, stage by stage: load → transform → chart → compose → print (until the contents'
 * page numbers are stable) → finish. Side effects (files, browser, progress) sit at the edges.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cache, type CacheStats } from './lib/cache.js';
import { moduleGraphKey, runStage } from './lib/stage.js';
import type { Browser } from 'puppeteer-core';
import { STRIP_FIELDS } from './compose/key-figures.js';
import { editionOrder } from './compose/order.js';
import { fillCharts } from './chart/figures.js';
import { readPalette } from './chart/palette.js';
import { chartData, CHART_IDS } from './chart/specs.js';
import { diffBuilds, entryFigures, formatChanges, hash, type BuildInfo, type Changes } from './finish/build-info.js';
import { numberFormat } from './data/format.js';
import { Dataset } from './data/metrics.js';
import { editionsKey, linkEdition } from './data/editions.js';
import { chartList, compose, type Part } from './compose/document.js';
import { fontFaceCss, fontFiles } from './compose/fonts.js';
import { checkAssets, checkTemplates, loadTemplates } from './compose/templates.js';
import { defaultPaths, type Paths } from './config.js';
import { checkTarget, stage, writeError } from './finish/output.js';
import { bookmarkLabels, type Bookmark } from './finish/bookmarks.js';
import type { Finding } from './check/preflight.js';
import { bindingShiftMm, FULL_PAGE_NUMBERS, PAGE } from './print/design.js';
import { BuildError, formatDiagnostic, throwIfErrors, type Diagnostic } from './lib/diagnostics.js';
import { silentReporter, type Reporter } from './lib/log.js';
import { coverage, formatCoverage } from './load/coverage.js';
import { loadEdition, type Edition, type Source } from './load/edition.js';
import { startBrowser } from './print/browser.js';
import { Printer } from './print/pdf.js';
import type { LayoutRecord } from './print/units.js';
import { assemble, type Assembled } from './finish/assemble.js';
import { comparesEditions, transformStage } from './transform/stage.js';
import { lintEdition, originalsOf, termbaseOf } from './lint/edition.js';
import type { Language } from './validate/schema.js';

export interface BuildOptions {
  paths: Paths;
  edition: string;
  lang: Language;
  /** Where to write; default out/<edition>/<lang>. */
  outDir?: string;
  /** Stop after writing the HTML (no browser needed). */
  htmlOnly?: boolean;
  report?: Reporter;
  browser?: Browser;
  /** 'print' also writes report-print.pdf: bleed, crop marks, PDF/X-4. */
  profile?: 'screen' | 'print';
  /** Reuse stage outputs from out/.cache (default); false rebuilds them all and refreshes the cache. */
  cache?: boolean;
  /**
   * The live preview's draft (with htmlOnly): each part names its source file and each
   * paragraph, list item and heading its line, for click-to-source. Never for the report.
   */
  draft?: boolean;
}

export interface BuildResult {
  outDir: string;
  html: string;
  pdf?: string;
  pages?: ReadonlyMap<string, number>;
  pageCount?: number;
  passes?: number;
  /** The print units printed by this build (ids); the others came from the cache. */
  printed?: string[];
  /** Milliseconds each part laid out by this build took in the printing page (the bench names the slowest). */
  layoutMs?: ReadonlyMap<string, number>;
  warnings: Diagnostic[];
  /** Since the last good build, when there was one. */
  changes?: Changes;
  /** What was taken from the cache and what was computed, per stage. */
  cache: CacheStats;
}

/**
 * The code the print's cache key includes: the print, finish and preflight code this module
 * imports (its import graph), and what runs without being imported: the layout bundle the
 * browser runs.
 */
const printCode = () => moduleGraphKey(import.meta.url, new URL('./print/layout/index.js', import.meta.url).href);

/** A hash of every file under a folder (the assets the document loads). */
function treeHash(dir: string): string {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
  return Cache.key(...files.flatMap((f) => {
    try {
      return [f, readFileSync(join(dir, f))];
    } catch {
      return [f]; // a folder
    }
  }));
}

/** The record of the build in place at `target` (build.json), if any. */
function readBuildInfo(target: string): BuildInfo | undefined {
  try {
    return JSON.parse(readFileSync(join(target, 'build.json'), 'utf8')) as BuildInfo;
  } catch {
    return undefined;
  }
}

/** What this build is made of: part texts, figures, charts, computed sentences, pages. */
function buildInfo(edition: Edition, parts: Part[], sentences: Record<string, [string, string][]>, pages: ReadonlyMap<string, number> | null): BuildInfo {
  const data = new Dataset(edition.manifest.entries, edition.lang);
  const source = (id: string) => edition.sections.get(id)?.text ?? edition.chapters.get(id)?.text ?? '';
  return {
    edition: edition.name,
    lang: edition.lang,
    parts: Object.fromEntries(parts.map((p) => [p.id, { title: p.title, hash: hash(source(p.id)), ...(pages?.get(p.id) ? { page: pages.get(p.id)! } : {}) }])),
    figures: Object.fromEntries(edition.manifest.entries.map((e) => [e.id, entryFigures(e)])),
    charts: Object.fromEntries(CHART_IDS.map((id) => [id, Object.fromEntries(chartData(id, data, edition.messages).items.map((i) => [i.key, i.value]))])),
    sentences,
  };
}

/**
 * The content and termbase lints' warnings (an English edition's termbase with it). Warnings
 * only: a build runs them while the browser lays the pages out (`whileLayingOut`), where Node
 * has nothing else to do.
 */
export function lintWarnings(edition: Edition, cache: Cache): Diagnostic[] {
  const lint = lintEdition(edition, undefined, cache); // the termbase: the edition's, if English
  return [...lint.content, ...lint.termbase];
}

/** Load and transform: the parts of the report as sanitised HTML, charts drawn (the lints apart: `lintWarnings`). */
export function buildParts(edition: Edition, { cache = new Cache(undefined), sourcePositions = false, progress = (_n: number, _total: number) => {}, styles = defaultPaths().styles } = {}): { parts: Part[]; warnings: Diagnostic[]; sentences: Record<string, [string, string][]> } {
  const { manifest, lang, messages } = edition;
  // A translation falls back to the source language's texts where it lacks one (chart and
  // chapter titles), and a part in the source language computes its figures in that language.
  const texts = edition.source ? { ...edition.texts, chapters: { ...edition.source.texts.chapters, ...edition.texts.chapters }, charts: { ...edition.source.texts.charts, ...edition.texts.charts } } : edition.texts;
  const diagnostics: Diagnostic[] = [];
  const data = linkEdition(new Dataset(manifest.entries, lang), dirname(edition.dir), edition.name);
  const fmt = numberFormat(messages);
  const figureMessages = (l: Language) => (l === lang || !edition.source ? messages : edition.source.messages);
  const knownCharts = Object.keys(texts.charts);
  const contentDir = dirname(edition.dir);
  const fieldLabels = Object.fromEntries(Object.entries(messages.fields).map(([k, f]) => [k, f.label]));
  // English texts: the termbase's Latvian originals in italics are marked lang="lv".
  const termbase = lang === 'en' ? termbaseOf(edition) : undefined;
  const originals = originalsOf(termbase);
  const total = manifest.edition.front.length + manifest.entries.length + manifest.edition.back.length;
  let footnote = 1;
  const parts: Part[] = [];
  /** What each {{expression}} printed, per part: the build compares them with the last build's. */
  const sentences: Record<string, [string, string][]> = {};
  // A part whose source is missing was reported by the load stage; the others still run, so
  // one build reports every problem.
  const add = (id: string, kind: Part['kind'], title: string | undefined, src: Source | undefined) => {
    if (!src || title === undefined) return;
    // Everything the transform reads is in this object (transform/stage.ts): its cache key.
    // A section's labels are recognised against the questionnaire of its text's language; a
    // part standing in for a missing translation prints the edition's labels. Quotation marks
    // and figures follow the text's language, as hyphenation does.
    const m = figureMessages(src.lang);
    const out = runStage(transformStage, {
      file: src.file,
      text: src.text,
      lang: src.lang,
      kind,
      firstFootnote: footnote,
      knownCharts,
      quotes: m.quotes,
      sourcePositions,
      ...(kind === 'chapter' ? {} : {
        fields: { fields: m.fields, ...(src.fallback ? { labels: fieldLabels } : {}), ...(kind === 'municipality' ? { omit: STRIP_FIELDS } : {}) },
        contacts: messages.contacts,
      }),
      ...(src.text.includes('{{') ? { figures: { entries: manifest.entries, messages: m, year: edition.name, contentDir, ...(comparesEditions(src.text) ? { editions: editionsKey(contentDir) } : {}) } } : {}),
      ...(src.lang === 'en' ? { latvianOriginals: originals } : {}),
    }, cache);
    sentences[id] = out.said;
    footnote += out.footnoteCount;
    diagnostics.push(...out.diagnostics);
    const runningHead = kind === 'chapter' ? texts.chapters[id]?.runningHead : undefined;
    parts.push({ id, kind, title, ...(runningHead ? { runningHead } : {}), html: out.html, lang: src.lang, fallback: src.fallback, ...(sourcePositions ? { sourceFile: resolve(src.file) } : {}) });
    progress(parts.length, total);
  };
  for (const id of manifest.edition.front) add(id, 'chapter', texts.chapters[id]?.title, edition.chapters.get(id));
  // In the edition's alphabetical order where the manifest's is alphabetical (compose/order.ts).
  const sourceLocale = edition.source?.messages.locale ?? messages.locale;
  for (const e of editionOrder(manifest.entries, { lang, locale: messages.locale }, { lang: edition.sourceLang, locale: sourceLocale })) {
    add(e.id, e.kind === 'planosanas-regions' ? 'region' : 'municipality', e.name[lang] ?? e.name[edition.sourceLang], edition.sections.get(e.id));
  }
  for (const id of manifest.edition.back) add(id, 'chapter', texts.chapters[id]?.title, edition.chapters.get(id));
  throwIfErrors(diagnostics);
  const filled = fillCharts(parts.map((p) => p.html), { year: manifest.edition.year, data, texts, messages, fmt, palette: readPalette(join(styles, 'report.css')) });
  return { parts: parts.map((p, i) => ({ ...p, html: filled[i]! })), warnings: diagnostics, sentences };
}

function writeAssets(dir: string, edition: Edition, paths: Paths): void {
  const assets = join(dir, 'assets');
  mkdirSync(join(assets, 'fonts'), { recursive: true });
  for (const f of fontFiles()) copyFileSync(f.source, join(assets, 'fonts', f.name));
  writeFileSync(join(assets, 'fonts.css'), fontFaceCss() + '\n');
  copyFileSync(join(paths.styles, 'report.css'), join(assets, 'report.css'));
  if (existsSync(edition.assetsDir)) cpSync(edition.assetsDir, assets, { recursive: true, filter: (f) => !f.endsWith('.md') });
}

const MAX_PASSES = 4;

/** PDF document information. SOURCE_DATE_EPOCH fixes the date for reproducible builds. */
export function metadata(edition: Edition) {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const { texts, lang } = edition;
  return {
    title: texts.documentTitle,
    author: texts.author,
    subject: texts.subject,
    keywords: texts.keywords,
    lang,
    created: epoch ? new Date(Number(epoch) * 1000) : new Date(),
  };
}

/** Bookmarks: front chapters, municipalities and planning regions in groups, back chapters. */
export function bookmarks(edition: Edition, parts: Part[]): Bookmark[] {
  const entry = (p: Part): Bookmark => ({ title: p.title, dest: p.id });
  const group = (kind: Part['kind'], title: string): Bookmark[] => {
    const children = parts.filter((p) => p.kind === kind).map(entry);
    return children.length ? [{ title, dest: children[0]!.dest, children }] : [];
  };
  const { front, back } = edition.manifest.edition;
  return [
    ...parts.filter((p) => front.includes(p.id)).map(entry),
    ...group('municipality', edition.messages.outline.municipalities),
    ...group('region', edition.messages.outline.regions),
    ...parts.filter((p) => back.includes(p.id)).map(entry),
  ];
}

/** Grouped by check, five of each shown: a runaway document must not bury the message. */
function preflightFailure(findings: Finding[], file: string, what = 'preflight'): BuildError {
  const byCheck = new Map<string, Finding[]>();
  for (const f of findings) byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f]);
  return new BuildError(
    [...byCheck].flatMap(([check, list]) => [
      ...list.slice(0, 5).map((f) => ({ file, message: `${what} ${check}${f.page ? ` (page ${f.page})` : ''}: ${f.message}` })),
      ...(list.length > 5 ? [{ file, message: `${what} ${check}: … and ${list.length - 5} more like these` }] : []),
    ]),
  );
}

/**
 * The geometry the preflight checks against: the text block, the full-bleed first and last
 * page, and on press sheets (the print profile) the binding shift of the text block.
 */
export function preflightOptions() {
  return { margins: PAGE.margin, fullBleedPages: [...FULL_PAGE_NUMBERS], bindingShift: bindingShiftMm };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = options.htmlOnly || options.browser ? undefined : startBrowser(undefined, (m) => (options.report ?? silentReporter).warn(m));
  started?.browser.catch(() => undefined); // awaited (and its error reported) when the print needs it
  // The browser starts while the content is loaded and transformed: it needs none of it.
  await started?.spawned;
  const browser = started?.browser;
  try {
    return await run(options, browser);
  } finally {
    // A browser started here is closed here, whatever happened (it may still be starting).
    if (browser) await browser.then((b) => b.close(), () => undefined);
  }
}

/** Load → validate → transform → chart: the parts of the report, or every problem at once. */
function prepare(options: BuildOptions, cache: Cache, report: Reporter) {
  const { paths, lang } = options;
  report.step(`load ${options.edition}/${lang}`);
  const edition = loadEdition({ contentDir: paths.content, templatesDir: paths.templates, edition: options.edition, lang, strict: false });
  report.done(`${edition.sections.size} sections, ${edition.chapters.size} chapters`);
  // A translation says what it lacks and what went stale, before anything else.
  const translation = edition.lang === edition.sourceLang ? undefined : coverage(edition);
  if (translation) report.warn(formatCoverage(translation, (f) => relative(process.cwd(), f)).replace(/\n/g, '\n  '));

  report.step('transform Markdown, draw charts');
  // Every problem of the content, the templates and the assets, reported together.
  const problems: Diagnostic[] = [...edition.problems];
  let built: ReturnType<typeof buildParts> | undefined;
  try {
    built = buildParts(edition, { cache, sourcePositions: Boolean(options.draft), progress: (n, t) => report.progress?.(n, t, 'part'), styles: paths.styles });
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    problems.push(...err.diagnostics);
  }
  problems.push(...checkAssets(paths.templates, edition.assetsDir), ...checkTemplates(paths.templates, edition.messages, lang));
  throwIfErrors(problems);
  const { parts, sentences } = built!;
  const warnings: Diagnostic[] = [];
  const warn = (ws: Diagnostic[]) => {
    for (const w of ws) report.warn(formatDiagnostic({ ...w, severity: 'warning' }, process.cwd(), false));
    warnings.push(...ws);
  };
  warn(built!.warnings);
  const render = loadTemplates(paths.templates, lang);
  report.done(`${parts.length} parts${cache.stats.hits.transform ? `, ${cache.stats.hits.transform} from the cache` : ''}`);
  // The lints' warnings: now for a draft; for a PDF while the browser lays the pages out
  // (`lint()` again is a no-op), before the result, whichever way the build goes.
  let linted = false;
  const lint = () => {
    if (linted) return;
    linted = true;
    warn(lintWarnings(edition, cache));
  };
  if (options.htmlOnly) lint();
  return { edition, translation, parts, warnings, sentences, render, lint };
}

async function run(options: BuildOptions, early: Promise<Browser> | undefined): Promise<BuildResult> {
  const { paths, lang } = options;
  const report = options.report ?? silentReporter;
  const target = options.outDir ?? join(paths.out, options.edition, lang);
  const protect = [paths.root, paths.content, paths.templates, paths.styles];
  checkTarget(target, protect); // before any work: a wrong --out is the first thing to hear
  const cache = new Cache(join(paths.out, '.cache'), options.cache !== false);

  const { edition, translation, parts, warnings, sentences, render, lint } = prepare(options, cache, report);

  const staging = stage(target, {
    protect,
    onWait: (pid) => report.warn(`another build (process ${pid}) is writing ${target}: waiting for it to finish`),
  });
  try {
    writeAssets(staging.dir, edition, paths);
    if (translation) writeFileSync(join(staging.dir, 'coverage.json'), JSON.stringify(translation, null, 2) + '\n');
    // What changed since the last good build (the one whose PDF is in place).
    const previous = readBuildInfo(target);
    const describe = (pages: ReadonlyMap<string, number> | null, titles?: Record<string, number[]>) => {
      const info: BuildInfo = { ...buildInfo(edition, parts, sentences, pages), ...(titles ? { titles } : {}) };
      const changes = previous ? diffBuilds(previous, info, (id) => edition.texts.charts[id]?.title ?? id) : undefined;
      if (changes) report.warn(`changes since the last build:\n    ${formatChanges(changes).replace(/\n/g, '\n    ')}`);
      return { info, changes };
    };
    const htmlPath = join(staging.dir, 'report.html');
    let pages: Map<string, number> | null = null;
    writeFileSync(htmlPath, compose({ edition, parts, pages, render }));
    if (options.htmlOnly) {
      // A draft never removes the last good PDF: it stays beside the new HTML, with the record
      // of the build that made it.
      describe(null);
      staging.commit({ keepLast: true });
      return { outDir: target, html: join(target, 'report.html'), warnings, cache: cache.stats };
    }

    // The same document, assets and code print the same PDF: a build with nothing changed
    // takes it from the cache (the screen profile; the print profile always runs).
    const printKey = Cache.key('pdf', printCode(), readFileSync(htmlPath), treeHash(join(staging.dir, 'assets')), process.env.REPORT_BROWSER ?? '', edition.lang);
    type Printed = { pages: [string, number][]; pageCount: number; passes: number; titles?: Record<string, number[]> };
    const cachedPdf = options.profile !== 'print' ? cache.get('pdf', printKey) : undefined;
    const cachedMeta = cachedPdf && cache.getJson<Printed>('pdf-meta', printKey);
    if (cachedPdf && cachedMeta) {
      lint();
      const pages = new Map(cachedMeta.pages);
      writeFileSync(htmlPath, compose({ edition, parts, pages, render }));
      writeFileSync(join(staging.dir, 'report.pdf'), cachedPdf);
      report.step('print');
      report.done('unchanged: the PDF of this document is in the cache');
      const { info, changes } = describe(pages, cachedMeta.titles);
      writeFileSync(join(staging.dir, 'build.json'), JSON.stringify(info, null, 2) + '\n');
      if (changes) writeFileSync(join(staging.dir, 'changes.json'), JSON.stringify(changes, null, 2) + '\n');
      staging.commit();
      return { outDir: target, html: join(target, 'report.html'), pdf: join(target, 'report.pdf'), pages, pageCount: cachedMeta.pageCount, passes: 0, warnings, changes, cache: cache.stats };
    }

    const browser = options.browser ?? (await early!);
    // A browser of this build is closed as soon as the units are printed (the preview's stays).
    let closed: Promise<void> | undefined;
    const closeBrowser = () => (closed ??= browser.close());
    // The layout of the last good build into this target: only what changed is laid out again.
    const layoutKey = Cache.key('layout', resolve(target), edition.lang);
    const design = Cache.key('design', printCode(), treeHash(join(staging.dir, 'assets')), process.env.REPORT_BROWSER ?? '', edition.lang);
    let printed: Assembled;
    try {
      const marks = bookmarks(edition, parts);
      printed = await assemble({
        printer: new Printer(browser, report),
        htmlPath,
        cache,
        previous: cache.getJson<LayoutRecord>('layout', layoutKey) ?? null,
        design,
        meta: metadata(edition),
        bookmarks: marks,
        linkLabel: linkLabels(edition, parts, marks),
        targets: contentsTargets(edition, parts),
        preflight: preflightOptions(),
        sizes: new Map(parts.map((p) => [p.id, p.html.length])),
        printed: options.browser ? undefined : closeBrowser,
        whileLayingOut: lint,
        report,
      });
      lint();
    } finally {
      if (!options.browser) await closeBrowser();
    }
    pages = printed.pages;
    // The HTML beside the PDF carries the same numbers.
    writeFileSync(htmlPath, compose({ edition, parts, pages, render }));
    const { final } = printed;
    // A PDF the preflight rejects is kept beside the output, for a look, and never replaces it.
    const rejected = `${target}.rejected.pdf`;
    if (printed.findings.length) {
      writeFileSync(rejected, final);
      throw preflightFailure(printed.findings, rejected);
    }
    rmSync(rejected, { force: true });
    writeFileSync(join(staging.dir, 'report.pdf'), final);
    if (options.profile === 'print') await pressProfile({ final, pageCount: printed.pageCount, edition, target, staging: staging.dir, report });
    const { info, changes } = describe(pages, printed.titles);
    writeFileSync(join(staging.dir, 'build.json'), JSON.stringify(info, null, 2) + '\n');
    if (changes) writeFileSync(join(staging.dir, 'changes.json'), JSON.stringify(changes, null, 2) + '\n');
    staging.commit();
    cache.putJson('layout', layoutKey, printed.record);
    // Units of about four builds of each edition; whole documents of four. Layout records by
    // target (~15 KB each): enough that the test suite's builds (which share this cache) leave
    // the editor's own targets theirs, and a correction after `npm test` lays out ~3 parts, not 53.
    for (const [s, keep] of [['unit-pdf', 400], ['unit-findings', 400], ['layout', 64]] as const) cache.prune(s, keep);
    if (options.profile !== 'print') {
      cache.put('pdf', printKey, final);
      cache.putJson('pdf-meta', printKey, { pages: [...pages], pageCount: printed.pageCount, passes: 1, titles: printed.titles } satisfies Printed);
      for (const s of ['pdf', 'pdf-meta']) cache.prune(s, 4);
    }
    report.done(`${printed.printed.length} of ${printed.units.length} print units printed`);
    return { outDir: target, html: join(target, 'report.html'), pdf: join(target, 'report.pdf'), pages, pageCount: printed.pageCount, passes: 1, printed: printed.printed, layoutMs: printed.layoutMs, warnings, changes, cache: cache.stats };
  } catch (err) {
    staging.discard();
    throw writeError(err, target) ?? err;
  }
}


/** The destinations the contents and the list of charts lead to: every part, every chart, the list itself. */
function contentsTargets(edition: Edition, parts: Part[]): string[] {
  const charts = chartList(parts, edition).map((c) => c.id);
  return [...parts.map((p) => p.id), ...charts, ...(charts.length ? ['charts-list'] : [])];
}

/** What a link to a part or a chart says to a screen reader: its title (bookmarks' titles, charts' captions). */
function linkLabels(edition: Edition, parts: Part[], marks: Bookmark[]): (dest: string) => string | undefined {
  const byBookmark = bookmarkLabels(marks);
  const titles = new Map<string, string>([...parts.map((p): [string, string] => [p.id, p.title]), ...chartList(parts, edition).map((c): [string, string] => [c.id, `${c.caption} ${c.title}`]), ['charts-list', edition.messages.chartsList]]);
  return (dest) => byBookmark(dest) ?? titles.get(dest);
}

/** The print profile: binding margins, pages in fours, 3 mm bleed, crop marks, PDF/X-4; the press sheets preflighted. */
async function pressProfile(input: { final: Uint8Array; pageCount: number; edition: Edition; target: string; staging: string; report: Reporter }): Promise<void> {
  const { final, edition, target, report } = input;
  report.step('print profile: binding margins, pages in fours, 3 mm bleed, crop marks, PDF/X-4');
  const [{ pressSheets, toPdfX, verifyPdfX }, { readPdf }, { preflight }] = await Promise.all([import('./finish/print-profile.js'), import('./check/pdf-model.js'), import('./check/preflight.js')]);
  const sheets = await pressSheets(final, preflightOptions().fullBleedPages);
  // The sheets still have their links: the preflight proves that text, links, footnotes and
  // contents moved together and that the moved text block stays inside the page.
  const sheetModel = await readPdf(sheets);
  const onSheets = preflight(sheetModel, preflightOptions()).findings;
  if (onSheets.length) throw preflightFailure(onSheets, join(target, 'report-print.pdf'), 'preflight of the press sheets');
  const pdfx = await toPdfX(sheets, edition.texts.documentTitle);
  const problems = await verifyPdfX(pdfx);
  if (problems.length) throw new BuildError(problems.map((message) => ({ file: join(target, 'report-print.pdf'), message: `PDF/X: ${message}` })));
  writeFileSync(join(input.staging, 'report-print.pdf'), pdfx);
  const blanks = sheetModel.pageCount - input.pageCount;
  report.done(`${sheetModel.pageCount} pages (${blanks} blank before the back cover), ${pdfx.length.toLocaleString('en')} bytes`);
}
