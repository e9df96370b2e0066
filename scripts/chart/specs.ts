/**
 * What each of the report's charts shows, computed from the manifest through the same
 * Dataset the prose uses. A chart here is data only; draw.ts turns it into SVG.
 */
import { ACTIVITY_GROUPS } from '../validate/coding-rules.js';
import { codesOf, REGIONS, type Messages } from '../validate/schema.js';
import { isYearsChart, yearsChartData } from './years.js';
import { byRegion, compare, Dataset, hasCode, load, planning, tracked, type MultiField } from '../data/metrics.js';

export type ChartKind = 'bars' | 'share' | 'years';
export type Unit = 'municipalities' | 'residents' | 'permits' | 'percent';

export interface ChartItem {
  key: string;
  label: string;
  value: number;
  highlight?: boolean;
  /** Of a years chart: the value in the edition before. */
  before?: number;
}

export interface ChartData {
  id: string;
  kind: ChartKind;
  unit: Unit;
  items: ChartItem[];
  /**
   * How many municipalities the chart's data covers (its source line's n): those with an answer
   * to what the chart counts, the population a top list is ranked from, or the municipalities a
   * threshold selects. Never the edition's 42 by default.
   */
  base: number;
  /** A multiple-response chart: a municipality can be counted in several bars. */
  multiple?: boolean;
  /** What the highlighted bar or segment is (its legend line), where the chart has one. */
  highlight?: string;
  /** Of a years chart: the two editions, earlier first. */
  years?: [string, string];
}

/** Parameters of the charts whose selection the analysis prose describes. */
export const CHART_PARAMS = {
  engagementTop: 5,
  permitsTopMin: 21,
  permitBuckets: [
    { key: '0-5', max: 5 },
    { key: '6-10', max: 10 },
    { key: '11-20', max: 20 },
    { key: '21+', max: Infinity },
  ],
  riga: 'rigas-valstspilseta',
} as const;

/**
 * One order for every chart whose categories have no order of their own: the largest value
 * first, equal values by their label in the language's alphabetical order. Two charts keep
 * their categories' own order, a scale the reader follows from one end to the other: the
 * coordinator's load (none, part-time, full-time, more than one) and the permit bands
 * (0–5, 6–10, 11–20, 21+).
 */
export function byValue(items: ChartItem[], locale: string): ChartItem[] {
  const collator = new Intl.Collator(locale);
  return [...items].sort((a, b) => b.value - a.value || collator.compare(a.label, b.label));
}

export function chartData(id: string, data: Dataset, messages: Messages): ChartData {
  const label = (group: string, key: string) => messages.categories[group]?.[key] ?? key;
  const desc = (items: ChartItem[]) => byValue(items, messages.locale);
  /** Municipalities with at least one code of the field: those who answered. */
  const answered = (field: MultiField) => data.count(hasCode(field, codesOf(field)));
  const countCodes = (field: MultiField): ChartItem[] =>
    desc(codesOf(field).map((code) => ({ key: code, label: label(field, code), value: data.count(hasCode(field, [code])) })));
  const engaged = data.count(tracked(true));
  const withPermits = data.count((e) => e.permits !== undefined);
  switch (id) {
    case 'planning-documents':
      return { id, kind: 'bars', unit: 'municipalities', base: data.count(planning(codesOf('planning'))), items: desc(codesOf('planning').map((c) => ({ key: c, label: label('planning', c), value: data.count(planning([c])) }))) };
    case 'activity-shares':
      return {
        id,
        kind: 'share',
        unit: 'percent',
        base: answered('activities'),
        items: desc(Object.entries(ACTIVITY_GROUPS).map(([g, codes]) => ({ key: g, label: label('activityGroups', g), value: data.mentionShare('activities', codes) }))),
      };
    case 'activity-directions':
      return { id, kind: 'bars', unit: 'municipalities', base: answered('activities'), multiple: true, items: countCodes('activities') };
    case 'coordinator-load':
      // A scale: in its own order.
      return { id, kind: 'bars', unit: 'municipalities', base: data.count((e) => e.coordinator !== undefined), items: ['none', 'part-time', 'full-time', 'more-than-one'].map((l) => ({ key: l, label: label('coordinator', l), value: data.count(load([l])) })) };
    case 'engagement-data':
      return {
        id,
        kind: 'share',
        unit: 'municipalities',
        base: data.count(),
        items: desc([
          { key: 'tracked', label: label('engagementData', 'tracked'), value: engaged },
          { key: 'untracked', label: label('engagementData', 'untracked'), value: data.count(tracked(false)) },
        ]),
      };
    case 'engagement-by-region':
      return { id, kind: 'bars', unit: 'residents', base: engaged, items: desc(REGIONS.map((r) => ({ key: r, label: messages.regions[r], value: data.sum('engaged', byRegion(r)) }))) };
    case 'engagement-top':
      // A top five ranked from every municipality that gives a number.
      return {
        id,
        kind: 'bars',
        unit: 'residents',
        base: engaged,
        items: desc(data.ranked('engaged').map(({ entry, value }) => ({ key: entry.id, label: data.name(entry), value }))).slice(0, CHART_PARAMS.engagementTop),
      };
    case 'implementers':
      return { id, kind: 'bars', unit: 'municipalities', base: answered('implementers'), multiple: true, items: countCodes('implementers') };
    case 'partners':
      return { id, kind: 'bars', unit: 'municipalities', base: answered('partners'), multiple: true, items: countCodes('partners') };
    case 'projects':
      return {
        id,
        kind: 'bars',
        unit: 'percent',
        base: answered('projects'),
        items: desc(codesOf('projects').map((c) => ({ key: c, label: label('projects', c), value: data.mentionShare('projects', [c]) }))),
      };
    case 'permits-distribution': {
      // Bands of a scale: in their own order.
      let min = 0;
      return {
        id,
        kind: 'bars',
        unit: 'municipalities',
        base: withPermits,
        items: CHART_PARAMS.permitBuckets.map(({ key, max }) => {
          const value = data.count(compare('permits', '>=', min), compare('permits', '<=', max));
          min = max + 1;
          return { key, label: label('permitBuckets', key), value };
        }),
      };
    }
    case 'permits-top': {
      // The municipalities over a threshold: the chart covers those it shows.
      const items = desc(
        data
          .ranked('permits', compare('permits', '>=', CHART_PARAMS.permitsTopMin))
          .map(({ entry, value }) => ({ key: entry.id, label: data.name(entry), value, highlight: entry.id === CHART_PARAMS.riga })),
      );
      return { id, kind: 'bars', unit: 'permits', base: items.length, items, highlight: items.some((i) => i.highlight) ? label('rigaVsRest', 'riga') : undefined };
    }
    case 'permits-riga-vs-rest': {
      const riga = data.sum('permits', (e) => e.id === CHART_PARAMS.riga);
      return {
        id,
        kind: 'share',
        unit: 'permits',
        base: withPermits,
        items: desc([
          { key: 'riga', label: label('rigaVsRest', 'riga'), value: riga, highlight: true },
          { key: 'rest', label: label('rigaVsRest', 'rest'), value: data.sum('permits') - riga },
        ]),
      };
    }
    default:
      if (isYearsChart(id)) return yearsChartData(id, data, messages);
      throw new Error(`no chart "${id}"`);
  }
}

export const CHART_IDS = [
  'planning-documents', 'activity-shares', 'activity-directions', 'coordinator-load', 'engagement-data', 'engagement-by-region',
  'engagement-top', 'implementers', 'partners', 'projects', 'permits-distribution', 'permits-top', 'permits-riga-vs-rest',
] as const;
