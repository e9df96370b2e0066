/**
 * npm run translations -- [--lang en] [--mark ID … | --mark-all]
 *
 * Prints the translation coverage of a language, and records, after an editor has brought a
 * translation up to date, the hash of its source in the translation's front matter (--mark),
 * so that a later change of the source shows the translation as stale, line by line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BuildError, type Diagnostic } from './lib/diagnostics.js';
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

/**
 * The termbase's warnings of an English edition (forbidden variants, Latvian names without
 * italics), counted by what they flag, most frequent first, then each at file:line:col.
 */
export function formatTermbase(warnings: readonly Diagnostic[], relative: (file: string) => string = (f) => f): string {
  if (!warnings.length) return 'termbase: no warnings';
  const counts = new Map<string, { n: number; first: Diagnostic }>();
  for (const w of warnings) {
    const c = counts.get(w.message);
    if (c) c.n++;
    else counts.set(w.message, { n: 1, first: w });
  }
  const files = new Map<string, number>();
  for (const w of warnings) files.set(w.file, (files.get(w.file) ?? 0) + 1);
  const at = (d: Diagnostic) => `${relative(d.file)}:${d.line ?? 1}:${d.column ?? 1}`;
  return [
    `termbase: ${warnings.length} warning(s), ${counts.size} kind(s), in ${files.size} file(s)`,
    ...[...counts.values()].sort((a, b) => b.n - a.n || a.first.message.localeCompare(b.first.message)).map(({ n, first }) => `  ${String(n).padStart(4)} × ${first.message}${first.hint ? ` — ${first.hint}` : ''}`),
    '  by file:',
    ...[...files].sort((a, b) => b[1] - a[1]).map(([f, n]) => `  ${String(n).padStart(4)}   ${relative(f)}`),
    '  each:',
    ...warnings.map((w) => `    ${at(w)}: ${w.message}`),
  ].join('\n');
}
