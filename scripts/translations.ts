/**
 * npm run translations -- [--lang en] [--mark ID … | --mark-all]
 *
 * Prints the translation coverage of a language, and records, after an editor has brought a
 * translation up to date, the hash of its source in the translation's front matter (--mark),
 * so that a later change of the source shows the translation as stale, line by line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BuildError } from './lib/diagnostics.js';
import { hashText, lineHashes, loadEdition } from './load/edition.js';

/** The translation's text with its front matter set to the source's hashes. */
export function markTranslation(translation: string, source: string): string {
  const body = translation.replace(/^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, '');
  return `---\nsourceHash: "${hashText(source)}"\nsourceLines: "${lineHashes(source).join(' ')}"\n---\n${body}`;
}

/** Marks the given translations (or all) of an edition as up to date with their sources. */
export function markTranslations(options: { contentDir: string; templatesDir: string; edition: string; lang: 'lv' | 'en'; ids: string[] | 'all' }): string[] {
  const edition = loadEdition({ ...options, strict: false });
  if (edition.lang === edition.sourceLang) throw new BuildError(`${edition.lang} is the source language of edition ${edition.name}: there is nothing to mark`, 2);
  const sources = [...edition.sections.values(), ...edition.chapters.values()].filter((s) => !s.fallback && s.sourceText !== undefined);
  const chosen = options.ids === 'all' ? sources : options.ids.map((id) => sources.find((s) => s.id === id) ?? (() => { throw new BuildError(`no translation "${id}" in ${edition.lang}`, 2); })());
  for (const s of chosen) writeFileSync(s.file, markTranslation(readFileSync(s.file, 'utf8'), s.sourceText!));
  return chosen.map((s) => s.file);
}
