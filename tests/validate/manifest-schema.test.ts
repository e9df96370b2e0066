import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildError, formatDiagnostic } from '../../scripts/lib/diagnostics.js';
import { Manifest } from '../../scripts/validate/schema.js';
import { parseYaml } from '../../scripts/validate/yaml.js';
import { MINI_CONTENT } from '../support/paths.js';

const FILE = join(MINI_CONTENT, '2099', 'manifest.yaml');
const good = readFileSync(FILE, 'utf8');

const errorsOf = (text: string) => {
  try {
    parseYaml(FILE, text, Manifest);
  } catch (e) {
    if (e instanceof BuildError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected a BuildError');
};
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('manifest validation', () => {
  it('accepts the fixture manifest', () => {
    expect(parseYaml(FILE, good, Manifest).value.entries).toHaveLength(3);
  });

  it('names the file, line and column of a wrong value, and what would be right', () => {
    const bad = good.replace('kind: valstspilseta', 'kind: city');
    const [d] = errorsOf(bad);
    expect(d!.file).toBe(FILE);
    expect(d!.line).toBe(lineOf(bad, 'kind: city'));
    expect(d!.column).toBe(11);
    expect(d!.message).toContain('entries.1.kind');
    expect(d!.hint).toContain('"valstspilseta"');
  });

  it('lists every problem at once', () => {
    const bad = good.replace('region: kurzeme', 'region: Kurzeme').replace('permits: { value: 25,', 'permits: { value: -1,');
    const ds = errorsOf(bad);
    expect(ds.map((d) => d.line).sort()).toEqual([lineOf(bad, 'region: Kurzeme'), lineOf(bad, 'value: -1,')].sort());
  });

  it('reports a YAML syntax error at its line', () => {
    const bad = good.replace('  year: 2099', '  year: [2099');
    const [d] = errorsOf(bad);
    expect(d!.message).toMatch(/YAML syntax/);
    expect(d!.line).toBeGreaterThanOrEqual(lineOf(bad, 'year: [2099'));
  });

  it('requires the figures of a municipality and checks sums', () => {
    const bad = good.replace('    permits: { value: 30, source: "Izsniegto neformālās izglītības programmu atļauju skaits pašvaldībā: 30" }\n', '');
    expect(errorsOf(bad).map((d) => d.message)).toContainEqual(expect.stringContaining('"betas-valstspilseta" needs "permits"'));
    const sum = good.replace('engaged: { value: 340, sources', 'engaged: { value: 340, parts: [300, 30], sources');
    expect(errorsOf(sum)[0]!.message).toContain('not the sum of parts (330)');
  });

  it('rejects duplicate ids and non-slug ids', () => {
    const dup = good.replace('id: betas-valstspilseta', 'id: alfa-novads');
    expect(errorsOf(dup)[0]!.message).toContain('duplicate id "alfa-novads"');
    const slug = good.replace('id: alfa-novads', 'id: Alfa Novads');
    expect(errorsOf(slug)[0]!.message).toContain('ASCII slug');
  });

  it('prints a code frame with a caret under the column', () => {
    const d = { file: FILE, line: 3, column: 3, message: 'x' };
    const text = formatDiagnostic(d);
    expect(text).toContain('error: x');
    expect(text).toMatch(/> 3 \| +year: 2099/);
    expect(text).toMatch(/\|\s{3}\^/);
  });
});
