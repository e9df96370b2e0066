/**
 * Parse a YAML file and validate it against a zod schema, reporting every problem at
 * the line and column of the offending node (taken from the YAML parser's own ranges).
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { BuildError, type Diagnostic } from '../lib/diagnostics.js';

export interface Located<T> {
  value: T;
  /** Line/column of the node at a path inside the document (nearest existing ancestor). */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
}

export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): Located<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = locator(doc, lineCounter);
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const pos = lineCounter.linePos(err.pos[0]);
    diagnostics.push({ file, line: pos.line, column: pos.col, message: `YAML syntax: ${err.message.split('\n')[0]}` });
  }
  if (diagnostics.length) throw new BuildError(diagnostics);
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    throw new BuildError(
      result.error.issues.map((issue) => {
        const { line, column } = locate(issue.path);
        const at = issue.path.length ? `${issue.path.join('.')}: ` : '';
        return { file, line, column, message: `${at}${issue.message}`, hint: hintFor(issue) };
      }),
    );
  }
  return { value: result.data, locate };
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

function hintFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `expected one of: ${(issue.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.code === 'unrecognized_keys') return `remove the key(s) or check their spelling`;
  return undefined;
}
