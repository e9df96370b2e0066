/**
 * Fonts (ISO 14289-1 7.21; Matterhorn 31): every font used is embedded (7.21.4.1) and its
 * glyphs map to Unicode (a ToUnicode map, 7.21.7), so text can be read aloud and searched.
 */
import type { UaFinding } from './finding.js';
import type { UaModel } from './model.js';

export function checkFonts(m: UaModel): UaFinding[] {
  const out: UaFinding[] = [];
  for (const f of m.fonts) {
    if (!f.embedded) out.push({ check: 'fonts', clause: '7.21.4.1 (Matterhorn 31-009)', page: f.pages[0], message: `font ${f.name} is not embedded (used on ${f.pages.length} page(s))` });
    // A simple font with a standard encoding maps to Unicode without a map; Type0 and Type3 need one.
    if (!f.toUnicode && (f.subtype === 'Type0' || f.subtype === 'Type3')) out.push({ check: 'fonts', clause: '7.21.7 (Matterhorn 31-027)', page: f.pages[0], message: `font ${f.name} has no ToUnicode map: its text cannot be read` });
  }
  return out;
}
