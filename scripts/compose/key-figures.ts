/**
 * A municipality's key figures, printed in one place and one style under its heading (the
 * strip of templates/municipality.hbs): its planning region, the coordinator's load, the
 * residents engaged (or "not tracked") and the permits issued. From the manifest, never typed
 * in the section: a correction there changes the strip, the charts and the analysis together.
 * Labels from the message files (`keyFigures:`), numbers as the language writes them.
 */
import type { NumberFormat } from '../data/format.js';
import { numeric } from '../data/metrics.js';
import type { Entry, Messages } from '../validate/schema.js';

export interface KeyFigure {
  key: 'region' | 'coordinator' | 'engaged' | 'permits';
  label: string;
  value: string;
}

/**
 * The fields of the questionnaire whose whole answer is a key figure: the strip prints them, so
 * the section's text leaves them out where their value is nothing but the number (the Markdown
 * keeps them: the manifest quotes them, the audit compares them).
 */
export const STRIP_FIELDS = ['permits'] as const;

export function keyFigures(entry: Entry, messages: Messages, fmt: NumberFormat): KeyFigure[] {
  if (entry.kind === 'planosanas-regions') return [];
  const m = messages.keyFigures;
  const out: KeyFigure[] = [{ key: 'region', label: m.region, value: messages.regions[entry.region] }];
  if (entry.coordinator) {
    const { load, fte } = entry.coordinator;
    const words = messages.categories.coordinator?.[load] ?? load;
    // The share of a post where the text states it and the words do not already say it.
    const share = fte !== undefined && (load === 'part-time' || load === 'more-than-one') ? m.fte.replace('{n}', fmt.number(fte)) : '';
    out.push({ key: 'coordinator', label: m.coordinator, value: share ? `${words} (${share})` : words });
  }
  if (entry.engaged) {
    const n = numeric(entry, 'engaged');
    out.push({ key: 'engaged', label: m.engaged, value: n === undefined ? m.notTracked : fmt.number(n) });
  }
  if (entry.permits) out.push({ key: 'permits', label: m.permits, value: fmt.number(entry.permits.value) });
  return out;
}
