/**
 * Translation coverage of an edition in a language other than its source: which sections,
 * chapters, chart titles and interface messages are translated, which fall back to the source
 * language, and which translations are stale (their source changed after they were made),
 * with the source lines that changed. Pure: computed from the loaded edition.
 */
import { lineHashes, type Edition, type Source } from './edition.js';

export interface Stale {
  id: string;
  file: string;
  /** No source hash recorded in the translation's front matter. */
  unrecorded: boolean;
  /** Source lines (1-based in the source file) that are new or changed since the translation. */
  changed: { line: number; text: string }[];
  /** How many lines the source had then that it no longer has. */
  removed: number;
}

export interface Count {
  translated: number;
  total: number;
  missing: string[];
}

export interface Coverage {
  edition: string;
  lang: string;
  source: string;
  sections: Count;
  chapters: Count;
  charts: Count;
  messages: Count & { percent: number };
  stale: Stale[];
}

/** Leaf paths of a message file, less the grammar that differs by language by design. */
function leaves(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  // The sources' variants of a field label (fields.*.also) differ by language by nature.
  return Object.entries(value).flatMap(([k, v]) => ((prefix === '' && (k === 'nouns' || k === 'numberWords' || k === 'locale')) || k === 'also' ? [] : leaves(v, prefix ? `${prefix}.${k}` : k)));
}

function staleOf(src: Source): Stale | undefined {
  if (src.fallback || src.sourceHash === undefined) return undefined;
  if (src.translatedFrom === src.sourceHash) return undefined;
  const recorded = new Set(src.translatedLines ?? []);
  const now = (src.sourceText ?? '').split('\n');
  const hashes = lineHashes(src.sourceText ?? '');
  const changed: Stale['changed'] = [];
  let k = 0;
  now.forEach((text, i) => {
    if (!text.trim()) return;
    if (!recorded.has(hashes[k]!)) changed.push({ line: i + 1, text: text.trim() });
    k++;
  });
  const current = new Set(hashes);
  const removed = [...recorded].filter((h) => !current.has(h)).length;
  return { id: src.id, file: src.file, unrecorded: src.translatedFrom === undefined, changed: src.translatedFrom === undefined ? [] : changed, removed: src.translatedFrom === undefined ? 0 : removed };
}

export function coverage(edition: Edition): Coverage {
  const count = (sources: Map<string, Source>): Count => {
    const missing = [...sources.values()].filter((s) => s.fallback).map((s) => s.id);
    return { translated: sources.size - missing.length, total: sources.size, missing };
  };
  const sourceCharts = Object.keys(edition.source?.texts.charts ?? edition.texts.charts);
  const chartsMissing = sourceCharts.filter((id) => !edition.texts.charts[id]);
  const sourceKeys = leaves(edition.source?.messages ?? edition.messages);
  const ownKeys = new Set(leaves(edition.messages));
  const messagesMissing = sourceKeys.filter((k) => !ownKeys.has(k));
  const stale = [...edition.sections.values(), ...edition.chapters.values()].map(staleOf).filter((s): s is Stale => s !== undefined);
  return {
    edition: edition.name,
    lang: edition.lang,
    source: edition.sourceLang,
    sections: count(edition.sections),
    chapters: count(edition.chapters),
    charts: { translated: sourceCharts.length - chartsMissing.length, total: sourceCharts.length, missing: chartsMissing },
    messages: {
      translated: sourceKeys.length - messagesMissing.length,
      total: sourceKeys.length,
      missing: messagesMissing,
      percent: Math.floor((100 * (sourceKeys.length - messagesMissing.length)) / (sourceKeys.length || 1)),
    },
    stale,
  };
}

/** The coverage in a few lines an editor reads. */
export function formatCoverage(c: Coverage, relative: (file: string) => string = (f) => f): string {
  const line = `translation ${c.lang} (from ${c.source}): sections ${c.sections.translated}/${c.sections.total}, chapters ${c.chapters.translated}/${c.chapters.total}, charts ${c.charts.translated}/${c.charts.total}, messages ${c.messages.percent} %`;
  const out = [line];
  const missing = [...c.sections.missing, ...c.chapters.missing];
  if (missing.length) out.push(`  not translated (printed in ${c.source}): ${missing.join(', ')}`);
  if (c.charts.missing.length) out.push(`  chart titles not translated: ${c.charts.missing.join(', ')}`);
  if (c.messages.missing.length) out.push(`  messages not translated: ${c.messages.missing.join(', ')}`);
  for (const s of c.stale) {
    if (s.unrecorded) {
      out.push(`  stale? ${relative(s.file)} records no source hash: check it against its source, then npm run translations -- --lang ${c.lang} --mark ${s.id}`);
      continue;
    }
    out.push(`  stale: ${relative(s.file)}: its ${c.source} source changed since it was translated (${s.changed.length} line(s) new or changed${s.removed ? `, ${s.removed} removed` : ''})`);
    for (const ch of s.changed.slice(0, 5)) out.push(`    ${c.source}:${ch.line}: ${ch.text.length > 100 ? `${ch.text.slice(0, 100)}…` : ch.text}`);
    if (s.changed.length > 5) out.push(`    … and ${s.changed.length - 5} more`);
  }
  if (!missing.length && !c.stale.length && !c.charts.missing.length && !c.messages.missing.length) out[0] += '; nothing stale';
  return out.join('\n');
}
