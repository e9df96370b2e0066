/**
 * A page's content stream as a list of operations (operands + operator), with each
 * operation's marked-content context: enough to tell tagged content (inside a sequence with an
 * MCID), artifacts and content that is neither. Shared by the PDF/UA checker (which counts) and
 * the finish stage (which marks the untagged content as artifacts).
 */

export interface Operation {
  operator: string;
  /** The operands as written (names with their slash, strings with their delimiters). */
  operands: string[];
  /** Offsets of the whole operation (first operand to operator) in the stream text. */
  start: number;
  end: number;
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/** Splits a content stream (latin1 text) into operations. */
export function parseOperations(text: string): Operation[] {
  const ops: Operation[] = [];
  let operands: string[] = [];
  let opStart = -1;
  let i = 0;
  const n = text.length;
  const code = (k: number) => text.charCodeAt(k);
  const push = (tokStart: number, tok: string) => {
    if (opStart < 0) opStart = tokStart;
    operands.push(tok);
  };
  while (i < n) {
    const c = code(i);
    if (WHITE.has(c)) { i++; continue; }
    const start = i;
    if (c === 0x25 /* % */) { while (i < n && code(i) !== 0x0a && code(i) !== 0x0d) i++; continue; }
    if (c === 0x28 /* ( */) {
      let depth = 0;
      for (; i < n; i++) {
        const d = code(i);
        if (d === 0x5c) { i++; continue; }
        if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) { i++; break; }
      }
      push(start, text.slice(start, i));
      continue;
    }
    if (c === 0x3c && code(i + 1) === 0x3c) { // << dictionary >>, nested
      let depth = 0;
      while (i < n) {
        if (code(i) === 0x3c && code(i + 1) === 0x3c) { depth++; i += 2; continue; }
        if (code(i) === 0x3e && code(i + 1) === 0x3e) { depth--; i += 2; if (depth === 0) break; continue; }
        if (code(i) === 0x28) { // a string inside the dictionary
          let sd = 0;
          for (; i < n; i++) {
            const d = code(i);
            if (d === 0x5c) { i++; continue; }
            if (d === 0x28) sd++;
            else if (d === 0x29 && --sd === 0) { i++; break; }
          }
          continue;
        }
        i++;
      }
      push(start, text.slice(start, i));
      continue;
    }
    if (c === 0x3c) { const close = text.indexOf('>', i); i = close < 0 ? n : close + 1; push(start, text.slice(start, i)); continue; }
    if (c === 0x5b /* [ */) { // an array (of strings and numbers, for TJ and d)
      let depth = 0;
      for (; i < n; i++) {
        const d = code(i);
        if (d === 0x28) { // skip a string
          let sd = 0;
          for (; i < n; i++) {
            const e = code(i);
            if (e === 0x5c) { i++; continue; }
            if (e === 0x28) sd++;
            else if (e === 0x29 && --sd === 0) break;
          }
          continue;
        }
        if (d === 0x5b) depth++;
        else if (d === 0x5d && --depth === 0) { i++; break; }
      }
      push(start, text.slice(start, i));
      continue;
    }
    if (c === 0x2f /* / */) { i++; while (i < n && !WHITE.has(code(i)) && !DELIM.has(code(i))) i++; push(start, text.slice(start, i)); continue; }
    // A number or an operator.
    while (i < n && !WHITE.has(code(i)) && !DELIM.has(code(i))) i++;
    if (i === start) { i++; continue; } // a stray delimiter (] or > or }): skip it
    const tok = text.slice(start, i);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok) || tok === 'true' || tok === 'false' || tok === 'null') { push(start, tok); continue; }
    if (tok === 'BI') { // inline image: up to EI after whitespace
      const ei = text.slice(i).search(/\sEI(?=\s|$)/);
      i = ei < 0 ? n : i + ei + 3;
      ops.push({ operator: 'BI', operands: [], start: opStart < 0 ? start : opStart, end: i });
      operands = []; opStart = -1;
      continue;
    }
    ops.push({ operator: tok, operands, start: opStart < 0 ? start : opStart, end: i });
    operands = [];
    opStart = -1;
  }
  return ops;
}

/** Operators that put marks on the page. */
export const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'Do', 'sh', 'BI']);
/** Operators that start or continue a path (a path object runs to its painting or n). */
export const PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);

export interface MarkedContext {
  /** The innermost marked-content sequence with an MCID, if any. */
  mcid?: number;
  /** Inside an /Artifact sequence. */
  artifact: boolean;
}

/** The marked-content context of every operation (after it has run, for BDC/BMC/EMC). */
export function markedContexts(ops: Operation[]): MarkedContext[] {
  const stack: MarkedContext[] = [];
  const top = (): MarkedContext => stack.at(-1) ?? { artifact: false };
  return ops.map((op) => {
    if (op.operator === 'BMC' || op.operator === 'BDC') {
      const tag = op.operands[0] ?? '';
      const props = op.operator === 'BDC' ? op.operands[1] ?? '' : '';
      const m = /\/MCID\s+(\d+)/.exec(props);
      const outer = top();
      stack.push({ mcid: m ? Number(m[1]) : outer.mcid, artifact: outer.artifact || tag === '/Artifact' });
      return top();
    }
    const here = top();
    if (op.operator === 'EMC') stack.pop();
    return here;
  });
}

export interface ContentScan {
  /** MCIDs used on the page, in content order. */
  mcids: number[];
  /** Painting operations neither in tagged content nor in an artifact, by operator. */
  untagged: Map<string, number>;
  /** Painting operations in artifacts. */
  artifacts: number;
  /** Unbalanced marked content (an EMC without its BMC/BDC, or one left open). */
  unbalanced: boolean;
}

export function scanContent(text: string): ContentScan {
  const ops = parseOperations(text);
  const ctx = markedContexts(ops);
  const mcids: number[] = [];
  const untagged = new Map<string, number>();
  let artifacts = 0;
  let depth = 0;
  let unbalanced = false;
  ops.forEach((op, k) => {
    if (op.operator === 'BMC' || op.operator === 'BDC') {
      depth++;
      const m = /\/MCID\s+(\d+)/.exec(op.operands[1] ?? '');
      if (m) mcids.push(Number(m[1]));
    } else if (op.operator === 'EMC') {
      if (--depth < 0) { unbalanced = true; depth = 0; }
    } else if (PAINTING.has(op.operator)) {
      const c = ctx[k]!;
      if (c.artifact) artifacts++;
      else if (c.mcid === undefined) untagged.set(op.operator, (untagged.get(op.operator) ?? 0) + 1);
    }
  });
  if (depth !== 0) unbalanced = true;
  return { mcids, untagged, artifacts, unbalanced };
}
