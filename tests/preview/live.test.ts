/**
 * The preview in real Chromium: a saved change appears in the open page without a reload
 * (the scroll position kept), a broken file shows its problem over the last good draft and
 * the server keeps running, the fix brings the draft back, and a click names the source.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  await page.setViewport({ width: 1000, height: 700 });
  await page.goto(f.preview.url, { waitUntil: 'load' });
  // Connected to the event stream: the banner shows the last build's time.
  await page.waitForFunction(() => /ms/.test(document.querySelector('#__preview-ui')?.shadowRoot?.querySelector('.status')?.textContent ?? ''));
});
afterAll(async () => {
  console.log(f?.log.join('\n'));
  await browser?.close();
  await f?.preview.close();
});

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};
const shadowText = (selector: string) =>
  page.evaluate((s) => {
    const el = document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>(s)!;
    return el.hidden ? null : el.innerText;
  }, selector);
/** The page's text without the soft hyphens the build puts into long words. */
const bodyText = () => page.evaluate(() => document.body.innerText.replace(/\u00ad/g, ''));
const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('live preview', () => {
  it('marks the page as a draft', async () => {
    expect(await shadowText('.draft')).toBe('MELNRAKSTS');
    expect(await bodyText()).toContain('ALFAS NOVADA PAŠVALDĪBA');
  });

  it('shows a saved change in the open page, in place, at the same scroll position', async () => {
    const section = f.file('lv/sections/alfa-novads.md');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
      window.scrollTo(0, 1600);
    });
    const started = Date.now();
    edit(section, 'semināru un meistarklašu organizēšana;', 'semināru un meistarklašu organizēšana pilsētas bibliotēkā Zilonis;');
    await page.waitForFunction(() => document.body.innerText.replace(/\u00ad/g, '').includes('bibliotēkā Zilonis'), { timeout: 10_000 });
    const ms = Date.now() - started;
    console.log(`preview: saved change visible in the page after ${ms} ms (${f.log.filter((l) => /rebuilt/.test(l)).at(-1)})`);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(1600);
    expect(f.log.some((l) => /preview: rebuilt in \d+ ms \(.*alfa-novads\.md\)/.test(l))).toBe(true);
  });

  it('shows the next change as quickly, and a change of the stylesheet without a reload', async () => {
    const section = f.file('lv/sections/alfa-novads.md');
    const started = Date.now();
    edit(section, 'biedrības, Alfas tehnikums.', 'biedrības, Alfas tehnikums un Kamielis.');
    await page.waitForFunction(() => document.body.innerText.replace(/\u00ad/g, '').includes('tehnikums un Kamielis'), { timeout: 10_000 });
    console.log(`preview: the next saved change visible after ${Date.now() - started} ms (${f.log.filter((l) => /rebuilt/.test(l)).at(-1)})`);

    writeFileSync(join(f.paths.styles, 'report.css'), `${readFileSync(join(f.paths.styles, 'report.css'), 'utf8')}\n.section__title { color: rgb(1, 2, 3); }\n`);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#alfa-novads .section__title')!).color === 'rgb(1, 2, 3)', { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('shows a broken manifest in an overlay with its file and line; the fix brings the draft back', async () => {
    const manifest = f.file('manifest.yaml');
    const line = lineOf(manifest, 'region: kurzeme');
    edit(manifest, 'region: kurzeme', 'region: Courland');
    await page.waitForFunction(() => !document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>('.errors')!.hidden, { timeout: 10_000 });
    const overlay = (await shadowText('.errors'))!;
    expect(overlay).toContain(`manifest.yaml:${line}:`);
    expect(overlay).toMatch(/region: Courland/); // the offending line
    expect(overlay).toMatch(/hint: expected one of: "kurzeme"/);
    // The last good draft is still there under the overlay, and the server still serves.
    expect(await bodyText()).toContain('bibliotēkā Zilonis');

    edit(manifest, 'region: Courland', 'region: kurzeme');
    await page.waitForFunction(() => document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>('.errors')!.hidden, { timeout: 10_000 });
    expect(await bodyText()).toContain('BETAS VALSTSPILSĒTAS PAŠVALDĪBA');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('lists every problem of a run: a footnote without definition and an unknown chart', async () => {
    const section = f.file('lv/sections/alfa-novads.md');
    const chapter = f.file('lv/chapters/analysis.md');
    const chart = /```chart\n([a-z-]+)\n```/.exec(readFileSync(chapter, 'utf8'))![1]!;
    edit(section, 'programma.[^2]', 'programma.[^9]');
    edit(chapter, `\`\`\`chart\n${chart}\n`, '```chart\nno-such-chart\n');
    await page.waitForFunction(() => /footnote/.test(document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>('.errors')!.innerText) && /no-such-chart/.test(document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>('.errors')!.innerText), { timeout: 10_000 });
    const overlay = (await shadowText('.errors'))!;
    expect(overlay).toContain(`alfa-novads.md:${lineOf(section, '[^9]')}:`);
    expect(overlay).toContain(`analysis.md:${lineOf(chapter, 'no-such-chart') - 1}:`); // the block's opening fence
    edit(section, 'programma.[^9]', 'programma.[^2]');
    edit(chapter, '```chart\nno-such-chart\n', `\`\`\`chart\n${chart}\n`);
    await page.waitForFunction(() => document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLElement>('.errors')!.hidden, { timeout: 10_000 });
  });

  it('clicking a list item shows its source file and line, with an editor link', async () => {
    const section = f.file('lv/sections/alfa-novads.md');
    const line = lineOf(section, 'bibliotēkā Zilonis');
    const item = await page.waitForSelector(`#alfa-novads li[data-source-line="${line}"]`);
    await item!.click();
    expect(await shadowText('.source')).toContain(`${section}:${line}`);
    const href = await page.evaluate(() => document.querySelector('#__preview-ui')!.shadowRoot!.querySelector<HTMLAnchorElement>('.source a')!.getAttribute('href'));
    expect(href).toBe(`vscode://file${section}:${line}`);
    // A heading of a chapter too.
    const chapter = f.file('lv/chapters/analysis.md');
    const heading = await page.$('#analysis h2[data-source-line]');
    if (heading) {
      await heading.click();
      expect(await shadowText('.source')).toMatch(new RegExp(`${chapter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+`));
    }
  });
});
