/**
 * Real content tagged, everything else an artifact (ISO 14289-1 7.1; Matterhorn 01-005): per
 * page, painting operations outside any marked content with an MCID or /Artifact; every MCID
 * of a page belongs to a structure element, through the parent tree, and every element's
 * marked content exists on its page.
 */
import type { UaFinding } from './finding.js';
import type { UaModel } from './model.js';

const KIND: Record<string, string> = { Tj: 'text', TJ: 'text', "'": 'text', '"': 'text', Do: 'image or form', BI: 'inline image', sh: 'shading' };

export function checkContent(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  const owned = new Map<string, number>(); // "page:mcid" → element
  for (const e of m.elements) for (const c of e.mcids) owned.set(`${c.page}:${c.mcid}`, e.index);
  for (const p of m.pages) {
    const { untagged, mcids, unbalanced } = p.content;
    if (untagged.size) {
      const byKind = new Map<string, number>();
      for (const [op, n] of untagged) byKind.set(KIND[op] ?? 'path', (byKind.get(KIND[op] ?? 'path') ?? 0) + n);
      const total = [...byKind.values()].reduce((a, b) => a + b, 0);
      out.push({ check: 'content', clause: '7.1 (Matterhorn 01-005)', page: p.number, message: `${total} painting operation(s) neither tagged nor artifact (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')})` });
    }
    if (unbalanced) out.push({ check: 'content', clause: '7.1', page: p.number, message: 'marked content is not balanced (BDC/BMC without EMC or the other way round)' });
    if (mcids.length && p.structParents === undefined) out.push({ check: 'content', clause: '7.1 (Matterhorn 01-005)', page: p.number, message: 'the page has tagged content but no /StructParents' });
    const row = p.structParents === undefined ? undefined : m.parentTree.get(p.structParents);
    const missing = mcids.filter((id) => !owned.has(`${p.number}:${id}`) || !Array.isArray(row) || row[id] !== owned.get(`${p.number}:${id}`));
    if (missing.length) out.push({ check: 'content', clause: '7.1 (Matterhorn 01-005)', page: p.number, message: `${missing.length} marked-content sequence(s) (MCID ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}) belong to no structure element through the parent tree` });
  }
  const onPage = new Map(m.pages.map((p) => [p.number, new Set(p.content.mcids)]));
  for (const e of m.elements) {
    const lost = e.mcids.filter((c) => !onPage.get(c.page)?.has(c.mcid));
    if (lost.length) out.push({ check: 'content', clause: '7.1', page: lost[0]!.page, element: e.path, message: `refers to marked content that is not on its page (MCID ${lost.map((c) => c.mcid).join(', ')})` });
  }
  return out;
}
