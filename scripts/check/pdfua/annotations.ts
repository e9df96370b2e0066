/**
 * Annotations (ISO 14289-1 7.18): every annotation is in the structure tree through its
 * /StructParent (Matterhorn 28-002); a link annotation is an object reference of a Link
 * element (28-011) and has an alternative description in /Contents (28-012); a page with
 * annotations has /Tabs /S (7.18.3).
 */
import type { UaFinding } from './finding.js';
import type { UaModel } from './model.js';

export function checkAnnotations(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  const owner = new Map<string, number>();
  for (const e of m.elements) for (const r of e.objrs) owner.set(r, e.index);
  const pagesWithAnnots = new Set<number>();
  for (const a of m.annotations) {
    if (a.subtype === 'Popup') continue;
    pagesWithAnnots.add(a.page);
    const what = a.subtype === 'Link' ? `link ${a.uri ? `"${a.uri}"` : 'annotation'}` : `${a.subtype} annotation`;
    const el = owner.get(a.ref);
    const element = el === undefined ? undefined : m.elements[el]!;
    if (element === undefined) out.push({ check: 'annotations', clause: '7.18.1 (Matterhorn 28-002)', page: a.page, message: `${what} is in no structure element (no OBJR)` });
    else if (a.structParent === undefined || m.parentTree.get(a.structParent) !== el) out.push({ check: 'annotations', clause: '7.18.1 (Matterhorn 28-002)', page: a.page, element: element.path, message: `${what}: its /StructParent does not lead to its structure element` });
    if (a.subtype === 'Link') {
      if (element && element.role !== 'Link') out.push({ check: 'links', clause: '7.18.5 (Matterhorn 28-011)', page: a.page, element: element.path, message: `${what} is inside a ${element.role}, not a Link element` });
      if (!a.contents?.trim()) out.push({ check: 'links', clause: '7.18.5 (Matterhorn 28-012)', page: a.page, element: element?.path, message: `${what} has no alternative description (/Contents)` });
    }
  }
  for (const p of m.pages) {
    if (pagesWithAnnots.has(p.number) && p.tabs !== 'S') out.push({ check: 'annotations', clause: '7.18.3 (Matterhorn 28-008)', page: p.number, message: `the page has annotations but /Tabs is ${p.tabs ? `/${p.tabs}` : 'missing'}, not /S` });
  }
  // A Link element leads somewhere: it holds at least one link annotation.
  for (const e of m.elements) {
    if (e.role === 'Link' && e.objrs.length === 0) out.push({ check: 'links', clause: '7.18.5', page: e.page, element: e.path, message: 'Link element without a link annotation (OBJR)' });
  }
  return out;
}
