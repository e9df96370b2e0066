/**
 * Which column holds what: a spreadsheet header → a field of the questionnaire, a part of the
 * answer (introduction, remarks, contacts), a figure, or the respondent's name. Proposed from
 * the headers against the field labels of the message files and their variants, written to
 * content/<edition>/import.yaml for the editor to confirm; later runs read it.
 */
import { parseDocument, stringify } from 'yaml';
import type { Diagnostic } from '../lib/diagnostics.js';
import { distance } from '../lib/nearest.js';
import { normLabel, PARTS } from './section.js';

export type Lang = 'lv' | 'en';
export const FIGURES = ['coordinator', 'engaged', 'permits'] as const;
export type Figure = (typeof FIGURES)[number];

/** respondent | field:KEY | part:intro|remarks|contacts | figure:coordinator|engaged|permits */
export type Target = string;

/** The headers of the columns that are no field label, per language, with the variants a form may use. */
export const EXTRA_LABELS: Record<Lang, Record<string, string[]>> = {
  lv: {
    respondent: ['Pašvaldība vai plānošanas reģions', 'Pašvaldība', 'Respondents', 'Iestāde', 'Nosaukums'],
    'part:intro': ['Ievads'],
    'part:remarks': ['Papildu informācija', 'Piezīmes', 'Cita informācija'],
    'part:contacts': ['Kontaktinformācija', 'Kontakti', 'Koordinatora kontakti'],
    'figure:coordinator': ['Koordinatora slodze', 'Pieaugušo izglītības koordinatora slodze'],
    'figure:engaged': ['Iesaistīto iedzīvotāju skaits (kopā)', 'Iesaistīto iedzīvotāju skaits kopā', 'Iesaistīto iedzīvotāju skaits'],
  },
  en: {
    respondent: ['Municipality or planning region', 'Municipality', 'Respondent', 'Name'],
    'part:intro': ['Introduction'],
    'part:remarks': ['Further information', 'Remarks', 'Notes'],
    'part:contacts': ['Contacts', 'Contact details'],
    'figure:coordinator': ["Coordinator's load", 'Coordinator load'],
    'figure:engaged': ['Residents engaged (total)', 'Residents engaged'],
  },
};

/** The export's header of a target (the first label). */
export function headerOf(lang: Lang, target: Target, fieldLabel: (key: string) => string): string {
  if (target.startsWith('field:')) return fieldLabel(target.slice(6));
  return EXTRA_LABELS[lang][target]![0]!;
}

export interface ColumnMap {
  lang: Lang;
  /** Header → targets (a column may be a field and a figure: the permits). */
  columns: Map<string, Target[]>;
  /** Respondent names the editor tied to an entity id (a renamed municipality). */
  respondents: Map<string, string>;
  /** How each proposed column was found, for the report. */
  how: Map<string, string>;
}

const key = (s: string) =>
  normLabel(s)
    .toLowerCase()
    .replace(/^\d+[.)]\s*/, '')
    .replace(/[?*]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();

export type FieldTable = Record<Lang, Record<string, { label: string; also?: string[] }>>;

/** Proposes the mapping from the headers: exact label or variant first, then the nearest within a few letters. */
export function proposeColumns(headers: string[], fields: FieldTable): ColumnMap {
  const candidates = (lang: Lang) => {
    const list: [string, Target][] = [];
    for (const [k, f] of Object.entries(fields[lang])) for (const l of [f.label, ...(f.also ?? [])]) list.push([key(l), `field:${k}`]);
    for (const [t, ls] of Object.entries(EXTRA_LABELS[lang])) for (const l of ls) list.push([key(l), t]);
    return list;
  };
  const score = (lang: Lang) => headers.filter((h) => candidates(lang).some(([l]) => l === key(h))).length;
  const lang: Lang = score('en') > score('lv') ? 'en' : 'lv';
  const known = candidates(lang);
  const columns = new Map<string, Target[]>();
  const how = new Map<string, string>();
  for (const h of headers) {
    if (!h) continue;
    const k = key(h);
    let target = known.find(([l]) => l === k)?.[1];
    if (target) how.set(h, 'its label');
    else {
      const best = known.map(([l, t]) => ({ t, l, d: distance(k, l) })).sort((a, b) => a.d - b.d)[0];
      if (best && best.d <= Math.max(2, Math.floor(best.l.length * 0.12))) {
        target = best.t;
        how.set(h, `nearest label "${best.l}", ${best.d} letter(s) apart`);
      }
    }
    columns.set(h, target ? (target === 'field:permits' ? [target, 'figure:permits'] : [target]) : []);
  }
  return { lang, columns, respondents: new Map(), how };
}

const HEADER_COMMENT = `Columns of the municipalities' answers → the report's fields and figures, per language of the
answers. Written by "npm run new" from the spreadsheet's headers: check each line; later runs use
this file. Targets: respondent (the name column), field:KEY (templates/messages/<lang>.yaml,
fields:), part:intro | part:remarks | part:contacts, figure:coordinator | figure:engaged |
figure:permits; a list for a column that is both; [] leaves a column out on purpose.
respondents: a name as typed → the entry's id, for a name the import cannot match by itself.`;

export function writeColumnMap(map: ColumnMap): string {
  const body: Record<string, unknown> = {
    [map.lang]: Object.fromEntries([...map.columns].map(([h, t]) => [h, t.length === 1 ? t[0] : t])),
  };
  if (map.respondents.size) body.respondents = Object.fromEntries(map.respondents);
  const doc = parseDocument(stringify(body, { lineWidth: 0 }));
  doc.commentBefore = HEADER_COMMENT.split('\n').map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

export function readColumnMap(text: string, file: string): { map?: ColumnMap; problems: Diagnostic[] } {
  const doc = parseDocument(text);
  const problems: Diagnostic[] = doc.errors.map((e) => ({ file, line: e.linePos?.[0].line, column: e.linePos?.[0].col, message: e.message }));
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const lang = (['lv', 'en'] as const).find((l) => data[l] && typeof data[l] === 'object');
  if (!lang) return { problems: [...problems, { file, line: 1, message: 'no column list: the file needs "lv:" or "en:" with header → target lines' }] };
  const columns = new Map<string, Target[]>();
  for (const [h, t] of Object.entries(data[lang] as Record<string, unknown>)) {
    const targets = (t === null ? [] : Array.isArray(t) ? t : [t]).map(String);
    for (const target of targets) {
      if (!/^(respondent|field:[A-Za-z]+|part:(intro|remarks|contacts)|figure:(coordinator|engaged|permits))$/.test(target) || (target.startsWith('part:') && !PARTS.includes(target.slice(5) as never))) {
        const line = text.split('\n').findIndex((l) => l.includes(h)) + 1;
        problems.push({ file, line: line || undefined, message: `column "${h}": "${target}" is no target`, hint: 'use respondent, field:KEY, part:intro|remarks|contacts or figure:coordinator|engaged|permits' });
      }
    }
    columns.set(normLabel(h), targets);
  }
  const respondents = new Map(Object.entries((data.respondents ?? {}) as Record<string, string>));
  return { map: { lang, columns, respondents, how: new Map() }, problems };
}
