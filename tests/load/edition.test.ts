import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPaths } from '../../scripts/config.js';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { loadEdition } from '../../scripts/load/edition.js';
import { MINI_CONTENT } from '../support/paths.js';

const templatesDir = defaultPaths().templates;
let dir = '';
const copy = () => {
  dir = mkdtempSync(join(tmpdir(), 'edition-'));
  cpSync(MINI_CONTENT, dir, { recursive: true });
  return dir;
};
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('loadEdition', () => {
  it('loads manifest, texts, messages and every source', () => {
    const e = loadEdition({ contentDir: MINI_CONTENT, templatesDir, edition: '2099', lang: 'lv' });
    expect([...e.sections.keys()]).toEqual(['alfa-novads', 'betas-valstspilseta', 'gammas-planosanas-regions']);
    expect([...e.chapters.keys()]).toEqual(['foreword', 'analysis']);
    expect(e.messages.chartCaption).toBe('{n}. diagramma');
  });

  it('reports a missing section file at the manifest line that names it', () => {
    const content = copy();
    rmSync(join(content, '2099', 'lv', 'sections', 'betas-valstspilseta.md'));
    try {
      loadEdition({ contentDir: content, templatesDir, edition: '2099', lang: 'lv' });
      expect.unreachable();
    } catch (err) {
      const d = (err as BuildError).diagnostics[0]!;
      expect(d.file).toBe(join(content, '2099', 'manifest.yaml'));
      const manifest = readFileSync(join(content, '2099', 'manifest.yaml'), 'utf8').split('\n');
      expect(d.line).toBe(manifest.indexOf('  - id: betas-valstspilseta') + 1);
      expect(d.message).toContain('betas-valstspilseta');
    }
  });

  it('refuses a language the edition does not have', () => {
    const content = copy();
    const manifest = join(content, '2099', 'manifest.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('languages: [lv, en]', 'languages: [lv]'));
    expect(() => loadEdition({ contentDir: content, templatesDir, edition: '2099', lang: 'en' })).toThrow(/no language "en"/);
  });

  it('validates texts.yaml too', () => {
    const content = copy();
    writeFileSync(join(content, '2099', 'lv', 'texts.yaml'), 'documentTitle: 1\n');
    expect(() => loadEdition({ contentDir: content, templatesDir, edition: '2099', lang: 'lv' })).toThrow(BuildError);
  });
});
