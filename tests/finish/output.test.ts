import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stage } from '../../scripts/finish/output.js';

describe('staged output', () => {
  it('replaces the target only on commit', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-'));
    const target = join(root, '2025', 'lv');
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'report.pdf'), 'old');
    const s = stage(target);
    writeFileSync(join(s.dir, 'report.pdf'), 'new');
    expect(readFileSync(join(target, 'report.pdf'), 'utf8')).toBe('old');
    s.commit();
    expect(readFileSync(join(target, 'report.pdf'), 'utf8')).toBe('new');
    expect(readdirSync(join(root, '2025'))).toEqual(['lv']);
  });

  it('leaves the last good output in place when discarded', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-'));
    const target = join(root, 'lv');
    mkdirSync(target);
    writeFileSync(join(target, 'report.pdf'), 'good');
    const s = stage(target);
    writeFileSync(join(s.dir, 'report.pdf'), 'half');
    s.discard();
    expect(readFileSync(join(target, 'report.pdf'), 'utf8')).toBe('good');
    expect(existsSync(s.dir)).toBe(false);
  });
});
