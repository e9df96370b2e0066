/**
 * Print-grade checks of the real 2025 PDF, read with poppler and qpdf (independently of the
 * pipeline's own preflight, which the build already ran).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { linkAnnotations, pageCount } from '../support/pdf.js';
import { REPORT_PDF, ROOT } from '../support/paths.js';
import { join } from 'node:path';
import { printedToc, reportPages, reportRawPages } from '../support/report.js';
import { sourceParts } from '../support/sources.js';
import { shownUrl } from '../support/urls.js';

const qpdfJson = (...keys: string[]) =>
  JSON.parse(execFileSync('qpdf', ['--json', ...keys.map((k) => `--json-key=${k}`), REPORT_PDF], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
const squash = (s: string) => s.replace(/\s+/g, '');
const pages = reportPages();
const n = pageCount(REPORT_PDF);

describe('footnotes', () => {
  const urls = new Map<number, string>();
  for (const s of sourceParts()) for (const [k, u] of s.footnotes) urls.set(k, u);

  it('each note’s text is on the page of its call', () => {
    const calls = new Map<number, number>();
    for (const l of linkAnnotations(REPORT_PDF)) {
      const m = /^\/fn-(\d+)$/.exec(l.dest ?? '');
      // A call at a page's first line can leave a sliver of its link (under 2 pt high) at the
      // foot of the page before, where its raised box pokes over the turn: not a call.
      const sliver = l.rect.length === 4 && Math.abs(l.rect[3]! - l.rect[1]!) < 2;
      if (m && !sliver && !calls.has(Number(m[1]))) calls.set(Number(m[1]), l.page);
    }
    expect(calls.size).toBe(urls.size);
    // As printed: decoded for display, read raw (the default mode joins a line ending in "-").
    const raw = reportRawPages();
    const wrong = [...urls].filter(([k, u]) => !squash(raw[calls.get(k)! - 1]!).includes(`${k}.${shownUrl(u)}`));
    expect(wrong.map(([k]) => `${k} (called on page ${calls.get(k)})`)).toEqual([]);
  });

  it('are at the foot of the page, below the text', () => {
    // On every page with notes, nothing but the page number follows them.
    const raw = reportRawPages();
    for (const [k] of urls) {
      const page = raw.findIndex((t) => new RegExp(`^${k}\\.\\s*https?:`, 'm').test(t));
      const lines = raw[page]!.split('\n').filter((l) => l.trim());
      const first = lines.findIndex((l) => /^\d+\.\s*https?:/.test(l));
      expect(lines.slice(first).every((l) => !/\s\S+\s\S+\s/.test(l) || /https?:/.test(l)), `page ${page + 1}`).toBe(true);
    }
  });
});

describe('running heads and page numbers', () => {
  const raw = reportRawPages();
  const toc = printedToc();
  // A chapter may have a short running head (texts.yaml runningHead); other parts show their title.
  const texts = parse(readFileSync(join(ROOT, 'content', '2025', 'lv', 'texts.yaml'), 'utf8')) as { chapters: Record<string, { title: string; runningHead?: string }> };
  const short = new Map(Object.values(texts.chapters).filter((c) => c.runningHead).map((c) => [c.title.toLocaleUpperCase('lv'), c.runningHead!.toLocaleUpperCase('lv')]));
  const titleOn = (page: number) => {
    const title = [...toc].reverse().find((e) => e.page <= page)?.title;
    return title && (short.get(title) ?? title);
  };

  // The apparatus: the cover, the imprint, the contents and the list of charts, before the first part.
  const firstPart = toc[0]!.page;
  const opening = new Set(toc.map((e) => e.page));

  it('every page of the parts has its number, and its part’s name except on the part’s first page', () => {
    const wrong: string[] = [];
    for (let p = firstPart; p < n; p++) {
      const lines = raw[p - 1]!.split('\n').filter((l) => l.trim()).slice(0, 3).map((l) => l.trim());
      // A blank page (nothing on it) pads the back cover onto an even page: no number, no head.
      if (!lines.length && p === n - 1 && n % 2 === 0) continue;
      if (!lines.slice(0, 2).includes(String(p))) wrong.push(`${p}: no page number`);
      // On a part's first page its heading may read as the head does: a head is a second copy.
      const title = [...toc].reverse().find((e) => e.page <= p)!.title;
      const heads = lines.filter((l) => l === titleOn(p)).length - (opening.has(p) && title.includes(titleOn(p)!) ? 1 : 0);
      if (opening.has(p) && heads > 0) wrong.push(`${p}: a running head on the part's first page`);
      if (!opening.has(p) && heads < 1) wrong.push(`${p}: no running head`);
    }
    expect(wrong).toEqual([]);
  });

  it('the cover, the apparatus and the back cover have neither', () => {
    for (const p of [...Array.from({ length: firstPart - 1 }, (_, i) => i + 1), n]) expect(raw[p - 1]!.split('\n').some((l) => l.trim() === String(p)), `page ${p}`).toBe(false);
  });
});

describe('hyphenation', () => {
  it('breaks words at line ends and stays searchable', () => {
    const raw = reportRawPages().join('\n');
    // Lines that end in a hyphen the published text does not have: soft hyphens used.
    const breaks = [...raw.matchAll(/(\p{Ll}+)-\n(\p{Ll}+)/gu)].map((m) => m[1]! + m[2]!);
    expect(breaks.length).toBeGreaterThan(50);
    // The default text extraction (what search sees) reads the whole word.
    const text = pages.join('\n');
    const found = breaks.filter((w) => text.includes(w));
    expect(found.length / breaks.length).toBeGreaterThan(0.95);
    expect(text.includes('izglītības')).toBe(true);
  });

  it('leaves no soft hyphen in the text layer', () => {
    expect(reportRawPages().join('').includes('\u00AD')).toBe(false);
  });
});

describe('page breaks', () => {
  it('never leave a heading alone at the foot of a page', () => {
    const analysis = readFileSync(join(ROOT, 'content', '2025', 'lv', 'chapters', 'analysis.md'), 'utf8');
    const headings = [...analysis.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
    headings.push(...printedToc().map((e) => e.title));
    const raw = reportRawPages();
    const alone: string[] = [];
    raw.forEach((page, i) => {
      const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
      // The last line of the body: before the notes and the page number.
      const body = lines.filter((l) => !/^\d+$/.test(l) && !/^\d+\.\s*https?:/.test(l));
      // (A page holding only its running head and title is not one that ends in a heading.)
      const last = body.at(-1) ?? '';
      if (body.length > 2 && headings.includes(last)) alone.push(`page ${i + 1}: ${last}`);
    });
    expect(alone).toEqual([]);
  });
});

describe('links and preflight', () => {
  it('every external link is a valid http(s) or mailto URL', () => {
    const uris = linkAnnotations(REPORT_PDF).flatMap((l) => (l.uri ? [l.uri] : []));
    expect(uris.length).toBeGreaterThan(100);
    const bad = uris.filter((u) => {
      try {
        return !['http:', 'https:', 'mailto:'].includes(new URL(u).protocol);
      } catch {
        return true;
      }
    });
    expect(bad).toEqual([]);
  });

  it('npm run check passes on the report', () => {
    const out = execFileSync(process.execPath, ['--import=tsx', join(ROOT, 'scripts', 'cli.ts'), 'check', REPORT_PDF], { encoding: 'utf8' });
    // Contents entries: every part, the list of figures, and every chart the sources place (```chart blocks).
    const sources = sourceParts();
    const charts = sources.reduce((n, p) => n + (p.text.match(/^```chart$/gm) ?? []).length, 0);
    expect(charts).toBeGreaterThan(0);
    const notes = sources.reduce((n, p) => n + p.footnotes.size, 0);
    expect(out).toMatch(new RegExp(`all checks passed: \\d+ pages, \\d+ fonts, ${sources.length + 1 + charts} contents entries, ${notes} footnotes`));
  });
});

describe('document', () => {
  it('has nested bookmarks: chapters, then municipalities and regions in groups', () => {
    const outlines = qpdfJson('outlines').outlines as { title: string; kids: unknown[] }[];
    const titles = outlines.map((o) => o.title);
    expect(titles).toEqual(['Priekšvārds', 'Pārskatā lietotie saīsinājumi', 'Pašvaldības', 'Plānošanas reģioni', 'Pieaugušo izglītības iespējas pašvaldībās: situācijas analīze un attīstības perspektīva', 'Pēcvārds']);
    expect(outlines[2]!.kids).toHaveLength(42);
    expect(outlines[3]!.kids).toHaveLength(4);
  });

  it('has its metadata and language', () => {
    const info = execFileSync('pdfinfo', [REPORT_PDF], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Pieaugušo izglītība pašvaldībās/);
    expect(info).toMatch(/Author:\s+Izglītības un zinātnes ministrija/);
    expect(info).toMatch(/Subject:\s+\S/);
    expect(info).toMatch(/Keywords:\s+pieaugušo izglītība/);
    expect(info).toMatch(/CreationDate:\s+\S/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const objects = Object.values(qpdfJson('qpdf').qpdf[1] as Record<string, { value?: Record<string, unknown> }>);
    const catalog = objects.find((o) => o.value?.['/Type'] === '/Catalog')!.value!;
    expect(catalog['/Lang']).toBe('u:lv');
  });

  it('is under 3 MB (screen profile)', () => {
    expect(statSync(REPORT_PDF).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('has no text outside the text block (pdftotext -bbox)', () => {
    const html = execFileSync('pdftotext', ['-bbox', REPORT_PDF, '-'], { encoding: 'utf8', maxBuffer: 128 * 1024 * 1024 });
    const mm = 72 / 25.4;
    const outside: string[] = [];
    html.split('<page ').slice(1).forEach((page, i) => {
      const p = i + 1;
      if (p === 1 || p === n) return; // cover and back cover are full-bleed designs
      for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</g)) {
        if (Number(m[1]) < 18 * mm - 1 || Number(m[2]) > (210 - 18) * mm + 1) outside.push(`page ${p}: ${m[3]}`);
      }
    });
    expect(outside).toEqual([]);
  });
});
