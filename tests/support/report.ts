/** The built 2025 report as the tests see it: page texts and the contents it prints. */
import { execFileSync } from 'node:child_process';
import { pageTexts } from './pdf.js';
import { REPORT_PDF } from './paths.js';

let cache: string[] | undefined;
let rawCache: string[] | undefined;
export const reportPages = (): string[] => (cache ??= pageTexts(REPORT_PDF));
export const reportRawPages = (): string[] => (rawCache ??= pageTexts(REPORT_PDF, { raw: true }));

export interface PrintedTocEntry {
  title: string;
  page: number;
}

/** The contents as printed on page 2 of the PDF (read with pdftotext -layout). */
export function printedToc(pdf = REPORT_PDF): PrintedTocEntry[] {
  const text = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
  return text
    .split('\n')
    .map((l) => /^\s*(\S.*?)\s{2,}(\d+)\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: m[1]!.replace(/\s+/g, ' '), page: Number(m[2]) }));
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
