/**
 * The manifest's figures against the sections' own text: every figure quotes the phrase
 * that states it, the quote is in the section, and the number is in the quote. Permits are
 * also read independently from each section's permit line.
 */
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../scripts/load/edition.js';
import { defaultPaths } from '../../scripts/config.js';

const paths = defaultPaths();
const edition = loadEdition({ contentDir: paths.content, templatesDir: paths.templates, edition: '2025', lang: 'lv' });
const entries = edition.manifest.entries;

/** A section's lines as plain text: no **, no footnote calls, no hard-break backslashes. */
const plainLines = (md: string) => md.split('\n').map((l) => l.replace(/\*\*/g, '').replace(/\[\^[^\]]+\]/g, '').replace(/\\$/, ''));
const hasQuote = (md: string, quote: string) => plainLines(md).some((l) => l.includes(quote));
/** Numbers written in a phrase: "11 253" and "11253" are both 11253; "0,5" is 0.5. */
const numbersIn = (s: string) => [...s.matchAll(/\d{1,3}(?:[  ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?/g)].map((m) => Number(m[0].replace(/[  ]/g, '').replace(',', '.')));
const ONE = /(viens|viena|vienas|pilna|pilnas|pilnu)/i;

describe('manifest', () => {
  it('has the 42 municipalities and 4 planning regions, in the published order', () => {
    expect(entries.filter((e) => e.kind !== 'planosanas-regions')).toHaveLength(42);
    expect(entries.filter((e) => e.kind === 'planosanas-regions')).toHaveLength(4);
    expect(entries.at(0)!.id).toBe('aizkraukles-novads');
    expect(entries.at(-1)!.id).toBe('zemgales-planosanas-regions');
  });
});

describe.each(entries.map((e) => [e.id, e] as const))('%s', (id, entry) => {
  const md = edition.sections.get(id)!.text;

  it('coordinator load is quoted from the section, with its FTE', () => {
    const c = entry.coordinator;
    if (!c) return expect(entry.kind).toBe('planosanas-regions');
    expect(hasQuote(md, c.source), `quote not in ${id}.md: "${c.source}"`).toBe(true);
    if (c.fte !== undefined) {
      const stated = numbersIn(c.source).includes(c.fte) || (c.fte === 1 && ONE.test(c.source));
      expect(stated, `FTE ${c.fte} is not what "${c.source}" says`).toBe(true);
    }
  });

  it('permits equal the number on the section’s permit line', () => {
    const line = plainLines(md).find((l) => /Izsniegto neformālās izglītības programmu atļauju skaits/.test(l));
    if (entry.kind === 'planosanas-regions') {
      expect(entry.permits).toBeUndefined();
      return;
    }
    expect(line, `${id}.md has no permit line`).toBeDefined();
    const stated = numbersIn(line!.split(':').slice(1).join(':'));
    expect(stated).toHaveLength(1);
    expect(entry.permits?.value).toBe(stated[0]);
    expect(hasQuote(md, entry.permits!.source)).toBe(true);
  });

  it('engaged residents are the numbers the section states', () => {
    const g = entry.engaged;
    if (!g) return expect(entry.kind).toBe('planosanas-regions');
    for (const q of g.sources ?? []) expect(hasQuote(md, q), `quote not in ${id}.md: "${q}"`).toBe(true);
    if ('value' in g) {
      const quoted = g.sources.flatMap(numbersIn);
      const parts = g.parts ?? [g.value];
      expect(parts.filter((p) => !quoted.includes(p)), `numbers not in the quotes of ${id}`).toEqual([]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(g.value);
    } else {
      expect(g.tracked).toBe(false);
    }
  });
});
