/**
 * Nothing dropped, everything said: each problem of the answers is reported with its sheet,
 * row, column and the cell's text, the import stops on what it cannot place (and writes
 * nothing: no edition, no staging folder), and --partial writes a whole edition without it.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportEdition } from '../../scripts/export/export.js';
import { newEdition } from '../../scripts/import/new-edition.js';
import { readSheet, writeSheet, type Sheet } from '../../scripts/import/sheet.js';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { ROOT } from '../support/paths.js';

const templatesDir = join(ROOT, 'templates');
const base = mkdtempSync(join(tmpdir(), 'import-problems-'));
let answers: Sheet;

beforeAll(async () => {
  await exportEdition({ contentDir: join(ROOT, 'content'), templatesDir, edition: '2025', to: join(base, 'answers.csv') });
  answers = await readSheet(join(base, 'answers.csv'));
});

let n = 0;
/** A content folder with 2025 in it, and the answers changed by `edit`, as XLSX. */
async function setup(edit: (headers: string[], rows: string[][]) => void) {
  const dir = join(base, `case-${++n}`);
  cpSync(join(ROOT, 'content', '2025', 'manifest.yaml'), join(dir, 'content', '2025', 'manifest.yaml'));
  cpSync(join(ROOT, 'content', '2025', 'lv'), join(dir, 'content', '2025', 'lv'), { recursive: true });
  const headers = [...answers.headers];
  const rows = answers.rows.map((r) => [...r.cells]);
  edit(headers, rows);
  const file = join(dir, 'answers.xlsx');
  await writeSheet(file, 'Atbildes', headers, rows);
  return { contentDir: join(dir, 'content'), file };
}
const col = (name: string) => answers.headers.findIndex((h) => h.startsWith(name));
const rowOf = (id: string, rows: string[][]) => rows.findIndex((r) => r[0]!.startsWith(id));

async function fails(contentDir: string, file: string): Promise<string[]> {
  try {
    await newEdition({ contentDir, templatesDir, edition: '2026', from: file });
  } catch (err) {
    expect(err).toBeInstanceOf(BuildError);
    // Nothing written: no edition, no staging folder left behind.
    expect(readdirSync(contentDir).sort()).toEqual(['2025']);
    return (err as BuildError).diagnostics.filter((d) => d.severity !== 'warning').map((d) => d.message);
  }
  throw new Error('the import did not stop');
}

describe('the import stops, and says where', () => {
  it('a column that maps to no field', async () => {
    const { contentDir, file } = await setup((h, rows) => {
      h.push('Budžets 2026');
      rows.forEach((r, i) => r.push(i === 3 ? '12 000 EUR' : ''));
    });
    const messages = await fails(contentDir, file);
    expect(messages).toEqual([`answers.xlsx, sheet "Atbildes", row 1, column S ("Budžets 2026"): a column that maps to no field: "Budžets 2026"`]);
  });

  it('a respondent that maps to no entry, with the nearest named', async () => {
    const { contentDir, file } = await setup((_, rows) => {
      rows[5]![0] = 'Mēnessgaismas novada pašvaldība';
    });
    const messages = await fails(contentDir, file);
    expect(messages).toEqual([`answers.xlsx, sheet "Atbildes", row 7, column A ("Pašvaldība vai plānošanas reģions"): a respondent that maps to no entry of the last edition: "Mēnessgaismas novada pašvaldība"`]);
  });

  it('two rows for one entry', async () => {
    const { contentDir, file } = await setup((_, rows) => {
      rows.push([...rows[0]!]);
    });
    const messages = await fails(contentDir, file);
    expect(messages).toEqual([`answers.xlsx, sheet "Atbildes", row ${answers.rows.length + 2}, column A ("Pašvaldība vai plānošanas reģions"): a second row for aizkraukles-novads (the first is row 2): "Aizkraukles novada pašvaldība"`]);
  });

  it.each([
    ['~30', 'an approximate number ("~30"), not a count'],
    ['ap. 30', 'an approximate number ("ap. 30"), not a count'],
    ['30 vai 40', 'more than one number in a count ("30 vai 40")'],
    ['daudz', 'not a number ("daudz")'],
  ])('a number column with text: "%s"', async (cell, what) => {
    const { contentDir, file } = await setup((_, rows) => {
      rows[rowOf('Alūksnes', rows)]![col('Iesaistīto iedzīvotāju skaits (kopā)')] = cell;
    });
    const messages = await fails(contentDir, file);
    expect(messages).toEqual([`answers.xlsx, sheet "Atbildes", row 3, column R ("Iesaistīto iedzīvotāju skaits (kopā)"): a number column with text (residents engaged): ${what}: "${cell}"`]);
  });

  it('"nav datu" where a count is required (permits)', async () => {
    const { contentDir, file } = await setup((_, rows) => {
      rows[rowOf('Alūksnes', rows)]![col('Izsniegto')] = 'nav datu';
    });
    const messages = await fails(contentDir, file);
    expect(messages).toEqual([`answers.xlsx, sheet "Atbildes", row 3, column N ("Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā"): a number column with text (permits): no count given: "nav datu"`]);
  });

  it('an empty required answer', async () => {
    const { contentDir, file } = await setup((_, rows) => {
      rows[rowOf('Alūksnes', rows)]![col('Izsniegto')] = '';
      rows[rowOf('Balvu', rows)]![col('Koordinatora slodze')] = '';
    });
    const messages = await fails(contentDir, file);
    expect(messages).toEqual([
      `answers.xlsx, sheet "Atbildes", row 3, column N ("Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā"): an empty required answer (permits): ""`,
      `answers.xlsx, sheet "Atbildes", row ${rowOf('Balvu', answers.rows.map((r) => r.cells)) + 2}, column Q ("Koordinatora slodze"): an empty required answer (the coordinator's load): ""`,
    ].sort((a, b) => a.localeCompare(b)).sort((a, b) => Number(/row (\d+)/.exec(a)![1]) - Number(/row (\d+)/.exec(b)![1])));
  });

  it('an existing edition is not overwritten without --replace', async () => {
    const { contentDir, file } = await setup(() => {});
    await expect(newEdition({ contentDir, templatesDir, edition: '2025', from: file })).rejects.toThrow(/edition 2025 exists already/);
  });
});

describe('what the import reads and reports, and writes', () => {
  it('a number in words is read, noted in the manifest and printed as the numeral', async () => {
    const { contentDir, file } = await setup((_, rows) => {
      rows[rowOf('Alūksnes', rows)]![col('Izsniegto')] = 'divdesmit';
    });
    const r = await newEdition({ contentDir, templatesDir, edition: '2026', from: file });
    expect(r.problems.map((p) => p.message)).toContain('a number column with text (permits): the cell says "divdesmit" (in words): read as 20');
    const entry = (parse(readFileSync(join(contentDir, '2026', 'manifest.yaml'), 'utf8')) as { entries: { id: string; permits?: { value: number; source: string; note?: string } }[] }).entries.find((e) => e.id === 'aluksnes-novads')!;
    expect(entry.permits).toEqual({ value: 20, source: 'Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 20', note: 'the cell says "divdesmit" (in words): read as 20' });
    expect(readFileSync(join(contentDir, '2026', 'lv', 'sections', 'aluksnes-novads.md'), 'utf8')).toContain('- **Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā:** 20\n');
  });

  it('a respondent typed with a typo is matched and the match reported', async () => {
    const { contentDir, file } = await setup((_, rows) => {
      rows[rowOf('Alūksnes', rows)]![0] = 'Aluksnes novds';
    });
    const r = await newEdition({ contentDir, templatesDir, edition: '2026', from: file });
    expect(r.matches.find((m) => m.row === 3)?.match).toMatchObject({ id: 'aluksnes-novads', how: 'fuzzy' });
    expect(r.problems.find((p) => p.row === 3)?.message).toMatch(/^matched to aluksnes-novads by similarity/);
  });

  it('--partial writes the whole edition without what it cannot place, and marks the figure to fill', async () => {
    const { contentDir, file } = await setup((h, rows) => {
      rows[rowOf('Alūksnes', rows)]![col('Iesaistīto iedzīvotāju skaits (kopā)')] = '~30';
      rows[5]![0] = 'Mēnessgaismas novada pašvaldība';
    });
    const r = await newEdition({ contentDir, templatesDir, edition: '2026', from: file, partial: true });
    expect(r.problems.filter((p) => p.severity === 'error')).toHaveLength(2);
    const manifest = readFileSync(join(contentDir, '2026', 'manifest.yaml'), 'utf8');
    expect(manifest).toMatch(/# TO FILL: engaged: the cell says "~30" \(column R, row 3\)\n\s+- id: aluksnes-novads/);
    expect(readdirSync(join(contentDir, '2026', 'lv', 'sections'))).toHaveLength(answers.rows.length - 1);
    expect(existsSync(join(contentDir, '2026', 'import.yaml'))).toBe(true);
    expect(readdirSync(contentDir).sort()).toEqual(['2025', '2026']);
  });
});
