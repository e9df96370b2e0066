/**
 * The stage runner's keys: derived from the stage's input object and its module's import
 * graph, never from a hand list. Each field of the transform's input changed in turn changes
 * the key; so does a changed, moved or added imported file, and the package lock; a file the
 * graph does not import does not.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPaths } from '../../scripts/config.js';
import { Cache } from '../../scripts/lib/cache.js';
import { canonical, defineStage, hashModuleGraph, moduleGraph, runStage } from '../../scripts/lib/stage.js';
import { loadEdition } from '../../scripts/load/edition.js';
import { transformStage, type TransformStageInput } from '../../scripts/transform/stage.js';
import { contentLintStage, lintContent, type ContentLintInput } from '../../scripts/lint/content.js';
import { MINI_CONTENT, ROOT } from '../support/paths.js';

describe('canonical input', () => {
  it('is the same whatever the order of keys, Map entries and Set members', () => {
    const a = { b: 1, a: [1, 'x'], m: new Map([['k', 1], ['j', 2]]), s: new Set(['p', 'q']), u: new Uint8Array([1, 2]) };
    const b = { u: new Uint8Array([1, 2]), s: new Set(['q', 'p']), m: new Map([['j', 2], ['k', 1]]), a: [1, 'x'], b: 1 };
    expect(canonical(a)).toBe(canonical(b));
  });

  it('tells apart what JSON would confuse: bytes, maps, sets, undefined in arrays, NaN', () => {
    const values = [new Uint8Array([1]), new Uint8Array([2]), new Map([['a', 1]]), { a: 1 }, new Set([1]), [1], [undefined], [null], NaN, 'NaN', 1, '1'];
    expect(new Set(values.map((v) => canonical(v))).size).toBe(values.length);
  });

  it('refuses code and class instances, naming where they are', () => {
    expect(() => canonical({ fields: { display: () => 'x' } })).toThrow(/input\.fields\.display is a function/);
    expect(() => canonical({ list: [1, new (class Dataset {})()] })).toThrow(/input\.list\[1\] is a Dataset/);
  });
});

describe('the content lint stage', () => {
  const base: Required<ContentLintInput> = {
    file: '/content/2099/lv/sections/alfa-novads.md',
    text: 'Atļauju skaits: 3. Sadarbība ar NVA un ABC.\n',
    acronyms: new Set(['NVA']),
    permits: { value: 3, note: 'piezīme', where: 'manifest.yaml:7' },
    lang: 'lv',
  };
  it('changes its key with each field of its input, and gives what the lint gives, cached or not', () => {
    const changed: [string, ContentLintInput][] = [
      ['file', { ...base, file: `${base.file}x` }],
      ['text', { ...base, text: `${base.text} ` }],
      ['acronyms (one more)', { ...base, acronyms: new Set(['NVA', 'ABC']) }],
      ['acronyms (left out)', { ...base, acronyms: undefined }],
      ['permits.value', { ...base, permits: { ...base.permits, value: 4 } }],
      ['permits.note', { ...base, permits: { ...base.permits, note: 'cita' } }],
      ['permits.where', { ...base, permits: { ...base.permits, where: 'manifest.yaml:8' } }],
      ['permits (left out)', { ...base, permits: undefined }],
      ['lang', { ...base, lang: 'en' }],
    ];
    const key = contentLintStage.key(base);
    expect(changed.filter(([, v]) => contentLintStage.key(v) === key).map(([field]) => field)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'lint-stage-'));
    const direct = lintContent(base);
    expect(direct.some((d) => /ABC/.test(d.message))).toBe(true); // the input has something to find
    expect(runStage(contentLintStage, base, new Cache(dir))).toEqual(direct);
    expect(runStage(contentLintStage, base, new Cache(dir))).toEqual(direct); // from the cache
  });
});

describe('the transform stage key', () => {
  let base: Required<TransformStageInput>;
  beforeAll(() => {
    const edition = loadEdition({ contentDir: MINI_CONTENT, templatesDir: defaultPaths().templates, edition: '2099', lang: 'lv', strict: false });
    const { messages } = edition;
    // Every field present (Required<>): a field added to the input type must be added here.
    base = {
      file: '/content/2099/lv/sections/alfa-novads.md',
      text: 'Teksts ar {{sum permits}} atļaujām un [^a].\n\n[^a]: <https://a.example>\n',
      lang: 'lv',
      kind: 'municipality',
      firstFootnote: 3,
      knownCharts: ['permits', 'engaged'],
      quotes: messages.quotes,
      sourcePositions: false,
      fields: { fields: messages.fields, labels: { plan: 'Plāns' }, omit: ['permits'] },
      contacts: messages.contacts,
      figures: { entries: edition.manifest.entries, messages, year: '2099', contentDir: MINI_CONTENT, editions: '2099:abc' },
      latvianOriginals: ['novads'],
    };
  });

  /** Every leaf of a value, changed one at a time: [path, the whole input with that leaf changed]. */
  function variants(value: unknown, path: string, rebuild: (v: unknown) => unknown): [string, unknown][] {
    if (typeof value === 'string') return [[path, rebuild(`${value}·`)]];
    if (typeof value === 'number') return [[path, rebuild(value + 1)]];
    if (typeof value === 'boolean') return [[path, rebuild(!value)]];
    if (Array.isArray(value)) {
      const own: [string, unknown][] = [[`${path} (one more)`, rebuild([...value, value[0] ?? 'x'])]];
      return [...own, ...value.flatMap((v, i) => variants(v, `${path}[${i}]`, (w) => rebuild(value.map((x, j) => (j === i ? w : x)))))];
    }
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      return Object.keys(record).flatMap((k) => [
        ...variants(record[k], `${path}.${k}`, (w) => rebuild({ ...record, [k]: w })),
        [`${path}.${k} (left out)`, rebuild(Object.fromEntries(Object.entries(record).filter(([j]) => j !== k)))] as [string, unknown],
      ]);
    }
    return [];
  }

  it('changes when any field of the input changes, each in turn (every leaf, nested ones too)', () => {
    const key = transformStage.key(base);
    const all = variants(base, 'input', (v) => v);
    expect(all.length).toBeGreaterThan(100); // messages and entries are walked leaf by leaf
    const unchanged = all.filter(([, v]) => transformStage.key(v as TransformStageInput) === key).map(([p]) => p);
    expect(unchanged).toEqual([]);
    // The top-level fields each changed on their own.
    for (const field of Object.keys(base)) expect(all.some(([p]) => p === `input.${field} (left out)`)).toBe(true);
  });

  it('does not change for an equal input built in another order', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as Required<TransformStageInput>;
    expect(transformStage.key({ ...reordered, figures: { ...base.figures } })).toBe(transformStage.key(base));
  });

  it('computes the figures from the entries it is given, and nothing else', () => {
    const input = { ...base, text: 'Kopā {{sum permits}}.\n', fields: undefined, contacts: undefined, kind: 'chapter' as const };
    const before = transformStage.run(input);
    const entries = base.figures.entries.map((e, i) => (i === 0 && e.permits ? { ...e, permits: { ...e.permits, value: e.permits.value + 1000 } } : e));
    const after = transformStage.run({ ...input, figures: { ...base.figures, entries } });
    expect(before.said).toHaveLength(1);
    expect(after.said[0]![1]).not.toBe(before.said[0]![1]);
    expect(after.html).not.toBe(before.html);
  });
});

describe('the module graph key', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  const write = (name: string, text: string) => {
    mkdirSync(join(file(name), '..'), { recursive: true });
    writeFileSync(file(name), text);
  };
  const key = () => hashModuleGraph(pathToFileURL(file('stage.ts')).href);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stage-graph-'));
    write('package.json', '{"type":"module"}\n');
    write('package-lock.json', '{"lockfileVersion":3}\n');
    write('stage.ts', "import { b } from './b.js';\nimport { c } from './lib/c.js';\nimport { parse } from 'yaml';\nexport const run = () => b + c + String(parse('1'));\n");
    write('b.ts', "export const b = 'b';\n");
    write('lib/c.ts', "import { d } from '../d.js';\nexport const c = 'c' + d;\n");
    write('d.ts', "export const d = 'd';\n");
    write('unrelated.ts', "export const u = 'u';\n");
  });

  it('lists the local files the stage imports, directly or not, and no package', () => {
    expect(moduleGraph(file('stage.ts'))).toEqual([file('b.ts'), file('d.ts'), file('lib/c.ts'), file('stage.ts')]);
  });

  it('takes several modules (a stage that also runs a file it reads rather than imports)', () => {
    expect(moduleGraph(file('stage.ts'), file('unrelated.ts'))).toEqual([file('b.ts'), file('d.ts'), file('lib/c.ts'), file('stage.ts'), file('unrelated.ts')]);
  });

  it('changes when an imported file changes, even two imports deep', () => {
    const k0 = key();
    write('d.ts', "export const d = 'D';\n");
    const k1 = key();
    expect(k1).not.toBe(k0);
    write('d.ts', "export const d = 'd';\n");
    expect(key()).toBe(k0);
  });

  it('does not change when a file outside the graph changes', () => {
    const k0 = key();
    write('unrelated.ts', "export const u = 'changed';\n");
    expect(key()).toBe(k0);
  });

  it('changes when a file moves (renamed, its import updated)', () => {
    const k0 = key();
    renameSync(file('b.ts'), file('lib/b.ts'));
    write('stage.ts', readFileSync(file('stage.ts'), 'utf8').replace("'./b.js'", "'./lib/b.js'"));
    expect(key()).not.toBe(k0);
  });

  it('changes when two files swap places, though no file’s text changes', () => {
    write('swap/s.ts', "import './x.js';\nimport './y.js';\n");
    write('swap/x.ts', "console.log('A');\n");
    write('swap/y.ts', "console.log('B');\n");
    const k0 = hashModuleGraph(file('swap/s.ts'));
    write('swap/x.ts', "console.log('B');\n");
    write('swap/y.ts', "console.log('A');\n");
    expect(hashModuleGraph(file('swap/s.ts'))).not.toBe(k0);
  });

  it('changes when a file moves though no file’s text changes (./x resolving to x/index.ts)', () => {
    write('moved/s.ts', "import './x';\n");
    write('moved/x.ts', "console.log(new URL('.', import.meta.url).href);\n");
    const k0 = hashModuleGraph(file('moved/s.ts'));
    mkdirSync(file('moved/x'));
    renameSync(file('moved/x.ts'), file('moved/x/index.ts'));
    expect(moduleGraph(file('moved/s.ts'))).toEqual([file('moved/s.ts'), file('moved/x/index.ts')]);
    expect(hashModuleGraph(file('moved/s.ts'))).not.toBe(k0);
  });

  it('changes when the package lock changes (the packages the stage imports)', () => {
    const k0 = key();
    write('package-lock.json', '{"lockfileVersion":3,"packages":{"node_modules/yaml":{"version":"2.9.2"}}}\n');
    expect(key()).not.toBe(k0);
  });

  it('says where an import cannot be resolved', () => {
    write('broken.ts', "import { x } from './missing.js';\nexport const y = x;\n");
    expect(() => hashModuleGraph(file('broken.ts'))).toThrow(/broken\.ts:1:\d+: the import graph .* cannot be read: Could not resolve "\.\/missing\.js"/);
  });
});

describe('the transform stage module graph', () => {
  it('holds the transform, its plugins and the figure code, not the print or compose code', () => {
    const files = moduleGraph(join(ROOT, 'scripts', 'transform', 'stage.ts')).map((f) => f.slice(ROOT.length + 1));
    expect(files).toEqual(expect.arrayContaining(['scripts/transform/markdown.ts', 'scripts/transform/plugins/remark-fields.ts', 'scripts/data/expressions.ts', 'scripts/lib/stage.ts']));
    expect(files.filter((f) => /^scripts\/(print|compose|finish|chart)\//.test(f))).toEqual([]);
  });
});

describe('runStage', () => {
  it('runs a stage once per input, and keeps only what `keep` allows', () => {
    let runs = 0;
    const stage = defineStage({ name: 'double', module: import.meta.url, run: (input: { n: number }) => (runs++, { n: input.n * 2 }), keep: (out) => out.n !== 4 });
    const cache = new Cache(mkdtempSync(join(tmpdir(), 'stage-cache-')));
    expect(runStage(stage, { n: 1 }, cache)).toEqual({ n: 2 });
    expect(runStage(stage, { n: 1 }, cache)).toEqual({ n: 2 });
    expect(runs).toBe(1);
    runStage(stage, { n: 2 }, cache);
    runStage(stage, { n: 2 }, cache);
    expect(runs).toBe(3); // { n: 4 } is not kept
    expect(cache.stats).toEqual({ hits: { double: 1 }, misses: { double: 3 } });
  });
});
