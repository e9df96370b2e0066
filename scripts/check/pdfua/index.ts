/**
 * The PDF/UA-1 checker: the machine-checkable failure conditions of the Matterhorn Protocol
 * that apply to this report, one module per group, on a model read with pdf-lib. No JVM
 * validator is needed; what a machine cannot judge (is the alt text right? is the reading
 * order the logical one?) stays with a person, though the checks for "says nothing" catch the
 * obvious.
 */
import { checkAnnotations } from './annotations.js';
import { checkContent } from './content.js';
import { checkDocument, checkDocumentLanguage, checkElementLanguages, checkLanguage, checkMetadata } from './document.js';
import { checkFigures } from './figures.js';
import type { UaFinding } from './finding.js';
import { checkFonts } from './fonts.js';
import { checkHeadings } from './headings.js';
import type { UaModel } from './model.js';
import { checkRoleMap, checkStructure, checkStructureTypes } from './structure.js';
import { checkTables } from './tables.js';

export type { UaFinding } from './finding.js';
export { readUa, readUaDocument, type UaModel } from './model.js';

export const CHECKS = {
  document: checkDocument,
  metadata: checkMetadata,
  language: checkLanguage,
  content: checkContent,
  structure: checkStructure,
  figures: checkFigures,
  annotations: checkAnnotations,
  headings: checkHeadings,
  tables: checkTables,
  fonts: checkFonts,
} satisfies Record<string, (m: UaModel) => UaFinding[]>;

/**
 * The checks of a print unit's pages: their marked content, annotations, fonts and the
 * structure elements under the unit's StructTreeRoot (types, figures, tables, languages).
 * Page numbers are the unit's (1 = its first page).
 */
export const PAGE_CHECKS = [checkContent, checkStructureTypes, checkFigures, checkAnnotations, checkTables, checkFonts, checkElementLanguages] satisfies ((m: UaModel) => UaFinding[])[];

/**
 * The checks of the document: tagged, XMP, title, /Lang, the role map, and the headings' order
 * across the whole tree (a unit's first heading follows the previous unit's last). They read
 * the catalog and the structure tree, no page's content (`readUaDocument(doc, { pages: false })`).
 */
export const DOCUMENT_CHECKS = [checkDocument, checkMetadata, checkDocumentLanguage, checkRoleMap, checkHeadings] satisfies ((m: UaModel) => UaFinding[])[];

export interface UaResult {
  findings: UaFinding[];
  stats: { pages: number; elements: number; figures: number; links: number; linkAnnotations: number; headings: number; tables: number; artifacts: number; untaggedPages: number };
}

export function checkPdfUa(m: UaModel): UaResult {
  return result(m, Object.values(CHECKS).flatMap((check) => check(m)));
}

/** The page-level checks (`PAGE_CHECKS`) of a print unit's model; pages are the unit's. */
export function checkPdfUaPages(m: UaModel): UaResult {
  return result(m, PAGE_CHECKS.flatMap((check) => check(m)));
}

/** The document-level checks (`DOCUMENT_CHECKS`), on a model read with `{ pages: false }` or a whole one. */
export function checkPdfUaDocument(m: UaModel): UaResult {
  return result(m, DOCUMENT_CHECKS.flatMap((check) => check(m)));
}

function result(m: UaModel, findings: UaFinding[]): UaResult {
  const count = (role: string | RegExp) => m.elements.filter((e) => (typeof role === 'string' ? e.role === role : role.test(e.role))).length;
  return {
    findings,
    stats: {
      pages: m.pages.length,
      elements: m.elements.length,
      figures: count('Figure'),
      links: count('Link'),
      linkAnnotations: m.annotations.filter((a) => a.subtype === 'Link').length,
      headings: count(/^H[1-6]?$/),
      tables: count('Table'),
      artifacts: m.pages.reduce((n, p) => n + p.content.artifacts, 0),
      untaggedPages: m.pages.filter((p) => p.content.untagged.size).length,
    },
  };
}

export function formatPdfUa({ findings, stats }: UaResult, { limit = 40 } = {}): string {
  const lines = findings.slice(0, limit).map((f) => `  ✗ ${f.check} [${f.clause}]${f.page ? ` page ${f.page}` : ''}${f.element ? ` ${f.element}` : ''}: ${f.message}`);
  if (findings.length > limit) lines.push(`  … and ${findings.length - limit} more`);
  lines.push(summarizePdfUa({ findings, stats }));
  return lines.join('\n');
}

/** One line: the failures by group, and what was checked. */
export function summarizePdfUa({ findings, stats }: UaResult): string {
  const by = new Map<string, number>();
  for (const f of findings) by.set(f.check, (by.get(f.check) ?? 0) + 1);
  return (
    `PDF/UA-1: ${findings.length ? `${findings.length} failure(s) (${[...by].map(([k, n]) => `${k} ${n}`).join(', ')})` : '0 failures'}; ` +
      `${stats.pages} pages, ${stats.elements} structure elements, ${stats.headings} headings, ${stats.figures} figures, ${stats.tables} tables, ` +
      `${stats.links} links with ${stats.linkAnnotations} annotations, ${stats.artifacts} artifact marks`
  );
}
