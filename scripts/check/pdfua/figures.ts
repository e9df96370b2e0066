/**
 * Graphics (ISO 14289-1 7.3; Matterhorn 13-004): every Figure has an alternative text (/Alt,
 * or /ActualText) that says something; a decoration is an artifact, not a Figure.
 */
import type { UaFinding } from './finding.js';
import type { UaModel } from './model.js';

export function checkFigures(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  for (const e of m.elements) {
    if (e.role !== 'Figure' && e.role !== 'Formula') continue;
    const alt = (e.alt ?? e.actualText ?? '').trim();
    if (!alt) out.push({ check: 'figures', clause: '7.3 (Matterhorn 13-004)', page: e.page, element: e.path, message: `${e.role} without alternative text (/Alt)` });
    else if (alt.length < 3 || /^(image|figure|picture|attēls|logo)$/i.test(alt)) out.push({ check: 'figures', clause: '7.3 (Matterhorn 13-004)', page: e.page, element: e.path, message: `${e.role}'s alternative text "${alt}" says nothing` });
  }
  return out;
}
