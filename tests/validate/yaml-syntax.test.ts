/**
 * One YAML syntax error is one problem, at the bracket or the line to fix, with the parser's
 * follow-on errors folded into it (counted), on the real manifest broken in memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { parseYaml } from '../../scripts/validate/yaml.js';
import { ROOT } from '../support/paths.js';

const FILE = join(ROOT, 'content', '2025', 'manifest.yaml');
const manifest = readFileSync(FILE, 'utf8');

function problems(text: string) {
  try {
    parseYaml(FILE, text, z.unknown());
  } catch (err) {
    if (err instanceof BuildError) return err.diagnostics;
    throw err;
  }
  return [];
}

/** The text with the first match of `re` on some line changed by `change`; the line and column (1-based) of the match. */
function breakAt(re: RegExp, change: (m: string) => string) {
  const lines = manifest.split('\n');
  const index = lines.findIndex((l) => re.test(l));
  expect(index, `no line of the manifest matches ${re}`).toBeGreaterThanOrEqual(0);
  const m = re.exec(lines[index]!)!;
  lines[index] = lines[index]!.slice(0, m.index) + change(m[0]) + lines[index]!.slice(m.index + m[0].length);
  return { text: lines.join('\n'), line: index + 1, column: m.index + 1 };
}

describe('YAML syntax errors', () => {
  it('the manifest as it is parses without a problem', () => {
    expect(problems(manifest)).toEqual([]);
  });

  it('a list left open (its "]" deleted) is one problem at its "["', () => {
    const { text, line, column } = breakAt(/\[[^\]\n]*\]\s*$/, (m) => m.replace(/\]\s*$/, ''));
    const found = problems(text);
    expect(found).toEqual([expect.objectContaining({ file: FILE, line, column, message: expect.stringContaining('this "[" is never closed'), hint: 'add "]" where the list ends' })]);
  });

  it('a list left open inside a flow mapping, where the parser stumbles on every later line, is still one problem', () => {
    // An entry's figure: `engaged: { …, sources: ["…", "…"] … }` with the sources' "]" deleted.
    const { text, line } = breakAt(/sources: \[[^\]]*\]/, (m) => m.slice(0, -1));
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual(expect.objectContaining({ line, message: expect.stringMatching(/never closed/) }));
  });

  it('the opening "[" deleted: hundreds of parser errors, one problem with their count', () => {
    const { text, line } = breakAt(/sources: \[/, () => 'sources: ');
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(line);
    const folded = Number(/and ([\d,]+) follow-on errors/.exec(found[0]!.message)?.[1]?.replace(/,/g, ''));
    expect(folded).toBeGreaterThan(100);
  });
});
