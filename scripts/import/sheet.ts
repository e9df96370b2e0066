/**
 * The form tool's spreadsheet, read and written: one header row, then one row per respondent.
 * XLSX through exceljs, CSV through csv-parse / csv-stringify (both well kept; no hand-written
 * parser). A cell is its text as the respondent typed it, line breaks included.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { BuildError } from '../lib/diagnostics.js';

export interface Sheet {
  /** The file's name and, for XLSX, the worksheet's: "answers.xlsx", sheet "Atbildes". */
  file: string;
  sheet: string;
  headers: string[];
  /** Rows under the header; `row` is the spreadsheet's own row number (the header is row 1). */
  rows: { row: number; cells: string[] }[];
}

export type SheetFormat = 'xlsx' | 'csv';

export function sheetFormat(file: string): SheetFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  throw new BuildError([{ file, message: `cannot read or write "${ext || file}": not a spreadsheet this tool knows`, hint: 'use an .xlsx or a .csv file (the form tool exports both)' }], 2);
}

/** Column letters as a spreadsheet shows them: 1 → A, 27 → AA. */
export const columnName = (index: number): string => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

const normaliseCell = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').trimEnd();

export async function readSheet(file: string): Promise<Sheet> {
  const format = sheetFormat(file);
  let table: string[][];
  let sheet = '';
  try {
    if (format === 'csv') {
      let text = readFileSync(file, 'utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      // The form tool writes ; in a Latvian locale and , elsewhere: take the header line's.
      const header = text.split('\n', 1)[0] ?? '';
      const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
      table = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
      sheet = 'CSV';
    } else {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('the workbook has no sheet');
      sheet = ws.name;
      table = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        const cells: string[] = [];
        for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c)));
        table[n - 1] = cells;
      });
      for (let i = 0; i < table.length; i++) table[i] ??= [];
    }
  } catch (err) {
    if (err instanceof BuildError) throw err;
    throw new BuildError([{ file, message: `cannot read the spreadsheet: ${err instanceof Error ? err.message : String(err)}`, hint: 'save it again from the form tool as .xlsx or .csv (UTF-8)' }]);
  }
  const [headers = [], ...rest] = table.map((r) => r.map((c) => normaliseCell(String(c ?? ''))));
  const rows = rest.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim()));
  return { file, sheet, headers: headers.map((h) => h.replace(/\s+/g, ' ').trim()), rows };
}

/** A cell's text: rich text joined, a hyperlink's text, a formula's result, a number as typed. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

export async function writeSheet(file: string, sheetName: string, headers: string[], rows: string[][]): Promise<void> {
  if (sheetFormat(file) === 'csv') {
    // UTF-8 with a byte-order mark, so a spreadsheet program opens the Latvian letters right.
    writeFileSync(file, '\ufeff' + stringify([headers, ...rows], { record_delimiter: '\r\n' }));
    return;
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'pieauguso-izglitiba-report';
  // A fixed date, so the same edition exports the same file.
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 36 : 48;
    c.alignment = { wrapText: true, vertical: 'top' };
  });
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  await wb.xlsx.writeFile(file);
}
