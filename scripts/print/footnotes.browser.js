/*
 * Footnotes at the foot of the page where they are cited — run inside the printing page,
 * before page.pdf(). Chromium has no `float: footnote`, so:
 *
 * 1. The document is laid out as CSS columns of exactly one page's content box each. Columns
 *    and pages are fragmented by the same engine, so column k holds what page k will hold
 *    (checked against the printed PDF: the same break for every part of the 2025 report).
 * 2. For the first page with uncited notes, the notes of the calls on that page are put in a
 *    block that is inserted before the first block-level element (paragraph, list item,
 *    heading, figure) that would reach into the space the notes need, and that fills the rest
 *    of the page with the notes at its bottom. A call pushed to the next page by the block
 *    takes its note with it; the page is laid out again until it holds.
 * 3. Repeat for the next page; then leave the column layout, and print.
 *
 * Every part starts on a new page, so each is laid out alone (the others hidden): the cost
 * grows with the part, not with the document. The script sets up and returns the number of
 * parts; the caller then runs __fnPlacer.step(k) for each part and __fnPlacer.finish().
 *
 * A paragraph or list item that straddles the notes' space is split between two of its lines
 * (at least two lines stay on each side) by moving its later nodes into a continuation
 * element: nothing is copied or retyped, so no text can be lost. Other boxes move whole.
 *
 * Plain JavaScript on purpose: it is evaluated in the page as it is written.
 */
(function placeFootnotes(options) {
  'use strict';
  const mm = 96 / 25.4;
  const width = options.contentWidthMm * mm;
  const height = options.contentHeightMm * mm;
  const gap = options.gapMm * mm;
  const pitch = width + gap;
  const slack = 2; // px left free at the page foot, against rounding between layouts
  // White space between the page's last line and the notes' rule, at least (else the rule reads
  // as an underline).
  const noteGap = options.noteGapMm * mm;

  const style = document.createElement('style');
  style.textContent = `
    html.fn-paginate body { margin: 0; padding: 0; background: none; width: ${width}px; height: ${height}px;
      column-width: ${width}px; column-gap: ${gap}px; column-fill: auto; }
  `; // The rest of the paged rules (forced breaks as column breaks) are report.css's.
  document.head.append(style);
  document.documentElement.classList.add('fn-paginate');

  const origin = () => document.body.getBoundingClientRect();
  const rects = (el) => [...el.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  // Column k spans [k·pitch, k·pitch + width]; half a gap either side absorbs rounding drift.
  const columnOf = (rect) => Math.floor((rect.left - origin().left + gap / 2) / pitch);
  const topIn = (rect) => rect.top - origin().top;
  const firstColumn = (el) => {
    const r = rects(el)[0];
    return r ? columnOf(r) : -1;
  };

  // Notes: the <li id="fn-N"> items of each part's <ol class="footnotes">.
  const notes = new Map();
  const home = new Map();
  for (const li of document.querySelectorAll('ol.footnotes > li[id^="fn-"]')) {
    notes.set(li.id.slice(3), li);
    home.set(li, li.parentNode);
  }
  // Calls: the first call of each note, in document order.
  const calls = [...document.querySelectorAll('sup.fn-ref > a[id^="fnref-"]')]
    .map((a) => ({ n: a.id.slice(6), el: a }))
    .filter((c) => notes.has(c.n));
  for (const ol of document.querySelectorAll('ol.footnotes')) ol.style.display = 'none';

  // Places a note block can go before: the smallest block-level boxes of the flow. Boxes
  // that must not be split (the contact block, a figure, a table) count as one.
  const SPLITS = 'p, li, h1, h2, h3, figure, table, .contacts';
  const ATOMS = 'figure, table, .contacts';
  const leavesOf = (part) =>
    [...part.querySelectorAll(SPLITS)].filter((el) => {
      if (el.closest('.page-notes, ol.footnotes') || !rects(el).length) return false;
      const atom = el.parentElement && el.parentElement.closest(ATOMS);
      if (atom && part.contains(atom)) return false; // inside an atom: the atom is the leaf
      return el.matches(ATOMS) || !el.querySelector(SPLITS);
    });
  const partOf = (el) => el.closest('section.section, section.chapter');
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
  const bodyOf = (part) => part.querySelector('.section__body, .chapter__body') || part;

  function makeBlock(items) {
    const block = document.createElement('aside');
    block.className = 'page-notes';
    block.setAttribute('role', 'doc-footnotes');
    const ol = document.createElement('ol');
    for (const { n } of items) {
      const li = notes.get(n);
      li.value = Number(n);
      ol.append(li);
    }
    block.append(ol);
    return block;
  }

  /** Undo an insertion: the notes go back to their part's list, the block away. */
  function releaseBlock(block) {
    for (const li of [...block.querySelectorAll('li')]) home.get(li).append(li);
    block.remove();
  }

  /** Every word of an element's text with its box, in document order. */
  function words(el) {
    const out = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rect = range.getClientRects()[0];
        if (rect) out.push({ node, offset: m.index, rect });
      }
    }
    return out;
  }

  /**
   * Split a paragraph or a list item without sub-lists before its first line that reaches
   * below `limit` on page `col`, if two lines stay before and two after. Returns the
   * continuation element, or null.
   */
  function splitAt(el, col, limit, why = 'note', minLines = 2) {
    if (!/^(P|LI)$/.test(el.tagName) || el.querySelector('ul, ol, p, div, table, figure') || el.closest(ATOMS)) return null;
    const ws = words(el);
    let cut = ws.findIndex((w) => columnOf(w.rect) > col || topIn(w.rect) + w.rect.height > limit);
    if (cut <= 0) return null;
    // Lines in order; if fewer than minLines would follow the cut, cut earlier (a widow's
    // line goes over with the others), as long as minLines stay before it.
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
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) out.push(r);
    }
    if (figures) for (const fig of part.querySelectorAll('figure')) if (precedes(fig)) out.push(...rects(fig));
    return out;
  }

  /** The lowest line (or chart) on page `col` of the part that comes before `block` in the document. */
  function textBottomBefore(part, block, col) {
    let bottom = 0;
    for (const r of lineBoxes(part, { before: block, figures: true })) if (columnOf(r) === col) bottom = Math.max(bottom, topIn(r) + r.height);
    return bottom;
  }

  /** Insert the block for these calls on page `col`; returns the block or null. */
  function insertFor(items, col) {
    const part = partOf(items[0].el);
    const block = makeBlock(items);
    // Natural height of the notes at the column width.
    block.style.cssText = `position:absolute; visibility:hidden; width:${width}px;`;
    document.body.append(block);
    const blockHeight = block.getBoundingClientRect().height;
    const need = blockHeight + noteGap + slack;
    block.style.cssText = '';
    const limit = height - need; // content on this page must end above this
    // Before the first box of this part that reaches below the limit or starts on a later
    // page; if there is none, the part ends on this page and the notes follow it. Margins
    // between boxes can still push the block over: then try one box earlier, and so on.
    const leaves = leavesOf(part);
    let at = leaves.findIndex((el) => {
      const rs = rects(el);
      if (columnOf(rs[0]) > col) return true;
      const onCol = rs.filter((r) => columnOf(r) === col);
      return onCol.length > 0 && Math.max(...onCol.map((r) => topIn(r) + r.height)) > limit;
    });
    if (at < 0) at = leaves.length;
    else if (columnOf(rects(leaves[at])[0]) === col) {
      // It starts on this page: split it between lines rather than move it whole.
      // (A word's box is lower than its line's: the line must end above the limit too.)
      const rest = splitAt(leaves[at], col, limit - 4);
      if (rest) leaves.splice(at + 1, 0, rest), at++;
    }
    for (; at >= 0; at--) {
      if (at < leaves.length) {
        const anchor = anchorFor(leaves[at]);
        if (/^H1$/.test(anchor.tagName)) break; // never before the part's own title
        anchor.parentNode.insertBefore(block, anchor);
      }
      else bodyOf(part).append(block);
      const r = rects(block)[0];
      // On this page, and with room for the notes below the block's top (a margin between
      // boxes can push it down: then one box earlier). The white above the rule is at least
      // noteGap whatever the margin: every box before the block ends above the limit.
      if (r && columnOf(r) === col && topIn(r) <= height - blockHeight - slack) {
        // Align with the text block whatever list it sits in, the free space above the notes.
        const dx = r.left - (origin().left + col * pitch);
        block.style.marginLeft = `${-dx}px`;
        block.style.width = `${width}px`;
        // A plain block of natural height with the free space as top padding fragments
        // predictably (a fixed-height flex box did not).
        block.style.paddingTop = `${Math.max(0, height - topIn(r) - blockHeight - slack)}px`;
        // The white between the last line above and the rule, as laid out: at least noteGap,
        // else one box earlier.
        const rule = rects(block.querySelector('ol'))[0];
        if (!rule || columnOf(rule) !== col || topIn(rule) - textBottomBefore(part, block, col) >= noteGap - 1) return block;
        block.style.cssText = '';
      }
      block.remove();
      if (at === 0 || columnOf(rects(leaves[at - 1])[0]) < col) break;
    }
    for (const li of [...block.querySelectorAll('li')]) home.get(li).append(li);
    return null;
  }


  const placed = [];
  /** Places the notes of `partCalls`, whose part is the only one laid out; `first` is its first page. */
  function placeIn(partCalls, first) {
    let pending = partCalls.slice();
    let guard = 0;
    while (pending.length && guard++ < 1000) {
      const col = firstColumn(pending[0].el);
      let items = pending.filter((c) => firstColumn(c.el) === col);
      let block = null;
      for (let attempt = 0; attempt < 8; attempt++) {
        block = insertFor(items, col);
        if (!block) break;
        const blockCols = new Set(rects(block).map(columnOf));
        const stay = items.filter((c) => firstColumn(c.el) === col);
        if (stay.length === items.length && blockCols.size === 1 && blockCols.has(col)) break;
        releaseBlock(block);
        block = null;
        if (stay.length === 0) break;
        items = stay;
      }
      if (!block) {
        // Could not place on this page: leave these notes at the end of their part.
        for (const c of items) placed.push({ n: Number(c.n), page: -1 });
        pending = pending.filter((c) => !items.includes(c));
        continue;
      }
      for (const c of items) placed.push({ n: Number(c.n), page: col + first });
      pending = pending.filter((c) => !items.includes(c));
    }
  }

  // ---------- lines, hyphens, copyfitting ----------
  const SHY = '\u00AD';
  const lineKey = (r) => `${columnOf(r)}:${Math.round(topIn(r))}`;
  /** Words of `el` broken across two lines at a soft hyphen, with their two fragments. */
  function brokenWords(el) {
    const out = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/[\u00AD-]/.test(node.data) || node.parentElement.closest('.page-notes, ol.footnotes')) continue;
      // A text on one line breaks no word: one look at the text before one per word.
      const all = document.createRange();
      all.selectNodeContents(node);
      if (new Set([...all.getClientRects()].filter((r) => r.width > 0).map(lineKey)).size < 2) continue;
      for (const m of node.data.matchAll(/\S+/g)) {
        if (!/[\u00AD-]/.test(m[0])) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rs = [...range.getClientRects()].filter((r) => r.width > 0);
        if (rs.length < 2) continue;
        const first = rs[0];
        const second = rs.find((r) => lineKey(r) !== lineKey(first));
        // soft: broken at a soft hyphen (the layout's choice), not at a typed one.
        if (second) out.push({ node, start: m.index, end: m.index + m[0].length, first, second, soft: m[0].includes(SHY) });
      }
    }
    return out;
  }
  /** The word stays whole: its soft hyphens go. */
  function unhyphenate(w) {
    const word = w.node.data.slice(w.start, w.end);
    w.node.data = w.node.data.slice(0, w.start) + word.replaceAll(SHY, '') + w.node.data.slice(w.end);
  }
  /**
   * The layout-time hyphenation rules, from one look at the part's lines: no word broken at a
   * soft hyphen across a page turn (or into the notes), and at most `maxRun` hyphenated line
   * ends in a row (typed hyphens count: they look the same; the last soft break of a longer
   * run goes). Two breaks are in a row when the second's first fragment is on the first's
   * second line. The words are set whole (the paragraph re-breaks); returns how many, so the
   * caller lays the part out again until none is left.
   */
  function fixHyphens(part, maxRun) {
    const broken = brokenWords(part);
    const fix = new Set(broken.filter((w) => w.soft && columnOf(w.first) !== columnOf(w.second)));
    let run = [];
    for (let i = 0; i < broken.length; i++) {
      run = i > 0 && lineKey(broken[i].first) === lineKey(broken[i - 1].second) ? [...run, broken[i]] : [broken[i]];
      if (run.length > maxRun) {
        const w = run.filter((x) => x.soft).at(-1);
        if (w) fix.add(w);
        run = [];
      }
    }
    // From the end, so that the offsets of earlier words in the same text stay right.
    const words = broken.filter((w) => fix.has(w)).reverse();
    for (const w of words) unhyphenate(w);
    return words.length;
  }
  /** Lines of text per column of a part (its notes and the charts' hidden tables not counted). */
  function linesPerColumn(part) {
    const lines = new Map();
    for (const r of lineBoxes(part)) {
      const col = columnOf(r);
      if (!lines.has(col)) lines.set(col, new Set());
      lines.get(col).add(Math.round(topIn(r) / 4)); // 4 px buckets: a line's pieces share one
    }
    return lines;
  }
  const lastColumn = (part) => {
    let last = 0;
    for (const el of [part, ...part.querySelectorAll('*')]) for (const r of rects(el)) last = Math.max(last, columnOf(r));
    return last;
  };
  /** Undo the layout of a part: note blocks released, the splits named in `keep` kept, the others joined again. */
  function resetPart(part, keep = []) {
    for (const block of [...part.querySelectorAll('.page-notes')]) releaseBlock(block);
    for (const rest of [...part.querySelectorAll('.fn-continued')].reverse()) {
      if (keep.includes(rest.dataset.split)) continue;
      const first = rest.previousElementSibling;
      first.append(...rest.childNodes);
      first.classList.remove('fn-split');
      rest.remove();
    }
    if (!keep.includes('fit')) for (const el of [...part.querySelectorAll('.fit-break')]) el.classList.remove('fit-break');
    const ids = new Set(calls.filter((c) => part.contains(c.el)).map((c) => Number(c.n)));
    for (let i = placed.length - 1; i >= 0; i--) if (ids.has(placed[i].n)) placed.splice(i, 1);
  }
  /**
   * Notes placed, no hyphen at a page's last line and no run of hyphens (a word set whole
   * re-breaks its paragraph and may move a call: place again).
   */
  function layOut(part, first) {
    const partCalls = calls.filter((c) => part.contains(c.el));
    placeIn(partCalls, first);
    for (let round = 0; round < 8 && fixHyphens(part, options.maxHyphenRun) > 0; round++) {
      resetPart(part, ['fit']);
      placeIn(partCalls, first);
    }
  }
  const minLines = options.minLastPageLines;
  /** Whether a page of the part but its last ends with more white above its foot (or its notes) than maxHoleMm. */
  function footHole(part) {
    const last = lastColumn(part);
    const bottoms = new Map();
    for (const r of lineBoxes(part, { figures: true })) bottoms.set(columnOf(r), Math.max(bottoms.get(columnOf(r)) ?? 0, topIn(r) + r.height));
    const foot = new Map();
    for (const block of part.querySelectorAll('.page-notes ol')) for (const r of rects(block)) foot.set(columnOf(r), topIn(r));
    for (let col = 0; col < last; col++) {
      if ((foot.get(col) ?? height) - (bottoms.get(col) ?? 0) > options.maxHoleMm * mm) return true;
    }
    return false;
  }
  const FIT_LEVELS = ['1', '2', '3'];
  const SPREAD_LEVELS = ['-1', '-2', '-3'];
  /**
   * Copyfitting: a part whose last page would hold fewer than minLines lines is set a little
   * tighter (data-fit levels in the stylesheet: smaller gaps, then a slightly smaller leading)
   * when that pulls the tail back onto the page before; otherwise lines of the page before are
   * carried over (a break before a whole item, or between two lines of one), so that the last
   * page holds at least minLines.
   */
  function copyfit(part, first) {
    const lastLines = () => linesPerColumn(part).get(lastColumn(part))?.size ?? 0;
    const short = () => lastColumn(part) > 0 && lastLines() < minLines;
    if (!short()) return 'fits';
    const pages = lastColumn(part);
    for (const level of FIT_LEVELS) {
      part.dataset.fit = level;
      resetPart(part);
      layOut(part, first);
      if (lastColumn(part) < pages && !short() && !footHole(part)) return `tightened ${level}`;
    }
    // Spread: a step looser throughout (wider gaps between fields, then more leading), so that
    // the earlier pages pass lines on and the last page fills, with no white left at a foot.
    for (const level of SPREAD_LEVELS) {
      part.dataset.fit = level;
      resetPart(part);
      layOut(part, first);
      if (lastColumn(part) === pages && !short() && !footHole(part)) return `spread ${level}`;
    }
    delete part.dataset.fit;
    resetPart(part);
    layOut(part, first);
    // Carry lines over: break before the leaf of the page before from which the missing lines
    // follow on that page.
    const last = lastColumn(part);
    const lines = linesPerColumn(part);
    const missing = minLines - (lines.get(last)?.size ?? 0);
    const before = [...(lines.get(last - 1) ?? [])].sort((a, b) => a - b);
    if (before.length < missing + minLines) return 'short';
    const cutTop = before[before.length - missing] * 4; // the first line to carry over
    let target = null;
    for (const leaf of leavesOf(part)) {
      const on = rects(leaf).filter((r) => columnOf(r) === last - 1);
      if (!on.length) continue;
      const top = Math.min(...on.map(topIn));
      const bottom = Math.max(...on.map((r) => topIn(r) + r.height));
      if (columnOf(rects(leaf)[0]) === last - 1 && top <= cutTop + 2) target = top > 2 ? anchorFor(leaf) : null;
      else if (top < cutTop && bottom > cutTop + 2) {
        // The cut falls inside a leaf that began on an earlier page: split it between lines.
        const rest = splitAt(leaf, last - 1, cutTop + 1, 'fit');
        if (rest) target = rest;
      }
    }
    // Never a break before the part's first box (its heading would stand alone) or before a
    // box that cannot be split (a table, a chart: it would go over whole, leaving a hole).
    const firstBox = bodyOf(part).firstElementChild;
    if (!target || /^H1$/.test(target.tagName) || target.matches(ATOMS) || target === firstBox || firstBox?.contains(target) && !firstBox.matches('ul, ol')) return 'short';
    target.classList.add('fit-break');
    resetPart(part, ['fit']);
    layOut(part, first);
    return short() ? 'short' : 'carried over';
  }
  /**
   * The part's first page carries no running head: it is the named page of the part's opening
   * (p-ID-first); from the first box of its second page on, the page is p-ID. A box that
   * straddles the turn is split there (between lines, where the page breaks anyway).
   */
  function markOpening(part) {
    if (lastColumn(part) === 0) return;
    const body = bodyOf(part);
    let boundary = null;
    for (const leaf of leavesOf(part)) {
      const rs = rects(leaf);
      if (columnOf(rs[0]) >= 1) {
        boundary = leaf;
        break;
      }
      if (rs.some((r) => columnOf(r) >= 1)) {
        // Straddles the turn: split where it breaks (the layout's own break, whatever its lines).
        // If it cannot be split, the turn has no box boundary to change the page name at, and
        // the second page stays without a head too.
        boundary = splitAt(leaf, 0, height, 'page', 1);
        break;
      }
    }
    if (!boundary) return;
    // The break is before the outermost box that starts on the second page (a field's label
    // item, not its first sub-item): that box and all that follows it in the part (its later
    // siblings, its ancestors' later siblings).
    let el = boundary;
    while (el.parentElement && el.parentElement !== body && el.parentElement !== part && firstColumn(el.parentElement) >= 1) el = el.parentElement;
    for (let sib = el; sib; sib = sib.nextElementSibling) sib.classList.add('page-rest');
    for (let at = el.parentElement; at && at !== part; at = at.parentElement) {
      for (let sib = at.nextElementSibling; sib; sib = sib.nextElementSibling) sib.classList.add('page-rest');
    }
  }

  // Every part starts on a new page, so each is laid out alone (the others hidden): the cost
  // grows with the part, not with the document, and columns cannot drift over a long run.
  // A part's pages follow the previous part's; the cover is page 1 and is not laid out here.
  const flow = [...document.body.children].filter((el) => /^(SECTION|NAV)$/.test(el.tagName) && !el.matches('.cover, .back-cover'));
  const starts = {};
  const fits = {};
  let page = options.firstPage;
  // Driven part by part from outside (print/pdf.ts), which reports the progress between calls.
  globalThis.__fnPlacer = {
    step(k) {
      const part = flow[k];
      for (const other of flow) other.style.display = other === part ? '' : 'none';
      starts[part.id] = page;
      if (part.matches('section')) {
        layOut(part, page);
        const fit = copyfit(part, page);
        if (fit !== 'fits') fits[part.id] = fit;
        markOpening(part);
      }
      // The charts' pages, for the list of charts.
      for (const fig of part.querySelectorAll('figure[id]')) {
        const r = rects(fig)[0];
        if (r) starts[fig.id] = page + columnOf(r);
      }
      // Pages the part fills: the last column any of its boxes reaches.
      page += lastColumn(part) + 1;
    },
    finish() {
      for (const part of flow) part.style.display = '';
      // Notes that found no page stay, visibly, at the end of their part.
      for (const ol of document.querySelectorAll('ol.footnotes')) ol.style.display = ol.children.length ? '' : 'none';
      document.documentElement.classList.remove('fn-paginate');
      style.remove();
      // The contents' page numbers, from the same layout (the print proves them: named destinations).
      if (options.fillContents) {
        for (const el of document.querySelectorAll('[data-toc-page]')) {
          const n = starts[el.getAttribute('data-toc-page')];
          if (n) el.textContent = String(n);
        }
      }
      delete globalThis.__fnPlacer;
      return JSON.stringify({ notes: placed, starts, fits });
    },
  };
  return flow.length;
});