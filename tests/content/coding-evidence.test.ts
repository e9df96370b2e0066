/** Every code in the manifest quotes its section: the evidence phrase must be there. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { municipalitiesOf, rawManifest } from '../support/manifest.js';
import { ROOT } from '../support/paths.js';

const plain = (md: string) => md.split('\n').map((l) => l.replace(/\*\*/g, '').replace(/\[\^[^\]]+\]/g, '').replace(/\\$/, ''));

describe.each(municipalitiesOf(rawManifest()).map((e) => [e.id, e] as const))('%s', (id, entry) => {
  it('every code quotes a phrase of the section', () => {
    const lines = plain(readFileSync(join(ROOT, 'content', '2025', 'lv', 'sections', `${id}.md`), 'utf8'));
    const coding = entry.coding!;
    const quotes: [string, string][] = [['planning', coding.planning.value === undefined ? '' : (coding.planning as unknown as { evidence: string }).evidence]];
    for (const field of ['activities', 'implementers', 'partners', 'projects', 'targetGroups']) {
      for (const [code, q] of Object.entries((coding[field] ?? {}) as Record<string, string>)) quotes.push([`${field}.${code}`, q]);
    }
    const missing = quotes.filter(([, q]) => !lines.some((l) => l.includes(q)));
    expect(missing).toEqual([]);
  });
});
