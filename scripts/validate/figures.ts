/**
 * The manifest's figures against the sections' own text, at every build: each figure and code
 * quotes the phrase of the section that states it; the quote must be in the section, and the
 * number in the quote must be the figure. A section corrected without its manifest entry (or
 * the other way round) fails here, naming both places.
 */
import type { Diagnostic } from '../lib/diagnostics.js';
import type { Entry } from './schema.js';

/** A section's lines as plain text: no **, no footnote calls, no hard-break backslashes. */
export const plainLines = (md: string) => md.split('\n').map((l) => l.replace(/\*\*/g, '').replace(/\[\^[^\]]+\]/g, '').replace(/\\$/, ''));

/** Numbers written in a phrase: "11 253" and "11253" are both 11253; "0,5" is 0.5. */
export const numbersIn = (s: string) =>
  [...s.matchAll(/\d{1,3}(?:[  ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?/g)].map((m) => Number(m[0].replace(/[  ]/g, '').replace(',', '.')));

const ONE = /(viens|viena|vienas|pilna|pilnas|pilnu)/i;

export interface FigureCheckInput {
  entries: readonly Entry[];
  /** Section text by entry id (the source language's). */
  sections: ReadonlyMap<string, { file: string; text: string }>;
  manifestFile: string;
  /** Line/column of a manifest node. */
  locate(path: readonly PropertyKey[]): { line: number; column?: number };
}

export function checkFigures({ entries, sections, manifestFile, locate }: FigureCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  entries.forEach((entry, i) => {
    const section = sections.get(entry.id);
    if (!section) return;
    const lines = plainLines(section.text);
    const lineOf = (quote: string) => lines.findIndex((l) => l.includes(quote)) + 1;
    const at = (path: PropertyKey[]) => ({ file: manifestFile, ...locate(['entries', i, ...path]) });
    const missing = (path: PropertyKey[], what: string, quote: string) =>
      out.push({
        ...at(path),
        message: `${entry.id}: the ${what} quotes "${quote}", which ${section.file.split('/').slice(-3).join('/')} does not contain`,
        hint: `if the section was corrected, copy the new phrase (and number) here; if this quote is right, the section lost it (see ${section.file})`,
      });
    const wrongNumber = (path: PropertyKey[], what: string, value: number, quote: string) => {
      const line = lineOf(quote);
      out.push({
        ...at(path),
        message: `${entry.id}: the ${what} is ${value}, but the quoted phrase "${quote}" (${section.file.split('/').slice(-1)[0]}${line ? `:${line}` : ''}) states ${numbersIn(quote).join(', ') || 'no number'}`,
        hint: 'change the value and the quote together, as the section states it',
      });
    };

    const c = entry.coordinator;
    if (c) {
      if (!lineOf(c.source)) missing(['coordinator', 'source'], 'coordinator load', c.source);
      else if (c.fte !== undefined && !(numbersIn(c.source).includes(c.fte) || (c.fte === 1 && ONE.test(c.source)))) wrongNumber(['coordinator', 'fte'], 'coordinator FTE', c.fte, c.source);
    }
    const p = entry.permits;
    if (p) {
      if (!lineOf(p.source)) missing(['permits', 'source'], 'number of permits', p.source);
      else if (!numbersIn(p.source).includes(p.value)) wrongNumber(['permits', 'value'], 'number of permits', p.value, p.source);
    }
    const g = entry.engaged;
    if (g) {
      (g.sources ?? []).forEach((q, k) => {
        if (!lineOf(q)) missing(['engaged', 'sources', k], 'number of engaged residents', q);
      });
      if ('value' in g) {
        const quoted = g.sources.flatMap(numbersIn);
        const parts = g.parts ?? [g.value];
        if (parts.some((n) => !quoted.includes(n))) wrongNumber(['engaged', g.parts ? 'parts' : 'value'], 'number of engaged residents', g.value, g.sources.join('" + "'));
      }
    }
    const coding = entry.coding;
    if (coding) {
      if (!lineOf(coding.planning.evidence)) missing(['coding', 'planning', 'evidence'], 'planning code', coding.planning.evidence);
      for (const field of ['activities', 'implementers', 'partners', 'projects', 'targetGroups'] as const) {
        for (const [code, quote] of Object.entries(coding[field] ?? {})) {
          if (quote && !lineOf(quote)) missing(['coding', field, code], `code ${field}.${code}`, quote);
        }
      }
    }
  });
  return out;
}
