/**
 * Stage 6 — print: load the composed HTML from disk in headless Chromium and print it.
 * The page may fetch only local files: anything else is refused and reported, so the
 * PDF never depends on the network.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import type { Reporter } from '../lib/log.js';
import { contentBox, PAGE } from './geometry.js';

const PLACE_FOOTNOTES = readFileSync(new URL('./footnotes.browser.js', import.meta.url), 'utf8');

export interface PlacedNote {
  n: number;
  /** Page the note was placed on; -1 when it stayed at the end of its part. */
  page: number;
}

export interface Printed {
  pdf: Uint8Array;
  notes: PlacedNote[];
}

export class Printer {
  private page: Page | undefined;
  readonly refused: string[] = [];
  constructor(private readonly browser: Browser, private readonly report: Reporter) {}

  /** Print the HTML file at `htmlPath` (reloaded on every call), footnotes at their pages' feet. */
  async print(htmlPath: string): Promise<Printed> {
    const page = await this.open();
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const failed = await page.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
    for (const src of failed) this.report.warn(`image not loaded: ${src}`);
    const options = { contentWidthMm: contentBox.widthMm, contentHeightMm: contentBox.heightMm, gapMm: PAGE.margin.left + PAGE.margin.right, firstPage: 2 };
    const notes = JSON.parse((await page.evaluate(`(${PLACE_FOOTNOTES.trim().replace(/;$/, '')})(${JSON.stringify(options)})`)) as string) as PlacedNote[];
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      tagged: true,
      // Bookmarks are written in the finish stage, nested as the report is.
      outline: false,
      timeout: 120_000,
    });
    return { pdf, notes };
  }

  private async open(): Promise<Page> {
    if (this.page) return this.page;
    const page = await this.browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (/^(file|data|about|blob):/.test(url)) void req.continue();
      else {
        this.refused.push(url);
        this.report.warn(`refused network request: ${url}`);
        void req.abort('blockedbyclient');
      }
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warn') this.report.warn(`browser: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.report.warn(`browser: ${err instanceof Error ? err.message : String(err)}`));
    this.page = page;
    return page;
  }
}
