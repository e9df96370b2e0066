/**
 * The report as its Markdown sources say it should read: each section's words and the
 * footnotes with their report-wide numbers, computed here with plain string handling (not the
 * pipeline's unified chain), so the end-to-end tests compare the PDF with whatever the content
 * is today. An editor's correction changes both sides; the tests stay green.
 *
 * Markdown to words: footnote definitions are dropped (their URLs are checked on their own);
 * a call [^x] reads " N" (N numbered through the report in order of first call, as the PDF
 * prints it); [text](url) reads text, <url> reads url as printed (escapes of letters decoded:
 * tests/support/urls.ts); **, *, the raw tags <sup>, <sub>, <br>,
 * a line-ending "\" and backslash escapes are removed; list markers are dash tokens, which
 * words() drops on both sides. A section's contacts (after its "---") are printed under its
 * heading, so they come first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { shownUrl } from './urls.js';
import { words } from './words.js';
import { ROOT } from './paths.js';

export interface SourcePart {
  id: string;
  kind: 'chapter' | 'section';
  /** The title as the report prints it in the contents (upper case). */
  title: string;
  text: string;
  /** Footnote number → URL. */
  footnotes: Map<number, string>;
}

const DEFINITION = /^\[\^([^\]]+)\]:\s*<?(\S+?)>?\s*$/;

/** Every part of an edition in report order, with report-wide footnote numbers. */
export function sourceParts(edition = '2025', lang = 'lv', content = join(ROOT, 'content')): SourcePart[] {
  const dir = join(content, edition);
  const manifest = parse(readFileSync(join(dir, 'manifest.yaml'), 'utf8')) as {
    edition: { front: string[]; back: string[] };
    entries: { id: string; name: Record<string, string> }[];
  };
  const texts = parse(readFileSync(join(dir, lang, 'texts.yaml'), 'utf8')) as { chapters: Record<string, { title: string }> };
  const read = (kind: string, id: string) => readFileSync(join(dir, lang, kind, `${id}.md`), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, (m) => m.replace(/[^\n]/g, ''));
  const order: { id: string; kind: SourcePart['kind']; title: string; md: string }[] = [
    ...manifest.edition.front.map((id) => ({ id, kind: 'chapter' as const, title: texts.chapters[id]!.title, md: read('chapters', id) })),
    ...manifest.entries.map((e) => ({ id: e.id, kind: 'section' as const, title: e.name[lang]!, md: read('sections', e.id) })),
    ...manifest.edition.back.map((id) => ({ id, kind: 'chapter' as const, title: texts.chapters[id]!.title, md: read('chapters', id) })),
  ];
  let next = 1;
  return order.map(({ id, kind, title, md }) => {
    const urls = new Map<string, string>();
    for (const line of md.split('\n')) {
      const m = DEFINITION.exec(line.trim());
      if (m) urls.set(m[1]!, m[2]!);
    }
    const numbers = new Map<string, number>();
    const body = md
      .split('\n')
      .filter((l) => !DEFINITION.test(l.trim()))
      .join('\n')
      .replace(/\[\^([^\]]+)\]/g, (_m, label: string) => {
        if (!numbers.has(label)) numbers.set(label, next++);
        return ` ${numbers.get(label)}`;
      });
    const footnotes = new Map([...numbers].map(([label, n]) => [n, urls.get(label)!]));
    const contacts = kind === 'section' ? /^-{3,}[ \t]*$/m.exec(body) : null;
    const text = contacts ? `${body.slice(contacts.index + contacts[0].length)}\n\n${body.slice(0, contacts.index)}` : body;
    return { id, kind, title: title.toLocaleUpperCase(lang), text, footnotes };
  });
}

/** A section's words as the PDF should print them. */
export function markdownWords(text: string): string[] {
  return words(
    text
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')
      .replace(/<(https?:\/\/[^>]+)>/g, (_m, url: string) => shownUrl(url))
      .replace(/<(mailto:[^>]+)>/g, '$1')
      .replace(/<([^@\s>]+@[^>\s]+)>/g, '$1')
      .replace(/<\/?(sup|sub)>|<br\s*\/?>/g, '')
      .replace(/\*+/g, '')
      .replace(/\\$/gm, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
      .replace(/&nbsp;/g, ' '),
  );
}
