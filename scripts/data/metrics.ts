/**
 * Every number the report states about the municipalities, computed from the manifest.
 * Charts call these functions; the prose reaches them through expressions (expressions.ts).
 * Pure: a function of the manifest entries only.
 */
import { ACTIVITY_GROUPS } from '../validate/coding-rules.js';
import { codesOf, type Entry, type Language } from '../validate/schema.js';

export const MULTI_FIELDS = ['activities', 'implementers', 'partners', 'projects', 'targetGroups'] as const;
export type MultiField = (typeof MULTI_FIELDS)[number];
export const NUMERIC_FIELDS = ['permits', 'engaged'] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

export type Filter = (e: Entry) => boolean;

export class Dataset {
  /** Municipalities and state cities: the population of every statistic. */
  readonly municipalities: Entry[];
  constructor(readonly entries: Entry[], readonly lang: Language) {
    this.municipalities = entries.filter((e) => e.kind !== 'planosanas-regions');
  }

  select(...filters: Filter[]): Entry[] {
    return this.municipalities.filter((e) => filters.every((f) => f(e)));
  }

  count(...filters: Filter[]): number {
    return this.select(...filters).length;
  }

  /** Share of municipalities matching, in percent (0–100, unrounded). */
  share(...filters: Filter[]): number {
    return (100 * this.count(...filters)) / this.municipalities.length;
  }

  /** How often a code is mentioned in a multi-valued field, over all municipalities. */
  mentions(field: MultiField, codes: readonly string[]): number {
    return this.municipalities.reduce((n, e) => n + codes.filter((c) => c in (e.coding?.[field] ?? {})).length, 0);
  }

  /** Mentions of these codes as a percentage of all mentions in the field. */
  mentionShare(field: MultiField, codes: readonly string[]): number {
    const all = this.mentions(field, codesOf(field));
    return all === 0 ? 0 : (100 * this.mentions(field, codes)) / all;
  }

  sum(field: NumericField, ...filters: Filter[]): number {
    return this.select(...filters).reduce((n, e) => n + (numeric(e, field) ?? 0), 0);
  }

  /** Entries with a value of the field, highest first (ties: report order). */
  ranked(field: NumericField, ...filters: Filter[]): { entry: Entry; value: number }[] {
    return this.select(...filters)
      .flatMap((entry) => {
        const value = numeric(entry, field);
        return value === undefined ? [] : [{ entry, value }];
      })
      .sort((a, b) => b.value - a.value);
  }

  byId(id: string): Entry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  name(e: Entry, short = true): string {
    return (short ? e.shortName?.[this.lang] : undefined) ?? e.name[this.lang] ?? e.id;
  }
}

/** The value of a numeric field, or undefined where the section states none. */
export function numeric(e: Entry, field: NumericField): number | undefined {
  if (field === 'permits') return e.permits?.value;
  return e.engaged && 'value' in e.engaged ? e.engaged.value : undefined;
}

export const byRegion = (region: string): Filter => (e) => e.region === region;
export const hasCode = (field: MultiField, codes: readonly string[]): Filter => (e) => codes.some((c) => c in (e.coding?.[field] ?? {}));
export const planning = (codes: readonly string[]): Filter => (e) => codes.includes(e.coding?.planning.value ?? '');
export const load = (loads: readonly string[]): Filter => (e) => loads.includes(e.coordinator?.load ?? '');
export const tracked = (yes: boolean): Filter => (e) => (numeric(e, 'engaged') !== undefined) === yes;
export const compare = (field: NumericField, op: '<' | '<=' | '>' | '>=' | '=' | '!=', n: number): Filter => (e) => {
  const v = numeric(e, field);
  if (v === undefined) return false;
  return op === '<' ? v < n : op === '<=' ? v <= n : op === '>' ? v > n : op === '>=' ? v >= n : op === '=' ? v === n : v !== n;
};

/** Activity groups of chart 2 expand to their codes: "@administration". */
export function expandCodes(field: MultiField, values: string[]): string[] {
  return values.flatMap((v) => (field === 'activities' && v.startsWith('@') ? [...(ACTIVITY_GROUPS[v.slice(1) as keyof typeof ACTIVITY_GROUPS] ?? [v])] : [v]));
}
