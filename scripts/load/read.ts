/**
 * Reading content files safely: only regular files inside the content folder (by real path:
 * a symbolic link that leads out of it is refused), at most a stated size, valid UTF-8
 * (the line and column of the first bad byte otherwise), no byte-order mark.
 */
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Diagnostic } from '../lib/diagnostics.js';

/** Size limits, stated in the error an editor sees. */
export const LIMITS = {
  markdown: 256 * 1024,
  yaml: 2 * 1024 * 1024,
} as const;

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} KB`;

/** The text of `file`, if it is a readable UTF-8 file inside `root` no larger than `limit`. */
export function readContentFile(file: string, root: string, limit: number): ReadResult {
  const fail = (message: string, hint?: string, line?: number, column?: number): ReadResult => ({ ok: false, diagnostic: { file, line, column, message, hint } });
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = realpathSync(root);
    realFile = realpathSync(file);
  } catch {
    return fail('file not found');
  }
  if (realFile !== realRoot && !realFile.startsWith(realRoot + sep)) {
    const link = lstatSync(file).isSymbolicLink() ? 'a symbolic link to' : 'resolves to';
    return fail(`refusing to read: the file is ${link} ${realFile}, outside the content folder`, `content files must be inside ${root}; copy the file there instead of linking to it`);
  }
  const st = statSync(realFile);
  if (!st.isFile()) return fail('not a regular file', 'a content file must be a plain text file');
  if (st.size > limit) return fail(`the file is ${kb(st.size)}, over the limit of ${kb(limit)} for this kind of file`, 'a section or chapter of the report is a few KB; check that the right file was saved here');
  const bytes = readFileSync(realFile);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { line, column } = position(bytes, bad);
    return fail(`the file is not valid UTF-8: byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at line ${line}, column ${column}`, 'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)', line, column);
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/** Index of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    if (i + n >= b.length) return i; // truncated sequence at the end
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** Line and column (in characters of the valid text before it) of byte `at`. */
function position(bytes: Uint8Array, at: number): { line: number; column: number } {
  const before = Buffer.from(bytes.subarray(0, at)).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: [...lines.at(-1)!].length + 1 };
}

/** The path of `file` relative to `root`, for messages. */
export const shortPath = (file: string, root: string) => relative(root, file) || file;
