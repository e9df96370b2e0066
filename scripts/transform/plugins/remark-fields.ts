/**
 * The questionnaire's fields as data. A section is a list of fields, each a top-level item
 * that opens with its label in bold: `- **Mērķa grupas:** …`. Every label is recognised
 * against the field list of the text's language (templates/messages/<lang>.yaml, `fields:`,
 * with the variants the sources use); a label that matches no field is an error at its line,
 * naming the nearest field. A recognised item becomes one kind of element, whatever accidents
 * the source had: <li class="field field--KEY" data-field="KEY"> with <strong
 * class="field__label">Label:</strong> and the value as plain text (a value written inside the
 * bold, "**Label: 5**", is moved out of it). The label printed is the field's canonical one
 * (`label:`, the questionnaire's wording), whatever variant the source typed, so a field reads
 * the same in every section; a part printed in another language than the edition's (a missing
 * translation) takes the edition's label. The value's words stay the source's.
 */
import type { ListItem, Paragraph, PhrasingContent, Root, Strong } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Plugin } from 'unified';
import { nearest } from '../../lib/nearest.js';

export interface Field {
  label: string;
  also?: string[];
}

export interface Options {
  /** The fields of the text's language: key → label and the variants the sources use. */
  fields: Record<string, Field>;
  /**
   * Fields printed elsewhere (a municipality's key figures, under its heading): an item of one of
   * these whose value is nothing but a number is left out of the text.
   */
  omit?: readonly string[];
  /** The label to print instead of the field's canonical one (a fallback part: the edition's), by key. */
  display?: (key: string) => string | undefined;
}

export interface FieldsData {
  /** The keys of the fields the section has, in order. */
  fields: string[];
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

const remarkFields: Plugin<[Options], Root> = ({ fields, display, omit = [] }) => (tree, file) => {
  const byLabel = new Map<string, string>();
  for (const [key, f] of Object.entries(fields)) for (const l of [f.label, ...(f.also ?? [])]) byLabel.set(norm(l), key);
  const found: string[] = [];
  for (const list of tree.children) {
    if (list.type !== 'list') continue;
    for (const item of list.children as ListItem[]) {
      const para = item.children[0];
      if (para?.type !== 'paragraph') continue;
      const strong = (para as Paragraph).children[0];
      if (strong?.type !== 'strong') continue;
      // The label is the bold text up to its colon; a colon may also follow the bold.
      const bold = toString(strong);
      const next = (para as Paragraph).children[1];
      const colonAfter = !bold.includes(':') && next?.type === 'text' && next.value.startsWith(':');
      if (!bold.includes(':') && !colonAfter) continue; // bold text, not a label
      const at = bold.indexOf(':');
      const label = norm(colonAfter ? bold : bold.slice(0, at));
      const inBold = colonAfter ? '' : bold.slice(at + 1).trim();
      const key = byLabel.get(label);
      if (!key) {
        const close = nearest(label, [...byLabel.keys()]);
        const m = file.message(`"${label}" is not a field of the questionnaire`, strong.position);
        m.fatal = true;
        m.note = close ? `the nearest field is "${close}" (${byLabel.get(close)}); fields and their labels: templates/messages/<lang>.yaml, fields:` : 'fields and their labels: templates/messages/<lang>.yaml, fields:';
        continue;
      }
      found.push(key);
      const after = toString({ type: 'paragraph', children: (para as Paragraph).children.slice(1) } as Paragraph);
      if (omit.includes(key) && item.children.length === 1 && /^[\s:]*\d[\d\s]*\.?\s*$/.test(`${inBold} ${after}`)) {
        item.data = { ...item.data, omitted: true } as ListItem['data'];
        continue;
      }
      // The questionnaire's wording, whatever variant the source typed: every field prints alike.
      const shown = display?.(key) ?? fields[key]!.label;
      const labelNode: Strong = { type: 'strong', children: [{ type: 'text', value: `${shown}:` }], data: { hProperties: { className: ['field__label'] } } };
      const rest = (para as Paragraph).children.slice(1) as PhrasingContent[];
      if (colonAfter && rest[0]?.type === 'text') rest[0] = { ...rest[0], value: rest[0].value.slice(1) };
      const value: PhrasingContent[] = inBold ? [{ type: 'text', value: ` ${inBold}` }, ...rest] : rest;
      (para as Paragraph).children = [labelNode, ...value];
      const css = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      item.data = { ...item.data, hProperties: { ...(item.data?.hProperties ?? {}), className: ['field', `field--${css}`], dataField: key } };
    }
  }
  // A bullet typed into an item (a list pasted from a word processor) prints as a stray "•".
  const typedBullets = (node: { type: string; children?: unknown[]; value?: string; position?: ListItem['position'] }, inItem: boolean): void => {
    if (inItem && node.type === 'text' && /^\s*[•·▪◦]/.test(node.value ?? '')) {
      const m = file.message('a bullet typed into a list item prints as a stray mark', node.position);
      m.note = 'the list marker ("- ") makes the bullet; remove the typed one';
    }
    const kids = (node.children ?? []) as (typeof node)[];
    kids.forEach((c, i) => typedBullets(c, node.type === 'listItem' || (inItem && node.type === 'paragraph' && i === 0)));
  };
  typedBullets(tree, false);
  for (const list of tree.children) if (list.type === 'list') list.children = (list.children as ListItem[]).filter((i) => !(i.data as { omitted?: boolean } | undefined)?.omitted);
  // A field's label and value are a paragraph of their own (<li><p>…</p><ul>…</ul></li>), not
  // loose text beside its sub-list: the page layout can then split it between lines, or start
  // a page's named part before it, like any paragraph.
  for (const list of tree.children) if (list.type === 'list' && (list.children as ListItem[]).some((i) => i.data?.hProperties?.dataField)) list.spread = true;
  (file.data as unknown as FieldsData).fields = found;
};

export default remarkFields;
