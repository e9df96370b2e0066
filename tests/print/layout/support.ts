/**
 * Layout rule fixtures, as paged.js keeps `specs/<feature>/`: each rule has a folder with a
 * fixture HTML (a part or two in the report's markup), laid out in real Chromium with the real
 * stylesheet (styles/report.css) and the real layout code (scripts/print/layout/), then the
 * outcome is read off the page-sized columns before they are left.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser } from '../../../scripts/print/browser.js';
import { layoutSettings } from '../../../scripts/print/design.js';
import { startLayout } from '../../../scripts/print/layout.js';
import { ROOT } from '../../support/paths.js';

const CSS = readFileSync(`${ROOT}/styles/report.css`, 'utf8');

let browser: Browser | undefined;
export async function openBrowser(): Promise<Browser> {
  browser ??= await launchBrowser();
  return browser;
}
export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

export interface LaidOut {
  page: Page;
  /** What the layout reports: notes placed, the page each part starts on, copyfitting. */
  result: { notes: { n: number; page: number }[]; starts: Record<string, number>; fits: Record<string, string>; runOns: string[] };
}

/**
 * Lays out `tests/print/layout/<rule>/fixture.html` (or `<rule>/<name>.html`), part by part as the print
 * does; `probe` runs in the page while it is still in columns, on part `show` (default: the
 * first) alone as the layout saw it (its argument: the column of a box, `col(el)`, its top in
 * its column, `top(el)` in px, the boxes of an element's lines), and its value is returned too.
 * `show` '*': every part, in one flow of columns as the print has them (a part that runs on
 * under the previous one is laid out after it).
 */
export async function layOutFixture<T>(rule: string, probe: (h: { col: (el: Element | DOMRect) => number; top: (el: Element | DOMRect) => number; lineRects: (el: Element) => DOMRect[] }) => T, show?: string): Promise<LaidOut & { probed: T }> {
  const page = await (await openBrowser()).newPage();
  const doc = readFileSync(new URL(rule.endsWith('.html') ? `./${rule}` : `./${rule}/fixture.html`, import.meta.url), 'utf8');
  await page.setContent(doc.replace('<head>', `<head><style>${CSS}</style>`), { waitUntil: 'load' });
  const parts = (await page.evaluate(startLayout({ ...layoutSettings, firstPage: 1, fillContents: false }))) as number;
  for (let k = 0; k < parts; k++) await page.evaluate((n) => (globalThis as unknown as { __fnPlacer: { step(n: number): void } }).__fnPlacer.step(n), k);
  const mm = 96 / 25.4;
  const pitch = (layoutSettings.contentWidthMm + layoutSettings.gapMm) * mm;
  const gap = layoutSettings.gapMm * mm;
  const probed = (await page.evaluate(
    `(() => {
      // Parts are laid out one at a time: the probe sees one (the first unless named).
      const parts = [...document.body.children].filter((el) => /^(SECTION|NAV)$/.test(el.tagName));
      const shown = ${JSON.stringify(show ?? null)} ?? parts[0].id;
      for (const el of parts) el.style.display = shown === '*' || el.id === shown ? '' : 'none';
      const origin = () => document.body.getBoundingClientRect();
      const box = (x) => (x instanceof Element ? x.getClientRects()[0] : x);
      const col = (el) => Math.floor((box(el).left - origin().left + ${gap / 2}) / ${pitch});
      const top = (el) => box(el).top - origin().top;
      const lineRects = (el) => { const r = document.createRange(); r.selectNodeContents(el); return [...r.getClientRects()].filter((x) => x.width > 0 && x.height > 0); };
      return (${probe.toString()})({ col, top, lineRects });
    })()`,
  )) as T;
  const result = JSON.parse((await page.evaluate(() => (globalThis as unknown as { __fnPlacer: { finish(): string } }).__fnPlacer.finish())) as string) as LaidOut['result'];
  return { page, result, probed };
}
