/**
 * Stage 6 — print: load the composed HTML from disk in headless Chromium and print it.
 * The page may fetch only local files: anything else is refused and reported, so the
 * PDF never depends on the network.
 */
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import type { Reporter } from '../lib/log.js';

export class Printer {
  private page: Page | undefined;
  readonly refused: string[] = [];
  constructor(private readonly browser: Browser, private readonly report: Reporter) {}

  /** Print the HTML file at `htmlPath` (reloaded on every call) to PDF bytes. */
  async print(htmlPath: string): Promise<Uint8Array> {
    const page = await this.open();
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const failed = await page.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
    for (const src of failed) this.report.warn(`image not loaded: ${src}`);
    return page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      tagged: true,
      outline: true,
      timeout: 120_000,
    });
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
