/**
 * The document as a whole (ISO 14289-1 7.1, 7.2; Matterhorn 01, 06, 07, 11): tagged (MarkInfo
 * Marked, no Suspects, a structure tree), XMP metadata naming PDF/UA-1 and the title, the
 * title shown in the window, the document's language (and every element's) a language tag.
 */
import type { UaFinding } from './finding.js';
import type { UaModel } from './model.js';

/** BCP 47, as far as a reader needs it: a primary subtag and optional subtags. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

function xmpValue(xmp: string, prop: string): string | undefined {
  // Element form (<pdfuaid:part>1</pdfuaid:part>, or dc:title's rdf:Alt/rdf:li) or attribute form (pdfuaid:part="1").
  const el = new RegExp(`<${prop}(?:\\s[^>]*)?>([\\s\\S]*?)</${prop}>`).exec(xmp);
  // A language alternative (rdf:Alt): its first item, the x-default.
  const item = el && /<rdf:li(?:\s[^>]*)?>([\s\S]*?)<\/rdf:li>/.exec(el[1]!);
  if (el) return unescapeXml((item ? item[1]! : el[1]!).replace(/<[^>]+>/g, '').trim());
  const attr = new RegExp(`${prop}\\s*=\\s*["']([^"']*)["']`).exec(xmp);
  return attr?.[1] === undefined ? undefined : unescapeXml(attr[1].trim());
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e] ?? m));

export function checkDocument(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  if (!m.marked) out.push({ check: 'document', clause: '7.1 (Matterhorn 01-002)', message: 'MarkInfo /Marked is not true: the PDF does not say it is tagged' });
  if (m.suspects) out.push({ check: 'document', clause: '7.1 (Matterhorn 01-003)', message: 'MarkInfo /Suspects is true' });
  if (!m.hasStructTree) out.push({ check: 'document', clause: '7.1 (Matterhorn 01-001)', message: 'no structure tree (StructTreeRoot)' });
  if (m.displayDocTitle !== true) out.push({ check: 'document', clause: '7.1 (Matterhorn 07-001)', message: `ViewerPreferences /DisplayDocTitle is ${m.displayDocTitle === undefined ? 'missing' : 'false'}: the window shows the file name, not the title` });
  return out;
}

export function checkMetadata(m: UaModel): UaFinding[] {
  if (!m.xmp) return [{ check: 'metadata', clause: '7.1 (Matterhorn 06-001)', message: 'no XMP metadata stream in the catalog' }];
  const out: UaFinding[] = [];
  const part = xmpValue(m.xmp, 'pdfuaid:part');
  if (part !== '1') out.push({ check: 'metadata', clause: '7.1 (Matterhorn 06-002)', message: part === undefined ? 'the XMP metadata has no pdfuaid:part (PDF/UA identifier)' : `the XMP metadata says pdfuaid:part ${part}, not 1` });
  const title = xmpValue(m.xmp, 'dc:title');
  if (!title) out.push({ check: 'metadata', clause: '7.1 (Matterhorn 06-003)', message: 'the XMP metadata has no dc:title' });
  else if (m.infoTitle && title !== m.infoTitle) out.push({ check: 'metadata', clause: '7.1 (Matterhorn 06-003)', message: `dc:title "${title}" differs from the document information's title "${m.infoTitle}"` });
  return out;
}

export function checkLanguage(m: UaModel): UaFinding[] {
  return [...checkDocumentLanguage(m), ...checkElementLanguages(m)];
}

/** The catalog's /Lang: there, and a language tag. */
export function checkDocumentLanguage(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  if (!m.lang) out.push({ check: 'language', clause: '7.2 (Matterhorn 11-006)', message: 'no document language (catalog /Lang)' });
  else if (!LANGUAGE_TAG.test(m.lang)) out.push({ check: 'language', clause: '7.2 (Matterhorn 11-006)', message: `the document language "${m.lang}" is not a language tag` });
  return out;
}

/** Each element's /Lang, where it has one, a language tag. */
export function checkElementLanguages(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  for (const e of m.elements) {
    if (e.lang !== undefined && !LANGUAGE_TAG.test(e.lang)) out.push({ check: 'language', clause: '7.2 (Matterhorn 11-004)', page: e.page, element: e.path, message: `language "${e.lang}" is not a language tag` });
  }
  return out;
}
