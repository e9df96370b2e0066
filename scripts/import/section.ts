/**
 * A section as the form tool holds it, and back: the questionnaire's fields as cells of free
 * text. Markdown → cells (export): each field's answer with its own line breaks and bullets
 * ("- " a level, two more spaces a level deeper), footnote calls replaced by their URL.
 * Cells → Markdown (import): the field structure of the message files, nested lists from the
 * answer's bullets and indentation, a bare URL turned into a footnote (a URL typed in <…>
 * stays in the text, as the sources write it).
 *
 * Besides the fields a section may have an introduction (a region's), closing remarks after
 * the fields, and the contact block after `---`: each is a column of its own (PARTS).
 */

/** The columns that are no field of the questionnaire but part of an answer. */
export const PARTS = ['intro', 'remarks', 'contacts'] as const;
export type Part = (typeof PARTS)[number];

export interface SectionCells {
  /** Field key (or part) → the answer's text as a cell holds it. */
  cells: Map<string, string>;
  /** Field keys in the order the section has them. */
  order: string[];
}

export interface FieldLabels {
  /** Normalised label or variant → field key. */
  byLabel: Map<string, string>;
}

export const normLabel = (s: string) => s.replace(/\s+/g, ' ').replace(/[:\s]+$/, '').trim();

export function labelIndex(fields: Record<string, { label: string; also?: string[] }>): FieldLabels {
  const byLabel = new Map<string, string>();
  for (const [key, f] of Object.entries(fields)) for (const l of [f.label, ...(f.also ?? [])]) byLabel.set(normLabel(l), key);
  return { byLabel };
}

const FOOTNOTE_DEF = /^\[\^([^\]]+)\]:\s*<?([^\s>]+)>?\s*$/;
const FIELD_START = /^- \*\*(.*)$/;

/** Splits "**Label:** value" (or "**Label: value**", or "**Label**: value") into label and value. */
function splitLabel(afterStars: string): { label: string; value: string } | undefined {
  const close = afterStars.indexOf('**');
  if (close < 0) return undefined;
  const bold = afterStars.slice(0, close);
  let rest = afterStars.slice(close + 2);
  const colon = bold.indexOf(':');
  if (colon >= 0) return { label: bold.slice(0, colon), value: `${bold.slice(colon + 1).trim()} ${rest.trim()}`.trim() };
  if (rest.startsWith(':')) return { label: bold, value: rest.slice(1).trim() };
  return undefined;
}

/** A section's Markdown as the cells of its row. Labels that are no field keep their line. */
export function sectionToCells(md: string, labels: FieldLabels): SectionCells {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const notes = new Map<string, string>();
  const body: string[] = [];
  for (const l of lines) {
    const m = FOOTNOTE_DEF.exec(l);
    if (m) notes.set(m[1]!, m[2]!);
    else body.push(l);
  }
  const inline = (s: string) => s.replace(/\s*\[\^([^\]]+)\]/g, (_, k: string) => (notes.has(k) ? ` ${notes.get(k)}` : `[^${k}]`));
  const rule = body.findIndex((l) => l.trim() === '---');
  const main = rule < 0 ? body : body.slice(0, rule);
  const contacts = rule < 0 ? [] : body.slice(rule + 1);

  const cells = new Map<string, string[]>();
  const order: string[] = [];
  let current: string[] | undefined;
  const intro: string[] = [];
  const remarks: string[] = [];
  let seenField = false;
  // Unindented text after a field: the field's own paragraph if another field follows, else the remarks.
  let pending: string[] | undefined;
  for (const line of main) {
    const start = FIELD_START.exec(line);
    const split = start ? splitLabel(start[1]!) : undefined;
    const key = split ? labels.byLabel.get(normLabel(split.label)) : undefined;
    if (split && key && !cells.has(key)) {
      if (current && pending) current.push('', ...pending);
      pending = undefined;
      current = [split.value];
      cells.set(key, current);
      order.push(key);
      seenField = true;
      continue;
    }
    if (!seenField) {
      intro.push(line);
      continue;
    }
    if (!pending && line.trim() && !/^\s/.test(line) && !line.startsWith('- ')) pending = [];
    if (pending) pending.push(line);
    else current!.push(line.replace(/^ {2}/, ''));
  }
  if (pending) remarks.push(...pending);
  const out = new Map<string, string>();
  const text = (ls: string[]) => tidy(ls.map((l) => inline(l).replace(/\s*\\$/, '')));
  for (const [k, ls] of cells) out.set(k, text(ls));
  if (intro.some((l) => l.trim())) out.set('intro', text(intro));
  if (remarks.some((l) => l.trim())) out.set('remarks', text(remarks));
  if (contacts.some((l) => l.trim())) out.set('contacts', text(contacts));
  return { cells: out, order };
}

/** Trailing spaces off, blank lines at the ends off, runs of blank lines as one. */
const tidy = (lines: string[]) =>
  lines
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');

const BULLET = /^(\s*)([-•*–◦▪·])\s+(.*)$/;
const URL = /(^|\s)(https?:\/\/[^\s<>]*[^\s<>.,;:!?)\]"”“„'])/g;

/** Footnotes of one file, numbered in order of appearance. */
export class Notes {
  readonly urls: string[] = [];
  /** Bare URLs of a line as footnote calls (the space before the URL goes with it). */
  calls(text: string): string {
    return text.replace(URL, (_, before: string, url: string) => {
      this.urls.push(url);
      return `${before.trim() ? before : ''}[^${this.urls.length}]`;
    });
  }
  definitions(): string[] {
    return this.urls.map((u, i) => `[^${i + 1}]: <${u}>`);
  }
}

/** Escapes a line that Markdown would read as something else: "2025. gadā" is no list. */
const escapeStart = (s: string) => s.replace(/^(\d+)\. /, '$1\\. ').replace(/^([-+*]) /, '\\$1 ').replace(/^#/, '\\#');

/**
 * A field's answer as its Markdown item: "- **Label:** first line", then the bullets as
 * nested items (two spaces a level), other lines joined to the line before by a hard break.
 */
export function fieldToMarkdown(label: string, cell: string, notes: Notes): string {
  const out: string[] = [];
  let head = `- **${label}:**`;
  let indent = '  ';
  let first = true;
  let blank = false;
  const lines = cell.replace(/\r\n?/g, '\n').split('\n');
  for (const raw of lines) {
    if (!raw.trim()) {
      blank = true;
      continue;
    }
    const b = BULLET.exec(raw);
    if (b) {
      const level = Math.floor(b[1]!.replace(/\t/g, '  ').length / 2) + (b[2] === '◦' || b[2] === '▪' ? 1 : 0);
      indent = '  '.repeat(level + 2);
      if (first) {
        out.push(head);
        first = false;
      }
      out.push(`${'  '.repeat(level + 1)}- ${notes.calls(b[3]!.trim())}`);
      blank = false;
      continue;
    }
    const text = notes.calls(raw.trim());
    if (first) {
      head = `${head} ${text}`;
      out.push(head);
      first = false;
    } else if (blank) {
      out.push('', `${indent}${escapeStart(text)}`);
    } else {
      out[out.length - 1] += '\\';
      out.push(`${indent}${escapeStart(text)}`);
    }
    blank = false;
  }
  if (first) out.push(head);
  return out.join('\n');
}

/** Free paragraphs (introduction, remarks, contacts): blank lines part them, a line break is a hard break. */
export function paragraphsToMarkdown(cell: string, notes?: Notes): string {
  return cell
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => escapeStart(notes ? notes.calls(l.trim()) : l.trim()))
        .join('\\\n'),
    )
    .join('\n\n');
}

/** A whole section from its cells, fields in the questionnaire's order. */
export function sectionFromCells(cells: ReadonlyMap<string, string>, fieldOrder: readonly string[], label: (key: string) => string): string {
  const notes = new Notes();
  const parts: string[] = [];
  const intro = cells.get('intro');
  if (intro?.trim()) parts.push(paragraphsToMarkdown(intro, notes), '');
  const items = fieldOrder.filter((k) => cells.get(k)?.trim()).map((k) => fieldToMarkdown(label(k), cells.get(k)!, notes));
  parts.push(items.join('\n'));
  const remarks = cells.get('remarks');
  if (remarks?.trim()) parts.push('', paragraphsToMarkdown(remarks, notes));
  const contacts = cells.get('contacts');
  if (contacts?.trim()) parts.push('', '---', '', paragraphsToMarkdown(contacts));
  const defs = notes.definitions();
  if (defs.length) parts.push('', ...defs);
  return `${parts.join('\n')}\n`;
}

/** The words of a section, for comparing two of them: no Markdown marks, no footnote labels. */
export function sectionWords(md: string): string[] {
  const notes = new Map<string, string>();
  const lines = md.split('\n').filter((l) => {
    const m = FOOTNOTE_DEF.exec(l);
    if (m) notes.set(m[1]!, m[2]!);
    return !m;
  });
  return lines
    .join('\n')
    .replace(/\[\^([^\]]+)\]/g, (_, k: string) => ` ${notes.get(k) ?? ''} `)
    .replace(/^\s*- \*\*[^*:]*(?:\*\*)?:/gm, ' ')
    .replace(/\*\*|\\(?=\n|$)|[<>]|^\s*[-*] |^---$/gm, ' ')
    .replace(/\\(?=[.#\-+*])/g, '')
    .split(/\s+/)
    .filter(Boolean);
}
