/**
 * The data-driven page elements of the built 2025 report, in both editions: each municipality's
 * key figures (from the raw manifest), each contact panel (the parsed fields of the HTML, and
 * the source's addresses and numbers, as the PDF prints them), every field label (its canonical
 * one). Read back from the PDFs with pdftotext; nothing here asks the pipeline what it did.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { municipalitiesOf, rawManifest, type RawEntry } from '../support/manifest.js';
import { REPORT_EN_DIR, REPORT_EN_PDF, REPORT_HTML, REPORT_PDF, ROOT } from '../support/paths.js';
import { execFileSync } from 'node:child_process';
import { pageTexts } from '../support/pdf.js';
import { printedToc, sectionSlice } from '../support/report.js';
import { plainQuotes } from '../support/words.js';
import { alphabetical, fieldLabels, sourceParts, STRIP_FIELDS } from '../support/sources.js';

interface Messages {
  regions: Record<string, string>;
  numbers: { thousands: string; decimal: string };
  categories: { coordinator: Record<string, string> };
  keyFigures: Record<string, string>;
  contacts: Record<string, string>;
}

const EDITIONS = [
  { lang: 'lv', pdf: REPORT_PDF, html: REPORT_HTML },
  { lang: 'en', pdf: REPORT_EN_PDF, html: join(REPORT_EN_DIR, 'report.html') },
] as const;

/** Whitespace and hyphens out: a value may wrap anywhere in its column, a word at its hyphen. */
const flat = (s: string) => plainQuotes(s.replace(/[\s\u00ad\u2010-]+/g, ''));

describe.each(EDITIONS)('$lang edition', ({ lang, pdf, html }) => {
  const messages = parse(readFileSync(join(ROOT, 'templates', 'messages', `${lang}.yaml`), 'utf8')) as Messages;
  const pages = pageTexts(pdf);
  const toc = printedToc(pdf, { lang });
  const parts = sourceParts('2025', lang);
  const entries = rawManifest();
  const sectionText = (title: string) => {
    const at = toc.findIndex((e) => e.title === title);
    if (at < 0) throw new Error(`${title} is not in the contents`);
    return sectionSlice(pages.slice(toc[at]!.page - 1, toc[at + 1]!.page).join('\n'), title, toc[at + 1]!.title);
  };
  const number = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, messages.numbers.thousands);

  describe('key figures: under each municipality’s heading, from the manifest', () => {
    const munis = municipalitiesOf(entries) as (RawEntry & { coordinator?: { load: string; fte?: number } })[];

    it.each(munis.map((e) => [e.id, e] as const))('%s', (_id, e) => {
      const first = sectionText(e.name[lang]!.toLocaleUpperCase(lang)).split('\n\f')[0]!;
      const page = flat(pages[toc.find((t) => t.title === e.name[lang]!.toLocaleUpperCase(lang))!.page - 1]!);
      const expected: [string, string][] = [[messages.keyFigures.region!, messages.regions[e.region]!]];
      if (e.coordinator) expected.push([messages.keyFigures.coordinator!, messages.categories.coordinator[e.coordinator.load]!]);
      if (e.engaged) expected.push([messages.keyFigures.engaged!, typeof e.engaged.value === 'number' ? number(e.engaged.value) : messages.keyFigures.notTracked!]);
      if (e.permits) expected.push([messages.keyFigures.permits!, number(e.permits.value)]);
      // Each label (set in capitals) and its value, on the section's first page, before the text.
      for (const [label, value] of expected) {
        expect(page, `${label} of ${e.id}`).toContain(flat(label.toLocaleUpperCase(lang)));
        expect(page, `${value} (${label}) of ${e.id}`).toContain(flat(value));
      }
      expect(first.length).toBeGreaterThan(0);
    });
  });

  describe('contact panels: labels and values from the parsed fields', () => {
    const source = readFileSync(html, 'utf8');
    /** A section's panel (one line of the HTML, after its section's opening tag), parsed alone: the whole document is large. */
    const panelOf = (id: string) => {
      const from = source.indexOf('<div class="contacts"', source.indexOf(`id="${id}"`));
      if (from < 0) return null;
      return parseHTML(`<!doctype html><html><body>${source.slice(from, source.indexOf('\n', from))}</body></html>`).document.querySelector('.contacts');
    };
    const labels = new Set([messages.contacts.email, messages.contacts.phone, messages.contacts.web, messages.contacts.address]);
    const sections = parts.filter((p) => p.kind === 'section');

    it.each(sections.map((s) => [s.id, s] as const))('%s', (id, section) => {
      const panel = panelOf(id);
      expect(panel, `${id} has a contact panel`).not.toBeNull();
      const n = toc.find((t) => t.title === section.title)!.page;
      const page = flat(pages[n - 1]!);
      const lines = execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }).split('\n').map(flat);
      // Every label is a canonical one, printed on one line with its value (its start, should
      // the value wrap), on the section's first page.
      const text = (e: Element | null) => (e?.textContent ?? '').replaceAll('\u00ad', '').trim();
      let lastLabel = '';
      const printed: string[] = [];
      for (const row of panel!.querySelectorAll('.contacts__field')) {
        const dt = text(row.querySelector('dt'));
        const label = dt || lastLabel;
        const value = text(row.querySelector('dd'));
        expect(labels.has(label), `"${label}" is a label of the message file`).toBe(true);
        expect(page, `${id}: ${value}`).toContain(flat(value));
        if (dt) expect(lines.some((l) => l.includes(flat(dt)) && l.includes(flat(value).slice(0, 12))), `${id}: "${dt} ${value}" on one line`).toBe(true);
        printed.push(value);
        lastLabel = label;
      }
      for (const name of panel!.querySelectorAll('.contacts__name')) expect(page).toContain(flat(text(name)));
      // From the source: every e-mail address and phone number it typed is a printed value.
      const emails = section.contacts.match(/[^\s<>:]+@[^\s<>]+\.[a-z]{2,}/gi) ?? [];
      for (const a of emails) expect(printed, `${id}: ${a}`).toContain(a);
      const phones = [...section.contacts.matchAll(/(?:\+371\s?)?\b(\d{8})\b/g)].map((m) => m[1]!);
      const printedDigits = printed.map((v) => v.replace(/\D/g, ''));
      for (const p of phones) expect(printedDigits, `${id}: ${p}`).toContain(`371${p}`);
      // No variant label the source typed is printed in the panel.
      const typed = [...section.contacts.matchAll(/^(E[-:]?pasts|e-pasts|Telefona [nN]r\.?|Tālrunis|Mājas lapa|E-mail|Phone|Website)\s*:?/gm)].map((m) => m[1]!);
      const panelText = text(panel);
      for (const t of typed.filter((t) => !labels.has(t))) expect(panelText, id).not.toContain(t);
    });
  });

  describe('field labels: each printed as its canonical one', () => {
    const byVariant = fieldLabels(lang);
    const canonical = new Set([...byVariant.values()].map(([, l]) => l));
    const sections = parts.filter((p) => p.kind === 'section');

    it.each(sections.map((s) => [s.id, s] as const))('%s', (id, section) => {
      const municipality = entries.find((e) => e.id === id)!.kind !== 'planosanas-regions';
      const text = flat(sectionText(section.title));
      // The source's fields: each bold label at the start of a top-level item, by field.
      const md = readFileSync(join(ROOT, 'content', '2025', lang, 'sections', `${id}.md`), 'utf8');
      const want = new Map<string, number>();
      for (const m of md.matchAll(/^- \*\*([^*:]+):?([^*]*)\*\*:?(.*)$/gm)) {
        const field = byVariant.get(m[1]!.replace(/\s+/g, ' ').trim());
        if (!field) continue;
        const value = `${m[2]}${m[3]}`;
        if (municipality && STRIP_FIELDS.includes(field[0]) && /^[\s:]*\d[\d\s]*\.?\s*$/.test(value)) continue;
        want.set(field[1], (want.get(field[1]) ?? 0) + 1);
      }
      const count = (label: string) => text.split(flat(`${label}:`)).length - 1;
      for (const label of canonical) expect(count(label), `${id}: "${label}:"`).toBe(want.get(label) ?? 0);
      // A variant that is not the canonical label is never printed as a label.
      for (const [variant, [, label]] of byVariant) if (variant !== label && !label.includes(variant)) expect(count(variant), `${id}: "${variant}:"`).toBe(0);
    });
  });

  describe('apparatus', () => {
    const source = readFileSync(html, 'utf8');

    it('signs foreword and afterword with one .signature block each, on one page', () => {
      const blocks = [...source.matchAll(/<div class="signature">([\s\S]*?)<\/div>/g)].map((m) => [...m[1]!.matchAll(/<p class="signature__(?:name|line)">([\s\S]*?)<\/p>/g)].map((p) => p[1]!.replace(/<[^>]+>/g, ' ').replaceAll('\u00ad', '')));
      expect(blocks).toHaveLength(2);
      for (const lines of blocks) {
        const first = flat(lines[0]!);
        const last = flat(lines.at(-1)!).slice(-20);
        const page = pages.findLastIndex((p) => flat(p).includes(first)); // the name may also stand in the text before
        expect(page, lines[0]).toBeGreaterThanOrEqual(0);
        expect(flat(pages[page]!), `${lines[0]}: its last line on the same page`).toContain(last);
      }
    });

    it('orders the municipalities by the edition’s own collation, where the manifest is alphabetical', () => {
      const munis = alphabetical(municipalitiesOf(entries), lang).map((e) => e.name[lang]!.toLocaleUpperCase(lang));
      const printed = toc.map((e) => e.title).filter((t) => munis.includes(t));
      expect(printed).toEqual(munis);
    });

    it('prints the imprint with its suggested citation (the manifest’s year and the document title)', () => {
      const t = parse(readFileSync(join(ROOT, 'content', '2025', lang, 'texts.yaml'), 'utf8')) as { author: string; documentTitle: string; imprint: { isbn?: string; licence?: string } };
      const year = (parse(readFileSync(join(ROOT, 'content', '2025', 'manifest.yaml'), 'utf8')) as { edition: { year: number } }).edition.year;
      const imprint = flat(pages[1]!);
      expect(imprint).toContain(flat(`${t.author} (${year}). ${t.documentTitle}.`));
      if (t.imprint.licence) expect(imprint).toContain(flat(t.imprint.licence));
      expect(imprint.includes('ISBN')).toBe(Boolean(t.imprint.isbn));
    });
  });
});
