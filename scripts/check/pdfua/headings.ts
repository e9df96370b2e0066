/**
 * Headings (ISO 14289-1 7.4; Matterhorn 14-002, 14-003): numbered headings in tree order
 * start with H1 and never skip a level going down (H1 → H3); unnumbered H and numbered Hn are
 * not mixed (14-007).
 */
import type { UaFinding } from './finding.js';
import type { UaModel } from './model.js';

export function checkHeadings(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  const headings = m.elements.filter((e) => /^H[1-6]?$/.test(e.role));
  const numbered = headings.filter((e) => e.role !== 'H');
  if (numbered.length && numbered.length !== headings.length) out.push({ check: 'headings', clause: '7.4.4 (Matterhorn 14-007)', page: headings.find((e) => e.role === 'H')?.page, message: 'numbered (Hn) and unnumbered (H) headings are mixed' });
  let previous = 0;
  for (const h of numbered) {
    const level = Number(h.role.slice(1));
    if (previous === 0 && level !== 1) out.push({ check: 'headings', clause: '7.4.2 (Matterhorn 14-002)', page: h.page, element: h.path, message: `the first heading is ${h.role}, not H1` });
    else if (previous > 0 && level > previous + 1) out.push({ check: 'headings', clause: '7.4.2 (Matterhorn 14-003)', page: h.page, element: h.path, message: `${h.role} follows H${previous}: a heading level is skipped` });
    previous = level;
  }
  return out;
}
