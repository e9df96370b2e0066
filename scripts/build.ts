/**
 * The build, stage by stage: load → transform → chart → compose → print (until the contents'
 * page numbers are stable) → finish. Side effects (files, browser, progress) sit at the edges.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { fillCharts } from './chart/figures.js';
import { evaluate } from './data/expressions.js';
import { numberFormat } from './data/format.js';
import { Dataset } from './data/metrics.js';
import { compose, type Part } from './compose/document.js';
import { fontFaceCss, fontFiles } from './compose/fonts.js';
import { checkAssets, checkTemplates, loadTemplates } from './compose/templates.js';
import type { Paths } from './config.js';
import { stage, writeError } from './finish/output.js';
import { finishPdf, type Bookmark } from './finish/pdf.js';
import { namedDestinations, readPdf } from './check/pdf-model.js';
import { formatPreflight, preflight } from './check/preflight.js';
import { PAGE } from './print/geometry.js';
import { BuildError, formatDiagnostic, throwIfErrors, type Diagnostic } from './lib/diagnostics.js';
import { silentReporter, type Reporter } from './lib/log.js';
import { coverage, formatCoverage } from './load/coverage.js';
import { loadEdition, type Edition, type Source } from './load/edition.js';
import { launchBrowser } from './print/browser.js';
import { Printer } from './print/pdf.js';
import { hyphenatorFor } from './transform/hyphenation.js';
import { transformMarkdown } from './transform/markdown.js';
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
  /** 'print' also writes report-print.pdf: bleed, crop marks, PDF/X-3. */
  profile?: 'screen' | 'print';
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
  warnings: Diagnostic[];
}

/** Load and transform: the parts of the report as sanitised HTML, charts drawn. */
export function buildParts(edition: Edition, { sourcePositions = false } = {}): { parts: Part[]; warnings: Diagnostic[] } {
  const { manifest, lang, messages } = edition;
  // A translation falls back to the source language's texts where it lacks one (chart and
  // chapter titles), and a part in the source language computes its figures in that language.
  const texts = edition.source ? { ...edition.texts, chapters: { ...edition.source.texts.chapters, ...edition.texts.chapters }, charts: { ...edition.source.texts.charts, ...edition.texts.charts } } : edition.texts;
  const diagnostics: Diagnostic[] = [];
  const data = new Dataset(manifest.entries, lang);
  const fmt = numberFormat(messages);
  const figures = new Map<Language, (expr: string) => string>();
  const figureIn = (l: Language) => {
    let f = figures.get(l);
    if (!f) {
      const m = l === lang || !edition.source ? messages : edition.source.messages;
      const d = new Dataset(manifest.entries, l);
      const nf = numberFormat(m);
      f = (expr: string) => evaluate(expr, d, nf, { separator: m.listSeparator, last: m.listLastSeparator }).text;
      figures.set(l, f);
    }
    return f;
  };
  const knownCharts = new Set(Object.keys(texts.charts));
  let footnote = 1;
  const parts: Part[] = [];
  // A part whose source is missing was reported by the load stage; the others still run, so
  // one build reports every problem.
  const add = (id: string, kind: Part['kind'], title: string | undefined, src: Source | undefined) => {
    if (!src || title === undefined) return;
    const out = transformMarkdown({ file: src.file, text: src.text, firstFootnote: footnote, knownCharts, contactBlock: kind !== 'chapter', evaluate: figureIn(src.lang), hyphenate: hyphenatorFor(src.lang), sourcePositions });
    footnote += out.footnoteCount;
    diagnostics.push(...out.diagnostics);
    parts.push({ id, kind, title, html: out.html, lang: src.lang, fallback: src.fallback, ...(sourcePositions ? { sourceFile: resolve(src.file) } : {}) });
  };
  for (const id of manifest.edition.front) add(id, 'chapter', texts.chapters[id]?.title, edition.chapters.get(id));
  for (const e of manifest.entries) {
    add(e.id, e.kind === 'planosanas-regions' ? 'region' : 'municipality', e.name[lang] ?? e.name[edition.sourceLang], edition.sections.get(e.id));
  }
  for (const id of manifest.edition.back) add(id, 'chapter', texts.chapters[id]?.title, edition.chapters.get(id));
  throwIfErrors(diagnostics);
  const filled = fillCharts(parts.map((p) => p.html), { data, texts, messages, fmt });
  return { parts: parts.map((p, i) => ({ ...p, html: filled[i]! })), warnings: diagnostics };
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

/** The geometry the preflight checks against: the text block, the full-bleed first and last page. */
export function preflightOptions() {
  return { margins: PAGE.margin, fullBleedPages: [1, -1], contentsPage: 2 };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { paths, lang } = options;
  const report = options.report ?? silentReporter;
  const target = options.outDir ?? join(paths.out, options.edition, lang);

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
    built = buildParts(edition, { sourcePositions: Boolean(options.draft) });
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    problems.push(...err.diagnostics);
  }
  problems.push(...checkAssets(paths.templates, edition.assetsDir), ...checkTemplates(paths.templates, edition.messages, lang));
  throwIfErrors(problems);
  const { parts, warnings } = built!;
  for (const w of warnings) report.warn(formatDiagnostic({ ...w, severity: 'warning' }, process.cwd(), false));
  const render = loadTemplates(paths.templates, lang);
  report.done(`${parts.length} parts`);

  const staging = stage(target, {
    protect: [paths.root, paths.content, paths.templates, paths.styles],
    onWait: (pid) => report.warn(`another build (process ${pid}) is writing ${target}: waiting for it to finish`),
  });
  try {
    writeAssets(staging.dir, edition, paths);
    if (translation) writeFileSync(join(staging.dir, 'coverage.json'), JSON.stringify(translation, null, 2) + '\n');
    const htmlPath = join(staging.dir, 'report.html');
    let pages: Map<string, number> | null = null;
    writeFileSync(htmlPath, compose({ edition, parts, pages, render }));
    if (options.htmlOnly) {
      // A draft never removes the last good PDF: it stays beside the new HTML.
      staging.commit({ keepLast: true });
      return { outDir: target, html: join(target, 'report.html'), warnings };
    }

    const browser = options.browser ?? (await launchBrowser(undefined, (m) => report.warn(m)));
    const sizes = new Map(parts.map((p) => [p.id, p.html.length]));
    let pdf: Uint8Array | undefined;
    let passes = 0;
    try {
      const printer = new Printer(browser, report);
      // Print, read where every part landed, fill the contents, print again until stable.
      for (;;) {
        passes += 1;
        report.step(`print pass ${passes}`);
        const printed = await printer.print(htmlPath, sizes);
        pdf = printed.pdf;
        const stranded = printed.notes.filter((n) => n.page < 0).map((n) => n.n);
        if (stranded.length) report.warn(`footnotes left at the end of their part: ${stranded.join(', ')}`);
        const dests = await namedDestinations(pdf);
        const landed = new Map(parts.map((p) => [p.id, dests.get(p.id)?.page ?? NaN]));
        const missing = parts.filter((p) => Number.isNaN(landed.get(p.id)));
        if (missing.length) throw new BuildError(`the PDF has no destination for: ${missing.map((p) => p.id).join(', ')}`);
        const stable = pages !== null && parts.every((p) => pages!.get(p.id) === landed.get(p.id));
        report.done(`${pdf.length.toLocaleString('en')} bytes${stable ? ', contents page numbers confirmed' : ''}`);
        if (stable) break;
        if (passes >= MAX_PASSES) throw new BuildError(`contents page numbers did not settle after ${MAX_PASSES} passes`);
        pages = landed;
        writeFileSync(htmlPath, compose({ edition, parts, pages, render }));
      }
    } finally {
      if (!options.browser) await browser.close();
    }
    report.step('finish: metadata, bookmarks; preflight');
    const final = await finishPdf(pdf!, metadata(edition), bookmarks(edition, parts));
    const model = await readPdf(final);
    const checked = preflight(model, preflightOptions());
    report.done(`${final.length.toLocaleString('en')} bytes; ${formatPreflight(checked).split('\n').at(-1)}`);
    // A PDF the preflight rejects is kept beside the output, for a look, and never replaces it.
    const rejected = `${target}.rejected.pdf`;
    if (checked.findings.length) {
      writeFileSync(rejected, final);
      // Grouped by check, five of each shown: a runaway document must not bury the message.
      const byCheck = new Map<string, typeof checked.findings>();
      for (const f of checked.findings) byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f]);
      throw new BuildError(
        [...byCheck].flatMap(([check, list]) => [
          ...list.slice(0, 5).map((f) => ({ file: rejected, message: `preflight ${check}${f.page ? ` (page ${f.page})` : ''}: ${f.message}` })),
          ...(list.length > 5 ? [{ file: rejected, message: `preflight ${check}: … and ${list.length - 5} more like these` }] : []),
        ]),
      );
    }
    rmSync(rejected, { force: true });
    writeFileSync(join(staging.dir, 'report.pdf'), final);
    if (options.profile === 'print') {
      report.step('print profile: 3 mm bleed, crop marks, PDF/X-3 (Ghostscript)');
      const { withBleedAndMarks, toPdfX, verifyPdfX } = await import('./finish/print-profile.js');
      const pdfx = await toPdfX(await withBleedAndMarks(final), edition.texts.documentTitle);
      const problems = await verifyPdfX(pdfx);
      if (problems.length) throw new BuildError(problems.map((message) => ({ file: join(target, 'report-print.pdf'), message: `PDF/X: ${message}` })));
      writeFileSync(join(staging.dir, 'report-print.pdf'), pdfx);
      report.done(`${pdfx.length.toLocaleString('en')} bytes`);
    }
    staging.commit();
    return { outDir: target, html: join(target, 'report.html'), pdf: join(target, 'report.pdf'), pages: pages!, pageCount: model.pageCount, passes, warnings };
  } catch (err) {
    staging.discard();
    throw writeError(err, target) ?? err;
  }
}
