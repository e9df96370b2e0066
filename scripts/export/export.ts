/**
 * npm run export -- 2025 --to answers.xlsx|csv
 *
 * An edition as the form tool's spreadsheet: one row per entry (its name as a person would
 * type it), one column per field of the questionnaire (the labels of the message files), the
 * introduction, remarks and contacts, and the figures' columns (coordinator's load, residents
 * engaged; the permits are their field's own column). Cells hold the answers' own line breaks
 * and bullets, footnotes as their URLs in the text: what a municipality would have typed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Manifest } from '../validate/schema.js';
import { headerOf, type Lang, type Target } from '../import/columns.js';
import { writeLoad } from '../import/cells.js';
import { labelIndex, sectionToCells } from '../import/section.js';
import { writeSheet } from '../import/sheet.js';

export interface ExportOptions {
  contentDir: string;
  templatesDir: string;
  edition: string;
  lang?: Lang;
  to: string;
}

export type FieldDefs = Record<string, { label: string; also?: string[] }>;

export const readFields = (templatesDir: string, lang: Lang): FieldDefs => (parse(readFileSync(join(templatesDir, 'messages', `${lang}.yaml`), 'utf8')) as { fields: FieldDefs }).fields;

/** The columns of an export, in the form's order: name, introduction, the fields, remarks, contacts, figures. */
export function exportTargets(fields: FieldDefs): Target[] {
  return ['respondent', 'part:intro', ...Object.keys(fields).map((k) => `field:${k}`), 'part:remarks', 'part:contacts', 'figure:coordinator', 'figure:engaged'];
}

export async function exportEdition({ contentDir, templatesDir, edition, lang = 'lv', to }: ExportOptions): Promise<{ rows: number; columns: number }> {
  const manifest = Manifest.parse(parse(readFileSync(join(contentDir, edition, 'manifest.yaml'), 'utf8')));
  const fields = readFields(templatesDir, lang);
  const labels = labelIndex(fields);
  const targets = exportTargets(fields);
  const headers = targets.map((t) => headerOf(lang, t, (k) => fields[k]!.label));
  const rows = manifest.entries.map((e) => {
    const { cells } = sectionToCells(readFileSync(join(contentDir, edition, lang, 'sections', `${e.id}.md`), 'utf8'), labels);
    return targets.map((t) => {
      if (t === 'respondent') return e.name[lang] ?? e.name.lv ?? e.id;
      if (t === 'figure:coordinator') return e.coordinator ? writeLoad(lang, e.coordinator.load, e.coordinator.fte) : '';
      if (t === 'figure:engaged') return !e.engaged ? '' : 'value' in e.engaged ? String(e.engaged.value) : lang === 'lv' ? 'nav datu' : 'no data';
      const k = t.slice(t.indexOf(':') + 1);
      return cells.get(k) ?? '';
    });
  });
  await writeSheet(to, lang === 'lv' ? 'Atbildes' : 'Answers', headers, rows);
  return { rows: rows.length, columns: headers.length };
}
