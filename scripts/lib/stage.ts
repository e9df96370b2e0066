/**
 * Stages: a stage is a named function of one typed input object, defined in a module of its
 * own. Its cache key is derived, never listed by hand: the stage's name, the content of every
 * local file its module imports (the import graph as esbuild resolves it, packages external,
 * plus package-lock.json for the packages), and its input object written canonically (keys
 * sorted; bytes, maps and sets spelled out). Whatever the stage reads must come in through its
 * input or its imports, so an input cannot be forgotten: a new field is in the key by
 * construction, and so is a new, changed or moved source file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { Cache } from './cache.js';

export interface StageDefinition<I, O> {
  name: string;
  /** The stage's module: `import.meta.url` of the file that defines it. */
  module: string;
  run: (input: I) => O;
  /** Whether an output may be cached (default: always); e.g. not when it carries errors. */
  keep?: (output: O) => boolean;
}

export interface Stage<I, O> extends StageDefinition<I, O> {
  /** The key of this stage's output for `input`. */
  key(input: I): string;
}

export function defineStage<I, O>(definition: StageDefinition<I, O>): Stage<I, O> {
  const code = () => moduleGraphKey(definition.module);
  return { ...definition, key: (input) => Cache.key('stage', definition.name, code(), canonical(input)) };
}

/** The stage's output for `input`, from the cache when it has it (outputs are JSON). */
export function runStage<I, O>(stage: Stage<I, O>, input: I, cache: Cache): O {
  const key = stage.key(input);
  const hit = cache.getJson<O>(stage.name, key);
  if (hit !== undefined) return hit;
  const out = stage.run(input);
  if (stage.keep?.(out) ?? true) cache.putJson(stage.name, key, out);
  return out;
}

/**
 * A value as a string that is the same for equal values whatever the order they were built
 * in: object keys sorted (undefined members left out, as JSON does), Uint8Array as hex, Map
 * and Set entries sorted. A function, symbol or class instance is refused: a stage's input is
 * data, and code reaches a stage only through its imports.
 */
export function canonical(value: unknown): string {
  try {
    return write(value);
  } catch (err) {
    if (!(err instanceof NotData)) throw err;
    throw new TypeError(`input${err.path.join('')} is ${err.what}: a stage's input must be data (strings, numbers, booleans, arrays, plain objects, Uint8Array, Map, Set, Date)`);
  }
}

class NotData extends Error {
  readonly path: string[] = [];
  constructor(readonly what: string) {
    super(what);
  }
}

/** `write(v)`, naming where in the input a value that is not data was met. */
function at(segment: string, v: unknown): string {
  try {
    return write(v);
  } catch (err) {
    if (err instanceof NotData) err.path.unshift(segment);
    throw err;
  }
}

function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : `"#${value}"`;
    case 'bigint':
      return `"#${value}n"`;
    case 'undefined':
      return '"#undefined"';
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      throw new NotData(`a ${typeof value}`);
  }
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) s += (i ? ',' : '') + at(`[${i}]`, value[i]);
    return s + ']';
  }
  if (value instanceof Uint8Array) return `{"#bytes":"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}"}`;
  if (value instanceof Map) return `{"#map":[${[...value].map(([k, v]) => `[${at(' (a key)', k)},${at(`.get(${String(k)})`, v)}]`).sort().join(',')}]}`;
  if (value instanceof Set) return `{"#set":[${[...value].map((v) => at(' (a member)', v)).sort().join(',')}]}`;
  if (value instanceof Date) return `{"#date":"${value.toISOString()}"}`;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new NotData(`a ${proto?.constructor?.name ?? 'class instance'}`);
  const record = value as Record<string, unknown>;
  let s = '{';
  for (const k of Object.keys(record).sort()) {
    if (record[k] === undefined) continue;
    s += (s.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + at(`.${k}`, record[k]);
  }
  return s + '}';
}

/** The folder of the nearest package.json above `file`: where paths are taken from and the lock is. */
function packageRoot(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return dirname(file);
  }
}

/**
 * The local files the modules import, directly or not, themselves included: absolute paths,
 * sorted. Packages (node_modules) are left out: package-lock.json stands for them.
 */
export function moduleGraph(...modules: string[]): string[] {
  return graphOf(modules).files;
}

function graphOf(modules: string[]): { root: string; files: string[] } {
  const entryPoints = modules.map((m) => (m.startsWith('file:') ? fileURLToPath(m) : resolve(m)));
  const root = packageRoot(entryPoints[0]!);
  let metafile;
  try {
    ({ metafile } = buildSync({ entryPoints, absWorkingDir: root, outdir: join(root, '.stage-graph'), bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' }));
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ?? [];
    const first = errors[0];
    const where = first?.location ? `${join(root, first.location.file)}:${first.location.line}:${first.location.column + 1}: ` : '';
    throw new Error(`${where}the import graph of ${entryPoints.join(', ')} cannot be read: ${first?.text ?? String(err)}`, { cause: err });
  }
  const files = Object.keys(metafile!.inputs)
    .map((f) => resolve(root, f))
    .filter((f) => existsSync(f))
    .sort();
  return { root, files };
}

const graphKeys = new Map<string, string>();

/**
 * A hash of the code that `modules` (file URLs, e.g. `import.meta.url`, or paths) run: every
 * local file of their import graph by path (relative to the package) and content, and the
 * package lock. Computed once per process: the code a process runs does not change under it.
 * A file the code reads at run time rather than imports (a bundle made in the browser, a
 * template) is not in the graph: name it as one more module, or pass its content as input.
 */
export function moduleGraphKey(...modules: string[]): string {
  const memo = modules.join('\n');
  let key = graphKeys.get(memo);
  if (!key) {
    key = hashModuleGraph(...modules);
    graphKeys.set(memo, key);
  }
  return key;
}

/** moduleGraphKey, computed afresh (tests, which change files under a running process). */
export function hashModuleGraph(...modules: string[]): string {
  const { root, files } = graphOf(modules);
  const h = createHash('sha256');
  for (const f of [...files, join(root, 'package-lock.json')]) {
    h.update(relative(root, f)).update('\0');
    try {
      h.update(readFileSync(f));
    } catch {
      h.update('#missing');
    }
    h.update('\0');
  }
  return h.digest('hex').slice(0, 32);
}
