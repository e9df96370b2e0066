/**
 * Parse a YAML file and validate it against a zod schema, reporting every problem at
 * the line and column of the offending node (taken from the YAML parser's own ranges).
 *
 * Content is data only: anchors and aliases (the "billion laughs" bomb) and tags (!!js/…,
 * !custom) are refused, with their place; a misspelt key gets the nearest known one as hint.
 */
import { isAlias, isNode, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { BuildError, type Diagnostic } from '../lib/diagnostics.js';
import { nearest } from '../lib/nearest.js';

export interface Located<T> {
  value: T;
  /** Line/column of the node at a path inside the document (nearest existing ancestor). */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
}

/** Tags a plain YAML file may carry without writing them: the core schema's own. */
const CORE_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): Located<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const locate = locator(doc, lineCounter);
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length) throw new BuildError([syntaxError(file, text, doc.errors, at)]);
  const diagnostics: Diagnostic[] = [];
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      diagnostics.push({ file, ...at(node.range?.[0]), message: `YAML alias *${node.source} is not allowed`, hint: 'write the value out in full: content files use no anchors (&) or aliases (*)' });
      return visit.SKIP;
    }
    if (isNode(node) && node.anchor) diagnostics.push({ file, ...at(node.range?.[0]), message: `YAML anchor &${node.anchor} is not allowed`, hint: 'remove the anchor: content files use no anchors (&) or aliases (*)' });
    if (isNode(node) && node.tag && !CORE_TAGS.has(node.tag)) {
      diagnostics.push({ file, ...at(node.range?.[0]), message: `YAML tag ${node.tag} is not allowed`, hint: 'remove the tag: content files hold plain text, numbers, lists and mappings' });
    }
    if (isScalar(node) && node.tag && !CORE_TAGS.has(node.tag)) return visit.SKIP;
    return undefined;
  });
  if (diagnostics.length) throw new BuildError(diagnostics);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 0 });
  } catch (err) {
    throw new BuildError([{ file, line: 1, column: 1, message: `YAML: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new BuildError(
      result.error.issues.flatMap((issue) => {
        if (issue.code === 'unrecognized_keys') {
          // One diagnostic per unknown key, at the key, with the nearest known key.
          const known = keysAt(schema, issue.path);
          return (issue as { keys: string[] }).keys.map((key) => {
            const close = nearest(key, known);
            return {
              file,
              ...locateKey(doc, lineCounter, issue.path, key),
              message: `${issue.path.length ? `${issue.path.join('.')}: ` : ''}unknown field "${key}"`,
              hint: close ? `did you mean "${close}"? known fields here: ${known.join(', ')}` : `known fields here: ${known.join(', ')}`,
            };
          });
        }
        const { line, column } = locate(issue.path);
        const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
        if (issue.path.length && !doc.hasIn(issue.path as unknown[])) {
          return [{ file, line, column, message: `${where}missing required field`, hint: `add "${String(issue.path.at(-1))}:" here${hintFor(issue) ? ` (${hintFor(issue)})` : ''}` }];
        }
        return [{ file, line, column, message: `${where}${issue.message}`, hint: hintFor(issue) }];
      }),
    );
  }
  return { value: result.data, locate };
}

/**
 * One syntax error is one problem: after a bracket left open or a bad indent the parser reads
 * the rest of the file out of step and reports a follow-on error on nearly every line (one
 * unclosed "[" in the manifest gave 6,189). The first error is the one to fix; the others are
 * folded into it, with their count.
 */
export function syntaxError(file: string, text: string, errors: readonly YAMLError[], at: (offset: number) => { line: number; column: number }): Diagnostic {
  const [first, ...rest] = errors;
  const message = first!.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const folded = rest.length ? ` (and ${rest.length.toLocaleString('en')} follow-on error${rest.length === 1 ? '' : 's'} of the parser after it, folded into this one)` : '';
  const close = /end with an? ([\]}])/.exec(message)?.[1] as ']' | '}' | undefined;
  // The parser notices a bracket left open where the next line starts; the bracket is earlier.
  const opened = close ? unclosedBracket(text, first!.pos[0]) : undefined;
  if (opened !== undefined) {
    const what = text[opened] === '[' ? 'list' : 'mapping';
    const closing = text[opened] === '[' ? ']' : '}';
    return { file, ...at(opened), message: `YAML syntax: this "${text[opened]}" is never closed${folded}`, hint: `add "${closing}" where the ${what} ends` };
  }
  const hint = /compact mappings|Implicit map keys|Unexpected scalar|Nested mappings/.test(message)
    ? 'a value with ": " or a comma in it needs quotes, or a { } or [ ] around the whole'
    : 'check the indentation, brackets and quotes on this line';
  return { file, ...at(first!.pos[0]), message: `YAML syntax: ${message}${folded}`, hint };
}

/** The offset of the last "[" or "{" before `offset` that nothing closes (outside quotes and comments). */
function unclosedBracket(text: string, offset: number): number | undefined {
  const open: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) while (i < text.length && text[i] !== '\n') i++;
    else if (c === '[' || c === '{') open.push(i);
    else if (c === ']' || c === '}') open.pop();
  }
  return open.at(-1);
}

function locator(doc: Document, lineCounter: LineCounter) {
  return (path: readonly PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
}

/** The position of the key `key` of the mapping at `path`. */
function locateKey(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[], key: string) {
  const map = doc.getIn(path as unknown[], true) as { items?: { key: unknown }[] } | undefined;
  const pair = map?.items?.find((p) => isScalar(p.key) && p.key.value === key);
  if (pair && isScalar(pair.key) && pair.key.range) {
    const pos = lineCounter.linePos(pair.key.range[0]);
    return { line: pos.line, column: pos.col };
  }
  return locator(doc, lineCounter)(path);
}

/** The keys an object schema knows at `path` (through arrays, optionals, unions, records). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  type Def = { type: string; shape?: Record<string, unknown>; element?: unknown; innerType?: unknown; options?: unknown[]; valueType?: unknown; in?: unknown };
  const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def: Def } })?._zod?.def;
  const unwrap = (s: unknown): unknown[] => {
    const d = defOf(s);
    if (!d) return [];
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(d.type)) return unwrap(d.innerType);
    if (d.type === 'pipe') return unwrap(d.in);
    if (d.type === 'union') return (d.options ?? []).flatMap(unwrap);
    return [s];
  };
  let current: unknown[] = unwrap(schema);
  for (const step of path) {
    current = current.flatMap((s) => {
      const d = defOf(s)!;
      if (d.type === 'object') return d.shape && typeof step === 'string' && step in d.shape ? unwrap(d.shape[step]) : [];
      if (d.type === 'array') return unwrap(d.element);
      if (d.type === 'record') return unwrap(d.valueType);
      return [];
    });
  }
  return [...new Set(current.flatMap((s) => Object.keys(defOf(s)?.shape ?? {})))];
}

function hintFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `expected one of: ${(issue.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.code === 'too_small' && (issue as { origin?: string }).origin === 'number') return 'a count is a whole number, 0 or more';
  if (issue.code === 'invalid_type' && (issue as { expected?: string }).expected === 'int') return 'a count is a whole number, 0 or more';
  return undefined;
}
