/**
 * The stage cache, proved by counting what was recomputed (not by timing): a build with
 * nothing changed recomputes nothing; a one-municipality correction recomputes that part and
 * prints again; a template change reprints without transforming anything; a cached build's PDF
 * reads the same as an uncached one.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../scripts/build.js';
import { defaultPaths, type Paths } from '../../scripts/config.js';
import { pageTexts } from '../support/pdf.js';
import { MINI_CONTENT } from '../support/paths.js';
import { printedToc } from '../support/report.js';

let paths: Paths;
const run = (extra: { cache?: boolean; outDir?: string } = {}) => build({ paths, edition: '2099', lang: 'lv', ...extra });
const count = (r: BuildResult, kind: 'hits' | 'misses', stage: string) => r.cache[kind][stage] ?? 0;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'cache-'));
  paths = { ...defaultPaths(), content: join(root, 'content'), templates: join(root, 'templates'), out: join(root, 'out') };
  cpSync(MINI_CONTENT, paths.content, { recursive: true });
  cpSync(defaultPaths().templates, paths.templates, { recursive: true });
});

describe('the stage cache', () => {
  let first: BuildResult;
  it('a cold build computes every part and prints', async () => {
    first = await run();
    expect(count(first, 'misses', 'transform')).toBe(5);
    expect(count(first, 'hits', 'transform')).toBe(0);
    expect(first.passes).toBeGreaterThanOrEqual(1);
    // Every part laid out, each timed in the page (the bench names the slowest).
    expect(first.layoutMs?.has('betas-valstspilseta')).toBe(true);
    for (const [id, ms] of first.layoutMs ?? []) expect(ms, id).toBeGreaterThan(0);
  });

  it('a build with nothing changed recomputes nothing and prints nothing', async () => {
    const before = readFileSync(first.pdf!);
    const again = await run();
    expect(count(again, 'hits', 'transform')).toBe(5);
    expect(count(again, 'misses', 'transform')).toBe(0);
    expect(again.passes).toBe(0);
    expect(again.layoutMs).toBeUndefined();
    expect(readFileSync(again.pdf!).equals(before)).toBe(true);
  });

  it('a correction to one municipality recomputes that part only, and prints', async () => {
    const section = join(paths.content, '2099', 'lv', 'sections', 'betas-valstspilseta.md');
    writeFileSync(section, readFileSync(section, 'utf8').replace('nav izveidots atsevišķs amats.', 'nav izveidots atsevišķs amats (labots).'));
    const r = await run();
    expect(count(r, 'misses', 'transform')).toBe(1);
    expect(count(r, 'hits', 'transform')).toBe(4);
    expect(r.passes).toBeGreaterThanOrEqual(1);
    expect(r.changes?.texts.map((t) => t.id)).toEqual(['betas-valstspilseta']);
    // Laid out again from the part before it at most, not the whole report.
    expect(r.layoutMs?.has('betas-valstspilseta')).toBe(true);
    expect(r.layoutMs!.size).toBeLessThan(first.layoutMs!.size);
  });

  it('a template change reprints without transforming anything', async () => {
    const cover = join(paths.templates, 'cover.hbs');
    writeFileSync(cover, readFileSync(cover, 'utf8').replace('<p class="cover__subtitle">', '<p class="cover__subtitle" data-x="1">'));
    const r = await run();
    expect(count(r, 'misses', 'transform')).toBe(0);
    expect(r.passes).toBeGreaterThanOrEqual(1);
  });

  it('--no-cache rebuilds everything, and its PDF reads as the cached build’s', async () => {
    const cached = await run();
    expect(cached.passes).toBe(0);
    const fresh = await run({ cache: false, outDir: join(paths.out, 'fresh') });
    expect(count(fresh, 'hits', 'transform')).toBe(0);
    expect(count(fresh, 'misses', 'transform')).toBe(5);
    expect(fresh.passes).toBeGreaterThanOrEqual(1);
    expect(pageTexts(fresh.pdf!)).toEqual(pageTexts(cached.pdf!));
    expect(printedToc(fresh.pdf!)).toEqual(printedToc(cached.pdf!));
  });
});
