/**
 * A page's content stream as its operations (operands + operator, `readOperations`), with each
 * operation's marked-content context: enough to tell tagged content (inside a sequence with an
 * MCID), artifacts and content that is neither. Shared by the PDF/UA checker (which counts) and
 * the finish stage (which marks the untagged content as artifacts).
 */

/** Character classes of the tokenizer, by byte: 1 white space, 2 delimiter. */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
/** The end of an inline image's data: EI after white space. */
const INLINE_IMAGE_END = /\sEI(?=\s|$)/g;

/**
 * A content stream's operations, read without an object per operation or a string per operand
 * (a 110-page report has ~780,000 operations: as objects they were most of the finish's and the
 * preflight's garbage). Offsets in typed arrays; an operator's name is one shared string; an
 * operand's text is cut from the stream only when asked for (`operand`).
 */
export class Operations {
  length = 0;
  /** Per operation: start, end, first operand token, operand count. */
  private op: Int32Array;
  private name: Uint16Array;
  /** Per operand token: start, end. */
  private tok: Int32Array;
  private tokens = 0;
  private readonly names: string[] = [];
  private readonly byShort = new Map<number, number>();
  private readonly byLong = new Map<string, number>();
  constructor(readonly text: string) {
    // Chromium's pages run ~13 characters an operation and ~5 a token: room for that at
    // once (growing is copying), twice over for a stream of short ones.
    const ops = (text.length >> 3) + 64;
    this.op = new Int32Array(4 * ops);
    this.name = new Uint16Array(ops);
    this.tok = new Int32Array(2 * ((text.length >> 2) + 64));
  }

  operator(k: number): string {
    return this.names[this.name[k]!]!;
  }
  start(k: number): number {
    return this.op[4 * k]!;
  }
  end(k: number): number {
    return this.op[4 * k + 1]!;
  }
  operandCount(k: number): number {
    return this.op[4 * k + 3]!;
  }
  /** Operand `i` of operation `k` as written (names with their slash, strings with their delimiters). */
  operand(k: number, i: number): string | undefined {
    if (i < 0 || i >= this.op[4 * k + 3]!) return undefined;
    const t = this.op[4 * k + 2]! + i;
    return this.text.slice(this.tok[2 * t]!, this.tok[2 * t + 1]!);
  }
  operands(k: number): string[] {
    return Array.from({ length: this.operandCount(k) }, (_, i) => this.operand(k, i)!);
  }

  /** @internal the tokenizer's */
  pushToken(start: number, end: number): void {
    if (2 * this.tokens + 2 > this.tok.length) this.tok = grow(this.tok);
    this.tok[2 * this.tokens] = start;
    this.tok[2 * this.tokens + 1] = end;
    this.tokens++;
  }
  /** @internal the tokenizer's: an operation of the operator text[nameStart, nameEnd), over the tokens since `firstToken`. */
  pushOperation(nameStart: number, nameEnd: number, start: number, end: number, firstToken: number, operands = true): void {
    const k = this.length++;
    if (4 * k + 4 > this.op.length) this.op = grow(this.op);
    if (k + 1 > this.name.length) this.name = grow(this.name);
    this.name[k] = this.intern(nameStart, nameEnd);
    const o = this.op;
    o[4 * k] = start;
    o[4 * k + 1] = end;
    o[4 * k + 2] = firstToken;
    o[4 * k + 3] = operands ? this.tokens - firstToken : 0;
  }
  get tokenCount(): number {
    return this.tokens;
  }
  private intern(s: number, e: number): number {
    const len = e - s;
    const t = this.text;
    if (len <= 3) {
      const key = len | (t.charCodeAt(s) << 2) | ((len > 1 ? t.charCodeAt(s + 1) : 0) << 10) | ((len > 2 ? t.charCodeAt(s + 2) : 0) << 18);
      let id = this.byShort.get(key);
      if (id === undefined) this.byShort.set(key, (id = this.add(t.slice(s, e))));
      return id;
    }
    const name = t.slice(s, e);
    let id = this.byLong.get(name);
    if (id === undefined) this.byLong.set(name, (id = this.add(name)));
    return id;
  }
  private add(name: string): number {
    this.names.push(name);
    return this.names.length - 1;
  }
}

function grow<T extends Int32Array | Uint16Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** A plain number: an optional sign, then digits with at most one point, or a point and digits. */
function isNumber(text: string, s: number, e: number): boolean {
  let i = s;
  const c0 = text.charCodeAt(i);
  if (c0 === 0x2b || c0 === 0x2d) i++;
  if (i >= e) return false;
  if (text.charCodeAt(i) === 0x2e) {
    if (++i >= e) return false;
    for (; i < e; i++) if (!isDigit(text.charCodeAt(i))) return false;
    return true;
  }
  if (!isDigit(text.charCodeAt(i))) return false;
  while (i < e && isDigit(text.charCodeAt(i))) i++;
  if (i < e && text.charCodeAt(i) === 0x2e) i++;
  while (i < e && isDigit(text.charCodeAt(i))) i++;
  return i === e;
}

const word = (text: string, s: number, e: number, w: string) => e - s === w.length && text.startsWith(w, s);

/** Splits a content stream (latin1 text) into operations: `Operations`, offsets only. */
export function readOperations(text: string): Operations {
  const ops = new Operations(text);
  let first = 0; // the first operand token of the operation being read
  let opStart = -1;
  let i = 0;
  const n = text.length;
  const cls = (k: number) => {
    const c = text.charCodeAt(k);
    return c < 256 ? CLASS[c]! : 0;
  };
  const push = (tokStart: number, tokEnd: number) => {
    if (opStart < 0) opStart = tokStart;
    ops.pushToken(tokStart, tokEnd);
  };
  /** From an opening parenthesis at `i`: the offset after its closing one (escapes and nesting). */
  const skipString = (i: number) => {
    let depth = 0;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x5c) { i++; continue; }
      if (d === 0x28) depth++;
      else if (d === 0x29 && --depth === 0) return i + 1;
    }
    return i;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 256 && CLASS[c] === 1) { i++; continue; }
    const start = i;
    if (c === 0x25 /* % */) { while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++; continue; }
    if (c === 0x28 /* ( */) {
      i = skipString(i);
      push(start, i);
      continue;
    }
    if (c === 0x3c && text.charCodeAt(i + 1) === 0x3c) { // << dictionary >>, nested
      let depth = 0;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x3c && text.charCodeAt(i + 1) === 0x3c) { depth++; i += 2; continue; }
        if (d === 0x3e && text.charCodeAt(i + 1) === 0x3e) { depth--; i += 2; if (depth === 0) break; continue; }
        if (d === 0x28) { i = skipString(i); continue; } // a string inside the dictionary
        i++;
      }
      push(start, i);
      continue;
    }
    if (c === 0x3c) { const close = text.indexOf('>', i); i = close < 0 ? n : close + 1; push(start, i); continue; }
    if (c === 0x5b /* [ */) { // an array (of strings and numbers, for TJ and d)
      let depth = 0;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x28) { i = skipString(i) - 1; continue; } // a string: on from its ")"
        if (d === 0x5b) depth++;
        else if (d === 0x5d && --depth === 0) { i++; break; }
      }
      push(start, i);
      continue;
    }
    if (c === 0x2f /* / */) { i++; while (i < n && cls(i) === 0) i++; push(start, i); continue; }
    // A number or an operator.
    while (i < n && cls(i) === 0) i++;
    if (i === start) { i++; continue; } // a stray delimiter (] or > or }): skip it
    if (isNumber(text, start, i) || word(text, start, i, 'true') || word(text, start, i, 'false') || word(text, start, i, 'null')) { push(start, i); continue; }
    if (word(text, start, i, 'BI')) { // inline image: up to EI after whitespace
      INLINE_IMAGE_END.lastIndex = i;
      const ei = INLINE_IMAGE_END.exec(text);
      const at = opStart < 0 ? start : opStart;
      const nameEnd = i;
      i = ei ? ei.index + 3 : n;
      ops.pushOperation(start, nameEnd, at, i, first, false);
      first = ops.tokenCount; opStart = -1;
      continue;
    }
    ops.pushOperation(start, i, opStart < 0 ? start : opStart, i, first);
    first = ops.tokenCount;
    opStart = -1;
  }
  return ops;
}

/** Operators that put marks on the page. */
export const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'Do', 'sh', 'BI']);
/** Operators that start or continue a path (a path object runs to its painting or n). */
export const PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);

/** The MCID of a BDC's property list (its second operand), or -1. */
const MCID = /\/MCID\s+(\d+)/;

/**
 * The marked-content context of every operation: the innermost MCID (-1: none) and whether it
 * is inside an /Artifact sequence (after it has run, for BDC/BMC/EMC).
 */
export function contextsOf(ops: Operations): { mcid: Int32Array; artifact: Uint8Array } {
  const mcid = new Int32Array(ops.length);
  const artifact = new Uint8Array(ops.length);
  const stackMcid: number[] = [];
  const stackArtifact: number[] = [];
  for (let k = 0; k < ops.length; k++) {
    const op = ops.operator(k);
    if (op === 'BMC' || op === 'BDC') {
      const m = op === 'BDC' ? MCID.exec(ops.operand(k, 1) ?? '') : null;
      const outerMcid = stackMcid.length ? stackMcid[stackMcid.length - 1]! : -1;
      const outerArtifact = stackArtifact.length ? stackArtifact[stackArtifact.length - 1]! : 0;
      stackMcid.push(m ? Number(m[1]) : outerMcid);
      stackArtifact.push(outerArtifact || ops.operand(k, 0) === '/Artifact' ? 1 : 0);
    }
    mcid[k] = stackMcid.length ? stackMcid[stackMcid.length - 1]! : -1;
    artifact[k] = stackArtifact.length ? stackArtifact[stackArtifact.length - 1]! : 0;
    if (op === 'EMC') {
      stackMcid.pop();
      stackArtifact.pop();
    }
  }
  return { mcid, artifact };
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
  return scanOperations(readOperations(text));
}

/** `scanContent` of operations read already. */
export function scanOperations(ops: Operations): ContentScan {
  const ctx = contextsOf(ops);
  const mcids: number[] = [];
  const untagged = new Map<string, number>();
  let artifacts = 0;
  let depth = 0;
  let unbalanced = false;
  for (let k = 0; k < ops.length; k++) {
    const op = ops.operator(k);
    if (op === 'BMC' || op === 'BDC') {
      depth++;
      const m = MCID.exec(ops.operand(k, 1) ?? '');
      if (m) mcids.push(Number(m[1]));
    } else if (op === 'EMC') {
      if (--depth < 0) { unbalanced = true; depth = 0; }
    } else if (PAINTING.has(op)) {
      if (ctx.artifact[k]) artifacts++;
      else if (ctx.mcid[k] < 0) untagged.set(op, (untagged.get(op) ?? 0) + 1);
    }
  }
  if (depth !== 0) unbalanced = true;
  return { mcids, untagged, artifacts, unbalanced };
}
