/**
 * What a build was made of (build.json beside the PDF), and what changed since the last good
 * build: sections whose text changed, figures with old → new, the charts and the computed
 * sentences those figures move, sections whose first page moved. Printed by the build in a few
 * lines and written as changes.json. Pure functions of their inputs.
 */
import { createHash } from 'node:crypto';
import type { Entry } from '../validate/schema.js';

export interface BuildInfo {
  edition: string;
  lang: string;
  parts: Record<string, { title: string; hash: string; page?: number }>;
  /** Per entry: the figures the report computes with. */
  figures: Record<string, Record<string, string | number>>;
  /** Per chart: its items as key → value. */
  charts: Record<string, Record<string, number>>;
  /** Per part: the text each {{expression}} printed, in order. */
  sentences: Record<string, [string, string][]>;
  /** Per page: where its titles stand (PDF points from the foot, highest first), read by the preflight; the proofs find each part's heading here. */
  titles?: Record<string, number[]>;
}

export interface Changes {
  since?: string;
  texts: { id: string; title: string }[];
  figures: { id: string; title: string; field: string; old: string | number | undefined; new: string | number | undefined }[];
  charts: { id: string; title: string }[];
  sentences: { part: string; expression: string; old: string; new: string }[];
  moved: { id: string; title: string; old: number; new: number }[];
}

export const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The figures of an entry the report uses, flat. */
export function entryFigures(e: Entry): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (e.permits) out.permits = e.permits.value;
  if (e.engaged) out.engaged = 'value' in e.engaged ? e.engaged.value : 'untracked';
  if (e.coordinator) out.coordinator = e.coordinator.load;
  if (e.coding) {
    out.planning = e.coding.planning.value;
    for (const f of ['activities', 'implementers', 'partners', 'projects', 'targetGroups'] as const) out[f] = Object.keys(e.coding[f] ?? {}).sort().join(', ');
  }
  return out;
}

export function diffBuilds(prev: BuildInfo, next: BuildInfo, chartTitle: (id: string) => string): Changes {
  const title = (id: string) => next.parts[id]?.title ?? prev.parts[id]?.title ?? id;
  const texts = Object.keys(next.parts).filter((id) => prev.parts[id] && prev.parts[id]!.hash !== next.parts[id]!.hash).map((id) => ({ id, title: title(id) }));
  const figures: Changes['figures'] = [];
  for (const [id, now] of Object.entries(next.figures)) {
    const before = prev.figures[id] ?? {};
    for (const field of new Set([...Object.keys(before), ...Object.keys(now)])) {
      if (before[field] !== now[field]) figures.push({ id, title: title(id), field, old: before[field], new: now[field] });
    }
  }
  const same = (a?: Record<string, number>, b?: Record<string, number>) => JSON.stringify(a) === JSON.stringify(b);
  const charts = Object.keys(next.charts).filter((id) => !same(prev.charts[id], next.charts[id])).map((id) => ({ id, title: chartTitle(id) }));
  const sentences: Changes['sentences'] = [];
  for (const [part, list] of Object.entries(next.sentences)) {
    const before = prev.sentences[part] ?? [];
    list.forEach(([expression, text], i) => {
      const was = before[i];
      if (was && was[0] === expression && was[1] !== text) sentences.push({ part, expression, old: was[1], new: text });
    });
  }
  const moved = Object.entries(next.parts)
    .filter(([id, p]) => prev.parts[id]?.page !== undefined && p.page !== undefined && prev.parts[id]!.page !== p.page)
    .map(([id, p]) => ({ id, title: title(id), old: prev.parts[id]!.page!, new: p.page! }));
  return { texts, figures, charts, sentences, moved };
}

const FIELD_NAMES: Record<string, string> = { permits: 'permits', engaged: 'residents engaged', coordinator: 'coordinator load', planning: 'planning documents' };

/** A few lines an editor reads. */
export function formatChanges(c: Changes): string {
  const out: string[] = [];
  if (c.texts.length) out.push(`text changed: ${c.texts.map((t) => t.title).join(', ')}`);
  for (const f of c.figures) out.push(`${f.title}: ${FIELD_NAMES[f.field] ?? f.field} ${f.old ?? '—'} → ${f.new ?? '—'}`);
  if (c.charts.length) out.push(`charts that change: ${c.charts.map((ch) => ch.title).join('; ')}`);
  for (const s of c.sentences.slice(0, 8)) out.push(`${s.part}: {{${s.expression}}} ${s.old} → ${s.new}`);
  if (c.sentences.length > 8) out.push(`… and ${c.sentences.length - 8} more computed figures in the prose`);
  if (c.moved.length) out.push(`first page moved: ${c.moved.slice(0, 6).map((m) => `${m.title} ${m.old} → ${m.new}`).join(', ')}${c.moved.length > 6 ? `, … (${c.moved.length} in all)` : ''}`);
  return out.length ? out.join('\n') : 'nothing changed since the last build';
}
