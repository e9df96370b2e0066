/**
 * npm run new -- 2026 --from answers.xlsx [--partial] [--replace] [--columns FILE] [--content DIR]
 *
 * Next year's edition from the municipalities' answers. Reads the spreadsheet, ties each row
 * to an entry of the last edition, and writes content/<edition>/: the manifest (the entries
 * carried over, each figure read from its column with the phrase of the section that states
 * it, last year's coding where its evidence still stands, the rule book's proposals marked
 * suggested), one section per entry from its cells, the chapters and texts of the last
 * edition (the year moved on), and import.yaml, the column mapping to confirm.
 *
 * Nothing is dropped without a word: every problem names its sheet, row, column and the
 * cell's text. The import stops on what it cannot place unless --partial; either way it
 * stages the edition in a temporary folder and renames it into place only when complete.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Document, isMap, parse } from 'yaml';
import { BuildError, type Diagnostic } from '../lib/diagnostics.js';
import { Manifest, type Entry } from '../validate/schema.js';
import { numbersIn, plainLines } from '../validate/figures.js';
import { readFields, type FieldDefs } from '../export/export.js';
import { readCount, readLoad } from './cells.js';
import { CODED_FIELDS_ALL, CODED_FROM, carryCoding, suggestCoding, type CodedField, type Suggested } from './coding.js';
import { proposeColumns, readColumnMap, writeColumnMap, type ColumnMap, type Lang } from './columns.js';
import { matchRespondent, nearestName, type Match } from './respondents.js';
import { labelIndex, normLabel, sectionFromCells, sectionToCells } from './section.js';
import { columnName, readSheet, type Sheet } from './sheet.js';

export interface NewEditionOptions {
  contentDir: string;
  templatesDir: string;
  edition: string;
  from: string;
  partial?: boolean;
  replace?: boolean;
  /** A column mapping file other than content/<edition>/import.yaml. */
  columns?: string;
}

export interface Problem {
  severity: 'error' | 'warning';
  row?: number;
  column?: number;
  text?: string;
  message: string;
  hint?: string;
}

export interface NewEditionResult {
  edition: string;
  previous: string;
  dir: string;
  source: string;
  sheet: string;
  lang: Lang;
  rows: number;
  headers: string[];
  mapping: { file: string; proposed: boolean; columns: { header: string; targets: string[]; how?: string }[] };
  matches: { row: number; typed: string; match: Match }[];
  entries: number;
  sections: number;
  chapters: number;
  figures: { read: number; carried: number; toFill: string[] };
  coding: { carried: number; dropped: string[]; suggested: number; list: string[] };
  problems: Problem[];
}

/** Where a problem is, as a person finds it in the spreadsheet. */
export function place(sheet: Sheet, p: Problem, headers: readonly string[]): string {
  const at = [`${basename(sheet.file)}`, sheet.sheet !== 'CSV' ? `sheet "${sheet.sheet}"` : '', p.row ? `row ${p.row}` : '', p.column !== undefined ? `column ${columnName(p.column)} ("${headers[p.column]}")` : ''].filter(Boolean).join(', ');
  return `${at}: ${p.message}${p.text !== undefined ? `: "${p.text.length > 80 ? `${p.text.slice(0, 77)}…` : p.text}"` : ''}`;
}

const MUNICIPALITY = (e: Entry) => e.kind !== 'planosanas-regions';

export async function newEdition(o: NewEditionOptions): Promise<NewEditionResult> {
  const dir = join(o.contentDir, o.edition);
  if (existsSync(join(dir, 'manifest.yaml')) && !o.replace) {
    throw new BuildError([{ file: dir, message: `edition ${o.edition} exists already`, hint: `--replace writes it again from the answers (its import.yaml is used; the editor's changes to the rest are lost), or name another year` }], 2);
  }
  const previous = readdirSync(o.contentDir).filter((d) => /^\d{4}$/.test(d) && d < o.edition && existsSync(join(o.contentDir, d, 'manifest.yaml'))).sort().at(-1);
  if (!previous) throw new BuildError([{ file: o.contentDir, message: `no edition before ${o.edition} to carry the entries over from`, hint: 'a new edition starts from the last one: content/<year>/manifest.yaml' }], 2);
  const prevDir = join(o.contentDir, previous);
  const manifest = Manifest.parse(parse(readFileSync(join(prevDir, 'manifest.yaml'), 'utf8')));
  const fields: Record<Lang, FieldDefs> = { lv: readFields(o.templatesDir, 'lv'), en: readFields(o.templatesDir, 'en') };

  const sheet = await readSheet(o.from);
  const problems: Problem[] = [];
  const error = (p: Omit<Problem, 'severity'>) => problems.push({ severity: 'error', ...p });
  const warn = (p: Omit<Problem, 'severity'>) => problems.push({ severity: 'warning', ...p });

  // The column mapping: the editor's file if there is one, else proposed from the headers.
  const mapFile = o.columns ?? join(dir, 'import.yaml');
  let map: ColumnMap;
  let proposed = false;
  if (existsSync(mapFile)) {
    const read = readColumnMap(readFileSync(mapFile, 'utf8'), mapFile);
    if (!read.map || read.problems.length) throw new BuildError(read.problems);
    map = read.map;
  } else {
    map = proposeColumns(sheet.headers, fields);
    proposed = true;
  }
  const lang = map.lang;
  const targetsOf = (h: string) => map.columns.get(normLabel(h)) ?? map.columns.get(h);
  const columnsBy = new Map<string, number>();
  sheet.headers.forEach((h, i) => {
    if (!h) return;
    const targets = targetsOf(h);
    if (targets === undefined || (proposed && targets.length === 0)) {
      error({ row: 1, column: i, text: h, message: 'a column that maps to no field', hint: `name its target in a column file (--columns FILE or ${o.edition}/import.yaml, "${h}": field:KEY), or run with --partial to leave it out` });
      return;
    }
    for (const t of targets) {
      if (columnsBy.has(t)) error({ row: 1, column: i, text: h, message: `a second column for ${t} (the first is column ${columnName(columnsBy.get(t)!)})`, hint: 'map one of them to another target, or [] to leave it out' });
      else columnsBy.set(t, i);
      if (t.startsWith('field:') && !fields[lang][t.slice(6)]) error({ row: 1, column: i, text: h, message: `"${t}" is no field of the questionnaire`, hint: `fields: ${Object.keys(fields[lang]).join(', ')}` });
    }
  });
  const respondentColumn = columnsBy.get('respondent');
  if (respondentColumn === undefined) error({ row: 1, message: 'no column names the respondent', hint: 'map the name column to respondent in the column file' });

  // Rows → entries.
  const byEntry = new Map<string, { row: number; cells: string[] }>();
  const matches: NewEditionResult['matches'] = [];
  for (const r of respondentColumn === undefined ? [] : sheet.rows) {
    const typed = (r.cells[respondentColumn!] ?? '').trim();
    if (!typed) {
      error({ row: r.row, column: respondentColumn, text: '', message: 'a row without the respondent\'s name', hint: 'type the municipality\'s name in the cell, or delete the row' });
      continue;
    }
    const m = matchRespondent(typed, manifest.entries, map.respondents);
    if (!m) {
      const near = nearestName(typed, manifest.entries);
      error({ row: r.row, column: respondentColumn, text: typed, message: 'a respondent that maps to no entry of the last edition', hint: `${near ? `the nearest is "${near.name.lv}" (${near.id}); ` : ''}if it is one renamed, tie it in the column file: respondents: { "${typed}": ${near?.id ?? 'ID'} }; a new municipality is added to ${previous}'s manifest first` });
      continue;
    }
    const first = byEntry.get(m.id);
    if (first) {
      error({ row: r.row, column: respondentColumn, text: typed, message: `a second row for ${m.id} (the first is row ${first.row})`, hint: 'keep one row per municipality: merge the answers or delete the older row' });
      continue;
    }
    matches.push({ row: r.row, typed, match: m });
    if (m.how === 'fuzzy') warn({ row: r.row, column: respondentColumn, text: typed, message: `matched to ${m.id} by similarity (${m.detail})`, hint: 'if that is wrong, tie the name in the column file: respondents:' });
    byEntry.set(m.id, r);
  }
  for (const e of manifest.entries) {
    if (!byEntry.has(e.id) && sheet.rows.length) warn({ message: `${e.name.lv ?? e.id} (${e.id}) has no row: left out of ${o.edition}`, hint: 'a municipality merged into another or not answering: the year-over-year figures report it as in one year only' });
  }

  // Entries: sections, figures, coding.
  const labelLv = (k: string) => fields[lang][k]?.label ?? k;
  const order = Object.keys(fields[lang]);
  const prevLabels = labelIndex(fields.lv);
  const variants = Object.values(fields.lv)
    .flatMap((f) => (f.also ?? []).map((v) => [v, f.label] as [string, string]))
    .sort((a, b) => b[0].length - a[0].length);
  const entries: Record<string, unknown>[] = [];
  const toFillComments = new Map<number, string[]>();
  const sections = new Map<string, string>();
  const figures = { read: 0, carried: 0, toFill: [] as string[] };
  const coding = { carried: 0, dropped: [] as string[], suggested: 0, list: [] as string[] };
  const suggestions = new Map<number, Suggested>();
  for (const e of manifest.entries) {
    const r = byEntry.get(e.id);
    if (!r) continue;
    const cells = new Map<string, string>();
    for (const [t, i] of columnsBy) if (t.startsWith('field:') || t.startsWith('part:')) cells.set(t.slice(t.indexOf(':') + 1), r.cells[i] ?? '');
    const fill: string[] = [];
    const out: Record<string, unknown> = { id: e.id, name: e.name, ...(e.shortName ? { shortName: e.shortName } : {}), kind: e.kind, region: e.region };

    // Figures. A number typed in words in the permits field is printed as the numeral.
    const permitsColumn = columnsBy.get('figure:permits');
    const permitsReading = permitsColumn !== undefined ? readCount(r.cells[permitsColumn] ?? '') : undefined;
    if (permitsReading?.kind === 'number' && permitsReading.note && columnsBy.get('field:permits') === permitsColumn) cells.set('permits', String(permitsReading.value));
    const md = sectionFromCells(cells, order, labelLv);
    sections.set(e.id, md);
    const lines = plainLines(md).map((l) => l.replace(/^\s*- /, '').trim());
    const found = (q: string) => lines.some((l) => l.includes(q));
    // A quote of last year's, as this section has it: the same, or its label variant now canonical.
    const requote = (q: string): string | undefined => {
      if (found(q)) return q;
      for (const [variant, canonical] of variants) {
        const again = q.includes(variant) ? q.replace(variant, canonical) : undefined;
        if (again && found(again)) return again;
      }
      return undefined;
    };
    const phrase = (value: number, field?: string): string | undefined => {
      const fieldLabel = field ? labelLv(field) : undefined;
      const candidates = fieldLabel ? lines.filter((l) => l.startsWith(`${fieldLabel}:`)) : lines;
      for (const l of candidates.length ? candidates : lines) {
        if (!numbersIn(l).includes(value)) continue;
        const clauses = l.split(/(?<=[.;!?])\s+(?=\p{Lu}|\d)|;\s*/u).filter((c) => numbersIn(c).includes(value) && c.length >= 3);
        const c = clauses.sort((a, b) => a.length - b.length)[0] ?? l;
        return c.replace(/[;\s]+$/, '');
      }
      return undefined;
    };
    const municipality = MUNICIPALITY(e);
    const cellAt = (t: string) => (columnsBy.has(t) ? { column: columnsBy.get(t)!, text: r.cells[columnsBy.get(t)!] ?? '' } : undefined);

    // Coordinator's load.
    const cc = cellAt('figure:coordinator');
    if (cc) {
      const reading = readLoad(cc.text);
      if (reading.kind === 'problem') error({ row: r.row, column: cc.column, text: cc.text, message: reading.message, hint: reading.hint });
      else if (reading.kind === 'empty') {
        if (municipality) error({ row: r.row, column: cc.column, text: '', message: 'an empty required answer (the coordinator\'s load)', hint: 'ask the municipality, or run with --partial to leave the figure to fill' });
      } else {
        figures.read++;
        const last = e.coordinator;
        const lastSource = last && requote(last.source);
        if (last && lastSource && last.load === reading.load && last.fte === reading.fte) {
          out.coordinator = { ...last, source: lastSource };
          figures.carried++;
        } else {
          const governance = lines.find((l) => l.startsWith(`${labelLv('governance')}:`));
          const source = reading.fte !== undefined ? phrase(reading.fte, 'governance') : governance?.slice(labelLv('governance').length + 1).trim().split(/(?<=[.;])\s/)[0]?.replace(/[;\s]+$/, '');
          if (source && source.length >= 3) out.coordinator = { load: reading.load, ...(reading.fte !== undefined ? { fte: reading.fte } : {}), source };
          else {
            warn({ row: r.row, column: cc.column, text: cc.text, message: `${e.id}: the coordinator's load has no phrase in the section to quote`, hint: 'write the load in the governance field, then fill coordinator in the manifest' });
            fill.push(`coordinator: ${reading.load}${reading.fte ? ` (${reading.fte})` : ''} (column ${columnName(cc.column)}); quote the phrase of the section that states it`);
          }
        }
      }
    } else if (municipality) fill.push('coordinator: no column maps to it');

    // Residents engaged and permits.
    const countFigure = (figure: 'engaged' | 'permits') => {
      const c = cellAt(`figure:${figure}`);
      if (!c) {
        if (municipality) fill.push(`${figure}: no column maps to it`);
        return;
      }
      const reading = figure === 'permits' && permitsReading ? permitsReading : readCount(c.text);
      const what = figure === 'engaged' ? 'residents engaged' : 'permits';
      if (reading.kind === 'problem') {
        error({ row: r.row, column: c.column, text: c.text, message: `a number column with text (${what}): ${reading.message}`, hint: reading.hint });
        fill.push(`${figure}: the cell says "${c.text}" (column ${columnName(c.column)}, row ${r.row})`);
        return;
      }
      if (reading.kind === 'empty') {
        if (municipality) {
          error({ row: r.row, column: c.column, text: '', message: `an empty required answer (${what})`, hint: 'ask the municipality ("nav datu" where it keeps no count), or run with --partial to leave the figure to fill' });
          fill.push(`${figure}: empty cell (column ${columnName(c.column)}, row ${r.row})`);
        }
        return;
      }
      if (reading.kind === 'number' && reading.note) warn({ row: r.row, column: c.column, text: c.text, message: `a number column with text (${what}): ${reading.note}`, hint: 'the manifest notes it; check the figure with the municipality' });
      figures.read++;
      const last = e[figure];
      if (reading.kind === 'none') {
        if (figure === 'permits') {
          error({ row: r.row, column: c.column, text: c.text, message: 'a number column with text (permits): no count given', hint: 'the number of permits is required of a municipality: type it (0 if none)' });
          fill.push(`permits: the cell says "${c.text}"`);
          return;
        }
        const sources = last && 'tracked' in last ? (last.sources ?? []).flatMap((q) => requote(q) ?? []) : [];
        out.engaged = { tracked: false, ...(sources.length ? { sources } : {}), ...(last && 'tracked' in last && last.note && sources.length === (last.sources ?? []).length ? { note: last.note } : {}) };
        if (sources.length) figures.carried++;
        return;
      }
      const value = reading.value;
      if (figure === 'permits') {
        const lastP = e.permits;
        const lastSource = lastP && requote(lastP.source);
        if (lastP && lastSource && lastP.value === value && !reading.note) {
          out.permits = { ...lastP, source: lastSource };
          figures.carried++;
          return;
        }
        const source = phrase(value, 'permits') ?? phrase(value);
        if (source) out.permits = { value, source, ...(reading.note ? { note: reading.note } : {}) };
        else fill.push(`permits: ${value} (column ${columnName(c.column)}, row ${r.row}); the section states no such number: quote the phrase that does`);
        return;
      }
      const lastE = e.engaged;
      const lastSources = lastE && 'value' in lastE ? lastE.sources.map(requote) : [];
      if (lastE && 'value' in lastE && lastE.value === value && lastSources.every(Boolean)) {
        out.engaged = { ...lastE, sources: lastSources as string[] };
        figures.carried++;
        return;
      }
      const source = phrase(value, 'engaged');
      if (source) out.engaged = { value, sources: [source], ...(reading.note ? { note: reading.note } : {}) };
      else {
        warn({ row: r.row, column: c.column, text: c.text, message: `${e.id}: residents engaged ${value}, but the engaged field states no such number`, hint: 'a sum of several counts: give its parts and their phrases in the manifest (engaged: { value, parts, sources })' });
        fill.push(`engaged: ${value} (column ${columnName(c.column)}, row ${r.row}); quote the phrases that state it (a sum: parts and sources)`);
      }
    };
    if (municipality) countFigure('permits');
    countFigure('engaged');

    // Coding: last year's where its evidence stands; the rules' proposals where the answer changed.
    if (municipality) {
      const carried = carryCoding(e.coding, requote);
      const prevCells = existsSync(join(prevDir, 'lv', 'sections', `${e.id}.md`)) ? sectionToCells(readFileSync(join(prevDir, 'lv', 'sections', `${e.id}.md`), 'utf8'), prevLabels).cells : new Map<string, string>();
      const changed = new Set<CodedField>(CODED_FIELDS_ALL.filter((f) => (prevCells.get(CODED_FROM[f]) ?? '').trim() !== (cells.get(CODED_FROM[f]) ?? '').trim()));
      const suggested = suggestCoding(cells, changed, carried.coding);
      coding.carried += Object.values(carried.coding).reduce((n, v) => n + (v && 'value' in (v as object) ? 1 : Object.keys(v ?? {}).length), 0);
      coding.dropped.push(...carried.dropped.map((d) => `${e.id}: ${d}`));
      if (carried.coding.planning || Object.values(carried.coding).some((v) => v && Object.keys(v).length)) out.coding = carried.coding;
      if (!carried.coding.planning) fill.push('coding.planning: last year\'s evidence is gone from the answer: code it (see suggested)');
      const n = Object.values(suggested).reduce((k, v) => k + (v && 'value' in (v as object) ? 1 : Object.keys(v ?? {}).length), 0);
      if (n) {
        out.suggested = suggested;
        suggestions.set(entries.length, suggested);
        coding.suggested += n;
        for (const [f, v] of Object.entries(suggested)) {
          if (f === 'planning') coding.list.push(`${e.id}: planning=${(v as { value: string }).value} ("${(v as { evidence: string }).evidence}")`);
          else for (const [c, q] of Object.entries(v as Record<string, string>)) coding.list.push(`${e.id}: ${f}=${c} ("${q}")`);
        }
      }
    }
    if (fill.length) {
      toFillComments.set(entries.length, fill);
      figures.toFill.push(...fill.map((f) => `${e.id}: ${f}`));
    }
    entries.push(out);
  }

  const errors = problems.filter((p) => p.severity === 'error');
  const result: NewEditionResult = {
    edition: o.edition,
    previous,
    dir,
    source: o.from,
    sheet: sheet.sheet,
    lang,
    rows: sheet.rows.length,
    headers: sheet.headers,
    mapping: { file: mapFile, proposed, columns: sheet.headers.map((h) => ({ header: h, targets: targetsOf(h) ?? [], how: map.how.get(h) })) },
    matches,
    entries: entries.length,
    sections: sections.size,
    chapters: 0,
    figures,
    coding,
    problems,
  };
  if (errors.length && !o.partial) {
    throw new BuildError(
      [
        ...errors.map((p): Diagnostic => ({ file: '', message: place(sheet, p, sheet.headers), hint: p.hint })),
        ...problems.filter((p) => p.severity === 'warning').map((p): Diagnostic => ({ file: '', severity: 'warning', message: place(sheet, p, sheet.headers), hint: p.hint })),
      ],
    );
  }
  if (!entries.length) throw new BuildError([{ file: o.from, message: 'no row could be placed: nothing to write' }]);

  // Stage the whole edition, then rename it into place.
  const stage = mkdtempSync(join(o.contentDir, `.new-${o.edition}-`));
  try {
    writeFileSync(join(stage, 'manifest.yaml'), manifestText(manifest, o.edition, entries, toFillComments, basename(o.from), previous));
    writeFileSync(join(stage, 'import.yaml'), proposed ? writeColumnMap(map) : readFileSync(mapFile, 'utf8'));
    if (existsSync(join(prevDir, 'assets'))) cpSync(join(prevDir, 'assets'), join(stage, 'assets'), { recursive: true });
    for (const l of manifest.edition.languages) {
      const from = join(prevDir, l);
      if (!existsSync(from)) continue;
      mkdirSync(join(stage, l, 'chapters'), { recursive: true });
      for (const f of readdirSync(join(from, 'chapters')).filter((f) => f.endsWith('.md'))) {
        cpSync(join(from, 'chapters', f), join(stage, l, 'chapters', f));
        if (l === 'lv') result.chapters++;
      }
      writeFileSync(join(stage, l, 'texts.yaml'), moveYear(readFileSync(join(from, 'texts.yaml'), 'utf8'), previous, o.edition));
    }
    mkdirSync(join(stage, 'lv', 'sections'), { recursive: true });
    for (const [id, md] of sections) writeFileSync(join(stage, 'lv', 'sections', `${id}.md`), md);
    if (existsSync(dir)) {
      const old = `${stage}.old`;
      renameSync(dir, old);
      renameSync(stage, dir);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(stage, dir);
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    throw err;
  }
  return result;
}

/** "2025" → "2026" where it is the edition's year (not inside a project number such as …-2025-AL-…). */
export const moveYear = (text: string, from: string, to: string) => text.replace(new RegExp(`(?<![\\d-])${from}(?![\\d-])`, 'g'), to);

function manifestText(prev: Manifest, edition: string, entries: Record<string, unknown>[], toFill: Map<number, string[]>, source: string, previous: string): string {
  const doc = new Document({ edition: { ...prev.edition, year: Number(edition) }, entries });
  const flow = (path: (string | number)[]) => {
    const n = doc.getIn(path, true);
    if (isMap(n)) n.flow = true;
  };
  flow(['edition', 'title']);
  entries.forEach((e, i) => {
    for (const k of ['name', 'shortName', 'coordinator', 'permits', 'engaged']) if (k in e) flow(['entries', i, k]);
    const node = doc.getIn(['entries', i], true);
    const fill = toFill.get(i);
    if (fill && isMap(node)) node.commentBefore = fill.map((f) => ` TO FILL: ${f}`).join('\n');
    if ('suggested' in e && isMap(node)) {
      const s = node.get('suggested', true);
      if (s && typeof s === 'object') (s as { commentBefore?: string }).commentBefore = ' suggested by the coding rules from the new answers: move each code that holds into coding, delete the rest';
    }
  });
  doc.commentBefore = ` Data manifest of the ${edition} edition, made by "npm run new" from ${source}: the entries of ${previous}
 carried over, each figure read from its column and quoting the phrase of the section that states it,
 last year's coding where its evidence still stands. Lines marked TO FILL and the suggested codes
 are the editor's: the build refuses to print until they are done. Schema: scripts/validate/schema.ts.`;
  return doc.toString({ lineWidth: 0 });
}

export function formatSummary(r: NewEditionResult, rel: (f: string) => string): string {
  const counts = (sev: Problem['severity']) => r.problems.filter((p) => p.severity === sev).length;
  const sheetInfo = { file: r.source, sheet: r.sheet, headers: r.headers, rows: [] } as Sheet;
  const out = [
    `new edition ${r.edition} from ${basename(r.source)}${r.sheet !== 'CSV' ? ` (sheet "${r.sheet}")` : ''}, entries carried over from ${r.previous}`,
    `  rows ${r.rows}, matched ${r.matches.length} (${(['exact', 'variant', 'fuzzy', 'mapped'] as const).map((h) => `${r.matches.filter((m) => m.match.how === h).length} ${h}`).join(', ')})`,
    ...r.matches.filter((m) => m.match.how !== 'exact').map((m) => `    row ${m.row}: "${m.typed}" → ${m.match.id} (${m.match.how}${m.match.detail ? `: ${m.match.detail}` : ''})`),
    `  columns ${r.headers.length}: ${r.mapping.proposed ? `mapping proposed from the headers → ${rel(join(r.dir, 'import.yaml'))} (confirm it)` : `mapping from ${rel(r.mapping.file)}`}`,
    ...r.mapping.columns.filter((c) => c.how && c.how !== 'its label').map((c) => `    "${c.header}" → ${c.targets.join(', ')} (${c.how})`),
    `  entries ${r.entries}, sections ${r.sections}, chapters ${r.chapters}`,
    `  figures read ${r.figures.read} (${r.figures.carried} with last year's quotes), to fill ${r.figures.toFill.length}`,
    ...r.figures.toFill.map((f) => `    to fill: ${f}`),
    `  coding: ${r.coding.carried} codes carried over (evidence still in the answer), ${r.coding.dropped.length} dropped, ${r.coding.suggested} suggested to confirm`,
    ...r.coding.dropped.map((d) => `    dropped: ${d}`),
    ...r.coding.list.map((d) => `    suggested: ${d}`),
    `  problems: ${counts('error')} error(s), ${counts('warning')} warning(s)`,
    ...r.problems.map((p) => `    ${p.severity}: ${place(sheetInfo, p, r.headers)}`),
    `  written: ${rel(r.dir)}`,
  ];
  return out.join('\n');
}
