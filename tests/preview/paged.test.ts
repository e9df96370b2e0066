/**
 * The preview's paged view breaks pages where the PDF does. The fixture's first municipality
 * is lengthened to run over several pages, with footnotes cited on its later pages; its PDF
 * is built with the CLI, and the first words of each page's text block (pdftotext, cropped to
 * the text block: no running head, no page number) are compared with the first words of each
 * column of the paged view. The cover (page 1) and the back cover (the last page) are pages of
 * their own in the PDF and hidden in the columns: column k is page k + 2.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentBox, PAGE } from '../../scripts/print/design.js';
import { pageCount } from '../support/pdf.js';
import { ROOT } from '../support/paths.js';
import { launch, previewFixture, type Fixture } from './support.js';

const WORDS = 3;
const TSX = '--import=tsx'; // tsx as a loader: one process, signals reach the CLI itself

/** Items enough for three pages, footnotes cited on the later ones. */
function lengthen(content: string): void {
  const file = join(content, '2099', 'lv', 'sections', 'alfa-novads.md');
  const sentence = 'Pašvaldība organizē pieaugušo izglītības pasākumus sadarbībā ar bibliotēkām, skolām un biedrībām, kā arī konsultē iedzīvotājus par mācību iespējām';
  const items = Array.from({ length: 30 }, (_, i) => `- **Labā prakse:** ${i + 1}. ${Array.from({ length: 1 + (i % 4) }, () => sentence).join('; ')}${i % 9 === 8 ? `.[^p${i}]` : '.'}`);
  const notes = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 9 === 8).map((i) => `[^p${i}]: <https://example.lv/papildu/${i}>`);
  const text = readFileSync(file, 'utf8').replace('\n---\n', `\n${items.join('\n')}\n\n---\n`);
  writeFileSync(file, `${text.trimEnd()}\n${notes.join('\n')}\n`);
}

/** The first words of a text, as both sides compare them: no soft hyphens, no bare bullets or dashes. */
const firstWords = (text: string) =>
  text
    .replace(/\u00ad/g, '')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, WORDS)
    .join(' ');

/** The first words of page `n`'s text block in the PDF. */
function pdfPageWords(pdf: string, n: number): string {
  const pt = 72 / 25.4;
  const slack = 2; // pt
  const box = [PAGE.margin.left * pt - slack, PAGE.margin.top * pt - slack, contentBox.widthMm * pt + 2 * slack, contentBox.heightMm * pt + 2 * slack].map((v) => String(Math.round(v)));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-r', '72', '-f', String(n), '-l', String(n), '-x', box[0]!, '-y', box[1]!, '-W', box[2]!, '-H', box[3]!, pdf, '-'], { encoding: 'utf8' });
  return firstWords(text);
}

/** The first words of each column of the paged view, word by word by each word's own box. */
function columnWords(page: Page): Promise<string[]> {
  return page.evaluate(
    (pitch, gap, count) => {
      const origin = document.body.getBoundingClientRect().left;
      const columns: string[][] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (const m of node.data.matchAll(/[^\s\u00ad]+(?:\u00ad[^\s\u00ad]+)*/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const rect = range.getClientRects()[0];
          if (!rect || rect.width === 0) continue;
          const col = Math.floor((rect.left - origin + gap / 2) / pitch);
          const words = (columns[col] ??= []);
          if (words.length < count && /[\p{L}\p{N}]/u.test(m[0])) words.push(m[0]);
        }
      }
      return Array.from(columns, (w) => (w ?? []).join(' '));
    },
    (contentBox.widthMm + PAGE.margin.left + PAGE.margin.right) * (96 / 25.4),
    (PAGE.margin.left + PAGE.margin.right) * (96 / 25.4),
    WORDS,
  );
}

let f: Fixture;
let browser: Browser;
let page: Page;
let pdf = '';

beforeAll(async () => {
  f = await previewFixture(lengthen);
  const out = join(mkdtempSync(join(tmpdir(), 'preview-pdf-')), 'out');
  const r = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'cli.ts'), 'build', '--content', f.paths.content, '--out', out], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  pdf = join(out, 'report.pdf');
  browser = await launch();
  page = await browser.newPage();
  await page.goto(f.preview.url, { waitUntil: 'load' });
  const toggle = await page.waitForFunction(() => document.querySelector('#__preview-ui')?.shadowRoot?.querySelector('button.mode'));
  await (toggle as unknown as { click(): Promise<void> }).click();
  await page.waitForFunction(() => document.documentElement.classList.contains('pv-paged') && document.getElementById('__preview-pages'));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await f?.preview.close();
});

describe('paged view', () => {
  // Known defect: on the lengthened fixture one page of the paged view starts a field's label
  // ("Labā prakse") where the per-unit print continues the paragraph before it.
  it.fails('breaks every page where the PDF does', async () => {
    const pages = pageCount(pdf);
    const columns = await columnWords(page);
    expect(pages, 'the lengthened section runs over several pages').toBeGreaterThanOrEqual(9);
    // A blank page before the back cover (it falls on an even page) is no column of the view.
    const printed = Array.from({ length: pages - 2 }, (_, k) => pdfPageWords(pdf, k + 2)).filter((words, k) => words !== '' || k < pages - 3);
    expect(columns.map(firstWords)).toEqual(printed);
  });

  it('places the footnotes at the foot of their pages, as the print does', async () => {
    const placed = await page.evaluate(() => document.querySelectorAll('aside.page-notes li').length);
    expect(placed).toBeGreaterThanOrEqual(5);
  });

  it('draws a numbered page frame behind every column', async () => {
    const frames = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#__preview-pages > div')].map((d) => d.dataset.page));
    const blank = pdfPageWords(pdf, pageCount(pdf) - 1) === '' ? 1 : 0; // the page before the back cover
    expect(frames).toEqual(Array.from({ length: pageCount(pdf) - 2 - blank }, (_, k) => String(k + 2)));
  });

  it('goes back to the scrolling view', async () => {
    const toggle = await page.evaluateHandle(() => document.querySelector('#__preview-ui')!.shadowRoot!.querySelector('button.mode'));
    await (toggle as unknown as { click(): Promise<void> }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains('pv-scroll'));
    expect(await page.evaluate(() => [document.querySelectorAll('aside.page-notes').length, document.getElementById('__preview-pages')])).toEqual([0, null]);
  });
});
