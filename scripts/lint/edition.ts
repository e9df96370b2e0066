/**
 * The lints of an edition in one call (the build adds them to its warnings; `npm run
 * translations` lists the termbase's with counts): the content lint on every text of the
 * edition's own language, and, in English, the termbase on the sections, chapters and texts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../lib/diagnostics.js';
import type { Edition } from '../load/edition.js';
import { loadGlossary, type Glossary } from '../validate/glossary.js';
import type { Cache } from '../lib/cache.js';
import { runStage } from '../lib/stage.js';
import { abbreviationsOf, contentLintStage, lintContent } from './content.js';
import { lintTermbase, type Termbase } from './termbase.js';
import { LATVIAN_LETTER } from './text.js';

/** The termbase of the edition's content folder (content/glossary.yaml), with the allowed names. */
export function termbaseOf(edition: Edition): Termbase | undefined {
  const file = join(dirname(edition.dir), 'glossary.yaml');
  const located = loadGlossary(file);
  if (!located) return undefined;
  const glossary: Glossary = located.value;
  const names = new Set<string>(glossary.names);
  // Places keep their Latvian spelling, as the manifest's English names do.
  for (const e of edition.manifest.entries) {
    for (const n of [e.name.en, e.shortName?.en]) for (const w of n?.match(/[\p{L}\p{M}]+/gu) ?? []) if (LATVIAN_LETTER.test(w)) names.add(w);
  }
  return { glossary, file: relative(process.cwd(), file) || file, lineOf: (i) => located.locate(['terms', i]).line, names };
}

/** The Latvian originals of the termbase (its `lv` names), for marking them lang="lv". */
export const originalsOf = (tb: Termbase | undefined) => (tb ? tb.glossary.terms.map((t) => t.lv) : []);

/** With `cache`, each text's content lint is a stage (`contentLintStage`): only changed texts are linted again. */
export function lintEdition(edition: Edition, tb: Termbase | undefined = edition.lang === 'en' ? termbaseOf(edition) : undefined, cache?: Cache): { content: Diagnostic[]; termbase: Diagnostic[] } {
  const own = [...edition.chapters.values(), ...edition.sections.values()].filter((s) => !s.fallback);
  const abbreviations = edition.chapters.get('abbreviations');
  const acronyms = abbreviations && !abbreviations.fallback ? abbreviationsOf(abbreviations.text) : undefined;
  const manifestText = readFileSync(edition.manifestFile, 'utf8').split('\n');
  const content = own.flatMap((s) => {
    const entry = edition.manifest.entries.find((e) => e.id === s.id);
    const line = manifestText.findIndex((l) => l.includes(`id: ${s.id}`));
    const permitsLine = line < 0 ? -1 : manifestText.findIndex((l, i) => i > line && /^\s+permits:/.test(l));
    const permits = entry?.permits ? { value: entry.permits.value, note: entry.permits.note, where: `${relative(process.cwd(), edition.manifestFile)}:${permitsLine + 1}` } : undefined;
    const input = { file: s.file, text: s.text, acronyms: s.id === 'abbreviations' ? undefined : acronyms, permits, lang: s.lang };
    return cache ? runStage(contentLintStage, input, cache) : lintContent(input);
  });
  const termbase: Diagnostic[] = [];
  if (tb && edition.lang === 'en') {
    for (const s of own) termbase.push(...lintTermbase(s.file, s.text, tb));
    const texts = join(edition.dir, 'en', 'texts.yaml');
    if (existsSync(texts)) termbase.push(...lintTermbase(texts, readFileSync(texts, 'utf8'), tb, { markdown: false }));
  }
  return { content, termbase };
}
