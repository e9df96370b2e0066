/**
 * One quotation style per language: every quotation mark of the content is set in the marks of
 * the text's language (templates/messages/<lang>.yaml, `quotes:`), whatever the source typed —
 * straight "…", English “…”, Latvian „…“, guillemets «…», or a mix of them in one pair.
 *
 * Why not retext-smartypants (remark-smartypants): it only educates straight quotes, leaving a
 * source's “…” or «…» as they are (the 2025 content mixes four styles), it reads "…" as open and
 * close by glyph, not by the pair it belongs to (Latvian closes with “, which English opens
 * with), it has no nesting (Latvian "Lauku partnerība "Lielupe"" must come out „… „…““, English
 * “… ‘…’”), and it sees one text node at a time, while a quote's side depends on what stands
 * beyond it: a footnote call, a bold label, a link.
 *
 * So this plugin reads each block (paragraph, list item, cell, heading) as one run of text:
 * footnote calls, line breaks, code and links that show a URL or an e-mail address are atoms in
 * it (their text is never changed); URLs written as plain text are left alone too. Each mark is
 * an opening or a closing one by what stands either side (a space or an opening bracket before,
 * a word after: opening; the reverse, or punctuation or a footnote call after: closing), and
 * only where that is undecided by its glyph, then by whether a quote is open. Marks are paired
 * with a stack: a quote inside a quote takes the language's inner marks (whether the source
 * typed it in double or single marks); elsewhere a phrase in single marks keeps the language's
 * single ones. A single mark between
 * letters, or one that closes nothing, is an apostrophe (’). An opening double mark never closed,
 * or a closing one with nothing open, is reported as a warning at its line (the mark is set all
 * the same); the build goes on.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';

export interface QuoteMarks {
  open: string;
  close: string;
}

export interface QuoteStyle extends QuoteMarks {
  /** A quotation inside a quotation. */
  inner: QuoteMarks;
  /** What the source writes in single quotes. */
  single: QuoteMarks;
}

export interface Options {
  quotes: QuoteStyle;
}

export const APOSTROPHE = '\u2019';
/** Every character a source may type as a double or a single quotation mark. */
export const DOUBLE_MARKS = '"\u201C\u201D\u201E\u201F\u00AB\u00BB';
export const SINGLE_MARKS = "'\u2018\u2019\u201A\u201B\u2039\u203A";
/** Marks that say by their glyph alone which side they are (used only where the context does not). */
const OPENING_GLYPHS = '\u201E\u201F\u00AB\u201A\u201B\u2039';
const CLOSING_GLYPHS = '\u201D\u00BB\u2019\u203A';

/** Placeholders in a run for what is not text: a footnote call; a word (code, a URL link). */
export const CALL = '\uE000';
export const WORD = '\uE001';

/** A URL or an e-mail address written as plain text: its characters are never changed. */
const URL_TEXT = /\b(?:https?:\/\/|www\.)[^\s"\u201C\u201D\u201E\u00AB\u00BB<>]+|[\w.+-](?:[\w.+'-]*[\w.+-])?@[\w-]+(?:\.[\w-]+)+/giu;

const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && (c === WORD || /[\p{L}\p{M}\p{N}]/u.test(c));
/** Before an opening mark: an opening bracket, a dash or a slash. */
const isOpener = (c: string) => /[\p{Ps}\p{Pd}/]/u.test(c);
/** After a closing mark: any punctuation or symbol, or a footnote call. */
const isAfterClose = (c: string) => c === CALL || /[\p{P}\p{S}]/u.test(c);

type Role = 'open' | 'close' | 'apostrophe';
interface Mark {
  at: number;
  kind: 'double' | 'single';
  role: Role;
  /** Of an opening mark: the marks its pair is set in. */
  marks?: QuoteMarks;
  /** The opening mark a closing one closes. */
  pair?: Mark;
}

export interface QuoteProblem {
  /** Index of the mark in the run. */
  at: number;
  message: string;
  hint: string;
}

/**
 * The quotation marks of one run of text set in `style`: the characters to replace (index →
 * character) and the marks left unpaired. `run` may hold CALL and WORD placeholders; indices in
 * `frozen` (a URL's characters) are never changed.
 */
export function setQuotes(run: string, style: QuoteStyle, frozen: ReadonlySet<number> = new Set()): { replace: Map<number, string>; problems: QuoteProblem[] } {
  const chars = run.split(''); // by UTF-16 unit, as the indices of the caller; every mark is one
  const locked = new Set(frozen);
  for (const m of run.matchAll(URL_TEXT)) for (let k = m.index; k < m.index + m[0].length; k++) locked.add(k);
  const marks: Mark[] = [];
  const stack: Mark[] = [];
  const roleAt = new Map<number, Role>();
  const problems: QuoteProblem[] = [];

  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const double = DOUBLE_MARKS.includes(c);
    if ((!double && !SINGLE_MARKS.includes(c)) || locked.has(i)) continue;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    const prevRole = roleAt.get(i - 1);
    const openedBefore = isSpace(prev) || prevRole === 'open' || (prevRole === undefined && isOpener(prev!));
    const canOpen = !isSpace(next) && openedBefore;
    const canClose = !openedBefore && (isSpace(next) || isAfterClose(next!));
    const glyph = OPENING_GLYPHS.includes(c) ? 'open' : CLOSING_GLYPHS.includes(c) ? 'close' : undefined;
    let role: Role;
    if (double) {
      role = canOpen !== canClose ? (canOpen ? 'open' : 'close') : (glyph ?? (stack.some((m) => m.kind === 'double') ? 'close' : 'open'));
    } else if (isWordChar(prev) && isWordChar(next)) {
      role = 'apostrophe'; // don't, O'Brien
    } else if (canOpen !== canClose) {
      role = canOpen ? 'open' : stack.at(-1)?.kind === 'single' ? 'close' : 'apostrophe'; // residents'
    } else {
      role = glyph === 'open' ? 'open' : 'apostrophe';
    }
    const mark: Mark = { at: i, kind: double ? 'double' : 'single', role };
    if (role === 'open') {
      // A quote inside a quote set in the primary marks takes the inner ones, whatever the
      // source typed (English ‘…’, Latvian „…“ again); inside an inner or a single quote a
      // double one takes the primary marks again. Single marks elsewhere stay single (a gloss).
      mark.marks = stack.at(-1)?.marks === style ? style.inner : double ? style : style.single;
      stack.push(mark);
    } else if (role === 'close') {
      const k = stack.findLastIndex((m) => m.kind === mark.kind);
      if (k >= 0) {
        // Singles opened inside and never closed were apostrophes ('90s).
        for (const m of stack.splice(k + 1)) m.role = 'apostrophe';
        mark.pair = stack.pop();
      } else {
        problems.push({ at: i, message: `closing quotation mark ${c} with no quotation open before it`, hint: 'add the opening mark where the quotation starts, or remove this one' });
      }
    }
    roleAt.set(i, role);
    marks.push(mark);
  }
  for (const m of stack) {
    if (m.kind === 'single') m.role = 'apostrophe';
    else problems.push({ at: m.at, message: `opening quotation mark ${chars[m.at]} is never closed`, hint: 'add the closing mark where the quotation ends (in the same paragraph or list item), or remove this one' });
  }

  const replace = new Map<number, string>();
  for (const m of marks) {
    const set = m.role === 'apostrophe' ? APOSTROPHE : m.role === 'open' ? m.marks!.open : (m.pair?.marks ?? style).close;
    if (set !== chars[m.at]) replace.set(m.at, set);
  }
  return { replace, problems };
}

/** A plain string (a cover line, a title) with its quotation marks set in `style`. */
export function quoteText(text: string, style: QuoteStyle): string {
  const { replace } = setQuotes(text, style);
  return text.replace(/./gsu, (c, i: number) => replace.get(i) ?? c);
}

/** Boxes that start a run of their own. */
const BLOCKS = new Set(['p', 'li', 'td', 'th', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'div', 'dt', 'dd', 'ul', 'ol', 'table', 'thead', 'tbody', 'tr', 'section', 'aside', 'figcaption']);
/** Never read: code, preformatted text, charts, scripts. */
const OPAQUE = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'svg', 'math', 'figure']);

const classes = (el: Element) => ((el.properties.className as string[] | undefined) ?? []).map(String);
const textOf = (n: ElementContent): string => (n.type === 'text' ? n.value : n.type === 'element' ? n.children.map(textOf).join('') : '');
/** A link that shows a URL or an e-mail address: its text is an address, never prose. */
export const showsAddress = (el: Element) => el.tagName === 'a' && /^(?:(?:https?:\/\/|www\.)\S+|[^\s@]+@[^\s@]+\.\S+)$/iu.test(textOf(el).trim());

interface Piece {
  node: Text;
  from: number;
}

const rehypeQuotes: Plugin<[Options], Root> = ({ quotes }) => (tree, file) => {
  const runBlock = (block: Root | Element) => {
    let run = '';
    const pieces: Piece[] = [];
    const nested: Element[] = [];
    const read = (nodes: ElementContent[] | Root['children']) => {
      for (const n of nodes) {
        if (n.type === 'text') {
          pieces.push({ node: n, from: run.length });
          run += n.value;
        } else if (n.type === 'element') {
          if (BLOCKS.has(n.tagName)) {
            nested.push(n);
            run += '\n';
          } else if (n.tagName === 'br') run += '\n';
          else if (n.tagName === 'sup' && classes(n).includes('fn-ref')) run += CALL;
          else if (OPAQUE.has(n.tagName) || showsAddress(n)) run += WORD;
          else read(n.children);
        }
      }
    };
    read(block.children);
    if (pieces.length) {
      const { replace, problems } = setQuotes(run, quotes);
      for (const { node, from } of pieces) {
        const value = node.value;
        let out = '';
        for (let k = 0; k < value.length; k++) out += replace.get(from + k) ?? value[k];
        node.value = out;
      }
      for (const p of problems) report(file, pieces, p);
    }
    for (const n of nested) runBlock(n);
  };
  runBlock(tree);
};

/** A problem at its source line and column, where the text node knows its place. */
function report(file: VFile, pieces: Piece[], problem: QuoteProblem) {
  const piece = pieces.findLast((p) => p.from <= problem.at);
  const start = piece?.node.position?.start;
  let place;
  if (piece && start) {
    const before = piece.node.value.slice(0, problem.at - piece.from).split('\n');
    place = { line: start.line + before.length - 1, column: (before.length === 1 ? start.column : 1) + before.at(-1)!.length };
  }
  const m = file.message(problem.message, place);
  m.note = problem.hint;
}

export default rehypeQuotes;
