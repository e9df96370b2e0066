/**
 * A YAML syntax error in the preview, in real Chromium: one unclosed bracket in the manifest
 * shows in the page's overlay within 2 s as one problem naming manifest.yaml and the line of
 * the bracket, and the overlay leaves within 2 s of the fix.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, previewFixture, type Fixture } from './support.js';

let f: Fixture;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  f = await previewFixture();
  browser = await launch();
  page = await browser.newPage();
  await page.goto(f.preview.url, { waitUntil: 'load' });
  await page.waitForFunction(() => /ms/.test(document.querySelector('#__preview-ui')?.shadowRoot?.querySelector('.status')?.textContent ?? ''));
});
afterAll(async () => {
  await browser?.close();
  await f?.preview.close();
});

const overlayShown = () => page.evaluate(() => !document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>('.errors')!.hidden);

describe('a YAML syntax error in the preview', () => {
  it('one unclosed bracket: one problem in the overlay within 2 s, with manifest.yaml and its line; gone within 2 s of the fix', async () => {
    const manifest = f.file('manifest.yaml');
    const good = readFileSync(manifest, 'utf8');
    const lines = good.split('\n');
    const line = lines.findIndex((l) => /^\s+\w+: \[[^\]]*\]\s*$/.test(l)) + 1; // a block key whose value is a flow list
    expect(line).toBeGreaterThan(0);
    lines[line - 1] = lines[line - 1]!.replace(/\]\s*$/, '');
    expect(await overlayShown()).toBe(false);

    let started = Date.now();
    writeFileSync(manifest, lines.join('\n'));
    await page.waitForFunction(() => !document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>('.errors')!.hidden, { timeout: 2_000, polling: 50 });
    const shownIn = Date.now() - started;
    const overlay = await page.evaluate(() => {
      const errors = document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>('.errors')!;
      return { text: errors.innerText, items: errors.querySelectorAll('li').length };
    });
    expect(shownIn).toBeLessThan(2_000);
    expect(overlay.items).toBe(1);
    expect(overlay.text).toContain(`manifest.yaml:${line}:`);
    expect(overlay.text).toMatch(/never closed/);

    started = Date.now();
    writeFileSync(manifest, good);
    await page.waitForFunction(() => document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>('.errors')!.hidden, { timeout: 2_000, polling: 50 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
