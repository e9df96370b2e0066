/**
 * Tables (ISO 14289-1 7.5; Matterhorn 15): a Table holds rows (TR, directly or in THead,
 * TBody, TFoot) and a Caption; a row holds TH and TD cells; every header cell says what it
 * heads (a Scope attribute, 15-003) and a table with data cells has header cells (7.5).
 */
import type { UaFinding } from './finding.js';
import type { StructElement, UaModel } from './model.js';

const ROW_GROUPS = new Set(['THead', 'TBody', 'TFoot']);

export function checkTables(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  const kids = (e: StructElement) => e.children.map((c) => m.elements[c]!);
  for (const table of m.elements.filter((e) => e.role === 'Table')) {
    const rows: StructElement[] = [];
    for (const k of kids(table)) {
      if (k.role === 'TR') rows.push(k);
      else if (ROW_GROUPS.has(k.role)) for (const r of kids(k)) r.role === 'TR' ? rows.push(r) : out.push({ check: 'tables', clause: '7.5 (Matterhorn 15)', page: r.page, element: r.path, message: `${r.role} inside ${k.role}: only TR belongs there` });
      else if (k.role !== 'Caption') out.push({ check: 'tables', clause: '7.5 (Matterhorn 15)', page: k.page, element: k.path, message: `${k.role} directly inside a Table: only TR, THead, TBody, TFoot and Caption belong there` });
    }
    const cells = rows.flatMap((r) => kids(r).filter((c) => {
      if (c.role === 'TH' || c.role === 'TD') return true;
      out.push({ check: 'tables', clause: '7.5 (Matterhorn 15)', page: c.page, element: c.path, message: `${c.role} inside a table row: only TH and TD belong there` });
      return false;
    }));
    const headers = cells.filter((c) => c.role === 'TH');
    if (!rows.length) out.push({ check: 'tables', clause: '7.5 (Matterhorn 15)', page: table.page, element: table.path, message: 'table without rows' });
    else if (!headers.length && cells.length > 1) out.push({ check: 'tables', clause: '7.5 (Matterhorn 15)', page: table.page, element: table.path, message: 'table without header cells (TH)' });
    for (const th of headers) {
      const scope = th.attributes.Table?.Scope;
      const viaHeaders = th.id !== undefined && cells.some((c) => c.attributes.Table?.Headers?.includes(`(${th.id})`));
      if (!viaHeaders && !['/Row', '/Column', '/Both', 'Row', 'Column', 'Both'].includes(scope ?? '')) out.push({ check: 'tables', clause: '7.5 (Matterhorn 15-003)', page: th.page, element: th.path, message: `header cell without a Scope (Row, Column or Both)${scope ? `: "${scope}"` : ''}` });
    }
  }
  for (const e of m.elements) {
    if ((e.role === 'TR' || e.role === 'TH' || e.role === 'TD') && !m.elements.some((t) => t.role === 'Table')) out.push({ check: 'tables', clause: '7.5', page: e.page, element: e.path, message: `${e.role} outside a Table` });
  }
  return out;
}
