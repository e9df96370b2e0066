/**
 * Proofs on the fixture edition: a municipality's pages cut from the report (same pages, same
 * numbers and notes), then its data sheet; --since marks what changed since a git revision; a
 * report older than the content is refused.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { defaultPaths, type Paths } from '../../scripts/config.js';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { makeProofs, ownArea, wordDiff } from '../../scripts/proof/proof.js';
import { pageCount, pageTexts } from '../support/pdf.js';
import { MINI_CONTENT } from '../support/paths.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const squash = (s: string) => s.replace(/\s+/g, ' ').replaceAll('\u00AD', '');

let root = '';
let paths: Paths;
let reportPages: string[] = [];
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'proofs-'));
  paths = { ...defaultPaths(root), templates: defaultPaths().templates, styles: defaultPaths().styles };
  cpSync(MINI_CONTENT, paths.content, { recursive: true });
  git(root, 'init', '-q');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'add', 'content');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'fixture');
  const r = await build({ paths, edition: '2099', lang: 'lv' });
  reportPages = pageTexts(r.pdf!);
}, 120_000);

describe('a proof', () => {
  it('is the section’s pages of the report, then its data sheet', async () => {
    const [file] = await makeProofs({ paths, edition: '2099', lang: 'lv', ids: ['alfa-novads'] });
    expect(file).toBe(join(paths.out, '2099', 'lv', 'proofs', 'alfa-novads.pdf'));
    const pages = pageTexts(file!);
    const start = reportPages.findIndex((p) => p.includes('ALFAS NOVADA PAŠVALDĪBA') && !p.includes('SATURS'));
    const next = reportPages.findIndex((p, i) => i > start && p.includes('BETAS VALSTSPILSĒTAS PAŠVALDĪBA'));
    const sectionPages = next - start;
    // The same pages, with the report's own page numbers and footnotes.
    expect(pages.slice(0, sectionPages)).toEqual(reportPages.slice(start, next));
    const sheet = squash(pages.slice(sectionPages).join('\n'));
    expect(sheet).toContain('Alfas novada pašvaldība: dati korektūrai');
    expect(sheet).toContain('„Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 25“');
    expect(sheet).toMatch(/Izsniegtās atļaujas: 2\. vieta no 2 \(25\)/);
    expect(pageCount(file!)).toBeGreaterThan(sectionPages);
  });

  it('finds the headings where the build kept them, as the report’s text reads them', async () => {
    const dir = join(paths.out, '2099', 'lv');
    const infoFile = join(dir, 'build.json');
    const kept = readFileSync(infoFile, 'utf8');
    const info = JSON.parse(kept) as { titles?: Record<string, number[]> };
    const { pageTexts: readText, titleTops } = await import('../../scripts/check/pdf-model.js');
    const text = await readText(new Uint8Array(readFileSync(join(dir, 'report.pdf'))));
    expect(Object.keys(info.titles ?? {})).toHaveLength(text.text.length);
    text.text.forEach((runs, i) => expect(info.titles?.[i + 1], `page ${i + 1}`).toEqual(titleTops(runs)));
    // A report built before they were kept: the proof reads the text, and masks the same.
    const [file] = await makeProofs({ paths, edition: '2099', lang: 'lv', ids: ['alfa-novads'] });
    const pages = pageCount(file!);
    // Each page drawn (the masks are white boxes over the text: the text alone would not show them).
    const drawn = (pdf: string) => Array.from({ length: pages }, (_, i) => execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', String(i + 1), '-l', String(i + 1), pdf]).toString('base64'));
    const withKept = drawn(file!);
    try {
      writeFileSync(infoFile, JSON.stringify({ ...info, titles: undefined }));
      const [again] = await makeProofs({ paths, edition: '2099', lang: 'lv', ids: ['alfa-novads'] });
      expect(drawn(again!)).toEqual(withKept);
    } finally {
      writeFileSync(infoFile, kept);
    }
  });

  it('--since a revision: only the entries that changed, with the change marked', async () => {
    const section = join(paths.content, '2099', 'lv', 'sections', 'alfa-novads.md');
    const manifest = join(paths.content, '2099', 'manifest.yaml');
    writeFileSync(section, readFileSync(section, 'utf8').replace('pašvaldībā:** 25', 'pašvaldībā:** 41').replace('semināru un meistarklašu', 'semināru, lekciju un meistarklašu'));
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8')
        .replace('permits: { value: 25, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 25" }', 'permits: { value: 41, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 41" }')
        .replace('organising-learning: "semināru un meistarklašu organizēšana"', 'organising-learning: "semināru, lekciju un meistarklašu organizēšana"'),
    );
    // Cut from an older report: refused.
    await expect(makeProofs({ paths, edition: '2099', lang: 'lv', ids: [], since: 'HEAD' })).rejects.toThrow(/older than the content of alfa-novads/);
    await build({ paths, edition: '2099', lang: 'lv' });
    const files = await makeProofs({ paths, edition: '2099', lang: 'lv', ids: [], since: 'HEAD' });
    expect(files).toEqual([join(paths.out, '2099', 'lv', 'proofs', 'alfa-novads.pdf')]);
    const text = squash(pageTexts(files[0]!).join('\n'));
    expect(text).toContain('Izsniegtās atļaujas: 25 → 41');
    expect(text).toMatch(/Mainītie vārdi sadaļas tekstā: semināru 25 semināru, lekciju 41/);
    expect(existsSync(join(paths.out, '2099', 'lv', 'proofs', 'betas-valstspilseta.pdf'))).toBe(false);
  });

  it('an unknown id is named', async () => {
    const err = await makeProofs({ paths, edition: '2099', lang: 'lv', ids: ['alfa-novad'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect((err as BuildError).message).toContain('no entry "alfa-novad"');
  });
});

describe('word diff', () => {
  it('names the removed and the added words', () => {
    expect(wordDiff('a b c d', 'a x c d e')).toEqual({ removed: ['b'], added: ['x', 'e'] });
  });
});

describe('a proof of a section that shares a page (sections run on)', () => {
  const H = 842; // A4, pt
  const mm = 72 / 25.4;
  const top = H - 22 * mm; // the text block's top
  it('masks above its heading when it starts mid-page, and below the next heading on its last page', () => {
    const own = ownArea({ page: 10, y: 400 }, { page: 12, y: 300 }, H);
    expect(own.top).toBeGreaterThan(400);
    expect(own.top).toBeLessThan(400 + 12 * mm);
    expect(own.sharesLast).toBe(true);
    expect(own.bottom).toBeGreaterThan(300);
  });
  it('masks nothing where it starts a page and the next part starts the next one', () => {
    const own = ownArea({ page: 10, y: top }, { page: 12, y: top - 1 }, H);
    expect(own.top).toBeUndefined();
    expect(own.bottom).toBeUndefined();
    expect(own.sharesLast).toBe(false);
  });
});
