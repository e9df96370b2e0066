/**
 * The order of an edition's sections. The manifest lists them in the report's order; where
 * that order is alphabetical in the source language (each kind of entry sorted by its name, as
 * the Latvian edition has them: "Augšdaugavas" before "Ādažu"), each edition sorts them by its
 * own language's collation (Intl.Collator: English puts "Ādaži" with the A's). An order that is
 * not alphabetical (an editor's choice) is kept as it is in every edition.
 */
import type { Entry, Language } from '../validate/schema.js';

const groupOf = (e: Entry) => (e.kind === 'planosanas-regions' ? 'region' : 'municipality');

function sorted(entries: Entry[], lang: Language, locale: string): Entry[] {
  const collator = new Intl.Collator(locale);
  const name = (e: Entry) => e.name[lang] ?? e.id;
  // Stable within each group, the groups where the manifest has them.
  const groups = [...new Set(entries.map(groupOf))];
  return groups.flatMap((g) => entries.filter((e) => groupOf(e) === g).sort((a, b) => collator.compare(name(a), name(b))));
}

export function editionOrder(entries: Entry[], edition: { lang: Language; locale: string }, source: { lang: Language; locale: string }): Entry[] {
  const alphabetical = sorted(entries, source.lang, source.locale).every((e, i) => e === entries[i]);
  return alphabetical ? sorted(entries, edition.lang, edition.locale) : entries;
}
