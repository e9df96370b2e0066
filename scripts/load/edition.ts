/**
 * Stage 1 — load: read an edition's manifest, texts, messages and Markdown sources.
 * Validation against the schemas happens here, so everything after works on typed data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildError, type Diagnostic } from '../lib/diagnostics.js';
import { parseYaml } from '../validate/yaml.js';
import { Manifest, Messages, Texts, type Entry, type Language } from '../validate/schema.js';

export interface Source {
  /** Entry or chapter id. */
  id: string;
  file: string;
  text: string;
}

export interface Edition {
  name: string;
  lang: Language;
  dir: string;
  manifestFile: string;
  manifest: Manifest;
  texts: Texts;
  messages: Messages;
  chapters: Map<string, Source>;
  sections: Map<string, Source>;
  /** Assets folder of the edition (logos), copied next to the HTML. */
  assetsDir: string;
}

export interface LoadOptions {
  contentDir: string;
  templatesDir: string;
  edition: string;
  lang: Language;
}

export function loadEdition({ contentDir, templatesDir, edition, lang }: LoadOptions): Edition {
  const dir = join(contentDir, edition);
  const manifestFile = join(dir, 'manifest.yaml');
  if (!existsSync(manifestFile)) {
    throw new BuildError([{ file: manifestFile, message: `edition "${edition}" has no manifest.yaml`, hint: `editions live in ${contentDir}/<year>/manifest.yaml` }]);
  }
  const manifestDoc = parseYaml(manifestFile, readFileSync(manifestFile, 'utf8'), Manifest);
  const manifest = manifestDoc.value;
  const problems: Diagnostic[] = [];
  if (!manifest.edition.languages.includes(lang)) {
    const at = manifestDoc.locate(['edition', 'languages']);
    throw new BuildError([{ file: manifestFile, ...at, message: `edition ${edition} has no language "${lang}"`, hint: `languages listed: ${manifest.edition.languages.join(', ')}` }]);
  }
  const langDir = join(dir, lang);
  const textsFile = join(langDir, 'texts.yaml');
  const messagesFile = join(templatesDir, 'messages', `${lang}.yaml`);
  for (const f of [textsFile, messagesFile]) {
    if (!existsSync(f)) problems.push({ file: f, message: `missing file for language "${lang}"` });
  }
  if (problems.length) throw new BuildError(problems);
  const texts = parseYaml(textsFile, readFileSync(textsFile, 'utf8'), Texts).value;
  const messages = parseYaml(messagesFile, readFileSync(messagesFile, 'utf8'), Messages).value;

  const read = (id: string, file: string, path: PropertyKey[]): Source | undefined => {
    if (!existsSync(file)) {
      problems.push({ file: manifestFile, ...manifestDoc.locate(path), message: `"${id}" has no source file ${file}`, hint: 'create the file or remove the id from the manifest' });
      return undefined;
    }
    return { id, file, text: readFileSync(file, 'utf8') };
  };

  const chapters = new Map<string, Source>();
  (['front', 'back'] as const).forEach((part) =>
    manifest.edition[part].forEach((id, i) => {
      const src = read(id, join(langDir, 'chapters', `${id}.md`), ['edition', part, i]);
      if (src) chapters.set(id, src);
      if (!texts.chapters[id]) problems.push({ file: textsFile, line: 1, message: `chapter "${id}" has no title in texts.yaml`, hint: `add  chapters: { ${id}: { title: "…" } }` });
    }),
  );
  const sections = new Map<string, Source>();
  manifest.entries.forEach((e: Entry, i) => {
    const src = read(e.id, join(langDir, 'sections', `${e.id}.md`), ['entries', i, 'id']);
    if (src) sections.set(e.id, src);
    if (!e.name[lang]) problems.push({ file: manifestFile, ...manifestDoc.locate(['entries', i, 'name']), message: `"${e.id}" has no name in "${lang}"` });
  });
  if (problems.length) throw new BuildError(problems);
  return { name: edition, lang, dir, manifestFile, manifest, texts, messages, chapters, sections, assetsDir: join(dir, 'assets') };
}
