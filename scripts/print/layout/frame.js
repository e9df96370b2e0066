/**
 * The page frame every layout rule works in: the document laid out as CSS columns of exactly
 * one page's content box each (columns and pages are fragmented by the same engine, so column k
 * holds what page k will hold), and the questions the rules ask of it: which page a box is on,
 * how far down, which lines a part has, where a block may go, how to split a paragraph.
 *
 * Runs in the printing page (bundled by scripts/print/layout.ts); plain JavaScript over the DOM.
 */

/** The boxes the flow is made of: a block can go before any of them. */
export const SPLITS = 'p, li, h1, h2, h3, figure, table, .contacts';
/** Boxes that move whole (a figure, a table, the contact panel). */
export const ATOMS = 'figure, table, .contacts';

/**
 * What sets a block's lines besides the column's width: its classes, its style attribute, its
 * markup. Rules that keep what they measured of a block (spacing.js, hyphens.js) keep it while
 * this stays the same: a block's lines break the same wherever it stands.
 */
export const settingOf = (el) => `${el.className}\u0000${el.getAttribute('style') ?? ''}\u0000${el.innerHTML}`;

/** The column model for `settings` (design.ts `layoutSettings`). */
export function createFrame(settings) {
  const mm = 96 / 25.4;
  const tol = settings.tolerances;
  const width = settings.contentWidthMm * mm;
  const height = settings.contentHeightMm * mm;
  const gap = settings.gapMm * mm;
  const pitch = width + gap;

  // The body's box (the columns' origin) does not move while the layout runs (fixed size, no
  // margin): read once per task, not for every box measured.
  let originRect = null;
  const origin = () => {
    if (!originRect) {
      originRect = document.body.getBoundingClientRect();
      queueMicrotask(() => (originRect = null));
    }
    return originRect;
  };
  const rects = (el) => [...el.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  // Column k spans [k·pitch, k·pitch + width]; half a gap either side absorbs rounding drift.
  const columnOf = (rect) => Math.floor((rect.left - origin().left + gap / 2) / pitch);
  const topIn = (rect) => rect.top - origin().top;
  const firstColumn = (el) => {
    const r = rects(el)[0];
    return r ? columnOf(r) : -1;
  };
  const lineKey = (r) => `${columnOf(r)}:${Math.round(topIn(r))}`;
  // One Range measures every piece of text. Ranges are live (the document updates each one on
  // every change to its tree), and the thousands a part's measuring made, until collected,
  // made each later change slow: a span wrapped in a chapter cost ~1 ms.
  const measurer = document.createRange();
  /** The boxes of characters `start`–`end` of text node `node` (a DOMRectList). */
  const textRects = (node, start = 0, end = node.data.length) => {
    measurer.setStart(node, start);
    measurer.setEnd(node, end);
    return measurer.getClientRects();
  };

  /** The smallest boxes of a part's flow (inside an atom, the atom). */
  const leavesOf = (part) =>
    [...part.querySelectorAll(SPLITS)].filter((el) => {
      if (el.closest('.page-notes, ol.footnotes') || !rects(el).length) return false;
      const atom = el.parentElement && el.parentElement.closest(ATOMS);
      if (atom && part.contains(atom)) return false;
      return el.matches(ATOMS) || !el.querySelector(SPLITS);
    });
  const partOf = (el) => el.closest('section.section, section.chapter');
  const bodyOf = (part) => part.querySelector('.section__body, .chapter__body') || part;
  /**
   * Where a block can really go before `leaf`: not between a field label and its first
   * sub-item (then before the labelled item), not between a heading and its text.
   */
  const anchorFor = (leaf) => {
    let el = leaf;
    // A list item's first paragraph (a field's label): before the item, which keeps its bullet.
    while (el.tagName === 'P' && !el.previousElementSibling && el.parentElement.tagName === 'LI') el = el.parentElement;
    while (el.tagName === 'LI' && !el.previousElementSibling && el.parentElement.parentElement.tagName === 'LI') el = el.parentElement.parentElement;
    const prev = el.previousElementSibling;
    if (prev && /^H[1-3]$/.test(prev.tagName)) el = prev;
    return el;
  };

  /** Every word of an element's text with its box, in document order. */
  function words(el) {
    const out = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\S+/g)) {
        const all = textRects(node, m.index, m.index + m[0].length);
        // rect: its first line; last: its last (a word broken at a hyphen is on two).
        if (all.length) out.push({ node, offset: m.index, rect: all[0], last: all[all.length - 1] });
      }
    }
    return out;
  }

  /**
   * Split a paragraph or a list item without sub-lists before its first line that reaches
   * below `limit` on page `col`, if `minLines` lines stay before and after (else cut earlier,
   * a widow's line going over with the others). Returns the continuation element, or null.
   * Nothing is copied or retyped: the later nodes move into the continuation.
   */
  function splitAt(el, col, limit, why = 'note', minLines = 2) {
    if (!/^(P|LI)$/.test(el.tagName) || el.querySelector('ul, ol, p, div, table, figure') || el.closest(ATOMS)) return null;
    const ws = words(el);
    let cut = ws.findIndex((w) => columnOf(w.rect) > col || topIn(w.rect) + w.rect.height > limit);
    if (cut <= 0) return null;
    const key = (w) => `${columnOf(w.rect)}:${Math.round(topIn(w.rect))}`;
    const lines = [...new Set(ws.map(key))];
    let at = lines.indexOf(key(ws[cut]));
    if (lines.length - at < minLines) at = lines.length - minLines;
    if (at < minLines) return null;
    cut = ws.findIndex((w) => key(w) === lines[at]);
    const range = document.createRange();
    range.setStart(ws[cut].node, ws[cut].offset);
    range.setEnd(el, el.childNodes.length);
    const rest = el.cloneNode(false);
    rest.removeAttribute('id');
    rest.classList.add('fn-continued');
    rest.dataset.split = why;
    rest.append(range.extractContents());
    el.classList.add('fn-split');
    el.after(rest);
    return rest;
  }

  /**
   * The boxes of a part's lines of text (a line's pieces each), its notes and the charts' texts
   * and hidden tables left out; with `before`, only what precedes that element. `figures`
   * adds the charts' boxes.
   */
  function lineBoxes(part, { before = null, figures = false } = {}) {
    const out = [];
    const precedes = (n) => !before || before.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING;
    const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || !precedes(node) || node.parentElement.closest('.page-notes, ol.footnotes, .chart__data, svg')) continue;
      for (const r of textRects(node)) if (r.width > 0 && r.height > 0) out.push(r);
    }
    if (figures) for (const fig of part.querySelectorAll('figure')) if (precedes(fig)) out.push(...rects(fig));
    return out;
  }

  /** Lines of text per column of a part (its notes and the charts' hidden tables not counted). */
  function linesPerColumn(part) {
    const lines = new Map();
    for (const r of lineBoxes(part)) {
      const col = columnOf(r);
      if (!lines.has(col)) lines.set(col, new Set());
      lines.get(col).add(Math.round(topIn(r) / tol.lineBucketPx));
    }
    return lines;
  }

  /** The last column any box of the part reaches. */
  const lastColumn = (part) => {
    let last = 0;
    for (const el of [part, ...part.querySelectorAll('*')]) for (const r of rects(el)) last = Math.max(last, columnOf(r));
    return last;
  };

  return { mm, tol, width, height, gap, pitch, origin, rects, columnOf, topIn, firstColumn, lineKey, textRects, leavesOf, partOf, bodyOf, anchorFor, words, splitAt, lineBoxes, linesPerColumn, lastColumn };
}
