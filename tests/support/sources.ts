/**
 * The report as its Markdown sources say it should read: each section's words and the
 * footnotes with their report-wide numbers, computed here with plain string handling (not the
 * pipeline's unified chain), so the end-to-end tests compare the PDF with whatever the content
 * is today. An editor's correction changes both sides; the tests stay green.
 *
 * Markdown to words: footnote definitions are dropped (their URLs are checked on their own);
 * a call [^x] reads " N" (N numbered through the report in order of first call, as the PDF
 * prints it); [text](url) reads text, <url> reads url as printed (escapes of letters decoded:
 * tests/support/urls.ts); **, *, the raw tags <sup>, <sub>, <br>,
 * a line-ending "\" and backslash escapes are removed; list markers are dash tokens, which
 * words() drops on both sides.
 *
 * What the page design prints elsewhere (the tests of tests/e2e/elements-2025.test.ts check it
 * there): a section's contact block (after its "---") is the panel under its heading, so `text`
 * is the body and the block is `contacts`; only the block's sentences before its first heading
 * (thanks, no contact) follow the body. A field's label prints as its canonical label (the
 * message file's `fields:`, whatever variant the source typed), and a municipality's permits
 * field, whose whole answer is the number, prints in the key-figures strip, not in the text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { shownUrl } from './urls.js';
import { words } from './words.js';
import { ROOT } from './paths.js';

export interface SourcePart {
  id: string;
  kind: 'chapter' | 'section';
  /** The title as the report prints it in the contents (upper case). */
  title: string;
  text: string;
  /** Footnote number → URL. */
  footnotes: Map<number, string>;
  /** A section's contact block (after its "---"), as typed. */
  contacts: string;
  /** Line in the file where the contact block starts (1-based), 0 without one. */
  contactsLine: number;
}

/** The municipality fields the key-figures strip prints instead of the text, where the answer is only the number. */
export const STRIP_FIELDS = ['permits'];

interface RawFields {
  fields: Record<string, { label: string; also?: string[] }>;
}

/** Each label variant of the language's fields → [field key, canonical label]. */
export function fieldLabels(lang = 'lv'): Map<string, [string, string]> {
  const m = parse(readFileSync(join(ROOT, 'templates', 'messages', `${lang}.yaml`), 'utf8')) as RawFields;
  const out = new Map<string, [string, string]>();
  for (const [key, f] of Object.entries(m.fields)) for (const l of [f.label, ...(f.also ?? [])]) out.set(l.replace(/\s+/g, ' ').trim(), [key, f.label]);
  return out;
}

/**
 * A section's top-level field items as the report prints them: the bold label as its canonical
 * one; a strip field whose answer is only its number left out (a municipality's).
 */
function printedFields(body: string, labels: Map<string, [string, string]>, municipality: boolean): string {
  const lines = body.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    // "- **Label:** value", "- **Label**: value" or "- **Label: value**".
    const m = /^- \*\*([^*]+)\*\*(:?)(.*)$/.exec(line);
    const colonIn = m ? m[1]!.indexOf(':') : -1;
    const label = m && (colonIn >= 0 || m[2]) ? (colonIn >= 0 ? m[1]!.slice(0, colonIn) : m[1]!).replace(/\s+/g, ' ').trim() : undefined;
    const field = label ? labels.get(label) : undefined;
    if (!m || !field) {
      out.push(line);
      continue;
    }
    const inBold = colonIn >= 0 ? m[1]!.slice(colonIn + 1) : '';
    const rest = m[3]!;
    if (municipality && STRIP_FIELDS.includes(field[0]) && /^[\s:]*\d[\d\s]*\.?\s*$/.test(`${inBold} ${rest}`)) continue;
    out.push(`- **${field[1]}:**${inBold.trim() ? ` ${inBold.trim()}` : ''}${rest}`);
  }
  return out.join('\n');
}

const DEFINITION = /^\[\^([^\]]+)\]:\s*<?(\S+?)>?\s*$/;

/**
 * The sections in an edition's order: where the manifest lists them alphabetically by their
 * Latvian names (municipalities, then regions), each edition sorts them by its own language.
 */
export function alphabetical<E extends { kind: string; name: Record<string, string> }>(entries: E[], lang: string): E[] {
  const group = (e: E) => (e.kind === 'planosanas-regions' ? 1 : 0);
  const by = (l: string, locale: string) => {
    const c = new Intl.Collator(locale);
    return [...entries].sort((a, b) => group(a) - group(b) || c.compare(a.name[l]!, b.name[l]!));
  };
  const locale = (parse(readFileSync(join(ROOT, 'templates', 'messages', `${lang}.yaml`), 'utf8')) as { locale: string }).locale;
  return by('lv', 'lv').every((e, i) => e === entries[i]) ? by(lang, locale) : entries;
}

/** Every part of an edition in report order, with report-wide footnote numbers. */
export function sourceParts(edition = '2025', lang = 'lv', content = join(ROOT, 'content')): SourcePart[] {
  const dir = join(content, edition);
  const manifest = parse(readFileSync(join(dir, 'manifest.yaml'), 'utf8')) as {
    edition: { front: string[]; back: string[] };
    entries: { id: string; kind: string; name: Record<string, string> }[];
  };
  const texts = parse(readFileSync(join(dir, lang, 'texts.yaml'), 'utf8')) as { chapters: Record<string, { title: string }> };
  const read = (kind: string, id: string) => readFileSync(join(dir, lang, kind, `${id}.md`), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, (m) => m.replace(/[^\n]/g, ''));
  const labels = fieldLabels(lang);
  const order: { id: string; kind: SourcePart['kind']; title: string; md: string; municipality?: boolean }[] = [
    ...manifest.edition.front.map((id) => ({ id, kind: 'chapter' as const, title: texts.chapters[id]!.title, md: read('chapters', id) })),
    ...alphabetical(manifest.entries, lang).map((e) => ({ id: e.id, kind: 'section' as const, title: e.name[lang]!, md: read('sections', e.id), municipality: e.kind !== 'planosanas-regions' })),
    ...manifest.edition.back.map((id) => ({ id, kind: 'chapter' as const, title: texts.chapters[id]!.title, md: read('chapters', id) })),
  ];
  let next = 1;
  return order.map(({ id, kind, title, md, municipality }) => {
    const urls = new Map<string, string>();
    for (const line of md.split('\n')) {
      const m = DEFINITION.exec(line.trim());
      if (m) urls.set(m[1]!, m[2]!);
    }
    const numbers = new Map<string, number>();
    const body = md
      .split('\n')
      .filter((l) => !DEFINITION.test(l.trim()))
      .join('\n')
      .replace(/\[\^([^\]]+)\]/g, (_m, label: string) => {
        if (!numbers.has(label)) numbers.set(label, next++);
        return ` ${numbers.get(label)}`;
      });
    const footnotes = new Map([...numbers].map(([label, n]) => [n, urls.get(label)!]));
    const rule = kind === 'section' ? /^-{3,}[ \t]*$/m.exec(body) : null;
    const contacts = rule ? body.slice(rule.index + rule[0].length) : '';
    const main = rule ? body.slice(0, rule.index) : body;
    const text = kind === 'section' ? `${printedFields(main, labels, Boolean(municipality))}\n\n${closingLines(contacts).join('\n')}` : main;
    const contactsLine = rule ? body.slice(0, rule.index).split('\n').length + 1 : 0;
    return { id, kind, title: title.toLocaleUpperCase(lang), text, footnotes, contacts, contactsLine };
  });
}

/** The sentences of a contact block before its first heading (a line ending in ":"): no contact, printed after the text. */
export function closingLines(block: string): string[] {
  const lines = block.split('\n').map((l) => l.replace(/\\$/, '').trim()).filter(Boolean);
  const heading = lines.findIndex((l) => l.endsWith(':'));
  return lines.slice(0, heading < 0 ? lines.length : heading).filter((l) => /^\S+(\s+\S+){4,}[.!?]$/.test(l));
}

/** A section's words as the PDF should print them. */
export function markdownWords(text: string): string[] {
  return words(
    text
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')
      .replace(/<(https?:\/\/[^>]+)>/g, (_m, url: string) => shownUrl(url))
      .replace(/<(mailto:[^>]+)>/g, '$1')
      .replace(/<([^@\s>]+@[^>\s]+)>/g, '$1')
      .replace(/<\/?(sup|sub)>|<br\s*\/?>/g, '')
      .replace(/\*+/g, '')
      .replace(/\\$/gm, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
      .replace(/&nbsp;/g, ' '),
  );
}
