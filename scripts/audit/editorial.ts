/**
 * What the report prints differently from its sources by design, against the printed edition
 * that printed them as typed: the field labels set to the questionnaire's wording, the permits
 * field moved to the key-figures strip, the contact blocks set as fields. Each kind is one
 * editorial erratum (errata.yaml `editorial:`), listed with every change it covers, not one
 * erratum per section.
 */
import { STRIP_FIELDS } from '../compose/key-figures.js';
import type { Edition } from '../load/edition.js';
import { parseContacts } from '../transform/contacts.js';

export const EDITORIAL = ['field-labels', 'key-figures', 'contacts'] as const;
export type EditorialKind = (typeof EDITORIAL)[number];

export interface EditorialRow {
  kind: EditorialKind;
  /** One line: how many changes in how many sections. */
  summary: string;
  /** Each distinct change once, with how often it occurs ("E-pasts → E-pasts" is none). */
  changes: string[];
  sections: string[];
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const FIELD = /^- \*\*([^*]+)\*\*(:?)(.*)$/;
const ONLY_NUMBER = /^[\s:]*\d[\d\s]*\.?\s*$/;

export function editorialChanges(edition: Edition): EditorialRow[] {
  const { fields, contacts: labels } = edition.messages;
  const byLabel = new Map<string, string>();
  for (const [key, f] of Object.entries(fields)) for (const l of [f.label, ...(f.also ?? [])]) byLabel.set(norm(l), key);
  const tally = () => ({ changes: new Map<string, number>(), sections: new Set<string>() });
  const found = { 'field-labels': tally(), 'key-figures': tally(), contacts: tally() };
  const note = (kind: EditorialKind, id: string, change: string) => {
    const t = found[kind];
    t.changes.set(change, (t.changes.get(change) ?? 0) + 1);
    t.sections.add(id);
  };
  for (const e of edition.manifest.entries) {
    const text = edition.sections.get(e.id)?.text;
    if (!text) continue;
    const rule = /^-{3,}[ \t]*$/m.exec(text);
    const body = rule ? text.slice(0, rule.index) : text;
    for (const line of body.split('\n')) {
      const m = FIELD.exec(line);
      if (!m) continue;
      const colon = m[1]!.indexOf(':');
      if (colon < 0 && !m[2]) continue;
      const typed = norm(colon >= 0 ? m[1]!.slice(0, colon) : m[1]!);
      const key = byLabel.get(typed);
      if (!key) continue;
      const value = `${colon >= 0 ? m[1]!.slice(colon + 1) : ''} ${m[3]}`;
      if (e.kind !== 'planosanas-regions' && (STRIP_FIELDS as readonly string[]).includes(key) && ONLY_NUMBER.test(value)) note('key-figures', e.id, `"${typed}: N" → N in the key figures under the heading`);
      else if (typed !== fields[key]!.label) note('field-labels', e.id, `"${typed}" → "${fields[key]!.label}"`);
    }
    if (!rule) continue;
    const lines = text
      .slice(rule.index + rule[0].length)
      .split('\n')
      .map((l, i) => ({ text: l.replace(/\\$/, '').replace(/\*\*|<|>/g, ''), line: i }))
      .filter((l) => !/^\[\^/.test(l.text));
    for (const g of parseContacts(lines).groups) {
      for (const l of g.lines) {
        const label = l.kind in labels ? labels[l.kind as keyof typeof labels] : undefined;
        if (l.typed && label && l.typed !== label) note('contacts', e.id, `"${l.typed}" → "${label}"`);
        if (l.kind === 'phone') note('contacts', e.id, 'phone numbers in one international format (+371 NN NNN NNN)');
      }
    }
  }
  const what: Record<EditorialKind, string> = {
    'field-labels': 'field labels printed as the questionnaire words them',
    'key-figures': 'permits fields printed in the key figures instead of the text',
    contacts: 'contact labels and phone numbers set as one panel of fields',
  };
  return EDITORIAL.flatMap((kind) => {
    const t = found[kind];
    const n = [...t.changes.values()].reduce((a, b) => a + b, 0);
    if (!n) return [];
    return [{ kind, summary: `${n} ${what[kind]}, in ${t.sections.size} sections`, changes: [...t.changes].map(([c, k]) => `${c}${k > 1 ? ` (${k}×)` : ''}`), sections: [...t.sections] }];
  });
}
