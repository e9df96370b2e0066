/**
 * The English edition of 2025 reads as English: in its PDF's text (URLs and e-mail addresses
 * left out) the Latvian acronym "NVO" never occurs, and Latvian words in running text are
 * under 200 (the first English edition had about 2,300 by this count).
 *
 * A word is Latvian when it has a letter only Latvian has (āčēģīķļņšūž) or is one of the
 * frequent Latvian words of names that have none ("un", "novada", "centrs" …). Not counted:
 * allowed names (places: the manifest's English names and the termbase's `names:`; names the
 * termbase keeps as they are, such as Latvijas Banka; people named in a contact panel or a
 * signature), the Latvian originals the English gives in italics (`<em lang="lv">` in the
 * HTML), and URLs and e-mail addresses (the printed links of the HTML). The words of the HTML
 * are taken away from the PDF's words as a multiset, so each printed original or link takes
 * away just its own words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { pageTexts } from '../support/pdf.js';
import { rawManifest } from '../support/manifest.js';
import { REPORT_EN_DIR, REPORT_EN_PDF, ROOT } from '../support/paths.js';

const LIMIT = 200;
const LATVIAN_LETTER = /[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]/;
const PLAIN = new Set(
  'un ar uz vai novada novads novadu centrs centra centru iela nams nama pagasta pagasts valsts dienests dienesta zinātnes ministrija ministrijas tautas skola skolas vidusskola vidusskolas tehnikums tehnikuma padome padomes fonds fonda muzejs muzeja atbalsta resursu programma programmas projekts projekta biedrība nodaļa pārvalde'.split(' '),
);
const isLatvian = (w: string) => LATVIAN_LETTER.test(w) || PLAIN.has(w.toLocaleLowerCase('lv'));
const WORD = /[\p{L}\p{M}]+/gu;
const words = (s: string) => s.match(WORD) ?? [];

/** The PDF's text as words: soft hyphens out, a word broken at a line end whole again. */
function pdfWords(): string[] {
  const text = pageTexts(REPORT_EN_PDF)
    .join('\n')
    .replaceAll('\u00AD', '')
    .replace(/(\p{L})-\n\s*(\p{Ll})/gu, '$1$2');
  // URLs and e-mail addresses the text still shows in one piece.
  return words(text.replace(/\S*(?:https?:\/\/|www\.|@)\S*/g, ' '));
}

function htmlParts() {
  const { document } = parseHTML(readFileSync(join(REPORT_EN_DIR, 'report.html'), 'utf8'));
  const text = (el: Element) => (el.textContent ?? '').replaceAll('\u00AD', '');
  const originals = [...document.querySelectorAll('em[lang="lv"]')].map(text);
  const links = [...document.querySelectorAll('a')].map(text).filter((t) => /https?:\/\/|www\.|@|\.lv\b/.test(t));
  // People: a paragraph that opens with a name (two or three capitalised words, a surname
  // maybe double-barrelled) standing alone or before a comma: contacts, signatures.
  const NAME = /^\s*(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2})(?:,|\s*$)/u;
  const people = [...document.querySelectorAll('p')].map((p) => NAME.exec(text(p).split('\n')[0]!)?.[1]).filter((n): n is string => n !== undefined);
  return { originals, links, people, body: text(document.body as unknown as Element) };
}

/** The allowed names: places and names kept as they are. */
function allowedNames(): Set<string> {
  const names = new Set<string>();
  for (const e of rawManifest() as { name: Record<string, string>; shortName?: Record<string, string> }[]) for (const n of [e.name.en, e.shortName?.en]) for (const w of words(n ?? '')) names.add(w.toLocaleLowerCase('lv'));
  const glossary = parse(readFileSync(join(ROOT, 'content', 'glossary.yaml'), 'utf8')) as { names?: string[]; terms: { lv: string; original?: string }[] };
  for (const n of glossary.names ?? []) for (const w of words(n)) names.add(w.toLocaleLowerCase('lv'));
  for (const t of glossary.terms) if (t.original === 'keep') for (const w of words(t.lv)) names.add(w.toLocaleLowerCase('lv'));
  return names;
}

/** Latvian words of the PDF's running text, by word, after the HTML's originals, links and people are taken away. */
export function latvianWords(): Map<string, number> {
  const allowed = allowedNames();
  const bag = new Map<string, number>();
  for (const w of pdfWords()) if (isLatvian(w) && !allowed.has(w.toLocaleLowerCase('lv'))) bag.set(w, (bag.get(w) ?? 0) + 1);
  const { originals, links, people } = htmlParts();
  for (const w of [...originals, ...links, ...people].flatMap(words)) {
    const n = bag.get(w);
    if (n) bag.set(w, n - 1);
  }
  for (const [w, n] of bag) if (n === 0) bag.delete(w);
  return bag;
}

describe('English edition 2025: English text', () => {
  it('has no "NVO" (the English acronym is NGO)', () => {
    const text = pageTexts(REPORT_EN_PDF).join('\n').replace(/\S*(?:https?:\/\/|www\.|@)\S*/g, ' ');
    expect(text.match(/(?<![\p{L}\p{N}])NVO(?![\p{L}\p{N}])/gu) ?? []).toEqual([]);
  });

  it(`has fewer than ${LIMIT} Latvian words in its running text`, () => {
    const bag = latvianWords();
    const total = [...bag.values()].reduce((a, b) => a + b, 0);
    const top = [...bag].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([w, n]) => `${w} ${n}`).join(', ');
    expect(total, `Latvian words in running text (most frequent: ${top})`).toBeLessThan(LIMIT);
    // The count sees Latvian where there is some: the italic originals are there to take away.
    expect(htmlParts().originals.length).toBeGreaterThan(0);
  });
});
