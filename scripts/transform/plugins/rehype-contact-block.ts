/**
 * In a municipality section, a thematic break (---) separates the body from the contact
 * block that closes the Markdown. The block is parsed into fields (transform/contacts.ts) and
 * printed as a panel under the section's heading (<div class="contacts">): a closing box of
 * four lines could only ever strand on a page of its own, and the reader looks for whom to ask
 * first. The panel prints its labels from the message files (`contacts:`), the values in the
 * text's weight, each person's name and role beside their fields, each label with its value.
 * Lines that are no contact (thanks) are a warning at their line and follow the section's text.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Plugin } from 'unified';
import { parseContacts, type ContactBlock, type ContactField, type ContactLine } from '../contacts.js';

export interface ContactLabels {
  /** The panel's name for assistive technology. */
  label: string;
  coordinator: string;
  coordinators: string;
  preparedBy: string;
  email: string;
  phone: string;
  web: string;
  address: string;
}

const el = (tagName: string, className: string | string[], children: ElementContent[], extra: Element['properties'] = {}): Element => ({
  type: 'element',
  tagName,
  properties: { ...(className.length ? { className: Array.isArray(className) ? className : [className] } : {}), ...extra },
  children,
});
const text = (value: string): ElementContent => ({ type: 'text', value });

/** The lines of the block's paragraphs: a <br> ends a line, a bold run is one line; with their source line and link. */
function blockLines(nodes: RootContent[]): { text: string; line: number; href?: string }[] {
  const out: { text: string; line: number; href?: string }[] = [];
  const visit = (n: ElementContent | RootContent, cur: { text: string; line: number; href?: string }, bold: boolean): void => {
    if (n.type === 'text') cur.text += n.value;
    else if (n.type === 'element') {
      if (n.tagName === 'br' && !bold) {
        out.push({ ...cur });
        cur.text = '';
        cur.href = undefined;
        cur.line += 1;
      } else if (n.tagName === 'br') cur.text += ' ';
      else {
        if (n.tagName === 'a' && typeof n.properties.href === 'string') cur.href = n.properties.href;
        for (const c of n.children) visit(c, cur, bold || n.tagName === 'strong');
      }
    }
  };
  for (const n of nodes) {
    if (n.type !== 'element') continue;
    const cur = { text: '', line: n.position?.start.line ?? 0, href: undefined as string | undefined };
    for (const c of n.children) visit(c, cur, false);
    out.push(cur);
  }
  return out;
}

function value(l: ContactLine): ElementContent {
  // A phone number is text (the preflight allows http(s) and mailto links only).
  const href = l.kind === 'email' ? `mailto:${l.value}` : l.kind === 'phone' ? undefined : l.href ?? (l.kind === 'web' ? (/^https?:/.test(l.value) ? l.value : `https://${l.value}`) : undefined);
  return href ? el('a', 'contacts__value', [text(l.value)], { href }) : el('span', 'contacts__value', [text(l.value)]);
}

/** The panel: per group a heading, then per person their name and role beside their fields. */
export function contactPanel(block: ContactBlock, labels: ContactLabels): Element {
  const groups: Element[] = [];
  for (const [i, g] of block.groups.entries()) {
    const names = g.lines.filter((l) => l.kind === 'name').length;
    const heading = g.heading && (g.heading.kind === 'coordinator' ? (names > 1 ? labels.coordinators : labels.coordinator) : g.heading.kind === 'preparedBy' ? labels.preparedBy : g.heading.text);
    const children: ElementContent[] = heading ? [el('p', ['contacts__heading', ...(g.lines.length || i > 0 ? [] : ['contacts__heading--alone'])], [text(heading)])] : [];
    // One person: a name with the lines after it (a group may hold several, or only fields).
    const people: ContactLine[][] = [];
    for (const l of g.lines) {
      if (l.kind === 'name' || !people.length) people.push([]);
      people.at(-1)!.push(l);
    }
    for (const p of people) {
      const who = p.filter((l) => l.kind === 'name' || l.kind === 'role' || l.kind === 'note').map((l) => el('p', `contacts__${l.kind}`, [text(l.value)]));
      const fields = p.filter((l) => !['name', 'role', 'note'].includes(l.kind));
      const rows = fields.map((l, k) => {
        // A second address of the same kind under one label.
        const again = k > 0 && fields[k - 1]!.kind === l.kind;
        return el('div', ['contacts__field', `contacts__field--${l.kind}`], [el('dt', 'contacts__label', again ? [] : [text(labels[l.kind as ContactField])]), el('dd', 'contacts__data', [value(l)])]);
      });
      children.push(el('div', 'contacts__person', [el('div', 'contacts__who', who), ...(rows.length ? [el('dl', 'contacts__fields', rows)] : [])]));
    }
    groups.push(el('div', 'contacts__group', children));
  }
  return el('div', 'contacts', groups, { role: 'group', ariaLabel: labels.label });
}

const rehypeContactBlock: Plugin<[ContactLabels], Root> = (labels) => (tree, file) => {
  const at = tree.children.findIndex((n) => n.type === 'element' && n.tagName === 'hr');
  if (at < 0) return;
  const rest = tree.children.splice(at);
  rest.shift();
  // Footnotes stay outside the contact block.
  const notesAt = rest.findIndex((n) => n.type === 'element' && n.tagName === 'ol' && String((n.properties.className as string[] | undefined) ?? '').includes('footnotes'));
  const tail = notesAt >= 0 ? rest.splice(notesAt) : [];
  const block = parseContacts(blockLines(rest));
  for (const p of block.prose) {
    const m = file.message(`"${p.text.slice(0, 40)}…" is not a contact: printed after the section's text, not in the contact panel`, { line: p.line, column: 1 });
    m.note = 'the contact block (after ---) holds names, roles and "Label: value" lines; move other text above the ---';
  }
  tree.children.unshift(contactPanel(block, labels));
  if (block.prose.length) tree.children.push(el('div', 'section__closing', block.prose.map((p) => el('p', [], [text(p.text)]))));
  tree.children.push(...tail);
};

export default rehypeContactBlock;
