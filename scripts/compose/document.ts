/**
 * Stage 4 — compose: the transformed parts, the charts and the page numbers of the contents
 * into one HTML document through the Handlebars templates. Pure: same inputs, same HTML.
 */
import type { Edition } from '../load/edition.js';
import { pageRule } from '../print/design.js';
import { quoteText, type QuoteStyle } from '../transform/plugins/rehype-quotes.js';
import { numberFormat } from '../data/format.js';
import { keyFigures } from './key-figures.js';
import type { Render } from './templates.js';
import type { Language } from '../validate/schema.js';

export type PartKind = 'chapter' | 'municipality' | 'region';

export interface Part {
  id: string;
  kind: PartKind;
  title: string;
  /** A shorter title for the running head, where the part has one. */
  runningHead?: string;
  /** Sanitised HTML of the part's body, charts already drawn. */
  html: string;
  /** The language of the part's text: the edition's, or the source language standing in for a missing translation. */
  lang?: Language;
  fallback?: boolean;
  /** Of the preview's draft only: the Markdown file, written as data-source-file. */
  sourceFile?: string;
}

export interface ComposeInput {
  edition: Edition;
  parts: Part[];
  /** Page on which each part starts; null before the first print. */
  pages: ReadonlyMap<string, number> | null;
  render: Render;
}

/**
 * A CSS string literal of any text: every character that is not a letter, digit, space or
 * plain punctuation is written as a CSS escape, so no content can end the string, the rule or
 * the <style> element ("</style>" becomes "\3c /style\3e ").
 */
export const cssString = (s: string) => `"${[...s].map((c) => (/[\p{L}\p{N} ,.;:!?()–—-]/u.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;
/** A CSS identifier (ids are slugs already; escaped all the same). */
export const cssIdent = (s: string) => [...s].map((c, i) => (/[a-zA-Z0-9_-]/.test(c) && !(i === 0 && /[0-9-]/.test(c)) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('');

/**
 * A named page per part gives each its own running header; its opening page has none (the
 * page layout code marks what follows the first page .page-rest).
 */
export function pageCss(parts: Part[]): string {
  return [pageRule()].concat(parts
    // The running head is the part's short title where it has one (a chapter's runningHead).
    .map((p) => {
      const page = cssIdent(`p-${p.id}`);
      const opening = cssIdent(`p-${p.id}-first`);
      const id = cssIdent(p.id);
      return `@page ${page} { @top-center { content: ${cssString(p.runningHead ?? p.title)}; } }\n@page ${opening} { @top-center { content: none; } }\n#${id} { page: ${opening}; }\n#${id} .page-rest { page: ${page}; }`;
    }))
    .join('\n');
}

/** The charts of the parts in report order: their figure ids (chart-ID), numbers and titles. */
export function chartList(parts: Part[], edition: Edition): { id: string; chart: string; caption: string; title: string }[] {
  const ids = parts.flatMap((p) => [...p.html.matchAll(/<figure [^>]*data-chart="([a-z0-9-]+)"/g)].map((m) => m[1]!));
  return ids.map((chart, i) => ({
    id: `chart-${chart}`,
    chart,
    caption: edition.messages.chartCaption.replace('{n}', String(i + 1)),
    title: edition.texts.charts[chart]?.title ?? edition.source?.texts.charts[chart]?.title ?? chart,
  }));
}

/**
 * The contents, grouped as the PDF's bookmarks are: the front chapters, the municipalities,
 * the planning regions, the back chapters; then the list of charts (itself the first entry).
 */
function contents(edition: Edition, parts: Part[], pages: ComposeInput['pages']) {
  const entry = (p: Part) => ({ id: p.id, title: p.title, kind: p.kind, page: pages?.get(p.id) ?? '' });
  const { front, back } = edition.manifest.edition;
  const group = (kind: PartKind, title: string) => {
    const entries = parts.filter((p) => p.kind === kind).map(entry);
    return entries.length ? [{ title, entries }] : [];
  };
  const charts = chartList(parts, edition).map((c) => ({ ...c, page: pages?.get(c.id) ?? '' }));
  // The list of charts stands after the contents, before the front chapters: their first entry.
  const chartsEntry = charts.length ? [{ id: 'charts-list', title: edition.messages.chartsList, kind: 'chapter', page: pages?.get('charts-list') ?? '' }] : [];
  return {
    groups: [
      { entries: [...chartsEntry, ...parts.filter((p) => front.includes(p.id)).map(entry)] },
      ...group('municipality', edition.messages.outline.municipalities),
      ...group('region', edition.messages.outline.regions),
      { entries: parts.filter((p) => back.includes(p.id)).map(entry) },
    ].filter((g) => g.entries.length),
    charts,
  };
}

/** Every string of the edition's texts (cover, back cover, titles) with its quotation marks set as the content's are. */
export function quoteTexts<T>(value: T, quotes: QuoteStyle): T {
  if (typeof value === 'string') return quoteText(value, quotes) as T;
  if (Array.isArray(value)) return value.map((v) => quoteTexts(v, quotes)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, quoteTexts(v, quotes)])) as T;
  return value;
}

/**
 * The suggested citation of the imprint, from the texts and the manifest: "Author (year). Title.
 * Publisher. ISBN …" (the ISBN where assigned).
 */
export function citation(edition: Edition): string {
  const { texts, manifest } = edition;
  const isbn = texts.imprint?.isbn ? ` ISBN ${texts.imprint.isbn}.` : '';
  const publisher = texts.imprint?.publisher && texts.imprint.publisher !== texts.author ? ` ${texts.imprint.publisher}.` : '';
  return `${texts.author} (${manifest.edition.year}). ${texts.documentTitle}.${publisher}${isbn}`;
}

export function compose({ edition, parts, pages, render }: ComposeInput): string {
  const { texts, messages, manifest, lang } = edition;
  const fmt = numberFormat(messages);
  const entries = new Map(manifest.entries.map((e) => [e.id, e]));
  return render({
    lang,
    texts: quoteTexts(texts, messages.quotes),
    messages,
    year: manifest.edition.year,
    title: manifest.edition.title[lang] ?? Object.values(manifest.edition.title)[0],
    contents: contents(edition, parts, pages),
    citation: quoteText(citation(edition), messages.quotes),
    // A part in another language than the edition's (a missing translation) says so: lang for
    // the tags and hyphenation, data-fallback for the preview's marker.
    // A municipality's key figures, from the manifest, under its heading.
    parts: parts.map((p) => ({ ...p, template: p.kind, pageName: `p-${p.id}`, fallback: Boolean(p.fallback), partLang: p.lang ?? lang, keyFigures: p.kind === 'municipality' && entries.has(p.id) ? keyFigures(entries.get(p.id)!, messages, fmt) : [] })),
    pageCss: pageCss(parts),
  });
}
