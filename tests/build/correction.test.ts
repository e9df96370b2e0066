/**
 * A municipality sends a correction: one figure in the manifest changes. The charts, the
 * regional total, the ranking and the sentences that cite them must all follow, with nobody
 * retyping a number.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { defaultPaths } from '../../scripts/config.js';
import { chartTable } from '../support/manifest.js';
import { MINI_CONTENT } from '../support/paths.js';

async function buildHtml(content: string): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'corr-out-')), 'lv');
  const r = await build({ paths: { ...defaultPaths(), content }, edition: '2099', lang: 'lv', htmlOnly: true, outDir: out });
  return readFileSync(r.html, 'utf8');
}
const svgOf = (html: string, id: string) => html.slice(html.indexOf(`data-chart="${id}"`), html.indexOf('</svg>', html.indexOf(`data-chart="${id}"`)));
const text = (html: string) => html.replace(/<figure[\s\S]*?<\/figure>/g, '').replace(/<[^>]+>/g, '').replaceAll('\u00AD', '').replace(/\s+/g, ' ');

describe('a corrected figure flows through charts, totals, rankings and prose', () => {
  it('permits of one municipality change', async () => {
    const content = mkdtempSync(join(tmpdir(), 'corr-'));
    cpSync(MINI_CONTENT, content, { recursive: true });
    const before = await buildHtml(content);
    expect(text(before)).toContain('Kopā izsniegtas 55 atļaujas. Visvairāk atļauju izsniedza Betas valstspilsēta (30).');
    expect(chartTable(before, 'permits-top')).toEqual([['betas-valstspilseta', 30], ['alfa-novads', 25]]);

    // The correction as the README describes it: the section's text and the manifest together.
    const manifest = join(content, '2099', 'manifest.yaml');
    const section = join(content, '2099', 'lv', 'sections', 'alfa-novads.md');
    writeFileSync(section, readFileSync(section, 'utf8').replace('pašvaldībā:** 25', 'pašvaldībā:** 41'));
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('permits: { value: 25, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 25" }', 'permits: { value: 41, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 41" }'));
    const after = await buildHtml(content);
    // 71 ends in 1: Latvian takes the singular, verb and noun together.
    expect(text(after)).toContain('Kopā izsniegta 71 atļauja. Visvairāk atļauju izsniedza Alfas novads (41).');
    // Largest first: the correction moves Alfas novads to the top.
    expect(chartTable(after, 'permits-top')).toEqual([['alfa-novads', 41], ['betas-valstspilseta', 30]]);
    expect(svgOf(after, 'permits-top')).not.toBe(svgOf(before, 'permits-top'));
    expect(svgOf(after, 'permits-top')).toContain('>41</text>');
  });

  it('engaged residents of one municipality change the regional total', async () => {
    const content = mkdtempSync(join(tmpdir(), 'corr-'));
    cpSync(MINI_CONTENT, content, { recursive: true });
    const before = await buildHtml(content);
    expect(text(before)).toContain('Zemgalē iesaistīti 340 iedzīvotāji.');
    const manifest = join(content, '2099', 'manifest.yaml');
    const section = join(content, '2099', 'lv', 'sections', 'alfa-novads.md');
    writeFileSync(section, readFileSync(section, 'utf8').replace('Pasākumu dalībnieku skaits – 340', 'Pasākumu dalībnieku skaits – 1250'));
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('engaged: { value: 340, sources: ["Pasākumu dalībnieku skaits – 340"] }', 'engaged: { value: 1250, sources: ["Pasākumu dalībnieku skaits – 1250"] }'));
    const after = await buildHtml(content);
    expect(text(after)).toContain('Zemgalē iesaistīti 1 250 iedzīvotāji.');
    expect(Object.fromEntries(chartTable(after, 'engagement-by-region')).zemgale).toBe(1250);
    expect(svgOf(after, 'engagement-by-region')).toContain('>1&#160;250</text>');
  });

  it('an unknown name in the prose fails the build with file and line', async () => {
    const content = mkdtempSync(join(tmpdir(), 'corr-'));
    cpSync(MINI_CONTENT, content, { recursive: true });
    const chapter = join(content, '2099', 'lv', 'chapters', 'analysis.md');
    writeFileSync(chapter, readFileSync(chapter, 'utf8').replace('{{sum engaged region=zemgale', '{{sum engagd region=zemgale'));
    await expect(buildHtml(content)).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ file: chapter, line: 9, message: expect.stringContaining('"engagd"'), hint: expect.stringContaining('permits, engaged') })],
    });
  });

  it('a correction that makes a comparing sentence false stops the build at its line', async () => {
    const content = mkdtempSync(join(tmpdir(), 'corr-'));
    cpSync(MINI_CONTENT, content, { recursive: true });
    const chapter = join(content, '2099', 'lv', 'chapters', 'analysis.md');
    // "Betas valstspilsēta izsniedza vairāk atļauju nekā Alfas novads", bound to the data.
    writeFileSync(chapter, readFileSync(chapter, 'utf8').replace('## Atļaujas\n', '## Atļaujas\n\nBetas valstspilsēta izsniedza vairāk atļauju nekā Alfas novads{{check value permits id=betas-valstspilseta > value permits id=alfa-novads}}.\n'));
    await buildHtml(content);
    const section = join(content, '2099', 'lv', 'sections', 'alfa-novads.md');
    const manifest = join(content, '2099', 'manifest.yaml');
    writeFileSync(section, readFileSync(section, 'utf8').replace('pašvaldībā:** 25', 'pašvaldībā:** 41'));
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('permits: { value: 25, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 25" }', 'permits: { value: 41, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 41" }'));
    await expect(buildHtml(content)).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ file: chapter, line: 3, message: expect.stringContaining('the sentence no longer holds: value permits id=betas-valstspilseta (30) > value permits id=alfa-novads (41) is false') })],
    });
  });
});
