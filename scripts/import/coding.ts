/**
 * The coding of a new edition's answers. Last year's codes whose evidence phrase is still in
 * the entity's new section are carried over (a person confirmed them, and the text still says
 * so). Where a field's answer changed, the rule book (scripts/validate/coding-rules.ts) is
 * applied to the new answer: the phrases each rule quotes as its examples (before its "Not:")
 * are looked for in the answer's lines, and a rule that finds one proposes its code with that
 * line as the justifying phrase. Proposals are `suggested`: the build prints none of them until
 * the editor moves each into `coding` (or deletes it).
 */
import { CODING_RULES } from '../validate/coding-rules.js';
import { codesOf, type Coding } from '../validate/schema.js';

type CodedField = keyof typeof CODING_RULES;
type Multi = Exclude<CodedField, 'planning'>;
const MULTI: Multi[] = ['activities', 'implementers', 'partners', 'projects', 'targetGroups'];

/** The questionnaire field each coded field reads (the rules' _scope). */
export const CODED_FROM: Record<CodedField, string> = {
  planning: 'planning',
  activities: 'activities',
  implementers: 'providers',
  partners: 'partners',
  projects: 'projects',
  targetGroups: 'targetGroups',
};

export type Suggested = Partial<{ planning: { value: string; evidence: string } } & Record<Multi, Record<string, string>>>;

/**
 * Last year's codes whose evidence the new section still says. `requote` gives the quote as
 * the new section has it (the same phrase, or with a label variant now printed canonical),
 * or undefined when the phrase is gone.
 */
export function carryCoding(last: Coding | undefined, requote: (q: string) => string | undefined): { coding: Partial<Coding>; dropped: string[] } {
  if (!last) return { coding: {}, dropped: [] };
  const coding: Partial<Coding> = {};
  const dropped: string[] = [];
  const planning = requote(last.planning.evidence);
  if (planning) coding.planning = { ...last.planning, evidence: planning };
  else dropped.push(`planning=${last.planning.value}`);
  for (const f of MULTI) {
    const kept: Record<string, string> = {};
    for (const [code, q] of Object.entries(last[f] ?? {})) {
      const now = q ? requote(q) : undefined;
      if (now) kept[code] = now;
      else dropped.push(`${f}.${code}`);
    }
    (coding as Record<string, unknown>)[f] = kept;
  }
  return { coding, dropped };
}

const stem = (w: string) => (w.length <= 5 ? w : w.slice(0, Math.max(5, w.length - 3)));
const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/\.\.\.|…/g, ' ')
    .split(/[^\p{L}\p{N}+]+/u)
    .filter((w) => w.length >= 3);

/** The example phrases of each rule: quoted, before "Not:"; for the lists of names, the listed terms. */
function patterns(field: CodedField): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const code of codesOf(field)) {
    const text = (CODING_RULES[field] as Record<string, string>)[code]!;
    const positive = text.split(/\b(?:Not|Does not count)\b:?/)[0]!;
    const quoted = [...positive.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const listed = quoted.length ? [] : positive.replace(/\([^)]*\)/g, '').split(/[,;:]|\bor\b|\bun\b/).map((s) => s.trim()).filter((s) => s && s.length <= 40 && /^[\p{Ll}A-Z]/u.test(s) && !/^(any|the|a|an|mainly|own|named|generic|national|all|other)\b/i.test(s));
    out.set(code, [...quoted, ...listed].map((p) => words(p).map(stem)).filter((ws) => ws.length > 0 && ws.length <= 5));
  }
  return out;
}

/** Does a line say the phrase: every word of it, by its stem, among the line's words. */
const says = (line: string, phrase: string[]) => {
  const ws = words(line);
  return phrase.every((p) => ws.some((w) => w.startsWith(p)));
};

/** The answer's lines as the section prints them (URLs out), each a candidate evidence phrase. */
function answerLines(cell: string): string[] {
  return cell
    .split('\n')
    .map((l) => l.replace(/^\s*[-•*–◦▪·]\s+/, '').replace(/\s*https?:\/\/\S+/g, '').trim())
    .filter((l) => l.length >= 3);
}

/** A clause of the line short enough to quote: the part between semicolons that says it. */
function clause(line: string, phrase: string[]): string {
  const parts = line.split(/;\s*/).filter((p) => p.length >= 3);
  return (parts.find((p) => says(p, phrase)) ?? line).replace(/[.,;:\s]+$/, '');
}

export function suggestCoding(cells: ReadonlyMap<string, string>, fields: ReadonlySet<CodedField>, carried: Partial<Coding>): Suggested {
  const out: Suggested = {};
  for (const field of fields) {
    const cell = cells.get(CODED_FROM[field]);
    if (!cell?.trim()) continue;
    const lines = answerLines(cell);
    const found: Record<string, string> = {};
    for (const [code, phrases] of patterns(field)) {
      for (const line of lines) {
        const p = phrases.find((ph) => says(line, ph));
        if (p) {
          found[code] = clause(line, p);
          break;
        }
      }
    }
    if (field === 'planning') {
      // One planning code: the rule book's precedence (own plan, then integrated, then the development programme).
      const pick = ['own-plan', 'education-strategy', 'development-programme'].find((c) => found[c]);
      if (pick && carried.planning?.value !== pick) out.planning = { value: pick, evidence: found[pick]! };
      continue;
    }
    const have = (carried[field] ?? {}) as Record<string, string>;
    const fresh = Object.fromEntries(Object.entries(found).filter(([c]) => !(c in have)));
    if (Object.keys(fresh).length) out[field] = fresh;
  }
  return out;
}

export const CODED_FIELDS_ALL = Object.keys(CODED_FROM) as CodedField[];
export type { CodedField };
