/**
 * Where one entry stands in the report's data: its figures and codes as the manifest holds
 * them, each with its evidence phrase, and its place in every chart and ranking that uses its
 * data. Pure: the proof's data sheet is drawn from this.
 */
import { chartData, CHART_IDS, CHART_PARAMS } from '../chart/specs.js';
import { Dataset, numeric, type NumericField } from '../data/metrics.js';
import { ACTIVITY_GROUPS } from '../validate/coding-rules.js';
import type { Entry, Language, Messages, Texts } from '../validate/schema.js';

export interface FigureRow {
  /** permits | engaged | coordinator | planning | activities.CODE … */
  key: string;
  value: string;
  evidence: string[];
}

export interface ChartRow {
  chart: string;
  title: string;
  /** The bar or share the entry counts in, with its value; or its place in a ranking. */
  item: string;
  value: number;
  percent: boolean;
  place?: { rank: number; of: number };
}

export interface Standing {
  id: string;
  figures: FigureRow[];
  charts: ChartRow[];
  ranks: { field: NumericField; rank: number; of: number; value: number }[];
}

/** The chart items an entry's data falls into (their keys). */
function keysOf(chart: string, e: Entry): string[] {
  const codes = (field: 'activities' | 'implementers' | 'partners' | 'projects') => Object.keys(e.coding?.[field] ?? {});
  switch (chart) {
    case 'planning-documents':
      return e.coding ? [e.coding.planning.value] : [];
    case 'activity-shares':
      return Object.entries(ACTIVITY_GROUPS).filter(([, list]) => codes('activities').some((c) => (list as readonly string[]).includes(c))).map(([g]) => g);
    case 'activity-directions':
      return codes('activities');
    case 'coordinator-load':
      return e.coordinator ? [e.coordinator.load] : [];
    case 'engagement-data':
      return e.engaged ? [numeric(e, 'engaged') !== undefined ? 'tracked' : 'untracked'] : [];
    case 'engagement-by-region':
      return numeric(e, 'engaged') !== undefined ? [e.region] : [];
    case 'implementers':
    case 'partners':
    case 'projects':
      return codes(chart);
    case 'permits-distribution': {
      const v = numeric(e, 'permits');
      if (v === undefined) return [];
      let min = 0;
      for (const b of CHART_PARAMS.permitBuckets) {
        if (v >= min && v <= b.max) return [b.key];
        min = b.max + 1;
      }
      return [];
    }
    case 'permits-riga-vs-rest':
      return e.permits ? [e.id === CHART_PARAMS.riga ? 'riga' : 'rest'] : [];
    default:
      return [e.id]; // rankings: the entry is a bar of its own
  }
}

export function standing(e: Entry, entries: Entry[], lang: Language, messages: Messages, texts: Texts): Standing {
  const data = new Dataset(entries, lang);
  const figures: FigureRow[] = [];
  const label = (group: string, code: string) => messages.categories[group]?.[code] ?? code;
  if (e.coordinator) figures.push({ key: 'coordinator', value: `${label('coordinator', e.coordinator.load)}${e.coordinator.fte !== undefined ? ` (${e.coordinator.fte})` : ''}`, evidence: [e.coordinator.source] });
  if (e.permits) figures.push({ key: 'permits', value: String(e.permits.value), evidence: [e.permits.source] });
  if (e.engaged) figures.push({ key: 'engaged', value: 'value' in e.engaged ? String(e.engaged.value) : '—', evidence: e.engaged.sources ?? [] });
  if (e.coding) {
    figures.push({ key: 'planning', value: label('planning', e.coding.planning.value), evidence: [e.coding.planning.evidence] });
    for (const field of ['activities', 'implementers', 'partners', 'projects', 'targetGroups'] as const) {
      for (const [code, quote] of Object.entries(e.coding[field] ?? {})) figures.push({ key: `${field}.${code}`, value: messages.categories[field]?.[code] ?? code, evidence: quote ? [quote] : [] });
    }
  }
  const charts: ChartRow[] = [];
  for (const id of CHART_IDS) {
    const chart = chartData(id, data, messages);
    for (const key of keysOf(id, e)) {
      const at = chart.items.findIndex((i) => i.key === key);
      if (at < 0) continue;
      const item = chart.items[at]!;
      const ranking = key === e.id;
      // Rankings are drawn largest first (chart/specs.ts), as the prose lists them.
      const rank = at + 1;
      charts.push({ chart: id, title: texts.charts[id]?.title ?? id, item: item.label, value: item.value, percent: chart.unit === 'percent', ...(ranking ? { place: { rank, of: chart.items.length } } : {}) });
    }
  }
  const ranks = (['permits', 'engaged'] as const).flatMap((field) => {
    const ranked = data.ranked(field);
    const at = ranked.findIndex((r) => r.entry.id === e.id);
    return at < 0 ? [] : [{ field, rank: at + 1, of: ranked.length, value: ranked[at]!.value }];
  });
  return { id: e.id, figures, charts, ranks };
}
