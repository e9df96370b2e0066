/** The built 2025 report as the tests see it: page texts and the contents it prints. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { pageTexts } from './pdf.js';
import { REPORT_PDF, ROOT } from './paths.js';

let cache: string[] | undefined;
let rawCache: string[] | undefined;
export const reportPages = (): string[] => (cache ??= pageTexts(REPORT_PDF));
export const reportRawPages = (): string[] => (rawCache ??= pageTexts(REPORT_PDF, { raw: true }));

export interface PrintedTocEntry {
  title: string;
  page: number;
}

/**
 * The contents as printed (pdftotext -layout): the entries of the parts, from the page that
 * opens with the contents' title up to the list of charts (`charts: true`: the list of charts'
 * entries instead; `apparatus: true`: with the contents' entry of the list of charts). A title that wraps prints its page number on its last line: a line without
 * a number just above an entry line continues that entry, unless it is a group's name.
 */
export function printedToc(pdf = REPORT_PDF, { charts = false, lang = 'lv', apparatus = false } = {}): PrintedTocEntry[] {
  const messages = parse(readFileSync(join(ROOT, 'templates', 'messages', `${lang}.yaml`), 'utf8')) as { contents: string; chartsList: string; outline: Record<string, string> };
  const upper = (s: string) => s.toLocaleUpperCase(lang);
  const groups = new Set(Object.values(messages.outline).map(upper));
  const pages = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '8', pdf, '-'], { encoding: 'utf8' }).split('\f');
  const first = pages.findIndex((p) => p.trim().split('\n')[0]!.trim() === upper(messages.contents));
  const lines: string[] = [];
  for (let k = first; k >= 0 && k < pages.length; k++) {
    const ls = pages[k]!.split('\n').map((l) => l.trim()).filter(Boolean);
    if (k > first && ![upper(messages.contents), upper(messages.chartsList)].includes(ls[0] ?? '')) break;
    lines.push(...ls);
  }
  const list = lines.indexOf(upper(messages.chartsList));
  const section = charts ? (list < 0 ? [] : lines.slice(list + 1)) : list < 0 ? lines : lines.slice(0, list);
  const out: PrintedTocEntry[] = [];
  let pending: string[] = [];
  for (const line of section.slice(charts ? 0 : 1)) {
    const m = /^(\S.*?)\s{2,}(\d+)$/.exec(line);
    if (!m) {
      if (!groups.has(line)) pending.push(line);
      continue;
    }
    const title = [...pending, m[1]!].join(' ').replace(/\s+/g, ' ');
    pending = [];
    // The list of charts' own entry (apparatus, not a part): only when asked for.
    if (!charts && !apparatus && title === upper(messages.chartsList)) continue;
    out.push({ title, page: Number(m[2]) });
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The body text of the pages [from, to] (raw page texts): the running header (a line that
 * repeats the title) and the page number (a line of digits) removed where they stand, at
 * the top or the bottom of each page, and the footnotes at the foot of a page (from the
 * first "N. https://…" line to the page's end) cut off: their texts are checked on their own.
 */
export function bodyText(pages: string[], from: number, to: number, title: string): string {
  const out: string[] = [];
  const margin = (l: string) => squash(l) === squash(title) || /^\d+$/.test(l.trim());
  for (let p = from; p <= to; p++) {
    const lines = pages[p - 1]!.split('\n').filter((l) => l.trim());
    for (let k = 0; k < 2 && lines.length && margin(lines[0]!); k++) lines.shift();
    for (let k = 0; k < 2 && lines.length && margin(lines.at(-1)!); k++) lines.pop();
    const notes = lines.findIndex((l) => /^\d+\.\s*https?:\/\//.test(l.trim()));
    out.push((notes >= 0 ? lines.slice(0, notes) : lines).join('\n'));
  }
  return out.join('\n');
}

/** A pattern for a heading as pdftotext prints it (its words, any white space between them). */
export const headingPattern = (title: string): RegExp => new RegExp(title.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'u');

/**
 * A section's own text out of the text of its pages: from its heading to the next part's
 * heading (sections run on, so its first and last pages may hold the neighbours' text too).
 */
export function sectionSlice(text: string, title: string, nextTitle: string): string {
  const own = headingPattern(title).exec(text);
  const after = own ? text.slice(own.index + own[0].length) : text;
  const end = headingPattern(nextTitle).exec(after);
  return end ? after.slice(0, end.index) : after;
}
