/**
 * The audit's text comparison (npm run audit): quotation marks are compared as marks, not
 * glyphs, so a source that typed "…" where the printed edition has „…“ or “…” is as published,
 * while a mark missing or added is still a difference.
 */
import { describe, expect, it } from 'vitest';
import type { Edition } from '../../scripts/load/edition.js';
import { textDifferences } from '../../scripts/audit/published-text.js';

const PUBLISHED = ['SATURS', '', 'ALFAS NOVADA PAŠVALDĪBA\t5', '', 'ALFAS NOVADA PAŠVALDĪBA', '• Projekti: projekts „Sabiedrības digitālo prasmju attīstība“ un “Erasmus+”, residents’ needs.', ''].join('\n');

/** Just what textDifferences reads of an edition: one section, no front chapters. */
const edition = (markdown: string) =>
  ({
    sourceLang: 'lv',
    manifest: { edition: { front: [] }, entries: [{ id: 'alfa-novads', name: { lv: 'Alfas novada pašvaldība' } }] },
    chapters: new Map(),
    sections: new Map([['alfa-novads', { text: markdown }]]),
  }) as unknown as Edition;

describe('audit: quotation marks', () => {
  it('a source with other glyphs for the same marks is as published', () => {
    const md = `- **Projekti:** projekts "Sabiedrības digitālo prasmju attīstība" un «Erasmus+», residents' needs.\n`;
    expect(textDifferences(edition(md), PUBLISHED)).toEqual({ compared: 1, differences: [] });
  });

  it('a mark the source lacks is still a difference', () => {
    const md = `- **Projekti:** projekts "Sabiedrības digitālo prasmju attīstība un "Erasmus+", residents' needs.\n`;
    expect(textDifferences(edition(md), PUBLISHED).differences).toEqual([expect.objectContaining({ id: 'alfa-novads' })]);
  });
});
