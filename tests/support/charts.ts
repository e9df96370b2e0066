/**
 * What each of the 13 charts must show, recomputed from the raw manifest and the message file
 * with plain loops (the tests never reuse scripts/chart/specs.ts): its rows, their labels and
 * values, in the order the chart standard asks for.
 *
 * The order: the largest value first, equal values by label in the language's alphabetical
 * order; only the two scales keep their own order (the coordinator's load, the permit bands),
 * as their keys stand in the message file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { allMentions, countCode, municipalitiesOf, rawManifest, type RawEntry } from './manifest.js';
import { ROOT } from './paths.js';

export interface ExpectedRow {
  key: string;
  label: string;
  value: number;
}

export interface ExpectedChart {
  id: string;
  kind: 'bars' | 'share';
  percent: boolean;
  rows: ExpectedRow[];
  /** The municipalities the chart's data covers: its source line's n. */
  n: number;
  /** A multiple-response chart (a municipality counted under several bars): it carries a note. */
  multiple?: boolean;
}

interface RawMessages {
  locale: string;
  numbers: { thousands: string; percentSuffix: string };
  regions: Record<string, string>;
  categories: Record<string, Record<string, string>>;
  chartUnits: Record<string, string>;
}

export const rawMessages = (lang: string): RawMessages => parse(readFileSync(join(ROOT, 'templates', 'messages', `${lang}.yaml`), 'utf8')) as RawMessages;

/** Activity directions grouped for chart 2 (as the analysis chapter defines the groups). */
export const ACTIVITY_GROUPS: Record<string, string[]> = {
  administration: ['permits', 'strategy', 'teacher-development'],
  provision: ['organising-learning', 'digital'],
  consultation: ['consultations', 'career'],
  cooperation: ['cooperation', 'seniors'],
};

/** Chart 12 lists the municipalities with at least this many permits (the chart's definition). */
export const PERMITS_TOP_MIN = 21;
const RIGA = 'rigas-valstspilseta';

export function expectedCharts(lang = 'lv', entries: RawEntry[] = rawManifest()): Record<string, ExpectedChart> {
  const m = rawMessages(lang);
  const munis = municipalitiesOf(entries);
  const collator = new Intl.Collator(m.locale);
  const sorted = (rows: ExpectedRow[]) => [...rows].sort((a, b) => b.value - a.value || collator.compare(a.label, b.label));
  const cat = (group: string) => Object.entries(m.categories[group]!);
  const name = (e: RawEntry) => e.shortName?.[lang] ?? e.name[lang]!;
  const perCode = (field: string) => sorted(cat(field).map(([key, label]) => ({ key, label, value: countCode(entries, field, key) })));
  const mentionShare = (field: string, codes: string[]) => (100 * codes.reduce((n, c) => n + countCode(entries, field, c), 0)) / allMentions(entries, field);
  const engaged = munis.filter((e) => typeof e.engaged?.value === 'number');
  const permits = (e: RawEntry) => e.permits?.value ?? 0;
  const rigaPermits = munis.filter((e) => e.id === RIGA).reduce((n, e) => n + permits(e), 0);
  const allPermits = munis.reduce((n, e) => n + permits(e), 0);
  /** Municipalities with at least one code in the field: those who answered it. */
  const answered = (field: string) => munis.filter((e) => Object.keys((e.coding?.[field] ?? {}) as object).length > 0).length;
  const withPermits = munis.filter((e) => typeof e.permits?.value === 'number').length;
  const topPermits = munis.filter((e) => permits(e) >= PERMITS_TOP_MIN).length;
  const bands: [string, number, number][] = [['0-5', 0, 5], ['6-10', 6, 10], ['11-20', 11, 20], ['21+', 21, Infinity]];
  const charts: Omit<ExpectedChart, 'id'>[] = [
    { kind: 'bars', percent: false, n: munis.filter((e) => e.coding?.planning?.value).length, rows: sorted(cat('planning').map(([key, label]) => ({ key, label, value: munis.filter((e) => e.coding?.planning.value === key).length }))) },
    { kind: 'share', percent: true, n: answered('activities'), rows: sorted(cat('activityGroups').map(([key, label]) => ({ key, label, value: mentionShare('activities', ACTIVITY_GROUPS[key]!) }))) },
    { kind: 'bars', percent: false, n: answered('activities'), multiple: true, rows: perCode('activities') },
    { kind: 'bars', percent: false, n: munis.filter((e) => e.coordinator).length, rows: cat('coordinator').map(([key, label]) => ({ key, label, value: munis.filter((e) => e.coordinator?.load === key).length })) },
    {
      kind: 'share',
      percent: false,
      n: munis.length,
      rows: sorted([
        { key: 'tracked', label: m.categories.engagementData!.tracked!, value: engaged.length },
        { key: 'untracked', label: m.categories.engagementData!.untracked!, value: munis.length - engaged.length },
      ]),
    },
    { kind: 'bars', percent: false, n: engaged.length, rows: sorted(Object.entries(m.regions).map(([key, label]) => ({ key, label, value: engaged.filter((e) => e.region === key).reduce((n, e) => n + e.engaged!.value!, 0) }))) },
    { kind: 'bars', percent: false, n: engaged.length, rows: sorted(engaged.map((e) => ({ key: e.id, label: name(e), value: e.engaged!.value! }))).slice(0, 5) },
    { kind: 'bars', percent: false, n: answered('implementers'), multiple: true, rows: perCode('implementers') },
    { kind: 'bars', percent: false, n: answered('partners'), multiple: true, rows: perCode('partners') },
    { kind: 'bars', percent: true, n: answered('projects'), rows: sorted(cat('projects').map(([key, label]) => ({ key, label, value: mentionShare('projects', [key]) }))) },
    { kind: 'bars', percent: false, n: withPermits, rows: bands.map(([key, lo, hi]) => ({ key, label: m.categories.permitBuckets![key]!, value: munis.filter((e) => permits(e) >= lo && permits(e) <= hi).length })) },
    { kind: 'bars', percent: false, n: topPermits, rows: sorted(munis.filter((e) => permits(e) >= PERMITS_TOP_MIN).map((e) => ({ key: e.id, label: name(e), value: permits(e) }))) },
    {
      kind: 'share',
      percent: false,
      n: withPermits,
      rows: sorted([
        { key: 'riga', label: m.categories.rigaVsRest!.riga!, value: rigaPermits },
        { key: 'rest', label: m.categories.rigaVsRest!.rest!, value: allPermits - rigaPermits },
      ]),
    },
  ];
  const ids = ['planning-documents', 'activity-shares', 'activity-directions', 'coordinator-load', 'engagement-data', 'engagement-by-region', 'engagement-top', 'implementers', 'partners', 'projects', 'permits-distribution', 'permits-top', 'permits-riga-vs-rest'];
  return Object.fromEntries(ids.map((id, i) => [id, { id, ...charts[i]! }]));
}

/**
 * A chart's value as printed, spaces as plain spaces (pdftotext's reading of the no-break
 * spaces): "12 553", "27 %", and in a share chart of counts "30 (71 %)".
 */
export function printedValue(chart: ExpectedChart, row: ExpectedRow, lang = 'lv'): string {
  const { numbers } = rawMessages(lang);
  const int = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, numbers.thousands);
  const pct = (n: number) => `${int(n)}${numbers.percentSuffix}`;
  const total = chart.rows.reduce((n, r) => n + r.value, 0);
  const text = chart.percent ? pct(row.value) : chart.kind === 'share' ? `${int(row.value)} (${pct((100 * row.value) / total)})` : int(row.value);
  return text.replace(/\s/g, ' ');
}
