/**
 * Structure types (ISO 14289-1 7.1; Matterhorn 02-001, 02-003, 02-004): every element's type
 * is a standard structure type of ISO 32000-1 or role-mapped to one; a standard type is not
 * remapped, and no role map runs in a circle.
 */
import type { UaFinding } from './finding.js';
import type { UaModel } from './model.js';

export const STANDARD_TYPES = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form', 'Em', 'Strong', 'Artifact',
]);

export function checkStructure(m: UaModel): UaFinding[] {
  return [...checkRoleMap(m), ...checkStructureTypes(m)];
}

/** The role map (the document's, of its StructTreeRoot): no standard type remapped. */
export function checkRoleMap(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  for (const [from, to] of Object.entries(m.roleMap)) {
    if (STANDARD_TYPES.has(from)) out.push({ check: 'structure', clause: '7.1 (Matterhorn 02-004)', message: `the standard type ${from} is role-mapped to ${to}` });
  }
  return out;
}

/** Every element's type standard or mapped to one (one finding per type). */
export function checkStructureTypes(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  const reported = new Set<string>();
  for (const e of m.elements) {
    if (STANDARD_TYPES.has(e.role) || reported.has(e.type)) continue;
    reported.add(e.type);
    const count = m.elements.filter((x) => x.type === e.type).length;
    out.push({ check: 'structure', clause: '7.1 (Matterhorn 02-001)', page: e.page, element: e.path, message: `structure type ${e.type} is not standard and not role-mapped to a standard type (${count} element(s))` });
  }
  return out;
}
