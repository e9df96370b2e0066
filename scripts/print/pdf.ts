/**
 * Stage 6 — print: load the composed HTML from disk in headless Chromium and print it.
 * The page may load only the files of the build being printed (its own folder, by real path):
 * every other file, any network address, data: and blob: URLs are refused and reported.
 * The page's own scripts are off; the pipeline's placement code runs through puppeteer.
 */
import { realpathSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { BuildError } from '../lib/diagnostics.js';
import type { Reporter } from '../lib/log.js';
import { browserTimeouts } from './browser.js';
import { layoutSettings } from './design.js';
import { startLayout } from './layout.js';

export interface PlacedNote {
  n: number;
  /** Page the note was placed on; -1 when it stayed at the end of its part. */
  page: number;
}

export interface Printed {
  pdf: Uint8Array;
  notes: PlacedNote[];
  /** The page each part starts on, in the layout the placer saw (cover = 1). */
  starts: Map<string, number>;
}

export class Printer {
  private page: Page | undefined;
  readonly refused: string[] = [];
  constructor(private readonly browser: Browser, private readonly report: Reporter) {}

  /**
   * Print the HTML file at `htmlPath` (reloaded on every call), footnotes at their pages' feet.
   * `fillContents`: write the contents' page numbers from the layout before printing.
   */
  async print(htmlPath: string, sizes?: ReadonlyMap<string, number>, fillContents = false): Promise<Printed> {
    this.root = realpathSync(dirname(htmlPath));
    const { stepMs } = browserTimeouts();
    const step = <T>(name: string, work: () => Promise<T>) => withTimeout(name, stepMs, work, sizes);
    const page = await step('opening a page', () => this.open());
    await step('loading the report', () => page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: stepMs }));
    await step('loading the fonts', () => page.evaluate(() => document.fonts.ready.then(() => undefined)));
    const failed = await step('checking the images', () => page.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.getAttribute('src') ?? '')));
    for (const src of failed) this.report.warn(`image not loaded: ${src}`);
    const options = { ...layoutSettings, firstPage: 2, fillContents };
    const { notes, starts } = await step('placing the footnotes', async () => {
      const total = (await page.evaluate(startLayout(options))) as number;
      for (let k = 0; k < total; k++) {
        this.report.progress?.(k + 1, total, 'part');
        await page.evaluate((n: number) => (globalThis as unknown as { __fnPlacer: { step(n: number): void } }).__fnPlacer.step(n), k);
      }
      return JSON.parse((await page.evaluate(() => (globalThis as unknown as { __fnPlacer: { finish(): string } }).__fnPlacer.finish())) as string) as { notes: PlacedNote[]; starts: Record<string, number> };
    });
    const pdf = await step('printing the PDF', () =>
      page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: false,
        tagged: true,
        // Bookmarks are written in the finish stage, nested as the report is.
        outline: false,
        timeout: stepMs,
      }),
    );
    return { pdf, notes, starts: new Map(Object.entries(starts)) };
  }

  private root = '';

  /** Only files inside the folder of the HTML being printed, by real path (no link leads out). */
  allowed(url: string): boolean {
    if (url === 'about:blank') return true;
    if (!url.startsWith('file:')) return false;
    try {
      const path = realpathSync(fileURLToPath(url));
      return this.root !== '' && path.startsWith(this.root + sep);
    } catch {
      return false;
    }
  }

  private async open(): Promise<Page> {
    if (this.page) return this.page;
    const page = await this.browser.newPage();
    // Content never runs scripts; page.evaluate (the footnote placer) still works.
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (this.allowed(url)) void req.continue();
      else {
        this.refused.push(url);
        this.report.warn(`refused a request of the printing page: ${url.length > 120 ? `${url.slice(0, 120)}…` : url}`);
        // A navigation away (meta refresh) is cancelled, not answered with an error page that
        // would replace the document.
        void req.abort(req.isNavigationRequest() && req.frame() === page.mainFrame() ? 'aborted' : 'blockedbyclient');
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

/**
 * A browser step with a deadline. A step that times out (a hung browser, or a document too
 * large to lay out in time) is a BuildError that says which step, and the largest parts.
 */
async function withTimeout<T>(name: string, ms: number, work: () => Promise<T>, sizes?: ReadonlyMap<string, number>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout()), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } catch (err) {
    const timedOut = err instanceof StepTimeout || (err instanceof Error && /timed? ?out/i.test(err.message));
    const closed = err instanceof Error && /Target closed|Session closed|Connection closed|Protocol error/i.test(err.message);
    if (!timedOut && !closed) throw err;
    const largest = [...(sizes ?? new Map())].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const parts = largest.length ? ` The largest parts: ${largest.map(([id, n]) => `${id} (${Math.round(n / 1024)} KB of HTML)`).join(', ')}.` : '';
    throw new BuildError(
      [
        {
          file: '',
          message: timedOut ? `the browser did not finish ${name} within ${Math.round(ms / 1000)} s` : `the browser stopped while ${name}: ${(err as Error).message.split('\n')[0]}`,
          hint: `${timedOut ? 'a document this size normally prints in under 30 s.' : 'it may have crashed or run out of memory.'}${parts} Try again; if it happens again, shorten the largest part or check the browser (REPORT_BROWSER).`,
        },
      ],
      1,
    );
  } finally {
    clearTimeout(timer);
  }
}

class StepTimeout extends Error {}
