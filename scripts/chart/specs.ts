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
  const countCodes = (field: MultiField): ChartItem[] =>
    desc(codesOf(field).map((code) => ({ key: code, label: label(field, code), value: data.count(hasCode(field, [code])) })));
  switch (id) {
    case 'planning-documents':
      return { id, kind: 'bars', unit: 'municipalities', items: desc(codesOf('planning').map((c) => ({ key: c, label: label('planning', c), value: data.count(planning([c])) }))) };
    case 'activity-shares':
      return {
        id,
        kind: 'share',
        unit: 'percent',
        items: desc(Object.entries(ACTIVITY_GROUPS).map(([g, codes]) => ({ key: g, label: label('activityGroups', g), value: data.mentionShare('activities', codes) }))),
      };
    case 'activity-directions':
      return { id, kind: 'bars', unit: 'municipalities', items: countCodes('activities') };
    case 'coordinator-load':
      // A scale: in its own order.
      return { id, kind: 'bars', unit: 'municipalities', items: ['none', 'part-time', 'full-time', 'more-than-one'].map((l) => ({ key: l, label: label('coordinator', l), value: data.count(load([l])) })) };
    case 'engagement-data':
      return {
        id,
        kind: 'share',
        unit: 'municipalities',
        items: desc([
          { key: 'tracked', label: label('engagementData', 'tracked'), value: data.count(tracked(true)) },
          { key: 'untracked', label: label('engagementData', 'untracked'), value: data.count(tracked(false)) },
        ]),
      };
    case 'engagement-by-region':
      return { id, kind: 'bars', unit: 'residents', items: desc(REGIONS.map((r) => ({ key: r, label: messages.regions[r], value: data.sum('engaged', byRegion(r)) }))) };
    case 'engagement-top':
      return {
        id,
        kind: 'bars',
        unit: 'residents',
        items: desc(data.ranked('engaged').map(({ entry, value }) => ({ key: entry.id, label: data.name(entry), value }))).slice(0, CHART_PARAMS.engagementTop),
      };
    case 'implementers':
      return { id, kind: 'bars', unit: 'municipalities', items: countCodes('implementers') };
    case 'partners':
      return { id, kind: 'bars', unit: 'municipalities', items: countCodes('partners') };
    case 'projects':
      return {
        id,
        kind: 'bars',
        unit: 'percent',
        items: desc(codesOf('projects').map((c) => ({ key: c, label: label('projects', c), value: data.mentionShare('projects', [c]) }))),
      };
    case 'permits-distribution': {
      // Bands of a scale: in their own order.
      let min = 0;
      return {
        id,
        kind: 'bars',
        unit: 'municipalities',
        items: CHART_PARAMS.permitBuckets.map(({ key, max }) => {
          const value = data.count(compare('permits', '>=', min), compare('permits', '<=', max));
          min = max + 1;
          return { key, label: label('permitBuckets', key), value };
        }),
      };
    }
    case 'permits-top':
      return {
        id,
        kind: 'bars',
        unit: 'permits',
        items: desc(
          data
            .ranked('permits', compare('permits', '>=', CHART_PARAMS.permitsTopMin))
            .map(({ entry, value }) => ({ key: entry.id, label: data.name(entry), value, highlight: entry.id === CHART_PARAMS.riga })),
        ),
      };
    case 'permits-riga-vs-rest': {
      const riga = data.sum('permits', (e) => e.id === CHART_PARAMS.riga);
      return {
        id,
        kind: 'share',
        unit: 'permits',
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
