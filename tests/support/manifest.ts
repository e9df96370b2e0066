/**
 * The manifest read as plain YAML, and figures recomputed from it with plain loops: an
 * independent check of the pipeline's data/metrics.ts (which the tests must not reuse).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './paths.js';

export interface RawEntry {
  id: string;
  kind: string;
  region: string;
  name: Record<string, string>;
  shortName?: Record<string, string>;
  coordinator?: { load: string };
  permits?: { value: number };
  engaged?: { value?: number; tracked?: false };
  coding?: { planning: { value: string }; [field: string]: unknown };
}

export function rawManifest(file = join(ROOT, 'content', '2025', 'manifest.yaml')): RawEntry[] {
  return (parse(readFileSync(file, 'utf8')) as { entries: RawEntry[] }).entries;
}

export const municipalitiesOf = (entries: RawEntry[]) => entries.filter((e) => e.kind !== 'planosanas-regions');

export function countCode(entries: RawEntry[], field: string, code: string): number {
  let n = 0;
  for (const e of municipalitiesOf(entries)) {
    const codes = (e.coding?.[field] ?? {}) as Record<string, string>;
    if (Object.prototype.hasOwnProperty.call(codes, code)) n++;
  }
  return n;
}

export function allMentions(entries: RawEntry[], field: string): number {
  let n = 0;
  for (const e of municipalitiesOf(entries)) n += Object.keys((e.coding?.[field] ?? {}) as object).length;
  return n;
}

export function engagedByRegion(entries: RawEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of municipalitiesOf(entries)) {
    if (typeof e.engaged?.value === 'number') out[e.region] = (out[e.region] ?? 0) + e.engaged.value;
  }
  return out;
}

/** A chart's data table in the built HTML: key → value, in the table's order. */
export function chartTable(html: string, id: string): [string, number][] {
  const at = html.indexOf(`data-chart="${id}"`);
  if (at < 0) throw new Error(`no chart ${id} in the HTML`);
  const table = html.slice(html.indexOf('<table class="chart__data">', at), html.indexOf('</table>', at));
  return [...table.matchAll(/<tr data-key="([^"]+)"><th scope="row">[^<]*<\/th><td data-value="([^"]+)">/g)].map((m) => [m[1]!, Number(m[2])]);
}
