import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKER, stage } from '../../scripts/finish/output.js';

/** A target as an earlier build left it: a folder with the marker and a PDF. */
function earlierBuild(target: string, pdf: string): void {
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, MARKER), '{}');
  writeFileSync(join(target, 'report.pdf'), pdf);
}

describe('staged output', () => {
  it('replaces the target only on commit, atomically through a link', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-'));
    const target = join(root, '2025', 'lv');
    earlierBuild(target, 'old');
    const s = stage(target);
    writeFileSync(join(s.dir, 'report.pdf'), 'new');
    expect(readFileSync(join(target, 'report.pdf'), 'utf8')).toBe('old');
    s.commit();
    expect(readFileSync(join(target, 'report.pdf'), 'utf8')).toBe('new');
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    // The current build folder and the link; no staging folder, old build or lock left.
    expect(readdirSync(join(root, '2025')).sort()).toEqual([expect.stringMatching(/^\.lv\.build-/), 'lv']);
    const again = stage(target);
    writeFileSync(join(again.dir, 'report.pdf'), 'newer');
    again.commit();
    expect(readFileSync(join(target, 'report.pdf'), 'utf8')).toBe('newer');
    expect(readdirSync(join(root, '2025')).length).toBe(2);
  });

  it('leaves the last good output in place when discarded', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-'));
    const target = join(root, 'lv');
    earlierBuild(target, 'good');
    const s = stage(target);
    writeFileSync(join(s.dir, 'report.pdf'), 'half');
    s.discard();
    expect(readFileSync(join(target, 'report.pdf'), 'utf8')).toBe('good');
    expect(existsSync(s.dir)).toBe(false);
    expect(readdirSync(root)).toEqual(['lv']);
  });

  it('keeps the last PDF when asked (an HTML draft)', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-'));
    const target = join(root, 'lv');
    earlierBuild(target, 'last good');
    const s = stage(target);
    writeFileSync(join(s.dir, 'report.html'), 'draft');
    s.commit({ keepLast: true });
    expect(readFileSync(join(target, 'report.pdf'), 'utf8')).toBe('last good');
    expect(readFileSync(join(target, 'report.html'), 'utf8')).toBe('draft');
  });
});
