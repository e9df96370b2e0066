/** The preflight sees a page Chromium shrank to fit (something wider than the page). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../scripts/check/pdf-model.js';
import { preflight } from '../../scripts/check/preflight.js';
import { launchBrowser } from '../../scripts/print/browser.js';

async function printed(html: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'scale-'));
  writeFileSync(join(dir, 'a.html'), html);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`file://${join(dir, 'a.html')}`);
    return await page.pdf({ preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}

const page = (width: string) => `<!doctype html><style>@page { size: 210mm 297mm; margin: 20mm } body { margin: 0 }</style><p>Text</p><div style="width: ${width}; height: 4px; background: #000"></div>`;
const options = { margins: { top: 20, right: 20, bottom: 20, left: 20 }, fullBleedPages: [], contentsPages: [] };

describe('print scale', () => {
  it('a box 1 mm wider than the text block shrinks the page, and the preflight says so', async () => {
    const model = await readPdf(await printed(page('171mm')));
    expect(model.scale[0]).toBeLessThan(0.995);
    const findings = preflight(model, options).findings.filter((f) => f.check === 'scale');
    expect(findings).toEqual([expect.objectContaining({ page: 1, message: expect.stringMatching(/printed at 9\d\.\d\d %, not 100 %/) })]);
  });

  it('a box that fits prints at 100 %', async () => {
    const model = await readPdf(await printed(page('170mm')));
    expect(model.scale[0]).toBeCloseTo(1, 4);
    expect(preflight(model, options).findings.filter((f) => f.check === 'scale')).toEqual([]);
  });
});
