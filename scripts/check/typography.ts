/**
 * The typography of a built PDF, measured on the PDF itself: lines per page, holes in the flow,
 * hyphenated line ends, characters per full line, the space above the footnote rule, straight
 * quotes. Nothing here knows how the PDF was made; the page margins (to tell the running head
 * and the page number from the text block) come from scripts/print/design.ts unless given.
 *
 * Read with pdfjs-dist (already the preflight's text reader), not with `pdftotext -bbox-layout`:
 *  - each text run has its real font size (10 pt body, 7.5 pt notes, 15 pt titles), where
 *    poppler's word boxes give only a height to guess the size from;
 *  - the tag tree (Chromium prints a tagged PDF) says which text belongs to a chart: every
 *    marked-content id under a `Figure` element, so chart labels are no "lines" and a page that
 *    starts with a chart is known;
 *  - the marked content shows how a line-end hyphen was drawn (see `hyphenAt`), which poppler's
 *    text, with the soft hyphens' /ActualText already emptied by the finish stage, cannot;
 *  - the operator list has the drawn paths, so the footnote rule is measured where it is drawn.
 *
 * Units: the report is in millimetres from the top of the page; internally PDF points.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { LIMITS, PAGE, TOLERANCES } from '../print/design.js';

export { LIMITS };

const MM = 72 / 25.4;
const mm = (pt: number) => Math.round((pt / MM) * 10) / 10;
/** A line is full when it ends this close to the right edge of the text block, pt. */
const FULL_TOLERANCE = TOLERANCES.fullLinePt;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface TypographyOptions {
  /** Page margins in mm (default: PAGE.margin of scripts/print/design.ts). */
  margins?: Margins;
  /**
   * The text pages to measure (1-based). Default: every page with a page number (a line of
   * digits in the bottom margin) — so the cover, the imprint, the contents and the back cover
   * are left out. A part's first page has no running head; the pages after it do.
   */
  pages?: number[];
  /** A hole is a white band in the flow at least this high, in body line pitches (default 2). */
  holePitches?: number;
}

export type HyphenKind = 'break' | 'hard';

export interface Line {
  text: string;
  /** mm from the top of the page: the line's box (font ascent to descent). */
  top: number;
  bottom: number;
  /** Font size of most of its characters, pt. */
  size: number;
  /** In the body's size (not a heading, not a contact block in a smaller size). */
  body: boolean;
  /** Reaches the right edge of the text block (a justified line, not a paragraph's last). */
  full: boolean;
  /** Characters, spaces included, footnote calls left out. */
  chars: number;
  /** Ends in a hyphen: a hyphenation break, or a hyphen typed in the text. */
  hyphen?: HyphenKind;
  /** A full body line: its word space (the median gap between its words), in normal spaces. */
  wordSpace?: number;
}

export interface Hole {
  /** mm from the top of the page where the white band starts, and its height. */
  top: number;
  height: number;
  /** `inner`: between two blocks of the flow; `foot`: under the last one, on a page the part continues after. */
  kind: 'inner' | 'foot';
  /** The line above the hole. */
  after: string;
}

export interface PageTypography {
  page: number;
  runningHead: string;
  /** Text lines of the text block: running head, page number, footnotes and chart text left out. */
  lines: Line[];
  bodyLines: number;
  /** Body lines that fit in the text block (its height / the body line pitch). */
  capacity: number;
  /** (lines + charts + notes, in line pitches) / capacity. */
  fill: number;
  /** mm: first and last block of the flow (notes left out); undefined on a page without text. */
  top?: number;
  bottom?: number;
  figures: { top: number; bottom: number }[];
  startsWithFigure: boolean;
  /** The part goes on on the next page (same running head). */
  continues: boolean;
  holes: Hole[];
  /** Characters of each full body line. */
  charsPerFullLine: number[];
  /** The footnote block, if the page has one: its rule (drawn; else the first note's top) and the gap to the last line above. */
  notes?: { lines: number; top: number; rule: number; ruleDrawn: boolean; gap: number };
  straightQuotes: string[];
}

export interface HyphenRun {
  length: number;
  /** Page of each line of the run. */
  pages: number[];
  lines: string[];
}

export interface TypographySummary {
  pageCount: number;
  textPages: number;
  bodySize: number;
  /** mm */
  bodyPitch: number;
  underThird: number[];
  /** Text pages with fewer than LIMITS.minLines lines (pages holding a chart left out). */
  fewLines: { page: number; lines: number }[];
  longestHyphenRun: HyphenRun;
  /** Every run longer than LIMITS.maxHyphenRun. */
  longHyphenRuns: HyphenRun[];
  /** Pages whose last line ends in a hyphen. */
  hyphenAtPageEnd: number[];
  bodyLines: number;
  hyphenBreaks: number;
  hardHyphenEnds: number;
  /** Hyphenation breaks among body lines. */
  hyphenShare: number;
  charsPerLine: { count: number; median: number; p10: number; p90: number };
  /** Holes over LIMITS.maxHoleMm. */
  holesOver25: { page: number; height: number; kind: Hole['kind']; nextStartsWithFigure: boolean }[];
  /** Smallest gap between the last line and the footnote rule, mm, and its page. */
  minRuleGap?: { page: number; gap: number };
  /** Pages whose footnote rule is closer than LIMITS.minRuleGapMm to the text. */
  closeRules: { page: number; gap: number }[];
  straightQuotes: { page: number; text: string }[];
  /**
   * Word spaces of the justified lines: the normal space (pt, the median gap between words in
   * ragged lines, which Chromium does not stretch), how many full body lines were measured,
   * how many have a word space over LIMITS.maxWordSpace normal spaces, the share within it, the widest.
   */
  wordSpaces: { normal: number; lines: number; over: number; share: number; widest?: { page: number; ratio: number; text: string } };
}

export interface Typography {
  pages: PageTypography[];
  summary: TypographySummary;
}

/* ------------------------------------------------------------------ reading */

interface Run {
  str: string;
  x: number;
  right: number;
  /** Baseline, top-down pt. */
  base: number;
  size: number;
  ascent: number;
  descent: number;
  /** Index of the chart (top-level Figure element) it belongs to. */
  figure?: number;
}

interface RawLine {
  runs: Run[];
  /** Superscripts (footnote calls) drawn on this line. */
  sups: Run[];
  base: number;
  size: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  text: string;
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** Marked-content id → index of the top-level Figure it is in. */
function figureIds(tree: StructNode | null): Map<string, number> {
  const out = new Map<string, number>();
  let count = 0;
  const walk = (n: StructNode, figure: number | undefined) => {
    // A chart: its Figure, or the group around it (caption, drawing, data table) that PDF/UA tags a Div.
    const chart = n.role === 'Figure' || (n.role === 'Div' && !!n.children?.some((c) => c.role === 'Figure'));
    const f = figure ?? (chart ? count++ : undefined);
    if (n.type === 'content' && n.id && f !== undefined) out.set(n.id, f);
    for (const c of n.children ?? []) walk(c, f);
  };
  if (tree) walk(tree, undefined);
  return out;
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}
interface MarkLike {
  type: string;
  id?: string | null;
}

function readRuns(items: (TextItemLike | MarkLike)[], styles: Record<string, { ascent: number; descent: number }>, figures: Map<string, number>, pageTop: number): Run[] {
  const runs: Run[] = [];
  const stack: (string | null | undefined)[] = [];
  for (const item of items) {
    if ('type' in item) {
      if (item.type === 'endMarkedContent') stack.pop();
      else stack.push(item.id);
      continue;
    }
    if (!item.str.trim()) continue;
    const [, , c = 0, d = 0, e = 0, f = 0] = item.transform;
    const size = Math.hypot(c, d);
    if (size < 0.5) continue;
    const style = styles[item.fontName];
    const figure = stack.map((id) => (id ? figures.get(id) : undefined)).find((x) => x !== undefined);
    runs.push({ str: item.str, x: e, right: e + item.width, base: pageTop - f, size, ascent: style?.ascent ?? 0.8, descent: Math.abs(style?.descent ?? -0.2), figure });
  }
  return runs;
}

/** Horizontal rules (filled or stroked paths at most 1.5 pt high and 10 mm wide), as top-down y in pt. */
async function horizontalRules(page: { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }> }, pageTop: number): Promise<{ y: number; left: number; right: number }[]> {
  const ops = await page.getOperatorList();
  type M = [number, number, number, number, number, number];
  const mul = (m: M, n: M): M => [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
  let ctm: M = [1, 0, 0, 1, 0, 0];
  const stack: M[] = [];
  let box: [number, number, number, number] | undefined;
  const rules: { y: number; left: number; right: number }[] = [];
  const paint = new Set<number>([OPS.fill, OPS.eoFill, OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ctm, args as M);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0])) ctm = mul(ctm, args[0] as M);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const mm4 = args?.[2] as ArrayLike<number> | undefined;
      if (!mm4 || mm4.length < 4) continue;
      const pts = [[mm4[0]!, mm4[1]!], [mm4[2]!, mm4[1]!], [mm4[0]!, mm4[3]!], [mm4[2]!, mm4[3]!]].map(([x, y]) => [ctm[0] * x! + ctm[2] * y! + ctm[4], ctm[1] * x! + ctm[3] * y! + ctm[5]] as const);
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    } else if (paint.has(fn) && box) {
      const [x0, y0, x1, y1] = box;
      if (y1 - y0 <= 1.5 && x1 - x0 >= 10 * MM) rules.push({ y: pageTop - (y0 + y1) / 2, left: x0, right: x1 });
      box = undefined;
    } else if (fn === OPS.endPath) box = undefined;
  }
  return rules;
}

/**
 * Runs grouped into lines by baseline (within a quarter of the size: table cells in two sizes
 * align their tops, not their baselines); a smaller run raised into a line's box (a footnote call) joins that line. */
function groupLines(runs: Run[]): RawLine[] {
  const sorted = [...runs].sort((a, b) => a.base - b.base || a.x - b.x);
  const groups: Run[][] = [];
  for (const r of sorted) {
    const g = groups.at(-1);
    if (g && Math.abs(r.base - g[0]!.base) <= 0.25 * Math.max(r.size, g[0]!.size)) g.push(r);
    else groups.push([r]);
  }
  const lines = groups.map((g) => makeLine(g, []));
  // Superscripts: a line whose size is well under a neighbour's and whose box lies within it.
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const host = [lines[i - 1], lines[i + 1]].filter((h): h is RawLine => !!h && l.size < 0.85 * h.size && l.bottom > h.top && l.top < h.bottom && l.base < h.base).sort((a, b) => overlap(l, b) - overlap(l, a))[0];
    if (!host) continue;
    host.sups.push(...l.runs, ...l.sups);
    lines.splice(i, 1);
    i--;
  }
  return lines.map((l) => makeLine(l.runs, l.sups));
}

const overlap = (a: RawLine, b: RawLine) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);

function makeLine(runs: Run[], sups: Run[]): RawLine {
  runs.sort((a, b) => a.x - b.x);
  const chars = new Map<number, number>();
  for (const r of runs) chars.set(Math.round(r.size * 10) / 10, (chars.get(Math.round(r.size * 10) / 10) ?? 0) + r.str.length);
  const size = [...chars].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    if (text && r.x - end > 0.12 * r.size && !/\s$/.test(text)) text += ' ';
    text += r.str;
    end = Math.max(end, r.right);
  }
  const all = [...runs, ...sups];
  return {
    runs,
    sups,
    base: Math.max(...runs.map((r) => r.base)),
    size,
    top: Math.min(...all.map((r) => r.base - r.ascent * r.size)),
    bottom: Math.max(...all.map((r) => r.base + r.descent * r.size)),
    left: Math.min(...runs.map((r) => r.x)),
    right: Math.max(...runs.map((r) => r.right)),
    text: text.replace(/\s+/g, ' ').trim().normalize('NFC'),
  };
}

/**
 * How a line ends in a hyphen. Chromium draws the hyphen of a hyphenation break as a glyph of
 * its own, after the cluster that holds the soft hyphen: that cluster is a marked-content span
 * with /ActualText (emptied of U+00AD by the finish stage, so the text layer has no soft hyphen
 * left to look for), and pdfjs starts a new text item at each marked-content boundary. A hyphen
 * typed in the text is drawn in its word's run ("…-2023-AL-"). So a break is: the line's last
 * text item is a lone "-" after a letter, and the word goes on on the next line in lower case.
 * Any other line-end hyphen is typed ("sociāli-", "13.-") and shows just the same ("hard").
 * The lower-case test also guards the rare typed hyphen that follows a cluster of its own (an
 * /ActualText "ī", or a letter from the latin-ext font subset) and so is an item of its own.
 */
function hyphenAt(line: RawLine, next: RawLine | undefined): HyphenKind | undefined {
  if (!/\S[-\u2010]$/u.test(line.text)) return undefined;
  const lone = /^[-\u2010]$/u.test(line.runs.at(-1)!.str.trim());
  return lone && /\p{L}[-\u2010]$/u.test(line.text) && next && /^\p{Ll}/u.test(next.text) ? 'break' : 'hard';
}

/* ------------------------------------------------------------------ measuring */

const mode = (values: number[], step: number): number => {
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.round(v / step);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return best ? best[0] * step : NaN;
};

/** Linear-interpolation percentile (as numpy's default). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const k = (s.length - 1) * p;
  const lo = Math.floor(k);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (k - lo);
}

interface PageRead {
  page: number;
  width: number;
  height: number;
  /** The page's top in PDF user space (y grows upwards there). */
  pageTop: number;
  head: RawLine[];
  folio: RawLine[];
  flow: RawLine[];
  figureRuns: Map<number, Run[]>;
  rules: { y: number; left: number; right: number }[];
  all: RawLine[];
}

export async function measureTypography(pdf: string | Uint8Array, options: TypographyOptions = {}): Promise<Typography> {
  const margins = options.margins ?? PAGE.margin;
  const original = typeof pdf === 'string' ? new Uint8Array(readFileSync(pdf)) : pdf;
  // pdfjs takes its buffer over (detaches it): it reads a copy.
  const data = original.slice();
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const read: PageRead[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const width = x1 - x0;
      const height = y1 - y0;
      const content = await page.getTextContent({ includeMarkedContent: true });
      const figures = figureIds((await page.getStructTree().catch(() => null)) as StructNode | null);
      const runs = readRuns(content.items as (TextItemLike | MarkLike)[], content.styles, figures, y1);
      const contentTop = margins.top * MM;
      const contentBottom = height - margins.bottom * MM;
      const figureRuns = new Map<number, Run[]>();
      for (const r of runs) if (r.figure !== undefined) figureRuns.set(r.figure, [...(figureRuns.get(r.figure) ?? []), r]);
      const lines = groupLines(runs.filter((r) => r.figure === undefined));
      const centre = (l: RawLine) => (l.top + l.bottom) / 2;
      const head = lines.filter((l) => centre(l) < contentTop);
      const folio = lines.filter((l) => centre(l) > contentBottom);
      const flow = lines.filter((l) => !head.includes(l) && !folio.includes(l));
      read.push({ page: p, width, height, pageTop: y1, head, folio, flow, figureRuns, rules: [], all: groupLines(runs) });
      page.cleanup();
    }
    const isText = (r: PageRead) => (options.pages ? options.pages.includes(r.page) : r.folio.some((l) => /^\d+$/.test(l.text)));
    const textPages = read.filter(isText);

    // The body: the size most characters of the flow are set in, and its line pitch.
    const sizes = new Map<number, number>();
    for (const r of textPages) for (const l of r.flow) sizes.set(l.size, (sizes.get(l.size) ?? 0) + l.text.length);
    const bodySize = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
    const isBody = (l: RawLine) => Math.abs(l.size - bodySize) <= 0.15;
    // The pitch: the distance from a full (justified) body line to the next, i.e. between two
    // lines of one paragraph; Chromium snaps baselines to its pixel grid, so take the commonest.
    const steps: number[] = [];
    for (const r of textPages) {
      const right = r.width - margins.right * MM - FULL_TOLERANCE;
      const body = r.flow.filter(isBody);
      for (let i = 1; i < body.length; i++) {
        const d = body[i]!.base - body[i - 1]!.base;
        if (body[i - 1]!.right >= right && d > bodySize && d < 2 * bodySize) steps.push(d);
      }
    }
    const pitch = steps.length ? mode(steps, 0.05) : bodySize * 1.2;

    // The rules are only needed on pages with notes: read them there.
    for (const r of textPages) {
      if (r.flow.some((l) => l.size < 0.85 * bodySize)) r.rules = await horizontalRules(await doc.getPage(r.page), r.pageTop);
    }

    const pages = textPages.map((r, i) => measurePage(r, textPages[i + 1], { margins, bodySize, pitch, isBody, holeMin: (options.holePitches ?? 2) * pitch }));
    markHyphens(pages);
    const normal = markWordSpaces(pages, wordGaps(original, pages.map((p) => p.page)));
    const quotes = read.flatMap((r) => r.all.flatMap((l) => straightQuotes(l.text).map((text) => ({ page: r.page, text }))));
    for (const p of pages) p.straightQuotes = quotes.filter((q) => q.page === p.page).map((q) => q.text);
    return { pages, summary: summarise(pages, { pageCount: doc.numPages, bodySize, pitch, quotes, normal }) };
  } finally {
    await doc.destroy();
  }
}

interface Context {
  margins: Margins;
  bodySize: number;
  pitch: number;
  isBody: (l: RawLine) => boolean;
  holeMin: number;
}

const pageLines = new WeakMap<PageTypography, RawLine[]>();

function measurePage(r: PageRead, next: PageRead | undefined, c: Context): PageTypography {
  const contentTop = c.margins.top * MM;
  const contentBottom = r.height - c.margins.bottom * MM;
  const contentRight = r.width - c.margins.right * MM;
  // Footnotes: the lines in a small size under the last line of the text.
  let split = r.flow.length;
  while (split > 0 && r.flow[split - 1]!.size < 0.85 * c.bodySize) split--;
  // A footnote block starts with a note's number; small lines that do not (a chart's note and
  // source line at a page's foot) are part of the text above.
  if (split < r.flow.length && !/^\d+\.?\s/.test(r.flow[split]!.text)) split = r.flow.length;
  const text = r.flow.slice(0, split);
  const noteLines = r.flow.slice(split);
  const figures = [...r.figureRuns.values()].map((runs) => ({ top: Math.min(...runs.map((x) => x.base - x.ascent * x.size)), bottom: Math.max(...runs.map((x) => x.base + x.descent * x.size)) }));
  const blocks = [...text.map((l) => ({ top: l.top, bottom: l.bottom, text: l.text, figure: false })), ...figures.map((f) => ({ ...f, text: '[chart]', figure: true }))].sort((a, b) => a.top - b.top);

  // A part's first page has no running head (its heading names it); a page with a head
  // continues the part of the page before.
  const runningHead = r.head.map((l) => l.text).join(' ') || (text[0]?.text ?? '');
  const continues = !!next && next.page === r.page + 1 && next.head.length > 0;
  const holes: Hole[] = [];
  let bottom = blocks[0]?.bottom ?? contentTop;
  for (let i = 1; i < blocks.length; i++) {
    const gap = blocks[i]!.top - bottom;
    if (gap >= c.holeMin) holes.push({ top: mm(bottom), height: mm(gap), kind: 'inner', after: blocks[i - 1]!.text });
    bottom = Math.max(bottom, blocks[i]!.bottom);
  }
  let notes: PageTypography['notes'];
  if (noteLines.length) {
    const first = noteLines[0]!;
    const rule = r.rules.filter((x) => x.y <= first.top + 0.5 && x.y >= bottom - 0.5).sort((a, b) => b.y - a.y)[0];
    const ruleY = rule?.y ?? first.top;
    notes = { lines: noteLines.length, top: mm(first.top), rule: mm(ruleY), ruleDrawn: !!rule, gap: mm(ruleY - bottom) };
  }
  const floor = notes ? notes.rule * MM : contentBottom;
  if (continues && blocks.length && floor - bottom >= c.holeMin) holes.push({ top: mm(bottom), height: mm(floor - bottom), kind: 'foot', after: blocks.at(-1)!.text });

  const lines: Line[] = text.map((l) => ({
    text: l.text,
    top: mm(l.top),
    bottom: mm(l.bottom),
    size: Math.round(l.size * 10) / 10,
    body: c.isBody(l),
    full: l.right >= contentRight - FULL_TOLERANCE,
    chars: [...l.text].length,
  }));
  const figureHeight = figures.reduce((s, f) => s + f.bottom - f.top, 0);
  const notesHeight = noteLines.length ? noteLines.at(-1)!.bottom - (notes!.rule * MM) : 0;
  const capacity = Math.floor((contentBottom - contentTop) / c.pitch);
  const page: PageTypography = {
    page: r.page,
    runningHead,
    lines,
    bodyLines: lines.filter((l) => l.body).length,
    capacity,
    fill: Math.round(((lines.length + (figureHeight + notesHeight) / c.pitch) / capacity) * 100) / 100,
    top: blocks.length ? mm(blocks[0]!.top) : undefined,
    bottom: blocks.length ? mm(bottom) : undefined,
    figures: figures.map((f) => ({ top: mm(f.top), bottom: mm(f.bottom) })),
    startsWithFigure: !!blocks[0]?.figure,
    continues,
    holes,
    charsPerFullLine: lines.filter((l) => l.body && l.full).map((l) => l.chars),
    notes,
    straightQuotes: [],
  };
  pageLines.set(page, text);
  return page;
}

/** Hyphens at line ends, with the next line of the flow (on the next page, if the part goes on). */
function markHyphens(pages: PageTypography[]): void {
  pages.forEach((p, i) => {
    const raw = pageLines.get(p)!;
    const after = pages[i + 1];
    raw.forEach((l, k) => {
      const next = raw[k + 1] ?? (p.continues && after ? pageLines.get(after)![0] : undefined);
      const kind = hyphenAt(l, next);
      if (kind) p.lines[k]!.hyphen = kind;
    });
  });
}

interface GapLine {
  /** pt from the top of the page: the line's middle. */
  mid: number;
  /** Gaps between its words, pt. */
  gaps: number[];
}

/**
 * The gaps between the words of each line of the given pages, from poppler's word boxes
 * (`pdftotext -bbox-layout`): pdfjs gives runs of words with their spaces inside, not the
 * words. Read from a copy of the PDF in a temporary folder.
 */
function wordGaps(data: Uint8Array, pages: number[]): Map<number, GapLine[]> {
  const out = new Map<number, GapLine[]>();
  if (!pages.length) return out;
  const dir = mkdtempSync(join(tmpdir(), 'typography-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, data);
    const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', String(Math.min(...pages)), '-l', String(Math.max(...pages)), file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    let page = Math.min(...pages) - 1;
    for (const chunk of xml.split('<page ').slice(1)) {
      page++;
      const lines: GapLine[] = [];
      for (const m of chunk.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
        const words = [...m[3]!.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((w) => [Number(w[1]), Number(w[2])] as const);
        const gaps = words.slice(1).map((w, i) => w[0] - words[i]![1]);
        lines.push({ mid: (Number(m[1]) + Number(m[2])) / 2, gaps });
      }
      out.set(page, lines);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/**
 * The word space of every full body line, in normal spaces; returns the normal space (pt):
 * the median gap between the words of ragged body lines (list items are set ragged right, so
 * their spaces are the font's own).
 */
function markWordSpaces(pages: PageTypography[], gaps: Map<number, GapLine[]>): number {
  const matched = pages.flatMap((p) =>
    p.lines.filter((l) => l.body).map((l) => {
      const mid = ((l.top + l.bottom) / 2) * MM;
      const g = (gaps.get(p.page) ?? []).filter((x) => Math.abs(x.mid - mid) < 2).sort((a, b) => Math.abs(a.mid - mid) - Math.abs(b.mid - mid))[0];
      return { line: l, gaps: g?.gaps.filter((x) => x > 0.3) ?? [] };
    }),
  );
  const ragged = matched.filter((m) => !m.line.full && m.gaps.length >= 2).flatMap((m) => m.gaps);
  const normal = percentile(ragged, 0.5);
  for (const m of matched) if (m.line.full && m.gaps.length >= 2 && normal > 0) m.line.wordSpace = Math.round((percentile(m.gaps, 0.5) / normal) * 100) / 100;
  return normal;
}

/** Straight quotes in a line of text, with a little context; URLs left out. */
function straightQuotes(text: string): string[] {
  const out: string[] = [];
  const plain = text.replace(/\b(?:https?:\/\/|www\.)\S+/g, (u) => ' '.repeat(u.length));
  for (const m of plain.matchAll(/["']/g)) out.push(text.slice(Math.max(0, m.index - 20), m.index + 21).trim());
  return out;
}

function summarise(pages: PageTypography[], d: { pageCount: number; bodySize: number; pitch: number; quotes: { page: number; text: string }[]; normal: number }): TypographySummary {
  // Hyphen runs: consecutive line ends with a hyphen, through page turns within a part; a
  // chart between two lines ends a run.
  const runs: HyphenRun[] = [];
  let run: HyphenRun = { length: 0, pages: [], lines: [] };
  const end = () => {
    if (run.length) runs.push(run);
    run = { length: 0, pages: [], lines: [] };
  };
  const hyphenAtPageEnd: number[] = [];
  pages.forEach((p, i) => {
    if (i > 0 && !pages[i - 1]!.continues) end();
    const figureTops = p.figures.map((f) => f.top);
    p.lines.forEach((l, k) => {
      if (k > 0 && figureTops.some((t) => t > p.lines[k - 1]!.top && t < l.top)) end();
      if (k === 0 && p.startsWithFigure) end();
      if (l.hyphen) run = { length: run.length + 1, pages: [...run.pages, p.page], lines: [...run.lines, l.text] };
      else end();
    });
    const last = p.lines.at(-1);
    const endsWithFigure = p.figures.some((f) => last && f.top > last.top);
    if (last?.hyphen && !endsWithFigure) hyphenAtPageEnd.push(p.page);
  });
  end();
  const best = runs.reduce<HyphenRun>((a, b) => (b.length > a.length ? b : a), { length: 0, pages: [], lines: [] });
  const body = pages.flatMap((p) => p.lines.filter((l) => l.body));
  const cpl = pages.flatMap((p) => p.charsPerFullLine);
  const round = (x: number) => Math.round(x * 10) / 10;
  const gaps = pages.filter((p) => p.notes).map((p) => ({ page: p.page, gap: p.notes!.gap })).sort((a, b) => a.gap - b.gap);
  return {
    pageCount: d.pageCount,
    textPages: pages.length,
    bodySize: round(d.bodySize),
    bodyPitch: mm(d.pitch),
    underThird: pages.filter((p) => p.fill < 1 / 3).map((p) => p.page),
    fewLines: pages.filter((p) => p.lines.length < LIMITS.minLines && !p.figures.length).map((p) => ({ page: p.page, lines: p.lines.length })),
    longestHyphenRun: best,
    longHyphenRuns: runs.filter((r) => r.length > LIMITS.maxHyphenRun),
    hyphenAtPageEnd,
    bodyLines: body.length,
    hyphenBreaks: body.filter((l) => l.hyphen === 'break').length,
    hardHyphenEnds: body.filter((l) => l.hyphen === 'hard').length,
    hyphenShare: body.length ? Math.round((body.filter((l) => l.hyphen === 'break').length / body.length) * 1000) / 1000 : 0,
    charsPerLine: { count: cpl.length, median: round(percentile(cpl, 0.5)), p10: round(percentile(cpl, 0.1)), p90: round(percentile(cpl, 0.9)) },
    holesOver25: pages.flatMap((p, i) => p.holes.filter((h) => h.height > LIMITS.maxHoleMm).map((h) => ({ page: p.page, height: h.height, kind: h.kind, nextStartsWithFigure: h.kind === 'foot' && !!pages[i + 1]?.startsWithFigure }))),
    minRuleGap: gaps[0],
    closeRules: gaps.filter((g) => g.gap < LIMITS.minRuleGapMm).sort((a, b) => a.page - b.page),
    straightQuotes: d.quotes,
    wordSpaces: wordSpaceSummary(pages, d.normal),
  };
}

function wordSpaceSummary(pages: PageTypography[], normal: number): TypographySummary['wordSpaces'] {
  const lines = pages.flatMap((p) => p.lines.filter((l) => l.wordSpace !== undefined).map((l) => ({ page: p.page, ratio: l.wordSpace!, text: l.text })));
  const over = lines.filter((l) => l.ratio > LIMITS.maxWordSpace);
  const widest = lines.reduce<(typeof lines)[number] | undefined>((a, b) => (!a || b.ratio > a.ratio ? b : a), undefined);
  return { normal: Math.round(normal * 100) / 100, lines: lines.length, over: over.length, share: lines.length ? Math.round(((lines.length - over.length) / lines.length) * 1000) / 1000 : 1, widest };
}

/** The summary and the pages that break a limit, as the CLI prints them. */
export function formatTypography(t: Typography, worst = 20): string {
  const s = t.summary;
  const L = LIMITS;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const list = <T>(items: T[], show: (x: T) => string, max = 12) => (items.length ? ` (${items.slice(0, max).map(show).join(', ')}${items.length > max ? ', …' : ''})` : '');
  const pagesOf = (r: HyphenRun) => [...new Set(r.pages)].join('–');
  const out = [
    `pages: ${s.pageCount} (${s.textPages} text pages; body ${s.bodySize} pt on a ${s.bodyPitch} mm pitch)`,
    `pages under a third full: ${s.underThird.length}${list(s.underThird, String, 30)}`,
    `pages with fewer than ${L.minLines} lines (no chart): ${s.fewLines.length}${list(s.fewLines, (f) => `${f.page}: ${f.lines}`, 30)}`,
    `longest run of hyphenated line ends: ${s.longestHyphenRun.length}${s.longestHyphenRun.length ? ` (page ${pagesOf(s.longestHyphenRun)})` : ''}; runs over ${L.maxHyphenRun}: ${s.longHyphenRuns.length}${list(s.longHyphenRuns, (r) => `p. ${pagesOf(r)}: ${r.length}`)}`,
    `last line of a page ends in a hyphen: ${s.hyphenAtPageEnd.length}${list(s.hyphenAtPageEnd, String, 30)}`,
    `hyphenated body lines: ${s.hyphenBreaks} of ${s.bodyLines} (${pct(s.hyphenShare)}); typed hyphens at a line end: ${s.hardHyphenEnds}`,
    `characters per full body line: median ${s.charsPerLine.median}, 10 % ${s.charsPerLine.p10}, 90 % ${s.charsPerLine.p90} (${s.charsPerLine.count} lines; design ${L.charsPerLine.join('–')})`,
    `holes over ${L.maxHoleMm} mm: ${s.holesOver25.length}${list(s.holesOver25, (h) => `p. ${h.page}: ${h.height} mm ${h.kind}${h.nextStartsWithFigure ? ' (chart next)' : ''}`, 30)}`,
    `footnote rule closer than ${L.minRuleGapMm} mm to the text: ${s.closeRules.length}${list(s.closeRules, (g) => `p. ${g.page}: ${g.gap} mm`, 30)}`,
    `word spaces of justified lines within ${L.maxWordSpace}× the normal space (${s.wordSpaces.normal} pt): ${pct(s.wordSpaces.share)} (${s.wordSpaces.over} of ${s.wordSpaces.lines} over; design ≥ ${pct(L.minEvenLines)})${s.wordSpaces.widest ? `; widest ${s.wordSpaces.widest.ratio}× on p. ${s.wordSpaces.widest.page}` : ''}`,
    `straight quotes: ${s.straightQuotes.length}${list(s.straightQuotes, (q) => `p. ${q.page}: …${q.text}…`, 4)}`,
  ];
  // The pages that break a limit, emptiest first.
  const issues = (p: PageTypography, i: number): string[] => [
    ...(p.lines.length < L.minLines && !p.figures.length ? [`${p.lines.length} lines`] : []),
    ...p.holes.filter((h) => h.height > L.maxHoleMm && !(h.kind === 'foot' && t.pages[i + 1]?.startsWithFigure)).map((h) => `hole ${h.height} mm`),
    ...(s.longHyphenRuns.some((r) => r.pages.includes(p.page)) ? ['hyphen run'] : []),
    ...(s.hyphenAtPageEnd.includes(p.page) ? ['hyphen at page end'] : []),
    ...(p.notes && p.notes.gap < L.minRuleGapMm ? [`rule ${p.notes.gap} mm`] : []),
  ];
  const bad = t.pages.map((p, i) => ({ p, issues: issues(p, i) })).filter((x) => x.issues.length).sort((a, b) => a.p.fill - b.p.fill);
  if (bad.length) {
    out.push('', `pages that break a limit: ${bad.length}${bad.length > worst ? ` (the ${worst} emptiest)` : ''}`, '  page  lines  fill  issues');
    for (const { p, issues: what } of bad.slice(0, worst)) out.push(`  ${String(p.page).padStart(4)}  ${String(p.lines.length).padStart(5)}  ${p.fill.toFixed(2)}  ${what.join('; ')} — ${p.runningHead}`);
  }
  return out.join('\n');
}
