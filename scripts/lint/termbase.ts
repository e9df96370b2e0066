/**
 * The English texts against the termbase (content/glossary.yaml): a forbidden variant ("NVO",
 * "Bank of Latvia", "lines of action") and a Latvian name left in the running text without
 * italics (the name policy: English first, the Latvian original in italics at its first
 * mention) are warnings at file:line:col, each saying what the termbase prefers.
 *
 * Allowed as they are: places and the manifest's names (Alūksne, Rīga State City), the
 * termbase's `names:` and `keep` terms (Latvijas Banka), people's names (two or three
 * capitalised words), and anything in italics (a Latvian original).
 */
import type { Diagnostic } from '../lib/diagnostics.js';
import type { Glossary, TermEntry } from '../validate/glossary.js';
import { isLatvianWord, LATVIAN_LETTER, readText, type TextPiece } from './text.js';

export interface Termbase {
  glossary: Glossary;
  /** The termbase's file and the line of each term, for the hints. */
  file: string;
  lineOf: (index: number) => number;
  /** Latvian words allowed as they are: places, the manifest's names, the termbase's names. */
  names: ReadonlySet<string>;
}

const WORD = /[\p{L}\p{M}]+/gu;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A phrase as a whole-word pattern (an acronym exact, other words in any case). */
const phrase = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(s).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, /^[A-Z0-9+&]+$/.test(s) ? 'gu' : 'giu');

/** A Latvian word without its case ending, so "pārvaldes" and "pārvalde" meet. */
export const stem = (w: string) => {
  const l = w.toLocaleLowerCase('lv');
  return l.length > 4 ? l.replace(/(iem|ām|ās|ai|ei|ij|am|em|im|um|as|es|is|us|os|a|e|i|u|s|š|ā|ē|ī|ū|o)$/u, '') : l;
};

/** The term a run of Latvian words names (its stems in order), if the termbase has it. */
export function termFor(words: string[], terms: readonly TermEntry[]): TermEntry | undefined {
  const stems = words.map(stem).join(' ');
  let best: TermEntry | undefined;
  for (const t of terms) {
    const ts = (t.lv.match(WORD) ?? []).map(stem).join(' ');
    if (ts && ` ${stems} `.includes(` ${ts} `) && (!best || ts.length > best.lv.length)) best = t;
  }
  return best;
}

/** Forbidden variants of a term: its `not:` list and its Latvian acronym where English has another. */
const variantsOf = (t: TermEntry) => [...t.not, ...(t.lvAbbr && t.lvAbbr !== t.enAbbr ? [t.lvAbbr] : [])];

export function lintTermbase(file: string, source: string, tb: Termbase, { markdown = true } = {}): Diagnostic[] {
  const text = markdown ? readText(source) : plainText(source);
  const out: Diagnostic[] = [];
  const at = (piece: TextPiece, index: number, length: number) => ({ file, ...text.position(text.locate(piece, index, length)) });
  const terms = tb.glossary.terms;
  const variants = terms.flatMap((t, i) => variantsOf(t).map((v) => ({ v, re: phrase(v), t, i })));
  const kept = terms.filter((t) => t.original === 'keep').map((t) => phrase(t.lv));
  for (const piece of text.pieces) {
    // An italic Latvian original may hold anything Latvian (IZM, NVO): it is the original.
    const original = piece.italic && LATVIAN_LETTER.test(piece.value);
    if (!original) {
      for (const { v, re, t, i } of variants) {
        for (const m of piece.value.matchAll(re)) {
          // A variant in another case ("adult education days") must not catch the preferred form.
          if (m[0] === t.en || m[0] === t.enAbbr) continue;
          out.push({
            ...at(piece, m.index, m[0].length),
            severity: 'warning',
            message: `"${m[0]}" in English text: the termbase says "${t.en}"${t.enAbbr && t.enAbbr !== t.en ? ` (${t.enAbbr})` : ''}`,
            hint: `${t.lv} → ${t.en}${t.enAbbr ? ` (${t.enAbbr})` : ''}; not ${variantsOf(t).map((x) => `"${x}"`).join(', ')} (${tb.file}:${tb.lineOf(i)})`,
          });
        }
      }
    }
    if (piece.italic) continue;
    let value = piece.value;
    for (const re of kept) value = value.replace(re, (m) => ' '.repeat(m.length));
    for (const run of latvianRuns(value, tb.names)) {
      const t = termFor(run.words, terms);
      out.push({
        ...at(piece, run.index, run.text.length),
        severity: 'warning',
        message: `Latvian "${run.text}" in English text without italics`,
        hint: t
          ? `the termbase says "${t.en}"${t.original === 'first-mention' ? `, with the Latvian original in italics at its first mention in a section: ${t.en} (*${t.lv}*)` : ''} (${tb.file}:${tb.lineOf(terms.indexOf(t))})`
          : `write the English name first and the Latvian original in italics at its first mention (*${run.text}*), or add it to names: in ${tb.file} if it stands as it is (a place, a brand)`,
      });
    }
  }
  return out;
}

/** Runs of Latvian words (separated by spaces only) that are not allowed names or a person's name. */
export function latvianRuns(value: string, names: ReadonlySet<string>): { index: number; text: string; words: string[] }[] {
  const runs: { index: number; end: number; words: string[] }[] = [];
  for (const m of value.matchAll(WORD)) {
    const w = m[0];
    if (!isLatvianWord(w) || names.has(w)) continue;
    const last = runs.at(-1);
    // Words of one name are separated by spaces; one word between two Latvian ones that has no
    // Latvian letter of its own ("Nacionālie koordinatori dalības") belongs to the name too.
    const gap = last ? value.slice(last.end, m.index) : '';
    if (last && (/^\s+$/.test(gap) || /^\s+[\p{L}\p{M}]+\s+$/u.test(gap))) {
      last.words.push(...(gap.trim() ? [gap.trim()] : []), w);
      last.end = m.index + w.length;
    } else runs.push({ index: m.index, end: m.index + w.length, words: [w] });
  }
  return runs
    .filter((r) => !isPersonName(value, r))
    .map((r) => ({ index: r.index, text: value.slice(r.index, r.end), words: r.words }));
}

/** Two or three capitalised words standing together: a person ("Ilze Buņķe", "Jeļena Muhina"). */
function isPersonName(value: string, r: { index: number; end: number; words: string[] }): boolean {
  if (!r.words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w))) return false;
  const before = /(?:\p{Lu}\p{Ll}+\s+)*$/u.exec(value.slice(0, r.index))![0];
  const after = /^(?:\s+\p{Lu}\p{Ll}+)*/u.exec(value.slice(r.end))![0];
  const size = `${before}${value.slice(r.index, r.end)}${after}`.trim().split(/\s+/).length;
  return size >= 2 && size <= 3;
}

/** A YAML or plain text file as one piece per line (texts.yaml, the interface messages). */
function plainText(source: string): ReturnType<typeof readText> {
  const pieces: TextPiece[] = [];
  let offset = 0;
  for (const line of source.split('\n')) {
    const body = line.replace(/^\s*#.*$/, '');
    pieces.push({ value: body.replace(/(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/g, (m) => ' '.repeat(m.length)), start: offset, end: offset + line.length, italic: false, contact: false });
    offset += line.length + 1;
  }
  const lineStarts = pieces.map((p) => p.start);
  return {
    pieces,
    items: [],
    position: (o) => {
      const i = lineStarts.findLastIndex((s) => s <= o);
      return { line: i + 1, column: o - lineStarts[i]! + 1 };
    },
    locate: (p, index) => p.start + index,
  };
}
