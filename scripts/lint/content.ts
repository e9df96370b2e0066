/**
 * What a proof-reader catches mechanically, in every language: warnings at file:line:col.
 *
 * - year: a year outside 1990–2100 ("20205. gadā", "in 20205");
 * - acronym: an acronym the abbreviations chapter does not list and the section does not
 *   expand itself ("… (ZPR)");
 * - figure: a number of permits in a section's text that contradicts its manifest figure
 *   (Ķekava's "74" where the manifest has 27), citing the manifest's note;
 * - repeated item: a list item that repeats another of the same section word for word.
 */
import type { Diagnostic } from '../lib/diagnostics.js';
import { readText } from './text.js';
import { defineStage } from '../lib/stage.js';

export const YEARS = { from: 1990, to: 2100 } as const;

/** Numbers used as years: "2025. gadā", "2022.–2027. gadam", "01.11.2024", "in 2025", "2022–2027". */
const YEAR_CONTEXTS = [
  /(?<![\d.,])(\d{4,5})\\?\.?\s*(?:[-–]\s*\d{4,5}\\?\.?\s*)?(?:gad|g\.)/gu,
  /(?<![\d.,])\d{4,5}\\?\.?\s*[-–]\s*(\d{4,5})\\?\.?\s*(?:gad|g\.)/gu,
  /\b\d{1,2}\.\d{1,2}\.(\d{4,5})(?!\d)/gu,
  /\b(?:in|since|until|by|during|from|to|of|year|January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4,5})(?![\d,.]\d)/giu,
  /(?<![\d.,/])(\d{4,5})\s*[-–]\s*\d{4,5}(?![\d,.]\d)/gu,
  /(?<![\d.,/])\d{4,5}\s*[-–]\s*(\d{4,5})(?![\d,.]\d)/gu,
];

/** Abbreviations no reader needs expanded: company forms, the currency, the EU, common words and brands. */
export const COMMON_ACRONYMS = new Set(['SIA', 'AS', 'EUR', 'EU', 'ES', 'IT', 'TV', 'MS', 'STEM', 'PDF', 'CERT', 'YAMAHA', 'RISEBA', 'LV']);

export interface ContentLintInput {
  file: string;
  text: string;
  /** Acronyms the edition's abbreviations chapter lists. */
  acronyms?: ReadonlySet<string>;
  /** The manifest's permits figure of this section, with its note and place. */
  permits?: { value: number; note?: string; where: string };
  lang: string;
}

export function lintContent({ file, text, acronyms, permits, lang }: ContentLintInput): Diagnostic[] {
  const read = readText(text);
  const out: Diagnostic[] = [];
  const warn = (offset: number, message: string, hint?: string) => out.push({ file, ...read.position(offset), severity: 'warning', message, ...(hint ? { hint } : {}) });
  const seenAcronyms = new Set<string>();
  const expanded = new Set<string>();
  for (const piece of read.pieces) for (const m of piece.value.matchAll(/\(([A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,}[0-9+]*)[;),]/gu)) expanded.add(m[1]!);
  for (const piece of read.pieces) {
    const years = new Set<number>();
    for (const re of YEAR_CONTEXTS) {
      for (const m of piece.value.matchAll(re)) {
        const digits = m[1]!;
        const index = m.index + m[0].indexOf(digits);
        const y = Number(digits);
        if (!/^(19|20)/.test(digits) || (y >= YEARS.from && y <= YEARS.to) || years.has(index)) continue;
        years.add(index);
        warn(read.locate(piece, index, digits.length), `the year ${digits} is outside ${YEARS.from}–${YEARS.to}`, digits.length === 5 ? `a digit too many? (${digits.slice(0, 4)} or ${digits.slice(0, 3)}${digits.slice(4)})` : 'check the year');
      }
    }
    // An italic original (a Latvian title) is quoted as it is; its capitals are its own.
    if (acronyms && !piece.italic) {
      for (const m of piece.value.matchAll(/(?<![\p{L}\p{N}])([A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,6}[0-9+]?)(?![\p{L}\p{N}])/gu)) {
        const a = m[1]!;
        if (acronyms.has(a) || expanded.has(a) || seenAcronyms.has(a) || COMMON_ACRONYMS.has(a) || /^[IVXLC]+$/.test(a) || /\d/.test(a)) continue;
        // Not an acronym: a word of a title set in capitals ("ADULT EDUCATION IN MUNICIPALITIES"),
        // of a quoted name ("PROTI un DARI") or of a project number ("…-ERASMUS-EDU-2025").
        const before = piece.value.slice(0, m.index);
        const after = piece.value.slice(m.index + a.length);
        if (/[-/]$/.test(before) || /^[-/]/.test(after)) continue;
        if (/[A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,}\s+$/u.test(before) || /^\s+[A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,}(?![\p{L}])/u.test(after)) continue;
        if ((before.match(/[“„«]/g) ?? []).length > (before.match(/[”»]/g) ?? []).length || (before.match(/"/g) ?? []).length % 2 === 1) continue;
        seenAcronyms.add(a);
        warn(read.locate(piece, m.index, a.length), `the acronym ${a} is not in the abbreviations list`, `add it to the abbreviations chapter, or expand it at its first mention in this section: "… (${a})"`);
      }
    }
    if (permits) {
      const permitWord = lang === 'lv' ? /atļauj/i : /\bpermits?\b/i;
      const nonFormal = lang === 'lv' ? /neformāl/i : /non-formal/i;
      for (const sentence of piece.value.matchAll(/[^.;:!?]+/g)) {
        const s = sentence[0];
        if (!permitWord.test(s) || !nonFormal.test(s)) continue;
        for (const n of s.matchAll(/(?<![\d.,/–-])\d{1,4}(?![\d.,/–-]?\d)/g)) {
          const value = Number(n[0]);
          if (value === permits.value || (value >= YEARS.from && value <= YEARS.to)) continue;
          // "permits for 2 programmes" is no count of permits: only a number beside the permits.
          const gap = s.slice(n.index + n[0].length, n.index + n[0].length + 60);
          if (!permitWord.test(gap) && !nonFormal.test(gap)) continue;
          warn(read.locate(piece, sentence.index + n.index, n[0].length), `${n[0]} permits here, but the manifest gives ${permits.value} for this section`, `${permits.where}${permits.note ? `: ${permits.note}` : ''}`);
        }
      }
    }
  }
  const seen = new Map<string, number>();
  for (const item of read.items) {
    const key = item.list + ':' + item.text.toLocaleLowerCase(lang).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (item.text.split(' ').length < 2) continue;
    const first = seen.get(key);
    if (first !== undefined) warn(item.start, `this list item repeats line ${read.position(first).line} of the same list word for word`, 'remove the repetition (or say what differs)');
    else seen.set(key, item.start);
  }
  return out;
}

/** The acronyms of an abbreviations chapter: the first cell of each table row. */
export function abbreviationsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^\|\s*([^|\s][^|]*?)\s*\|/gm)) if (!/^-+$/.test(m[1]!)) out.add(m[1]!);
  return out;
}

/**
 * The content lint of one text as a stage: a build lints all 50 texts every time (~0.45 s of
 * Markdown parsing), and a correction changes one; the others' findings come from the cache.
 */
export const contentLintStage = defineStage<ContentLintInput, Diagnostic[]>({ name: 'lint', module: import.meta.url, run: lintContent });

