/**
 * Stage 4 — compose: the transformed parts, the charts and the page numbers of the contents
 * into one HTML document through the Handlebars templates. Pure: same inputs, same HTML.
 */
import type { Edition } from '../load/edition.js';
import { pageRule } from '../print/geometry.js';
import type { Render } from './templates.js';

export type PartKind = 'chapter' | 'municipality' | 'region';

export interface Part {
  id: string;
  kind: PartKind;
  title: string;
  /** Sanitised HTML of the part's body, charts already drawn. */
  html: string;
}

export interface ComposeInput {
  edition: Edition;
  parts: Part[];
  /** Page on which each part starts; null before the first print. */
  pages: ReadonlyMap<string, number> | null;
  render: Render;
}

const cssString = (s: string) => `"${s.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ')}"`;

/** A named page per part gives each its own running header. */
export function pageCss(parts: Part[]): string {
  return [pageRule()].concat(parts
    .map((p) => `@page p-${p.id} { @top-center { content: ${cssString(p.title)}; } }\n#${p.id} { page: p-${p.id}; }`))
    .join('\n');
}

export function compose({ edition, parts, pages, render }: ComposeInput): string {
  const { texts, messages, manifest, lang } = edition;
  return render({
    lang,
    texts,
    messages,
    title: manifest.edition.title[lang] ?? Object.values(manifest.edition.title)[0],
    toc: parts.map((p) => ({ id: p.id, title: p.title, kind: p.kind, page: pages?.get(p.id) ?? '' })),
    parts: parts.map((p) => ({ ...p, template: p.kind, pageName: `p-${p.id}` })),
    pageCss: pageCss(parts),
  });
}
