/**
 * The HTML edition under axe-core, in the real browser the build prints with: no violation of
 * the WCAG 2.0/2.1/2.2 A and AA rules (contrast, landmarks, alternative texts, heading order,
 * language of parts, link names, target size …) in either language.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/print/browser.js';
import { join } from 'node:path';
import { previewFixture } from '../preview/support.js';
import { REPORT_EN_DIR, REPORT_HTML } from '../support/paths.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/**
 * Best-practice rules the issue names (landmarks, heading order), run besides the WCAG tags.
 * landmark-one-main is not among them: the parts are the body's own sections (the layout code
 * and the stylesheet address them as such), so there is no one <main> to wrap them in; each
 * part is a region landmark named by its title instead.
 */
export const PRACTICE = ['region', 'heading-order', 'landmark-unique', 'landmark-no-duplicate-contentinfo', 'page-has-heading-one', 'empty-heading'];

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
  passes: { id: string }[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

export async function axeOn(browser: Browser, url: string, runOnly: { type: 'tag' | 'rule'; values: string[] } = { type: 'tag', values: WCAG_AA }): Promise<AxeResult> {
  const page = await browser.newPage();
  try {
    // The report's content security policy lets no script run; axe is the test's, not the page's.
    await page.setBypassCSP(true);
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(AXE);
    return (await page.evaluate(
      (only) => (window as unknown as { axe: { run(ctx: Document, o: object): Promise<unknown> } }).axe.run(document, { runOnly: only, resultTypes: ['violations'] }),
      runOnly,
    )) as AxeResult;
  } finally {
    await page.close();
  }
}

const describeViolations = (r: AxeResult) =>
  r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.help}\n${v.nodes.slice(0, 3).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim()}`).join('\n')}`).join('\n');

describe('axe-core, WCAG 2.2 AA, on report.html', () => {
  for (const [lang, html] of [['lv', REPORT_HTML], ['en', join(REPORT_EN_DIR, 'report.html')]] as const) {
    it(`the ${lang} edition has no violation`, async () => {
      const result = await axeOn(browser, `file://${html}`);
      expect(result.violations, describeViolations(result)).toEqual([]);
      // The rules that matter here did run on something: contrast, headings, alt, language, link names.
      expect(result.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'image-alt', 'svg-img-alt', 'html-has-lang', 'html-lang-valid', 'link-name', 'target-size', 'bypass']));
      const practice = await axeOn(browser, `file://${html}`, { type: 'rule', values: PRACTICE });
      expect(practice.violations, describeViolations(practice)).toEqual([]);
      expect(practice.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['region', 'heading-order']));
    }, 180_000);
  }
});

describe('axe-core, WCAG 2.2 AA, on the preview', () => {
  it('the draft with its banner has no violation', async () => {
    const f = await previewFixture();
    try {
      const result = await axeOn(browser, f.preview.url);
      expect(result.violations, describeViolations(result)).toEqual([]);
      expect(result.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'link-name']));
    } finally {
      await f.preview.close();
    }
  }, 180_000);
});
