/**
 * Which entry a respondent is: the name as typed ("Aizkraukles novads", "AIZKRAUKLES NOVADA
 * PAŠVALDĪBA", "Aizkraukles nov. pašvaldība") against the entries' names in both languages,
 * short names and ids, first as written, then with the usual variants folded, then by a
 * fuzzy match (letters apart, or every word of the known name in the typed one). Each match
 * says how it was made, for the import's report.
 */
import type { Entry } from '../validate/schema.js';
import { distance } from '../lib/nearest.js';

export interface Match {
  id: string;
  how: 'exact' | 'variant' | 'fuzzy' | 'mapped';
  detail?: string;
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/["'“”„«»]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(pasvaldiba|pasvaldibas|dome|municipality|council|city|state|the|administracija)\b/g, ' ')
    .replace(/\bnov\b|\bnovada\b/g, 'novads')
    .replace(/\bvalstspilsetas\b|\bvalstspilseta\b|\bpilsetas\b|\bpilseta\b/g, 'valstspilseta')
    .replace(/\bplanosanas regiona\b/g, 'planosanas regions')
    .replace(/\s+/g, ' ')
    .trim();

export function matchRespondent(typed: string, entries: readonly Entry[], mapped: ReadonlyMap<string, string>): Match | undefined {
  const t = typed.trim();
  const m = mapped.get(t);
  if (m && entries.some((e) => e.id === m)) return { id: m, how: 'mapped', detail: 'import.yaml respondents:' };
  const names = (e: Entry) => [e.id, ...Object.values(e.name), ...Object.values(e.shortName ?? {})].filter((n): n is string => !!n);
  const exact = entries.find((e) => names(e).some((n) => n.trim() === t));
  if (exact) return { id: exact.id, how: 'exact' };
  const f = fold(t);
  const variant = entries.filter((e) => names(e).some((n) => fold(n) === f || fold(n.replace(/-/g, ' ')) === f));
  if (variant.length === 1) return { id: variant[0]!.id, how: 'variant', detail: `"${t}" read as "${variant[0]!.name.lv ?? variant[0]!.id}"` };
  // Fuzzy: the fewest letters apart (a typo), or every word of a known name in the typed one.
  const scored = entries
    .map((e) => {
      const best = Math.min(...names(e).map((n) => distance(fold(n), f)));
      const words = new Set(f.split(' '));
      const within = names(e).some((n) => fold(n).split(' ').every((w) => words.has(w)) && fold(n).length >= 4);
      return { e, best, within };
    })
    .sort((a, b) => a.best - b.best);
  const close = scored.filter((s) => s.best <= Math.max(2, Math.floor(f.length * 0.15)));
  if (close.length === 1 || (close.length > 1 && close[0]!.best < close[1]!.best)) return { id: close[0]!.e.id, how: 'fuzzy', detail: `"${t}" is ${close[0]!.best} letter(s) from "${close[0]!.e.name.lv ?? close[0]!.e.id}"` };
  const within = scored.filter((s) => s.within);
  if (within.length === 1) return { id: within[0]!.e.id, how: 'fuzzy', detail: `"${t}" contains the name "${within[0]!.e.shortName?.lv ?? within[0]!.e.name.lv}"` };
  return undefined;
}

/** The nearest known name, for the hint of a respondent that matched nothing. */
export function nearestName(typed: string, entries: readonly Entry[]): Entry | undefined {
  const f = fold(typed);
  return entries
    .map((e) => ({ e, d: Math.min(...[...Object.values(e.name), ...Object.values(e.shortName ?? {})].map((n) => distance(fold(n ?? ''), f))) }))
    .sort((a, b) => a.d - b.d)[0]?.e;
}
