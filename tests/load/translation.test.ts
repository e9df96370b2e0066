/**
 * Translations on the fixture edition (lv source; en with one section and one chapter
 * translated): a missing translation falls back to Latvian, marked and counted; a source
 * changed after its translation is reported stale with the changed lines; a missing message
 * key fails with its name; numbers and nouns agree in both languages.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { defaultPaths } from '../../scripts/config.js';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { coverage, formatCoverage } from '../../scripts/load/coverage.js';
import { loadEdition } from '../../scripts/load/edition.js';
import { MINI_CONTENT } from '../support/paths.js';

const project = defaultPaths();
const copy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'translation-'));
  const content = join(dir, 'content');
  const templates = join(dir, 'templates');
  cpSync(MINI_CONTENT, content, { recursive: true });
  cpSync(project.templates, templates, { recursive: true });
  return { dir, content, templates };
};
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replaceAll('\u00AD', '').replace(/\s+/g, ' ');

describe('fallback and coverage', () => {
  it('an untranslated section is printed in Latvian, marked, and counted', async () => {
    const { dir, content } = copy();
    const r = await build({ paths: { ...project, content }, edition: '2099', lang: 'en', htmlOnly: true, outDir: join(dir, 'out') });
    const html = readFileSync(r.html, 'utf8');
    expect(html).toMatch(/<section class="section section--municipality[^"]*" id="betas-valstspilseta" data-page-name="[^"]+" lang="lv" data-fallback="lv"( aria-label="[^"]*")?>/);
    expect(html).toMatch(/<section class="section section--municipality[^"]*" id="alfa-novads" data-page-name="[^"]+"( aria-label="[^"]*")?>/);
    // Its words stay Latvian; its field labels are the English edition's (fields are data).
    // (its permits, the whole answer of that field, print in the key figures under its heading)
    expect(textOf(html)).toContain('Number of residents engaged in adult education activities, and activities carried out: nav veikta statistikas uzskaitē.');
    expect(textOf(html)).toContain('Permits issued 30');
    expect(textOf(html)).toContain('Adult education governance/coordination model in the municipality: nav izveidots atsevišķs amats.');
    const report = JSON.parse(readFileSync(join(dir, 'out', 'coverage.json'), 'utf8'));
    expect(report.sections).toEqual({ translated: 1, total: 3, missing: ['betas-valstspilseta', 'gammas-planosanas-regions'] });
    expect(report.chapters).toEqual({ translated: 1, total: 2, missing: ['foreword'] });
    expect(report.charts).toEqual({ translated: 1, total: 2, missing: ['engagement-by-region'] });
    expect(report.messages.percent).toBe(100);
    expect(report.stale).toEqual([]);
    // The chart whose English title is missing keeps its Latvian title; its caption is English.
    expect(textOf(html)).toContain('Figure 2 Iesaistīto iedzīvotāju skaits pa plānošanas reģioniem');
  });

  it('a Latvian source changed after its translation: stale, with the changed line', () => {
    const { content } = copy();
    const lv = join(content, '2099', 'lv', 'sections', 'alfa-novads.md');
    writeFileSync(lv, readFileSync(lv, 'utf8').replace('Anna Ābele\\', 'Anna Ābele-Kalniņa\\'));
    const c = coverage(loadEdition({ contentDir: content, templatesDir: project.templates, edition: '2099', lang: 'en' }));
    expect(c.stale).toEqual([{ id: 'alfa-novads', file: join(content, '2099', 'en', 'sections', 'alfa-novads.md'), unrecorded: false, changed: [{ line: 16, text: 'Anna Ābele-Kalniņa\\' }], removed: 1 }]);
    expect(formatCoverage(c)).toMatch(/stale: .*alfa-novads\.md: its lv source changed since it was translated \(1 line\(s\) new or changed, 1 removed\)\n {4}lv:16: Anna Ābele-Kalniņa/);
  });

  it('a message key missing in a language fails with the key and the file', () => {
    const { content, templates } = copy();
    const en = join(templates, 'messages', 'en.yaml');
    writeFileSync(en, readFileSync(en, 'utf8').replace(/^contents: Contents\n/m, ''));
    try {
      loadEdition({ contentDir: content, templatesDir: templates, edition: '2099', lang: 'en' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BuildError);
      expect((err as BuildError).diagnostics).toContainEqual(expect.objectContaining({ file: en, message: 'contents: missing required field' }));
    }
  });
});

describe('numbers and nouns agree', () => {
  it('English: the figure takes its noun in the right number', async () => {
    const { dir, content } = copy();
    const r = await build({ paths: { ...project, content }, edition: '2099', lang: 'en', htmlOnly: true, outDir: join(dir, 'out') });
    expect(textOf(readFileSync(r.html, 'utf8'))).toContain('In all, 55 permits were issued.');
    // A correction to 1 permit in all would say "1 permit": the noun is data, not text.
    const manifest = join(content, '2099', 'manifest.yaml');
    const sections = join(content, '2099', 'lv', 'sections');
    writeFileSync(join(sections, 'alfa-novads.md'), readFileSync(join(sections, 'alfa-novads.md'), 'utf8').replace('pašvaldībā:** 25', 'pašvaldībā:** 0'));
    writeFileSync(join(sections, 'betas-valstspilseta.md'), readFileSync(join(sections, 'betas-valstspilseta.md'), 'utf8').replace('pašvaldībā:** 30', 'pašvaldībā:** 1'));
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('permits: { value: 25, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 25" }', 'permits: { value: 0, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 0" }').replace('permits: { value: 30, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 30" }', 'permits: { value: 1, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 1" }'));
    const en = await build({ paths: { ...project, content }, edition: '2099', lang: 'en', htmlOnly: true, outDir: join(dir, 'out2') });
    expect(textOf(readFileSync(en.html, 'utf8'))).toContain('In all, 1 permit was issued.');
    const lv = await build({ paths: { ...project, content }, edition: '2099', lang: 'lv', htmlOnly: true, outDir: join(dir, 'out3') });
    expect(textOf(readFileSync(lv.html, 'utf8'))).toContain('Kopā izsniegta 1 atļauja.');
  });
});
