/**
 * The text of a PDF's pages with its positions, read from the content streams with the
 * project's own content-stream reader (`readOperations`): each run of glyphs in one font on
 * one baseline, its Unicode text from the font's ToUnicode map, its origin, advance and size in
 * user space (points, origin bottom-left).
 *
 * What the preflight asks of the text (every run inside the text block, the contents' page
 * numbers beside their links, the titles' tops for the proofs) needs runs and their boxes, not
 * a reading order or word spacing. pdfjs read the same in a worker at ~1.5 s of CPU for the
 * 2025 report (most of it interpreting fonts and building its own model of each page); this
 * reads the operations the finish reads anyway, a tenth of that.
 *
 * Covered: Type0 fonts (two-byte codes, /W widths: Chromium's), simple fonts (one byte,
 * /Widths), Type3 (its /FontMatrix); q/Q and cm, BT/ET, Tf, Tm, Td, TD, T*, TL, Tc, Tw, Tz,
 * Ts, Tj, TJ, ' and "; /ActualText spans (their text for their glyphs', as text extraction
 * reads a tagged PDF); form XObjects (Do) with their matrix and resources.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { streamText } from '../lib/pdf-stream.js';
import { readOperations, type Operations } from './pdfua/content-stream.js';

export interface TextRun {
  str: string;
  /** PDF user space, origin bottom-left, in points: the run's first glyph's origin. */
  x: number;
  y: number;
  /** The run's advance (points). */
  width: number;
  /** The font size in user space (points). */
  height: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** What the reader needs of a font: how many bytes a code takes, its text, its advance (text space units per font size unit). */
interface Font {
  bytes: 1 | 2;
  text(code: number): string;
  advance(code: number): number;
}

const fontsOf = new WeakMap<PDFDict, Font>();
const N = (s: string) => PDFName.of(s);

/**
 * The text of each page of `doc` (or of `pages`, 1-based: the others' is empty). `keep`: each
 * page's operations, by page index, for a reader of the same pages after this one (the PDF/UA
 * model), which then does not read them again.
 */
export function documentText(doc: PDFDocument, pages?: readonly number[], keep?: Map<number, Operations>): TextRun[][] {
  const wanted = pages && new Set(pages);
  return doc.getPages().map((p, i) => (wanted && !wanted.has(i + 1) ? [] : pageText(doc, p, (ops) => keep?.set(i, ops))));
}

/** The text runs of one page (`read`: its operations, once read). */
export function pageText(doc: PDFDocument, page: PDFPage, read?: (ops: Operations) => void): TextRun[] {
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const contents = lookup(page.node.get(N('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map(lookup) : [contents];
  const text = streams.map((s) => (s instanceof PDFStream ? streamText(s) : '')).join('\n');
  const runs: TextRun[] = [];
  const ops = readOperations(text);
  read?.(ops);
  readContent(doc, ops, page.node.Resources(), IDENTITY, runs, 0);
  return runs.filter((r) => r.str.trim() !== '');
}

const num = (ops: Operations, k: number, i: number) => Number(ops.operand(k, i) ?? 0);

/** The runs of a content stream's operations, drawn with `ctm` and `resources`. */
function readContent(doc: PDFDocument, ops: Operations, resources: PDFDict | undefined, ctm0: Matrix, runs: TextRun[], depth: number): void {
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const fontDict = resources ? lookup(resources.get(N('Font'))) : undefined;
  const xobjects = resources ? lookup(resources.get(N('XObject'))) : undefined;
  let ctm = ctm0;
  const stack: Matrix[] = [];
  // Text state.
  let tm = [...IDENTITY] as Matrix;
  let tlm = [...IDENTITY] as Matrix;
  let font: Font | undefined;
  let size = 0;
  let charSpace = 0;
  let wordSpace = 0;
  let scale = 1;
  let leading = 0;
  let rise = 0;
  /**
   * Marked content open, innermost last: an /ActualText span's text (said once, at its first
   * glyph, instead of its glyphs' text), or null for any other sequence.
   */
  const actual: ({ text: string; said: boolean } | null)[] = [];
  /** The run being read: ended by anything that moves off its baseline or changes its font. */
  let run: { str: string; x: number; y: number; height: number; ux: number; uy: number; end: number } | null = null;
  const close = () => {
    if (run) runs.push({ str: run.str, x: run.x, y: run.y, width: run.end, height: run.height });
    run = null;
  };
  /** Td: the next line, `tx` `ty` from the start of this one (Chromium places each glyph so: the run goes on along its baseline). */
  const newLine = (tx: number, ty: number) => {
    tlm = [tlm[0], tlm[1], tlm[2], tlm[3], tlm[4] + tx * tlm[0] + ty * tlm[2], tlm[5] + tx * tlm[1] + ty * tlm[3]];
    tm = [...tlm] as Matrix;
    if (ty !== 0) close();
  };
  /** A point of text space (`tx`, `ty`, after tm) in user space. */
  const user = (tx: number, ty: number): [number, number] => {
    const x = tx * tm[0] + ty * tm[2] + tm[4];
    const y = tx * tm[1] + ty * tm[3] + tm[5];
    return [x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]];
  };
  const show = (bytes: string) => {
    if (!font) return;
    const f = font;
    const step = f.bytes;
    for (let i = 0; i + step <= bytes.length; i += step) {
      const code = step === 2 ? (bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1) : bytes.charCodeAt(i);
      const advance = (f.advance(code) * size + charSpace + (step === 1 && code === 32 ? wordSpace : 0)) * scale;
      if (!run) {
        const [x, y] = user(0, rise);
        // The text space's axes in user space: the baseline's direction, the size.
        const ax = tm[0] * ctm[0] + tm[1] * ctm[2];
        const ay = tm[0] * ctm[1] + tm[1] * ctm[3];
        const bx = tm[2] * ctm[0] + tm[3] * ctm[2];
        const by = tm[2] * ctm[1] + tm[3] * ctm[3];
        const len = Math.hypot(ax, ay) || 1;
        run = { str: '', x, y, height: Math.abs(size) * Math.hypot(bx, by), ux: ax / len, uy: ay / len, end: 0 };
      }
      const span = actual.findLast((a) => a !== null);
      if (!span) run.str += f.text(code);
      else if (!span.said) {
        run.str += span.text;
        span.said = true;
      }
      // On to the next glyph's origin: how far the run reaches along its baseline.
      tm[4] += advance * tm[0];
      tm[5] += advance * tm[1];
      const [x, y] = user(0, rise);
      run.end = Math.max(run.end, (x - run.x) * run.ux + (y - run.y) * run.uy);
    }
  };
  for (let k = 0; k < ops.length; k++) {
    const op = ops.operator(k);
    switch (op) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? ctm0;
        break;
      case 'cm':
        ctm = multiply([num(ops, k, 0), num(ops, k, 1), num(ops, k, 2), num(ops, k, 3), num(ops, k, 4), num(ops, k, 5)], ctm);
        break;
      case 'BT':
        tm = [...IDENTITY] as Matrix;
        tlm = [...IDENTITY] as Matrix;
        close();
        break;
      case 'ET':
        close();
        break;
      case 'Tf': {
        close();
        const name = ops.operand(k, 0) ?? '';
        const dict = fontDict instanceof PDFDict ? lookup(fontDict.get(N(name.slice(1)))) : undefined;
        font = dict instanceof PDFDict ? fontOf(doc, dict) : undefined;
        size = num(ops, k, 1);
        break;
      }
      case 'Tm':
        close();
        tlm = [num(ops, k, 0), num(ops, k, 1), num(ops, k, 2), num(ops, k, 3), num(ops, k, 4), num(ops, k, 5)];
        tm = [...tlm] as Matrix;
        break;
      case 'Td':
        newLine(num(ops, k, 0), num(ops, k, 1));
        break;
      case 'TD':
        leading = -num(ops, k, 1);
        newLine(num(ops, k, 0), num(ops, k, 1));
        break;
      case 'T*':
        newLine(0, -leading);
        break;
      case 'TL':
        leading = num(ops, k, 0);
        break;
      case 'Tc':
        charSpace = num(ops, k, 0);
        break;
      case 'Tw':
        wordSpace = num(ops, k, 0);
        break;
      case 'Tz':
        scale = num(ops, k, 0) / 100;
        break;
      case 'Ts':
        rise = num(ops, k, 0);
        break;
      case 'BMC':
        actual.push(null);
        break;
      case 'BDC': {
        const props = ops.operand(k, 1) ?? '';
        const m = /\/ActualText\s*(<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))/s.exec(props);
        actual.push(m ? { text: textString(stringBytes(m[1]!)), said: false } : null);
        break;
      }
      case 'EMC':
        actual.pop();
        break;
      case 'Tj':
        show(stringBytes(ops.operand(k, 0) ?? ''));
        break;
      case "'":
        newLine(0, -leading);
        show(stringBytes(ops.operand(k, 0) ?? ''));
        break;
      case '"':
        wordSpace = num(ops, k, 0);
        charSpace = num(ops, k, 1);
        newLine(0, -leading);
        show(stringBytes(ops.operand(k, 2) ?? ''));
        break;
      case 'TJ':
        for (const item of arrayItems(ops.operand(k, 0) ?? '')) {
          if (typeof item === 'number') {
            const dx = (-item / 1000) * size * scale;
            tm[4] += dx * tm[0];
            tm[5] += dx * tm[1];
          } else show(item);
        }
        break;
      case 'Do': {
        if (depth > 8 || !(xobjects instanceof PDFDict)) break;
        const xo = lookup(xobjects.get(N((ops.operand(k, 0) ?? '').slice(1))));
        if (!(xo instanceof PDFRawStream) || xo.dict.get(N('Subtype')) !== N('Form')) break;
        const matrix = xo.dict.lookup(N('Matrix'));
        const m = matrix instanceof PDFArray ? (matrix.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : 0)) as Matrix) : IDENTITY;
        const res = xo.dict.lookup(N('Resources'));
        close();
        readContent(doc, readOperations(streamText(xo)), res instanceof PDFDict ? res : resources, multiply(m, ctm), runs, depth + 1);
        break;
      }
    }
  }
  close();
}

/** A literal string's one-character escapes. */
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

/** A string operand's bytes (latin1): a hex string or a literal one with its escapes. */
export function stringBytes(s: string): string {
  if (s.startsWith('<')) {
    const hex = s.slice(1, -1).replace(/\s+/g, '');
    let out = '';
    for (let i = 0; i < hex.length; i += 2) out += String.fromCharCode(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
    return out;
  }
  if (!s.startsWith('(')) return '';
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const d = body[++i];
    if (d === undefined) break;
    if (d in ESCAPES) out += ESCAPES[d];
    else if (/[0-7]/.test(d)) {
      let oct = d;
      while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) oct += body[++i];
      out += String.fromCharCode(parseInt(oct, 8) & 0xff);
    } else if (d === '\r') {
      if (body[i + 1] === '\n') i++;
    } else if (d !== '\n') out += d;
  }
  return out;
}

/** A text string's bytes as text: UTF-16BE after its byte order mark, else PDFDocEncoding (latin1 here). */
function textString(bytes: string): string {
  if (bytes.charCodeAt(0) !== 0xfe || bytes.charCodeAt(1) !== 0xff) return bytes;
  let out = '';
  for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return out;
}

/** The items of a TJ array: strings (as bytes) and numbers. */
function arrayItems(s: string): (string | number)[] {
  const items: (string | number)[] = [];
  const re = /<[^>]*>|\((?:\\.|[^\\)])*\)|[-+]?(?:\d+\.?\d*|\.\d+)/gs;
  for (const m of s.slice(1, -1).matchAll(re)) items.push(m[0].startsWith('<') || m[0].startsWith('(') ? stringBytes(m[0]) : Number(m[0]));
  return items;
}

/** A font's codes, text and advances, read once per font dictionary. */
function fontOf(doc: PDFDocument, dict: PDFDict): Font {
  let font = fontsOf.get(dict);
  if (font) return font;
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const subtype = lookup(dict.get(N('Subtype')));
  const toUnicode = lookup(dict.get(N('ToUnicode')));
  const unicode = toUnicode instanceof PDFStream ? readCMap(streamText(toUnicode)) : new Map<number, string>();
  const numbers = (o: PDFObject | undefined) => (o instanceof PDFArray ? o.asArray().map((v) => lookup(v)) : []);
  const asNumber = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : 0);
  if (subtype === N('Type0')) {
    const descendant = lookup(numbers(lookup(dict.get(N('DescendantFonts'))))[0]);
    const widths = new Map<number, number>();
    let dw = 1000;
    if (descendant instanceof PDFDict) {
      const d = lookup(descendant.get(N('DW')));
      if (d instanceof PDFNumber) dw = d.asNumber();
      const w = numbers(lookup(descendant.get(N('W'))));
      for (let i = 0; i < w.length; ) {
        const first = asNumber(w[i]);
        const next = w[i + 1];
        if (next instanceof PDFArray) {
          numbers(next).forEach((v, j) => widths.set(first + j, asNumber(v)));
          i += 2;
        } else {
          const last = asNumber(next);
          const v = asNumber(w[i + 2]);
          for (let c = first; c <= last; c++) widths.set(c, v);
          i += 3;
        }
      }
    }
    font = { bytes: 2, text: (c) => unicode.get(c) ?? '', advance: (c) => (widths.get(c) ?? dw) / 1000 };
  } else {
    const first = asNumber(lookup(dict.get(N('FirstChar'))));
    const widths = numbers(lookup(dict.get(N('Widths')))).map(asNumber);
    const matrix = numbers(lookup(dict.get(N('FontMatrix')))).map(asNumber);
    const unit = subtype === N('Type3') && matrix.length === 6 ? matrix[0]! : 0.001;
    font = { bytes: 1, text: (c) => unicode.get(c) ?? String.fromCharCode(c), advance: (c) => (widths[c - first] ?? 0) * unit };
  }
  fontsOf.set(dict, font);
  return font;
}

/** A ToUnicode CMap's mappings (bfchar and bfrange), code → text. */
export function readCMap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    const h = hex.replace(/\s+/g, '');
    let s = '';
    for (let i = 0; i + 4 <= h.length; i += 4) s += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    if (h.length % 4 === 2) s += String.fromCharCode(parseInt(h.slice(-2), 16));
    return s;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F\s]+)>\s*<([0-9a-fA-F\s]*)>/g)) map.set(parseInt(m[1]!.replace(/\s+/g, ''), 16), utf16(m[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F\s]+)>\s*<([0-9a-fA-F\s]+)>\s*(<[0-9a-fA-F\s]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!.replace(/\s+/g, ''), 16);
      const hi = parseInt(m[2]!.replace(/\s+/g, ''), 16);
      if (hi - lo > 0xffff) continue;
      if (m[3]!.startsWith('[')) {
        [...m[3]!.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((d, j) => map.set(lo + j, utf16(d[1]!)));
      } else {
        const base = utf16(m[3]!.slice(1, -1));
        // The last UTF-16 unit counts up through the range.
        for (let c = lo; c <= hi; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - lo)));
      }
    }
  }
  return map;
}
