/**
 * The 2026 fixture end to end (tests/fixtures/2026-answers.*, invented data: 2025 with
 * plausible changes, a renamed municipality, a merged one, a reordered column, a number in
 * words), through the CLI an editor uses: import → the build refuses the suggested codes →
 * the editor confirms them → the PDF has the years chart and the sentences bound to the data.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { Manifest, type Entry } from '../../scripts/validate/schema.js';
import { numeric } from '../../scripts/data/metrics.js';
import { pageTexts } from '../support/pdf.js';
import { ROOT } from '../support/paths.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import=tsx', join(ROOT, 'scripts', 'cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
const FIXTURE = join(ROOT, 'tests', 'fixtures', '2026-answers');
const dir = mkdtempSync(join(tmpdir(), 'fixture-2026-'));
const content = join(dir, 'content');
let summary = '';

beforeAll(() => {
  cpSync(join(ROOT, 'content', '2025'), join(content, '2025'), { recursive: true });
  const r = cli('new', '2026', '--from', `${FIXTURE}.xlsx`, '--content', content);
  expect(r.status, r.stderr).toBe(0);
  summary = r.stdout;
});

const manifest = (c: string, year: string) => Manifest.parse(parse(readFileSync(join(c, year, 'manifest.yaml'), 'utf8').replace(/^    suggested:[\s\S]*?(?=^  - id:|(?![\s\S]))/gm, '')));

describe('the 2026 fixture', () => {
  it('imports with every row placed, the rename matched, the merger and the number in words reported', () => {
    expect(summary).toMatch(/row \d+: "Ropažu un Garkalnes novada pašvaldība" → ropazu-novads \(fuzzy/);
    expect(summary).toContain('Valkas novada pašvaldība (valkas-novads) has no row: left out of 2026');
    expect(summary).toMatch(/column N \("Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā"\): a number column with text \(permits\): the cell says "divpadsmit" \(in words\): read as 12/);
    expect(summary).toMatch(/problems: 0 error\(s\)/);
    const columns = parse(readFileSync(join(content, '2026', 'import.yaml'), 'utf8')) as { lv: Record<string, string | string[]> };
    // The reordered column is found by its header, wherever it stands.
    expect(columns.lv['Mērķa grupas']).toBe('field:targetGroups');
    expect(Object.values(columns.lv).every((t) => (Array.isArray(t) ? t.length : t))).toBe(true);
    const talsi = manifest(content, '2026').entries.find((e) => e.id === 'talsu-novads')!;
    expect(talsi.permits).toMatchObject({ value: 12, note: 'the cell says "divpadsmit" (in words): read as 12' });
  });

  it('the CSV of the same answers gives the same edition', () => {
    const other = join(dir, 'csv-content');
    cpSync(join(ROOT, 'content', '2025'), join(other, '2025'), { recursive: true });
    const r = cli('new', '2026', '--from', `${FIXTURE}.csv`, '--content', other);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(other, '2026', 'manifest.yaml'), 'utf8').replace(/2026-answers\.csv/, '')).toBe(readFileSync(join(content, '2026', 'manifest.yaml'), 'utf8').replace(/2026-answers\.xlsx/, ''));
  });

  it('the build refuses to print while a code is suggested, naming each at its line', () => {
    const text = readFileSync(join(content, '2026', 'manifest.yaml'), 'utf8').split('\n');
    const r = cli('build', '--edition', '2026', '--content', content, '--html-only', '--out', join(dir, 'refused'));
    expect(r.status).not.toBe(0);
    const places = [...r.stderr.matchAll(/manifest\.yaml:(\d+):\d+/g)].map((m) => Number(m[1]));
    const suggested = [...summary.matchAll(/suggested: ([a-z-]+): (\w+)=([a-z-]+)/g)];
    expect(suggested.length).toBeGreaterThan(0);
    expect(places.length).toBe(suggested.length);
    for (const [, id, , code] of suggested) expect(r.stderr).toContain(`${id}: the code`);
    for (const line of places) expect(text[line - 1]).toMatch(/^\s+[a-z-]+: /);
  });

  it('once confirmed, prints the PDF with the years chart and the year-over-year sentences bound to the data', () => {
    const c = cli('confirm', '2026', '--all', '--content', content);
    expect(c.status, c.stderr).toBe(0);
    appendFileSync(join(content, '2026', 'lv', 'chapters', 'analysis.md'), readFileSync(`${join(ROOT, 'tests', 'fixtures', '2026-analysis.md')}`, 'utf8'));
    const texts = join(content, '2026', 'lv', 'texts.yaml');
    const title = 'Izsniegto atļauju skaits 2025. un 2026. gadā: pašvaldības ar lielāko skaitu';
    writeFileSync(texts, readFileSync(texts, 'utf8').replace(/^charts:\n/m, `charts:\n  permits-years: { title: "${title}" }\n`));
    const out = join(dir, 'out');
    const r = cli('build', '--edition', '2026', '--content', content, '--out', out);
    expect(r.status, r.stderr).toBe(0);

    // Recomputed from the two manifests: like with like, the merged municipality in neither year.
    const before = manifest(content, '2025').entries;
    const now = manifest(content, '2026').entries;
    const both = (e: Entry) => before.some((b) => b.id === e.id) && now.some((n) => n.id === e.id) && e.kind !== 'planosanas-regions';
    const sum = (es: Entry[], f: 'permits' | 'engaged') => es.filter(both).reduce((n, e) => n + (numeric(e, f) ?? 0), 0);
    const permits = sum(now, 'permits') - sum(before, 'permits');
    const riga = now.find((e) => e.id === 'rigas-valstspilseta')!.permits!.value - before.find((e) => e.id === 'rigas-valstspilseta')!.permits!.value;

    const pages = pageTexts(join(out, 'report.pdf')).map((p) => p.replace(/\s+/g, ' '));
    const sentence = pages.find((p) => p.includes('Salīdzinot ar 2025. gadu (izdomāti testa dati)'));
    expect(sentence, 'the year-over-year sentences').toBeDefined();
    expect(sentence).toMatch(new RegExp(`abos gados, ${permits > 0 ? 'pieauga' : 'samazinājās'} par ${Math.abs(permits)} \\(`));
    expect(sentence).toMatch(new RegExp(`Rīgā tas ${riga > 0 ? 'pieauga' : 'samazinājās'} par ${Math.abs(riga)} \\(`));
    // The chart's own page (the list of charts names it first).
    const chart = pages.filter((p) => p.includes(title.slice(0, 40))).at(-1);
    expect(chart, 'the years chart').toBeDefined();
    const rigaName = now.find((e) => e.id === 'rigas-valstspilseta')!.shortName!.lv!;
    expect(chart).toContain(rigaName);
    for (const v of [before, now].map((es) => es.find((e) => e.id === 'rigas-valstspilseta')!.permits!.value)) expect(chart).toContain(String(v));
  }, 600_000);
});
