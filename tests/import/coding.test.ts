/**
 * Coding suggested from new answers, confirmed by a person: the rules propose codes with the
 * answer's phrase, only where the answer changed; the schema refuses a manifest that still
 * has one, naming the code and its place; confirming moves it into coding.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { carryCoding, suggestCoding } from '../../scripts/import/coding.js';
import { confirmSuggested } from '../../scripts/import/confirm.js';
import { Manifest } from '../../scripts/validate/schema.js';
import { ROOT } from '../support/paths.js';

const manifest = () => parse(readFileSync(join(ROOT, 'content', '2025', 'manifest.yaml'), 'utf8')) as { entries: Record<string, any>[] };

describe('suggested codes', () => {
  it('the rules propose a code with the line that says it, where the answer changed', () => {
    const cells = new Map([
      ['activities', 'konsultāciju sniegšana\n- karjeras konsultācijas pieaugušajiem;\n- pieredzes apmaiņa'],
      ['targetGroups', 'seniori un jaunieši'],
    ]);
    const s = suggestCoding(cells, new Set(['activities', 'targetGroups'] as const), {});
    expect(s.activities?.career).toBe('karjeras konsultācijas pieaugušajiem');
    expect(s.targetGroups).toMatchObject({ seniors: 'seniori un jaunieši', youth: 'seniori un jaunieši' });
    // A field whose answer did not change keeps last year's coding: nothing proposed.
    expect(suggestCoding(cells, new Set(), {})).toEqual({});
    // A code already carried over is not proposed again.
    expect(suggestCoding(cells, new Set(['targetGroups'] as const), { targetGroups: { seniors: 'seniori' } }).targetGroups).not.toHaveProperty('seniors');
  });

  it('last year\'s codes carry over while their evidence is still in the answer', () => {
    const e = manifest().entries[0]!;
    const all = carryCoding(e.coding, (q) => q);
    expect(all.dropped).toEqual([]);
    const gone = Object.values(e.coding.targetGroups as Record<string, string>)[0]!;
    const some = carryCoding(e.coding, (q) => (q === gone ? undefined : q));
    expect(some.dropped).toEqual([`targetGroups.${Object.keys(e.coding.targetGroups)[0]}`]);
  });

  it('the manifest refuses a suggested code, naming it and where it is; confirming moves it into coding', () => {
    const m = manifest();
    m.entries[1]!.suggested = { activities: { career: 'karjeras konsultācijas' }, planning: { value: 'own-plan', evidence: 'rīcības plāns' } };
    const r = Manifest.safeParse(m);
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join('.'), i.message]).sort();
    expect(issues).toEqual([
      ['entries.1.suggested.activities.career', `${m.entries[1]!.id}: the code activities=career is suggested ("karjeras konsultācijas"), not confirmed: move it into coding if the answer says so, else delete it`],
      ['entries.1.suggested.planning', `${m.entries[1]!.id}: the code planning=own-plan is suggested ("rīcības plāns"), not confirmed: move it into coding if the answer says so, else delete it`],
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'confirm-')), 'manifest.yaml');
    writeFileSync(file, stringify(m));
    expect(confirmSuggested(file, [m.entries[1]!.id]).sort()).toEqual([`${m.entries[1]!.id}: activities=career`, `${m.entries[1]!.id}: planning`]);
    const after = Manifest.parse(parse(readFileSync(file, 'utf8')));
    expect(after.entries[1]!.coding!.activities).toHaveProperty('career', 'karjeras konsultācijas');
    expect(after.entries[1]!.coding!.planning).toEqual({ value: 'own-plan', evidence: 'rīcības plāns' });
    expect(after.entries[1]!.suggested).toBeUndefined();
  });
});
