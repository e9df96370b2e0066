/**
 * A section's contact block as data. The block (after the section's `---`) is a few lines an
 * editor typed: a heading ("Pieaugušo izglītības koordinatora kontakti:"), a name, a role, then
 * "Label: value" lines whose labels vary from source to source ("E-pasts", "e-pasts", "E:pasts",
 * "Telefona nr." with or without its colon, "Tālrunis", "Phone" …). Here the lines become fields
 * (name, role, e-mail, phone, address, web, a note) in groups, each opened by a heading; the
 * panel prints the fields with the labels of the message files and phone numbers in one format
 * (libphonenumber-js, international: "+371 22 452 044").
 *
 * Lines before the first heading that are sentences (the Kurzeme region's thanks) are no
 * contact: they are returned as `prose`, with their line, for a warning; the section prints them
 * after its text, not in the panel.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type ContactField = 'email' | 'phone' | 'web' | 'address';

export interface ContactLine {
  /** What the line is: a person's (or office's) name, a role, a labelled field, or a note. */
  kind: 'name' | 'role' | 'note' | ContactField;
  /** The value as it prints (a phone number in the one format). */
  value: string;
  /** The label as the source typed it (fields only). */
  typed?: string;
  line: number;
  /** The link the source gave the value (mailto:, https:), if any. */
  href?: string;
}

export interface ContactGroup {
  /** The group's heading: a known kind (printed from the messages) or the source's own words. */
  heading?: { kind: 'coordinator' | 'preparedBy' | 'other'; text: string; line: number };
  lines: ContactLine[];
}

export interface ContactBlock {
  groups: ContactGroup[];
  /** Lines that are no contact (thanks, a closing wish): warned about, printed after the text. */
  prose: { text: string; line: number }[];
}

/** The labels the sources type for each field, lower case, without their colon. */
const FIELD_LABELS: Record<ContactField, RegExp> = {
  email: /^(e[-:]?\s?pasts|e-?mail)$/i,
  phone: /^(telefona\s+nr\.?|telefons|tālrunis|tālr\.|tel\.?|phone(\s+no\.?)?|telephone)$/i,
  web: /^(mājas\s?lapa|tīmekļvietne|website|web(\s?page)?|home\s?page)$/i,
  address: /^(adrese|address)$/i,
};

/** Headings of a coordinator's contacts ("… koordinatora kontakti", "Contacts of the … coordinator"). */
const COORDINATOR = /^(pieaugušo izglītības koordin[aā]tor\S*\s+kontakti|contacts of the adult education coordinators?)$/i;
const PREPARED_BY = /^(sagatavoja|prepared by)$/i;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A person's name: every word capitalised ("Dace Kristiāna Ūdre", "A and B", "Jolanta Pabērza,"). */
const PERSON = /^(\p{Lu}[\p{L}'’.-]*,?)(\s+(un|and|\p{Lu}[\p{L}'’.-]*,?))*$/u;
/** A sentence: several words ending in . ! or ? */
const SENTENCE = /^\S+(\s+\S+){4,}[.!?]$/u;

/** A phone number in the one format: international, grouped as the numbering plan has it. */
export function formatPhone(typed: string, country = 'LV' as const): string {
  const p = parsePhoneNumberFromString(typed, country);
  return p?.isValid() ? p.formatInternational() : typed.trim();
}

function field(text: string): { kind: ContactField; typed: string; value: string } | undefined {
  // "Label: value", "E:pasts: value" (a colon inside the label), or "Label value" (Telefona nr. +371 …).
  const splits: [string, string][] = [];
  for (let i = text.indexOf(':'); i > 0; i = text.indexOf(':', i + 1)) splits.push([text.slice(0, i), text.slice(i + 1)]);
  const bare = /^((?:\S+\s+)?\S+?\.?)\s+(\+?[\d\s]{6,})$/.exec(text);
  if (bare) splits.push([bare[1]!, bare[2]!]);
  for (const [label, value] of splits) {
    const kind = (Object.keys(FIELD_LABELS) as ContactField[]).find((k) => FIELD_LABELS[k].test(label.trim()));
    if (kind && value.trim()) return { kind, typed: label.trim(), value: value.trim() };
  }
  return undefined;
}

/** The block's lines (each with its source line) as groups of fields. */
export function parseContacts(lines: { text: string; line: number; href?: string }[]): ContactBlock {
  const groups: ContactGroup[] = [];
  const prose: ContactBlock['prose'] = [];
  let group: ContactGroup | undefined;
  for (const { text: raw, line, href } of lines) {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const f = field(text);
    if (f) {
      group ??= (groups.push({ lines: [] }), groups.at(-1)!);
      const value = f.kind === 'phone' ? formatPhone(f.value) : f.value;
      group.lines.push({ kind: f.kind, typed: f.typed, value, line, href });
      continue;
    }
    // A heading: the line ends with its colon and has no value.
    if (text.endsWith(':')) {
      const words = text.slice(0, -1).trim();
      const kind = COORDINATOR.test(words) ? 'coordinator' : PREPARED_BY.test(words) ? 'preparedBy' : 'other';
      group = { heading: { kind, text: words, line }, lines: [] };
      groups.push(group);
      continue;
    }
    // An e-mail address alone continues the e-mail field above it (two addresses).
    if (EMAIL.test(text) && group?.lines.some((l) => l.kind === 'email')) {
      group.lines.push({ kind: 'email', value: text, line, href });
      continue;
    }
    if (!group && SENTENCE.test(text)) {
      prose.push({ text, line });
      continue;
    }
    group ??= (groups.push({ lines: [] }), groups.at(-1)!);
    // A name opens a person: the group's first line, or a capitalised name after the fields of
    // the person before (two coordinators in one group).
    const last = group.lines.findLastIndex((l) => l.kind === 'name');
    const fieldsSince = group.lines.slice(last + 1).some((l) => l.kind in FIELD_LABELS);
    const kind = SENTENCE.test(text) ? 'note' : (last < 0 && (PERSON.test(text) || !group.lines.length)) || (last >= 0 && fieldsSince && PERSON.test(text)) ? 'name' : 'role';
    group.lines.push({ kind, value: text.replace(/,$/, ''), line });
  }
  return { groups, prose };
}
