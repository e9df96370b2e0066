/**
 * Proofs for the municipalities: `npm run proof -- <id> | --all | --since <git-rev>` writes
 * out/<edition>/<lang>/proofs/<id>.pdf: the section's pages cut from the built report (the same
 * pages, numbers and footnotes, not laid out again), then a data sheet: the entry's figures and
 * coding with their evidence, its place in every chart and ranking, and, with --since, what
 * changed since that revision (changed words, old → new figures).
 *
 * The sheets of all requested proofs are printed in one browser print (each title links to
 * itself, so the PDF has a named destination where each sheet starts); each proof is then
 * assembled with pdf-lib. A report older than the content is refused (build first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { parse } from 'yaml';
import { escapeHtml } from '../chart/figures.js';
import type { Paths } from '../config.js';
import { numberFormat } from '../data/format.js';
import { entryFigures, hash, type BuildInfo } from '../finish/build-info.js';
import { BuildError } from '../lib/diagnostics.js';
import { silentReporter, type Reporter } from '../lib/log.js';
import { loadEdition, type Edition } from '../load/edition.js';
import { startBrowser } from '../print/browser.js';
import { PAGE } from '../print/design.js';
import { Printer } from '../print/pdf.js';
import type { Entry, Language } from '../validate/schema.js';
import { standing } from './standing.js';

export interface ProofOptions {
  paths: Paths;
  edition: string;
  lang: Language;
  /** Entry ids, or all of them. */
  ids: string[] | 'all';
  /** A git revision: only entries whose text or data changed since, with the changes marked. */
  since?: string;
  report?: Reporter;
}

export interface Change {
  words: { removed: string[]; added: string[] };
  figures: { field: string; old: string | number | undefined; new: string | number | undefined }[];
}

/** Words removed and added between two texts (a longest-common-subsequence diff of words). */
export function wordDiff(before: string, after: string): Change['words'] {
  const a = before.split(/\s+/).filter(Boolean);
  const b = after.split(/\s+/).filter(Boolean);
  // Trim the common head and tail; the middle is small for a correction.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const lcs = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) (i++, j++);
    else if (j < y.length && (i === x.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) added.push(y[j++]!);
    else removed.push(x[i++]!);
  }
  return { removed, added };
}

/** Entries whose section text or manifest entry differs from git revision `rev`. */
export function changedSince(edition: Edition, rev: string, root: string): Map<string, Change> {
  const git = (path: string) => {
    try {
      return execFileSync('git', ['show', `${rev}:${relative(root, path)}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
  };
  try {
    execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: root, stdio: 'ignore' });
  } catch {
    throw new BuildError([{ file: '', message: `"${rev}" is not a git revision of ${root}`, hint: 'give a commit, a tag or e.g. HEAD~3' }], 2);
  }
  const oldManifest = git(edition.manifestFile);
  const oldEntries = new Map(((oldManifest ? (parse(oldManifest) as { entries?: Entry[] }).entries : undefined) ?? []).map((e) => [e.id, e]));
  const out = new Map<string, Change>();
  for (const e of edition.manifest.entries) {
    const src = edition.sections.get(e.id);
    const before = src ? git(src.file) : undefined;
    const words = src && before !== undefined && before !== src.text ? wordDiff(before, src.text) : { removed: [], added: [] };
    const was = oldEntries.has(e.id) ? entryFigures(oldEntries.get(e.id)!) : {};
    const now = entryFigures(e);
    const figures = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((f) => was[f] !== now[f]).map((field) => ({ field, old: was[field], new: now[field] }));
    if (before === undefined || words.removed.length || words.added.length || figures.length) out.set(e.id, { words, figures });
  }
  return out;
}

/** The data sheets of the given entries, one per page, as an HTML document using the report's assets. */
export function sheetsHtml(edition: Edition, ids: string[], changes?: Map<string, Change>): string {
  const { messages: m, texts, lang, manifest } = edition;
  const fmt = numberFormat(m);
  const fill = (t: string, values: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (_x, k: string) => String(values[k] ?? ''));
  const fieldName = (key: string) => (m.proof.fields as Record<string, string>)[key] ?? key;
  const sheets = ids.map((id) => {
    const e = manifest.entries.find((x) => x.id === id)!;
    const s = standing(e, manifest.entries, lang, m, texts);
    const name = e.name[lang] ?? e.name[edition.sourceLang] ?? id;
    const figures = s.figures
      .map((f) => `<tr><th scope="row">${escapeHtml(fieldName(f.key))}</th><td>${escapeHtml(f.value)}</td><td>${f.evidence.map((q) => `${escapeHtml(m.quotes.open)}${escapeHtml(q)}${escapeHtml(m.quotes.close)}`).join('<br>')}</td></tr>`)
      .join('');
    const charts = s.charts
      .map((c) => `<tr><td>${escapeHtml(c.title)}</td><td>${escapeHtml(c.item)}</td><td>${escapeHtml(c.percent ? fmt.percent(c.value) : fmt.number(c.value))}${c.place ? ` (${escapeHtml(fill(m.proof.place, c.place))})` : ''}</td></tr>`)
      .join('');
    const ranks = s.ranks.map((r) => `<li>${escapeHtml(fill(m.proof.ranking, { field: fieldName(r.field), rank: r.rank, of: r.of, value: fmt.number(r.value) }))}</li>`).join('');
    const change = changes?.get(id);
    const changed = change
      ? `<h2>${escapeHtml(m.proof.changes)}</h2><ul class="proof__changes">${change.figures.map((f) => `<li>${escapeHtml(fill(m.proof.changedFigure, { field: fieldName(f.field), old: f.old ?? '—', new: f.new ?? '—' }))}</li>`).join('')}${
          change.words.removed.length || change.words.added.length
            ? `<li>${escapeHtml(m.proof.changedText)}: ${change.words.removed.map((w) => `<del>${escapeHtml(w)}</del>`).join(' ')} ${change.words.added.map((w) => `<ins>${escapeHtml(w)}</ins>`).join(' ')}</li>`
            : ''
        }</ul>`
      : '';
    return `<section class="chapter proof" id="sheet-${escapeHtml(id)}"><h1 class="chapter__title"><a href="#sheet-${escapeHtml(id)}">${escapeHtml(fill(m.proof.title, { name }))}</a></h1><div class="chapter__body"><p>${escapeHtml(m.proof.intro)}</p>${changed}
<h2>${escapeHtml(m.proof.figures)}</h2><table class="proof__table"><thead><tr><th>${escapeHtml(m.proof.field)}</th><th>${escapeHtml(m.proof.value)}</th><th>${escapeHtml(m.proof.evidence)}</th></tr></thead><tbody>${figures}</tbody></table>
<h2>${escapeHtml(m.proof.charts)}</h2><ul>${ranks}</ul><table class="proof__table"><thead><tr><th>${escapeHtml(m.proof.chart)}</th><th>${escapeHtml(m.proof.item)}</th><th>${escapeHtml(m.proof.value)}</th></tr></thead><tbody>${charts}</tbody></table></div></section>`;
  });
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(texts.documentTitle)}</title><link rel="stylesheet" href="assets/fonts.css"><link rel="stylesheet" href="assets/report.css"><style>
@page { size: 210mm 297mm; margin: 22mm 18mm; @bottom-center { content: none; } }
.proof { break-before: page; } .proof h2 { font: 700 11pt/1.25 var(--sans); margin: 5mm 0 2mm; color: var(--accent); }
.proof__table { width: 100%; border-collapse: collapse; font: 400 8.5pt/1.35 var(--sans); }
.proof__table th, .proof__table td { text-align: left; vertical-align: top; padding: 1mm 2mm 1mm 0; border-bottom: 0.4pt solid var(--rule); }
.proof__table thead th { color: var(--muted); font-weight: 600; }
.proof__changes del { color: #a12a1a; } .proof__changes ins { color: #1d6b2a; text-decoration: underline; }
</style></head><body>${sheets.join('\n')}</body></html>`;
}

export async function makeProofs(options: ProofOptions): Promise<string[]> {
  const { paths, lang } = options;
  const report = options.report ?? silentReporter;
  const target = join(paths.out, options.edition, lang);
  const pdfFile = join(target, 'report.pdf');
  if (!existsSync(pdfFile)) throw new BuildError([{ file: pdfFile, message: 'no report to cut the proofs from', hint: `build it first: npm run build -- --edition ${options.edition} --lang ${lang}` }], 2);
  // The browser starts while the content is loaded and checked (closed whatever happens): its
  // process spawned first, or the synchronous loading would hold its start.
  const { browser: started, spawned } = startBrowser(undefined, (m) => report.warn(m));
  started.catch(() => undefined); // awaited (and its error reported) where the sheets are printed
  await spawned;
  let closed: Promise<void> | undefined;
  const closeBrowser = () => (closed ??= started.then((b) => b.close(), () => undefined));
  try {
    const edition = loadEdition({ contentDir: paths.content, templatesDir: paths.templates, edition: options.edition, lang });
    const known = edition.manifest.entries.map((e) => e.id);
    const changes = options.since ? changedSince(edition, options.since, paths.root) : undefined;
    let ids = options.ids === 'all' || options.since ? known : options.ids;
    if (changes) ids = ids.filter((id) => changes.has(id));
    const unknown = ids.filter((id) => !known.includes(id));
    if (unknown.length) throw new BuildError(unknown.map((id) => ({ file: edition.manifestFile, message: `no entry "${id}" in the manifest`, hint: `ids are the section file names, e.g. ${known[0]}` })), 2);

    // The proofs are cut from the report: it must be the report of this content.
    const info = JSON.parse(readFileSync(join(target, 'build.json'), 'utf8')) as BuildInfo;
    const stale = ids.filter((id) => info.parts[id]?.hash !== hash(edition.sections.get(id)?.text ?? '') || JSON.stringify(info.figures[id]) !== JSON.stringify(entryFigures(edition.manifest.entries.find((e) => e.id === id)!)));
    if (stale.length) throw new BuildError([{ file: pdfFile, message: `the report is older than the content of ${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}`, hint: 'build it again (npm run build), then make the proofs' }]);
    if (!ids.length) return [];

    report.step(`proofs: ${ids.length} data sheet(s)`);
    const work = join(target, `.proofs-${process.pid}`);
    mkdirSync(work, { recursive: true });
    try {
      const sheets = join(target, `.sheets-${process.pid}.html`);
      writeFileSync(sheets, sheetsHtml(edition, ids, changes));
      const order = Object.keys(info.parts);
      // The report's side, while the browser starts and prints the sheets: the document, its
      // destinations, and the text of the pages where the proofs' parts and the parts after
      // them start (only those: where each heading stands).
      const { destinationsOf, pageTexts, titleTops } = await import('../check/pdf-model.js');
      const reportBytes = new Uint8Array(readFileSync(pdfFile));
      const reportSide = PDFDocument.load(reportBytes, { updateMetadata: false }).then(async (doc) => {
        const dests = destinationsOf(doc);
        const pages = [...new Set(ids.flatMap((id) => [dests.get(id)?.page, dests.get(nextPart(order, dests, id) ?? '')?.page]).filter((n): n is number => n !== undefined))];
        // The build kept them (build.json `titles`); a report built before it did is read.
        const kept = info.titles;
        if (kept && pages.every((n) => kept[n])) return { doc, dests, titles: (n: number) => kept[n] ?? [] };
        const texts = await pageTexts(reportBytes, pages);
        return { doc, dests, titles: (n: number) => titleTops(texts.text[n - 1] ?? []) };
      });
      reportSide.catch(() => undefined); // awaited below
      let sheetPdf: Uint8Array;
      try {
        // The sheets are tables and lists with no notes: printed as the browser pages them.
        sheetPdf = await new Printer(await started, report).printPlain(sheets);
      } finally {
        await closeBrowser();
        rmSync(sheets, { force: true });
      }
      const sheetDoc = await PDFDocument.load(sheetPdf);
      const sheetDests = destinationsOf(sheetDoc);
      const { doc: reportDoc, dests: reportDests, titles } = await reportSide;
      const startOf = (dests: Map<string, { page: number }>, id: string) => dests.get(id)?.page;
      const nextId = (id: string) => nextPart(order, reportDests, id);
      /** The next part's destination, if there is one. */
      const nextDest = (id: string) => reportDests.get(nextId(id) ?? '');
      const nextStart = (id: string) => nextDest(id)?.page ?? reportDoc.getPageCount(); // else the back cover
      // Where a part's heading stands on its first page (Chromium's destinations are not where
      // the box starts): the headings are the page's text in the title size (15 pt, larger than
      // anything else on a section's page), the part's the k-th of the parts starting there.
      const headingAt = (page: number, part: string) => {
        const headings = titles(page);
        const k = order.slice(0, order.indexOf(part)).filter((other) => reportDests.get(other)?.page === page).length;
        return { page, y: headings[k] ?? Infinity };
      };
      const written: string[] = [];
      for (const [k, id] of ids.entries()) {
        const from = startOf(reportDests, id)!;
        const to = nextStart(id) - 1;
        const sheetFrom = startOf(sheetDests, `sheet-${id}`) ?? k + 1;
        const sheetTo = (k + 1 < ids.length ? startOf(sheetDests, `sheet-${ids[k + 1]}`) ?? sheetFrom + 1 : sheetDoc.getPageCount() + 1) - 1;
        const proof = await PDFDocument.create();
        const name = edition.manifest.entries.find((e) => e.id === id)!.name;
        proof.setTitle(`${name[lang] ?? name[edition.sourceLang]} — ${edition.texts.documentTitle}`);
        proof.setLanguage(lang);
        // Sections run on: the neighbours' part of a shared first or last page is masked.
        const own = ownArea(headingAt(from, id), nextDest(id) && headingAt(nextDest(id)!.page, nextId(id)!), reportDoc.getPage(from - 1).getHeight());
        for (const page of await proof.copyPages(reportDoc, range(from - 1, (own.sharesLast ? to + 1 : to) - 1))) proof.addPage(page);
        maskNeighbours(proof, own);
        for (const page of await proof.copyPages(sheetDoc, range(sheetFrom - 1, sheetTo - 1))) proof.addPage(page);
        const file = join(work, `${id}.pdf`);
        writeFileSync(file, await proof.save());
        written.push(id);
      }
      // Into place all at once: proofs/ holds either the last set or the new one.
      const proofsDir = join(target, 'proofs');
      mkdirSync(proofsDir, { recursive: true });
      for (const id of written) renameSync(join(work, `${id}.pdf`), join(proofsDir, `${id}.pdf`));
      report.done(`${written.length} proof(s) in ${relative(process.cwd(), proofsDir)}`);
      return written.map((id) => join(proofsDir, `${id}.pdf`));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }

  } finally {
    await closeBrowser();
  }
}

/** The part after `id` in the report's order that has a destination (a part the report prints), if any. */
const nextPart = (order: string[], dests: ReadonlyMap<string, unknown>, id: string) => order.slice(order.indexOf(id) + 1).find((later) => dests.has(later));

const PT = 72 / 25.4;
/** mm from a run-on section's heading up to the middle of the white above its rule (styles/report.css: 4 mm margin, rule, 7 mm padding). */
const HEADING_ABOVE = 8;

/**
 * Where a section's own content is on its first and last pages, from the tops of its heading
 * and the next part's: it starts above its heading (below the previous section, when it runs
 * on) and ends above the next part's heading, when that one runs on on its last page (then
 * that page belongs to the proof too). Heights in PDF points from the bottom of the page.
 */
export function ownArea(start: { page: number; y: number }, next: { page: number; y: number } | undefined, pageHeight: number) {
  const textTop = pageHeight - PAGE.margin.top * PT;
  // A heading within a few lines of the text block's top starts its page.
  const startsPage = (d: { y: number }) => d.y >= textTop - HEADING_ABOVE * PT;
  return {
    /** The first page is shared: mask above this height. */
    top: startsPage(start) ? undefined : start.y + HEADING_ABOVE * PT,
    /** The last page is shared with the next part: mask below this height. */
    bottom: next && !startsPage(next) ? next.y + HEADING_ABOVE * PT : undefined,
    sharesLast: !!next && !startsPage(next),
  };
}

/** White over what belongs to a neighbour on the proof's first and last report pages (the running head of a neighbour's page too). */
function maskNeighbours(proof: PDFDocument, own: ReturnType<typeof ownArea>): void {
  const pages = proof.getPages();
  const white = rgb(1, 1, 1);
  const folio = PAGE.margin.bottom * PT; // the page number stays
  if (own.top !== undefined) {
    const p = pages[0]!;
    p.drawRectangle({ x: 0, y: own.top + 1, width: p.getWidth(), height: p.getHeight() - own.top - 1, color: white });
  }
  if (own.bottom !== undefined && own.sharesLast) {
    const last = pages.at(-1)!;
    last.drawRectangle({ x: 0, y: folio, width: last.getWidth(), height: own.bottom + 1 - folio, color: white });
  }
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
