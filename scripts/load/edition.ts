/**
 * Stage 1 — load: read an edition's manifest, texts, messages and Markdown sources.
 * Validation against the schemas happens here, so everything after works on typed data.
 * Every problem of every file is collected and reported together.
 *
 * Languages: the edition's first language is the source; another language's section or
 * chapter that is missing falls back to the source text (marked, and counted in the coverage
 * report), and a translation records the hash of the source it was made from (front matter
 * `sourceHash`), so a source changed since is reported as stale.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { BuildError, type Diagnostic } from '../lib/diagnostics.js';
import { nearest } from '../lib/nearest.js';
import { parseYaml, type Located } from '../validate/yaml.js';
import { checkFigures } from '../validate/figures.js';
import { Manifest, Messages, Texts, type Entry, type Language } from '../validate/schema.js';
import { LIMITS, readContentFile } from './read.js';

export interface Source {
  /** Entry or chapter id. */
  id: string;
  file: string;
  /** Markdown, front matter blanked out (line numbers unchanged). */
  text: string;
  /** The language the text is in: the edition's language, or the source language as a fallback. */
  lang: Language;
  /** True when the edition's language has no translation and the source text stands in. */
  fallback: boolean;
  /** Of a translation: the hash of the source it was made from, and the source's hash now. */
  translatedFrom?: string;
  sourceHash?: string;
  /** Of a translation: the line hashes recorded with it, and the source's text now. */
  translatedLines?: string[];
  sourceText?: string;
}

export interface Edition {
  name: string;
  lang: Language;
  /** The language the content is written in first (the manifest's quotes are in it). */
  sourceLang: Language;
  dir: string;
  manifestFile: string;
  manifest: Manifest;
  texts: Texts;
  messages: Messages;
  chapters: Map<string, Source>;
  sections: Map<string, Source>;
  /** Assets folder of the edition (logos), copied next to the HTML. */
  assetsDir: string;
  /** Problems found while loading that did not stop it (only with strict: false). */
  problems: Diagnostic[];
  /** Of a translation: the source language's messages and texts, for the parts that fall back to it. */
  source?: { messages: Messages; texts: Texts };
}

export interface LoadOptions {
  /** Throw every problem (default); false returns the problems with the edition when it is usable. */
  strict?: boolean;
  contentDir: string;
  templatesDir: string;
  edition: string;
  lang: Language;
}

const FrontMatter = z
  .object({
    sourceHash: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits (npm run translations -- --mark ID writes it)')
      .describe('Of a translation: the hash of the source-language file it was translated from.'),
    sourceLines: z
      .string()
      .regex(/^[0-9a-f]{8}( [0-9a-f]{8})*$/, 'must be 8-hex-digit hashes separated by spaces (npm run translations -- --mark ID writes it)')
      .describe('Of a translation: a short hash of each non-empty line of that source, to show which lines changed since.'),
  })
  .partial()
  .strict();

export const hashText = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
/** The short hash of each non-empty line: what a translation records of its source, line by line. */
export const lineHashes = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => createHash('sha256').update(l).digest('hex').slice(0, 8));

/** Front matter (--- … --- at the very start) parsed as data; the lines blanked, not removed. */
export function splitFrontMatter(file: string, text: string): { text: string; data: z.infer<typeof FrontMatter> } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  if (!m) return { text, data: {} };
  const data = m[1]!.trim() ? parseYaml(file, `\n${m[1]}\n`, FrontMatter).value : {}; // \n: line numbers as in the file
  const blank = m[0].replace(/[^\n]/g, '');
  return { text: blank + text.slice(m[0].length), data };
}

export function loadEdition({ contentDir, templatesDir, edition, lang, strict = true }: LoadOptions): Edition {
  const dir = join(contentDir, edition);
  const manifestFile = join(dir, 'manifest.yaml');
  if (!existsSync(manifestFile)) {
    throw new BuildError([{ file: manifestFile, message: `edition "${edition}" has no manifest.yaml`, hint: `editions live in ${contentDir}/<year>/manifest.yaml` }]);
  }
  const problems: Diagnostic[] = [];
  /** Runs a step; its BuildError's problems are collected, so one run reports them all. */
  const collect = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (err) {
      if (!(err instanceof BuildError)) throw err;
      problems.push(...err.diagnostics);
      return undefined;
    }
  };
  const readText = (file: string, root: string, limit: number): string | undefined => {
    const r = readContentFile(file, root, limit);
    if (r.ok) return r.text;
    problems.push(r.diagnostic);
    return undefined;
  };
  const readYaml = <S extends z.ZodType>(file: string, root: string, schema: S): Located<z.output<S>> | undefined => {
    const text = readText(file, root, LIMITS.yaml);
    return text === undefined ? undefined : collect(() => parseYaml(file, text, schema));
  };

  const manifestDoc = readYaml(manifestFile, contentDir, Manifest);
  const langDir = join(dir, lang);
  const textsFile = join(langDir, 'texts.yaml');
  const messagesFile = join(templatesDir, 'messages', `${lang}.yaml`);
  for (const f of [textsFile, messagesFile]) {
    if (!existsSync(f)) problems.push({ file: f, message: `missing file for language "${lang}"`, hint: 'copy the source language\'s file beside it and translate it' });
  }
  const texts = existsSync(textsFile) ? readYaml(textsFile, contentDir, Texts)?.value : undefined;
  const messages = existsSync(messagesFile) ? readYaml(messagesFile, templatesDir, Messages)?.value : undefined;
  if (!manifestDoc) throw new BuildError(problems);
  const manifest = manifestDoc.value;
  if (!manifest.edition.languages.includes(lang)) {
    const at = manifestDoc.locate(['edition', 'languages']);
    throw new BuildError([{ file: manifestFile, ...at, message: `edition ${edition} has no language "${lang}"`, hint: `languages listed: ${manifest.edition.languages.join(', ')}` }]);
  }
  const sourceLang = manifest.edition.languages[0]!;
  const sourceDir = join(dir, sourceLang);

  /** One Markdown source in this language, or the source language's as a fallback. */
  const read = (id: string, kind: 'chapters' | 'sections', path: PropertyKey[]): Source | undefined => {
    const own = join(langDir, kind, `${id}.md`);
    const original = join(sourceDir, kind, `${id}.md`);
    const file = existsSync(own) ? own : lang !== sourceLang && existsSync(original) ? original : undefined;
    if (!file) {
      problems.push({ file: manifestFile, ...manifestDoc.locate(path), message: `"${id}" has no source file ${own}`, hint: 'create the file or remove the id from the manifest' });
      return undefined;
    }
    const raw = readText(file, contentDir, LIMITS.markdown);
    if (raw === undefined) return undefined;
    const split = collect(() => splitFrontMatter(file, raw));
    if (!split) return undefined;
    if (!split.text.trim()) {
      problems.push({ file, line: 1, column: 1, message: `the ${kind === 'sections' ? 'section' : 'chapter'} "${id}" is empty`, hint: 'write its text, or remove its id from the manifest' });
      return undefined;
    }
    const source: Source = { id, file, text: split.text, lang: file === own ? lang : sourceLang, fallback: file !== own };
    if (lang !== sourceLang && file === own) {
      source.translatedFrom = split.data.sourceHash;
      source.translatedLines = split.data.sourceLines?.split(' ');
      const orig = existsSync(original) ? readContentFile(original, contentDir, LIMITS.markdown) : undefined;
      if (orig?.ok) {
        source.sourceText = splitFrontMatter(original, orig.text).text;
        source.sourceHash = hashText(source.sourceText);
      }
    }
    return source;
  };

  const chapters = new Map<string, Source>();
  (['front', 'back'] as const).forEach((part) =>
    manifest.edition[part].forEach((id, i) => {
      const src = read(id, 'chapters', ['edition', part, i]);
      if (src) chapters.set(id, src);
      if (texts && !texts.chapters[id] && lang === sourceLang) problems.push({ file: textsFile, line: 1, message: `chapter "${id}" has no title in texts.yaml`, hint: `add  chapters: { ${id}: { title: "…" } }` });
    }),
  );
  const sections = new Map<string, Source>();
  manifest.entries.forEach((e: Entry, i) => {
    const src = read(e.id, 'sections', ['entries', i, 'id']);
    if (src) sections.set(e.id, src);
    if (!e.name[lang] && !e.name[sourceLang]) problems.push({ file: manifestFile, ...manifestDoc.locate(['entries', i, 'name']), message: `"${e.id}" has no name in "${lang}"` });
  });

  // A Markdown file the manifest does not name would be left out of the report without a word.
  const listed = { sections: manifest.entries.map((e) => e.id), chapters: [...manifest.edition.front, ...manifest.edition.back] };
  for (const d of new Set([langDir, sourceDir])) {
    for (const kind of ['sections', 'chapters'] as const) {
      const folder = join(d, kind);
      if (!existsSync(folder)) continue;
      for (const f of readdirSync(folder)) {
        const id = basename(f, '.md');
        if (!f.endsWith('.md') || listed[kind].includes(id)) continue;
        const close = nearest(id, listed[kind]);
        problems.push({
          file: join(folder, f),
          message: `this file is not in the manifest, so the report would leave it out`,
          hint: close ? `is it "${close}.md"? rename it, or add "${id}" to manifest.yaml` : kind === 'sections' ? `add an entry with id: ${id} to manifest.yaml, or move the file out of ${folder}` : `add ${id} to edition.front or edition.back in manifest.yaml`,
        });
      }
    }
  }

  // The figures quote the source language's sections.
  const sourceSections = lang === sourceLang ? sections : new Map([...sections].filter(([, s]) => s.lang === sourceLang));
  if (lang !== sourceLang) {
    for (const e of manifest.entries) {
      const file = join(sourceDir, 'sections', `${e.id}.md`);
      if (sourceSections.has(e.id) || !existsSync(file)) continue;
      const r = readContentFile(file, contentDir, LIMITS.markdown);
      if (r.ok) sourceSections.set(e.id, { id: e.id, file, text: splitFrontMatter(file, r.text).text, lang: sourceLang, fallback: false });
    }
  }
  problems.push(...checkFigures({ entries: manifest.entries, sections: sourceSections, manifestFile, locate: manifestDoc.locate }));

  // Problems that leave a usable edition are returned (the build adds the later stages' own and
  // reports them all together); a strict load throws them.
  let source: Edition['source'];
  if (lang !== sourceLang) {
    const sourceTexts = readYaml(join(sourceDir, 'texts.yaml'), contentDir, Texts)?.value;
    const sourceMessages = readYaml(join(templatesDir, 'messages', `${sourceLang}.yaml`), templatesDir, Messages)?.value;
    if (sourceTexts && sourceMessages) source = { texts: sourceTexts, messages: sourceMessages };
  }
  if (!texts || !messages || (lang !== sourceLang && !source) || (strict && problems.length)) throw new BuildError(problems);
  return { name: edition, lang, sourceLang, dir, manifestFile, manifest, texts, messages, chapters, sections, assetsDir: join(dir, 'assets'), problems, source };
}
