/**
 * Rule: hyphenation at line ends, from one look at a part's lines. No word broken at a soft
 * hyphen across a page turn (or into the notes), and at most `maxRun` hyphenated line ends in
 * a row (typed hyphens count: they look the same; the last soft break of a longer run goes).
 * Two breaks are in a row when the second's first fragment is on the first's second line. A
 * word to fix is set whole (its soft hyphens go, the paragraph re-breaks); the caller lays the
 * part out again until none is left.
 *
 * A word broken at a typed hyphen over a page turn (a compound, a project number) reads the
 * same as one broken at a soft hyphen: the reader turns the page in the middle of it. It is set
 * unbroken too (a no-break span: its text stays as typed), when it can stand whole at the start
 * of the next line: in ragged text when it is shorter than the line, in justified text only
 * when it is short (a long one would leave the line it leaves too loose). One at a page's first
 * line too: the print may pull that line back onto the page before.
 */
import { settingOf } from './frame.js';

const SHY = '\u00AD';

/** The block whose lines a text node is set in: the innermost paragraph-like element. */
const BLOCK = 'p, li, h1, h2, h3, h4, td, th, figcaption, dt, dd, blockquote, div';

/**
 * Which words of each block break across two lines, by block, for as long as the block is as
 * it was (its classes, its style attribute, its markup: a set-whole word, a split for a note,
 * a letter-spacing each change one of them): its lines break the same wherever it stands
 * (every column has the same width, nothing floats), only the page each line is on moves. A
 * part is laid out again and again while its notes, charts and last page are placed; measured
 * once, a block's words are looked at again only where they broke (a tenth of its words).
 * Each word by its text node's place among the block's text nodes and its offsets.
 */
const breaks = new WeakMap();

const readable = (node) => /[\u00AD-]/.test(node.data) && !node.parentElement.closest('.page-notes, ol.footnotes, .nobreak');

/** Words of `el` broken across two lines at a hyphen, with their two fragments. */
function brokenWords(frame, el) {
  const { lineKey } = frame;
  const out = [];
  /** A word's fragments, if it breaks across two lines. */
  const look = (node, start, end) => {
    const rs = [...frame.textRects(node, start, end)].filter((r) => r.width > 0);
    if (rs.length < 2) return null;
    const first = rs[0];
    const second = rs.find((r) => lineKey(r) !== lineKey(first));
    return second ? { first, second } : null;
  };
  // Each block's own text nodes (not its inner blocks'), in order, from one walk of the part;
  // the blocks with something the rules read.
  const blocks = new Map();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const inner = node.parentElement.closest(BLOCK);
    const block = inner && el.contains(inner) ? inner : el;
    if (!blocks.has(block)) blocks.set(block, { nodes: [], read: false });
    const b = blocks.get(block);
    b.nodes.push(node);
    if (readable(node)) b.read = true;
  }
  for (const [block, { nodes, read }] of blocks) {
    if (!read) continue;
    const setting = block === el ? null : settingOf(block);
    const known = setting !== null ? breaks.get(block) : undefined;
    if (known && known.setting === setting) {
      for (const w of known.words) {
        const node = nodes[w.index];
        const f = node && look(node, w.start, w.end);
        if (f) out.push({ node, start: w.start, end: w.end, ...f, soft: w.soft });
      }
      continue;
    }
    const words = [];
    nodes.forEach((node, index) => {
      if (!readable(node)) return;
      // A text on one line breaks no word: one look at the text before one per word.
      if (new Set([...frame.textRects(node)].filter((r) => r.width > 0).map(lineKey)).size < 2) return;
      for (const m of node.data.matchAll(/\S+/g)) {
        if (!/[\u00AD-]/.test(m[0])) continue;
        const f = look(node, m.index, m.index + m[0].length);
        // soft: broken at a soft hyphen (the layout's choice), not at a typed one.
        if (!f) continue;
        const w = { index, start: m.index, end: m.index + m[0].length, soft: m[0].includes(SHY) };
        words.push(w);
        out.push({ node, start: w.start, end: w.end, ...f, soft: w.soft });
      }
    });
    if (setting !== null) breaks.set(block, { setting, words });
  }
  // In document order, as the rule reads runs of broken lines.
  out.sort((a, b) => (a.node === b.node ? a.start - b.start : a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return out;
}

/** The word stays whole: its soft hyphens go. */
function unhyphenate(w) {
  const word = w.node.data.slice(w.start, w.end);
  w.node.data = w.node.data.slice(0, w.start) + word.replaceAll(SHY, '') + w.node.data.slice(w.end);
}

/** Widest word set unbroken at a page turn, in column widths: ragged text, justified text. */
const UNBROKEN = { ragged: 0.9, justified: 0.25 };

/** A word broken at a typed hyphen stays unbroken (a no-break span), if it is narrow enough; returns whether it was. */
function keepUnbroken(frame, w) {
  const range = document.createRange();
  range.setStart(w.node, w.start);
  range.setEnd(w.node, w.end);
  const width = [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
  const block = w.node.parentElement.closest('p, li');
  const justified = !!block && getComputedStyle(block).textAlign === 'justify';
  if (width > frame.width * (justified ? UNBROKEN.justified : UNBROKEN.ragged)) return false;
  const span = document.createElement('span');
  span.className = 'nobreak';
  range.surroundContents(span);
  return true;
}

/** Sets whole the words of `part` that break a hyphen rule; returns how many. */
export function fixHyphens(frame, part, maxRun) {
  const { columnOf, topIn } = frame;
  // One line: the same page, tops within half a line (an italic or bold word's box starts a
  // little higher or lower than a roman one's on the same line).
  const sameLine = (a, b) => columnOf(a) === columnOf(b) && Math.abs(topIn(a) - topIn(b)) < Math.min(a.height, b.height) / 2;
  const broken = brokenWords(frame, part);
  // A typed hyphen on a page's first line is guarded too: the print can set a page a line
  // longer than the layout's column (rounding), and that line would end the page before.
  const firstLine = (w) => columnOf(w.first) > 0 && topIn(w.first) < w.first.height;
  const fix = new Set(broken.filter((w) => columnOf(w.first) !== columnOf(w.second) || (!w.soft && firstLine(w))));
  let run = [];
  for (let i = 0; i < broken.length; i++) {
    run = i > 0 && sameLine(broken[i].first, broken[i - 1].second) ? [...run, broken[i]] : [broken[i]];
    if (run.length > maxRun) {
      const w = run.filter((x) => x.soft).at(-1);
      if (w) fix.add(w);
      run = [];
    }
  }
  // From the end, so that the offsets of earlier words in the same text stay right.
  let fixed = 0;
  for (const w of broken.filter((x) => fix.has(x)).reverse()) {
    if (w.soft) unhyphenate(w), fixed++;
    else if (keepUnbroken(frame, w)) fixed++;
  }
  return fixed;
}
