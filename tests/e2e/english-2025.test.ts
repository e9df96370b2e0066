/**
 * The English edition of 2025, read from its PDF with poppler-utils: no Latvian interface
 * strings, every number of each Latvian section in its English section, every footnote URL as
 * a link, the contents right, and the coverage report equal to a count made here.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { linkAnnotations, pageTexts } from '../support/pdf.js';
import { rawManifest } from '../support/manifest.js';
import { REPORT_EN_DIR, REPORT_EN_PDF, ROOT } from '../support/paths.js';
import { printedToc } from '../support/report.js';

const ED = join(ROOT, 'content', '2025');
const entries = rawManifest();
const pages = pageTexts(REPORT_EN_PDF);
const text = pages.join('\n').replaceAll('\u00AD', '');
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** Leaf strings of a message file, by path. */
function leaves(v: unknown, path = ''): [string, string][] {
  if (typeof v === 'string') return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, `${path}.${i}`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
  return [];
}

describe('English edition 2025', () => {
  it('prints none of the Latvian interface strings', () => {
    const lv = new Map(leaves(parse(readFileSync(join(ROOT, 'templates', 'messages', 'lv.yaml'), 'utf8'))));
    const en = new Map(leaves(parse(readFileSync(join(ROOT, 'templates', 'messages', 'en.yaml'), 'utf8'))));
    // Grammar (nouns, number words) differs by design; a string the two languages share is no sign.
    // A Latvian name the English text keeps (a translation rule) is content, not interface.
    const content = [
      ...readdirSync(join(ED, 'en', 'sections')).map((f) => readFileSync(join(ED, 'en', 'sections', f), 'utf8')),
      ...readdirSync(join(ED, 'en', 'chapters')).map((f) => readFileSync(join(ED, 'en', 'chapters', f), 'utf8')),
      readFileSync(join(ED, 'en', 'texts.yaml'), 'utf8'),
    ].join('\n');
    const latvian = [...lv].filter(
      ([k, v]) => !/^(nouns|numberWords|locale)\b/.test(k) && v.trim().length >= 4 && v !== en.get(k) && ![...en.values()].includes(v) && !content.includes(v),
    );
    expect(latvian.length).toBeGreaterThan(40);
    const body = squash(text);
    const found = latvian.filter(([, v]) => body.includes(squash(v.replace('{n}', '').trim())));
    expect(found, 'Latvian interface strings in the English PDF').toEqual([]);
    for (const word of ['Saturs', 'diagramma', 'Atsauces', 'Plānošanas reģioni']) expect(body).not.toContain(word);
  });

  it('every number of each Latvian section is in its English section', () => {
    // Numbers as digit runs; a grouped number is one number, whatever the separator: Latvian
    // "17 079" and "1198", English "17,079" and "1,198".
    const digits = (s: string) =>
      (s.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/\b(\d{1,3})(?:[ \u00A0,](\d{3}))+\b/g, (m) => m.replace(/[ \u00A0,]/g, '')).match(/\d+/g) ?? []).map((d) => d.replace(/^0+(?=\d)/, ''));
    // English writes a date's month as a word (1 November 2024 for 01.11.2024) and a small
    // count as a word where idiom wants it (twice a year): read them as their numbers.
    const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const WORDS: Record<string, number> = { once: 1, twice: 2, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
    const english = (s: string) =>
      s.replace(new RegExp(`\\b(${MONTHS.join('|')})\\b`, 'g'), (m) => ` ${MONTHS.indexOf(m) + 1} `).replace(/\b(once|twice|one|two|three|four|five|six|seven|eight|nine|ten)\b/gi, (m) => ` ${WORDS[m.toLowerCase()]} `);
    const missing: string[] = [];
    const stale: string[] = [];
    for (const e of entries) {
      const lvFile = join(ED, 'lv', 'sections', `${e.id}.md`);
      const enFile = join(ED, 'en', 'sections', `${e.id}.md`);
      if (!existsSync(enFile)) continue; // a fallback prints the Latvian text itself
      // A translation made from an older Latvian text is stale: the coverage report lists it
      // (and its changed lines) until it is brought up to date; its numbers may differ.
      const en = readFileSync(enFile, 'utf8');
      const lvText = readFileSync(lvFile, 'utf8');
      if (!en.includes(`sourceHash: "sha256:${createHash('sha256').update(lvText).digest('hex')}"`)) {
        stale.push(e.id);
        continue;
      }
      const have = digits(english(en));
      const bag = new Map<string, number>();
      for (const d of have) bag.set(d, (bag.get(d) ?? 0) + 1);
      for (const d of digits(readFileSync(lvFile, 'utf8'))) {
        const n = bag.get(d) ?? 0;
        if (n === 0) missing.push(`${e.id}: ${d}`);
        else bag.set(d, n - 1);
      }
    }
    expect(missing).toEqual([]);
    // Stale ones are those the coverage report names.
    const report = JSON.parse(readFileSync(join(REPORT_EN_DIR, 'coverage.json'), 'utf8')) as { stale: { id: string }[] };
    expect(stale).toEqual(report.stale.map((s) => s.id).filter((id) => entries.some((e) => e.id === id)));
  });

  it('prints every footnote URL of the Latvian sources as a link', () => {
    const urls = new Set<string>();
    for (const kind of ['sections', 'chapters']) {
      for (const f of readdirSync(join(ED, 'lv', kind))) {
        for (const m of readFileSync(join(ED, 'lv', kind, f), 'utf8').matchAll(/^\[\^[^\]]+\]:\s*<([^>]+)>/gm)) urls.add(m[1]!);
      }
    }
    const notes = ['sections', 'chapters'].flatMap((kind) => readdirSync(join(ED, 'lv', kind)).flatMap((f) => readFileSync(join(ED, 'lv', kind, f), 'utf8').match(/^\[\^[^\]]+\]:/gm) ?? []));
    expect(notes).toHaveLength(56);
    expect(urls.size).toBeGreaterThan(50);
    const links = new Set(linkAnnotations(REPORT_EN_PDF).map((l) => l.uri));
    // A link annotation holds the URL percent-encoded ("ilgtspējigas" → "ilgtsp%C4%93jigas").
    expect([...urls].filter((u) => !links.has(u) && !links.has(encodeURI(u)))).toEqual([]);
  });

  it('the contents list every part in English, on the page where its title stands', () => {
    const toc = printedToc(REPORT_EN_PDF, { lang: 'en' });
    expect(toc).toHaveLength(50);
    expect(toc[0]!.title).toBe('FOREWORD');
    for (const { title, page } of toc) expect(squash(pages[page - 1]!).replaceAll('\u00AD', ''), `${title} on page ${page}`).toContain(title.split(' ').slice(0, 3).join(' '));
    expect(squash(pages[0]!)).toContain('ADULT EDUCATION IN MUNICIPALITIES');
    expect(squash(text)).toContain('Figure 13');
  });

  it('the PDF says it is English', () => {
    const info = execFileSync('pdfinfo', [REPORT_EN_PDF], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Adult education in municipalities/i);
    const catalog = execFileSync('qpdf', ['--show-object=trailer', '--filtered-stream-data', REPORT_EN_PDF], { encoding: 'utf8' });
    expect(catalog).toBeDefined();
    const lang = execFileSync('sh', ['-c', `qpdf --qdf --object-streams=disable "${REPORT_EN_PDF}" - | grep -a -m1 '/Lang'`], { encoding: 'utf8' });
    expect(lang).toMatch(/\/Lang \(en/);
  });

  it('the coverage report equals a count of the translation files', () => {
    const report = JSON.parse(readFileSync(join(REPORT_EN_DIR, 'coverage.json'), 'utf8'));
    const sections = entries.filter((e) => existsSync(join(ED, 'en', 'sections', `${e.id}.md`))).length;
    const manifest = parse(readFileSync(join(ED, 'manifest.yaml'), 'utf8'));
    const chapterIds = [...manifest.edition.front, ...manifest.edition.back] as string[];
    const chapters = chapterIds.filter((id) => existsSync(join(ED, 'en', 'chapters', `${id}.md`))).length;
    const charts = Object.keys(parse(readFileSync(join(ED, 'en', 'texts.yaml'), 'utf8')).charts);
    expect(report.sections).toMatchObject({ translated: sections, total: entries.length });
    expect(report.chapters).toMatchObject({ translated: chapters, total: chapterIds.length });
    expect(report.charts.translated).toBe(charts.length);
  });
});
