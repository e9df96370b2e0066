/**
 * Diagnostics: every problem the pipeline reports names a file, a line and a column,
 * says what is wrong and, where it can, what would be right (Typst-style).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

export interface Diagnostic {
  file: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
  severity?: 'error' | 'warning';
}

/** An error that carries diagnostics and the process exit code the CLI should use. */
export class BuildError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;
  constructor(diagnostics: Diagnostic[] | string, exitCode = 1) {
    const list = typeof diagnostics === 'string' ? [{ file: '', message: diagnostics }] : diagnostics;
    super(list.map((d) => d.message).join('; '));
    this.name = 'BuildError';
    this.diagnostics = list;
    this.exitCode = exitCode;
  }
}

/** Throws one BuildError listing every error, if there are any. */
export function throwIfErrors(diagnostics: Diagnostic[]): void {
  const errors = diagnostics.filter((d) => (d.severity ?? 'error') === 'error');
  if (errors.length > 0) throw new BuildError(errors);
}

/** Three lines of source around the offending one, with a caret under the column. */
export function codeFrame(source: string, line: number, column = 1): string {
  const lines = source.split(/\r?\n/);
  const from = Math.max(1, line - 1);
  const to = Math.min(lines.length, line + 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const mark = n === line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

export function formatDiagnostic(d: Diagnostic, cwd = process.cwd(), withFrame = true): string {
  const where = d.file
    ? `${relative(cwd, d.file) || d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}`
    : '';
  const head = `${d.severity ?? 'error'}: ${d.message}`;
  const parts = [head];
  if (where) parts.push(`  --> ${where}`);
  if (withFrame && d.file && d.line) {
    try {
      parts.push(codeFrame(readFileSync(d.file, 'utf8'), d.line, d.column).replace(/^/gm, '  '));
    } catch {
      /* file unreadable: the location is enough */
    }
  }
  if (d.hint) parts.push(`  hint: ${d.hint}`);
  return parts.join('\n');
}
