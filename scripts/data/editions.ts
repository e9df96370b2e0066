/**
 * The other editions beside the one being built, for the figures that compare years
 * ({{sum engaged edition=2025}}, {{change permits}}, the years chart): each Dataset the build
 * makes is linked to its content folder and year, and another year's manifest is read (and
 * validated) the first time a figure names it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Manifest, type Entry } from '../validate/schema.js';
import { Dataset } from './metrics.js';

interface Link {
  contentDir: string;
  year: string;
}

const links = new WeakMap<Dataset, Link>();
const loaded = new Map<string, { key: string; entries: Entry[] }>();

export class EditionError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Ties a Dataset to its edition, so its figures can name the others. */
export function linkEdition(data: Dataset, contentDir: string, year: string): Dataset {
  links.set(data, { contentDir, year });
  return data;
}

export const yearOf = (data: Dataset): string | undefined => links.get(data)?.year;

/** The editions of the content folder, oldest first. */
const editions = (contentDir: string) =>
  existsSync(contentDir) ? readdirSync(contentDir).filter((d) => /^\d{4}$/.test(d) && existsSync(join(contentDir, d, 'manifest.yaml'))).sort() : [];

/** The edition before this one, if there is one. */
export function previousYear(data: Dataset): string | undefined {
  const link = links.get(data);
  return link ? editions(link.contentDir).filter((y) => y < link.year).at(-1) : undefined;
}

/** Another edition's data, in the same language. */
export function editionData(data: Dataset, year: string): Dataset {
  const link = links.get(data);
  if (!link) throw new EditionError(`edition=${year}: this figure has no other editions to compare with`, 'figures of other editions are computed in a build of the content folder');
  if (year === link.year) return data;
  const file = join(link.contentDir, year, 'manifest.yaml');
  if (!existsSync(file)) throw new EditionError(`there is no edition ${year} to compare with`, `editions in the content folder: ${editions(link.contentDir).join(', ') || 'none'}`);
  const text = readFileSync(file, 'utf8');
  const key = createHash('sha256').update(text).digest('hex');
  let hit = loaded.get(file);
  if (!hit || hit.key !== key) {
    const parsed = Manifest.safeParse(parse(text));
    if (!parsed.success) throw new EditionError(`the ${year} manifest does not validate (${parsed.error.issues[0]?.message ?? 'invalid'})`, `build ${year} to see its problems: npm run build -- --edition ${year}`);
    hit = { key, entries: parsed.data.entries };
    loaded.set(file, hit);
  }
  return linkEdition(new Dataset(hit.entries, data.lang), link.contentDir, year);
}

/** What the other editions' figures are made of, for a cache key: every manifest's hash. */
export function editionsKey(contentDir: string): string {
  return editions(contentDir)
    .map((y) => `${y}:${createHash('sha256').update(readFileSync(join(contentDir, y, 'manifest.yaml'))).digest('hex').slice(0, 16)}`)
    .join(',');
}

/** Entries of one year and not the other (a merger, a new municipality): ids each way. */
export function unmatched(a: Dataset, b: Dataset): { onlyA: Entry[]; onlyB: Entry[] } {
  const idsA = new Set(a.entries.map((e) => e.id));
  const idsB = new Set(b.entries.map((e) => e.id));
  return { onlyA: a.entries.filter((e) => !idsB.has(e.id)), onlyB: b.entries.filter((e) => !idsA.has(e.id)) };
}

export interface Moved {
  id: string;
  name: string;
  field: 'permits' | 'engaged';
  before: number;
  now: number;
  change: number;
}

/**
 * Year over year for the audit: the entries whose figures moved most (by the size of the
 * change), and the entries of one year only (a merger, a new or renamed municipality).
 */
export function yearOverYear(data: Dataset, top = 5): { before: string; now: string; moved: Moved[]; onlyNow: Entry[]; onlyBefore: Entry[] } | undefined {
  const before = previousYear(data);
  const now = yearOf(data);
  if (!before || !now) return undefined;
  const then = editionData(data, before);
  const moved: Moved[] = [];
  for (const field of ['permits', 'engaged'] as const) {
    const rows = data.ranked(field).flatMap(({ entry, value }) => {
      const was = then.ranked(field, (e) => e.id === entry.id)[0]?.value;
      return was === undefined ? [] : [{ id: entry.id, name: data.name(entry, false), field, before: was, now: value, change: value - was }];
    });
    moved.push(...rows.filter((r) => r.change !== 0).sort((a, b) => Math.abs(b.change) - Math.abs(a.change)).slice(0, top));
  }
  const { onlyA, onlyB } = unmatched(data, then);
  return { before, now, moved, onlyNow: onlyA, onlyBefore: onlyB };
}

export function formatYearOverYear(y: NonNullable<ReturnType<typeof yearOverYear>>): string {
  const sign = (n: number) => (n > 0 ? `+${n}` : `${n}`);
  const lines = [`year over year, ${y.before} → ${y.now}: the figures that moved most`];
  for (const field of ['permits', 'engaged'] as const) {
    const rows = y.moved.filter((m) => m.field === field);
    lines.push(`  ${field}: ${rows.length ? '' : 'none moved'}`);
    for (const m of rows) lines.push(`    ${m.name} (${m.id}): ${m.before} → ${m.now} (${sign(m.change)}${m.before ? `, ${sign(Math.round((100 * m.change) / m.before))} %` : ''})`);
  }
  for (const e of y.onlyBefore) lines.push(`  in ${y.before} only: ${e.name.lv ?? e.id} (${e.id}): merged, renamed or not answering; left out of the comparisons`);
  for (const e of y.onlyNow) lines.push(`  in ${y.now} only: ${e.name.lv ?? e.id} (${e.id}): new (or renamed); left out of the comparisons`);
  return lines.join('\n');
}
