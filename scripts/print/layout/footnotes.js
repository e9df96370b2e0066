/**
 * Rule: footnotes at the foot of the page where they are cited. Chromium has no
 * `float: footnote`, so for the first page with uncited notes, the notes of the calls on that
 * page go in a block inserted before the first box that would reach into the space the notes
 * need; the block fills the rest of the page with the notes at its bottom. A call pushed to the
 * next page by the block takes its note with it; the page is laid out again until it holds.
 * A paragraph or list item that straddles the notes' space is split between two of its lines
 * (at least two on each side); other boxes move whole. A note that finds no page stays, visibly,
 * at the end of its part.
 */

/** The footnote rule over `frame`; `settings.noteGapMm`: white above the notes' rule, at least. */
export function createFootnotes(frame, settings) {
  const { mm, tol, width, height, pitch, origin, rects, columnOf, topIn, firstColumn, leavesOf, partOf, bodyOf, anchorFor, splitAt, lineBoxes } = frame;
  const slack = tol.footSlackPx;
  const noteGap = settings.noteGapMm * mm;

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
  /** Where each note went: { n, page } (page -1: left at the end of its part). */
  const placed = [];

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

  /** The lowest line (or chart) on page `col` of the part that comes before `block` in the document. */
  function textBottomBefore(part, block, col) {
    let bottom = 0;
    for (const r of lineBoxes(part, { before: block, figures: true })) if (columnOf(r) === col) bottom = Math.max(bottom, topIn(r) + r.height);
    return bottom;
  }

  /** Whether a field's first paragraph says more than its label (a sentence that leads into its list). */
  const saysMore = (p) => [...p.childNodes].some((n) => !(n.nodeType === 1 && n.matches('.field__label')) && n.textContent.trim());

  // Such a paragraph may break between its lines like any other (report.css: a label alone never).
  for (const p of document.querySelectorAll('li.field > p:first-child')) if (saysMore(p)) p.classList.add('field__lead');

  /**
   * Where the block goes before `leaf` (the frame's anchor). A field's label stays with its
   * first sub-item, so the block goes before the whole field; but when the field's first
   * paragraph is a sentence (more than the label) and moving the field whole would leave over
   * maxHoleMm of white on page `col`, the paragraph ends the page and its list goes on.
   */
  function anchorAt(leaf, col, limit) {
    const anchor = anchorFor(leaf);
    const intro = anchor.tagName === 'LI' ? anchor.firstElementChild : null;
    const list = intro?.nextElementSibling;
    if (!intro || intro.tagName !== 'P' || !list || !/^(UL|OL)$/.test(list.tagName) || !list.contains(leaf) || !saysMore(intro)) return anchor;
    const top = rects(anchor).find((r) => columnOf(r) === col);
    return top && limit + noteGap - topIn(top) > settings.maxHoleMm * mm ? list : anchor;
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
      const rest = splitAt(leaves[at], col, limit - tol.wordBelowLinePx);
      if (rest) leaves.splice(at + 1, 0, rest), at++;
    }
    for (; at >= 0; at--) {
      if (at < leaves.length) {
        const anchor = anchorAt(leaves[at], col, limit);
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
        if (!rule || columnOf(rule) !== col || topIn(rule) - textBottomBefore(part, block, col) >= noteGap - tol.ruleGapPx) return block;
        block.style.cssText = '';
      }
      block.remove();
      if (at === 0 || columnOf(rects(leaves[at - 1])[0]) < col) break;
    }
    for (const li of [...block.querySelectorAll('li')]) home.get(li).append(li);
    return null;
  }

  /** Places the notes of `partCalls`, whose part is the only one laid out; `first` is its first page. */
  function placeIn(partCalls, first) {
    let pending = partCalls.slice();
    let guard = 0;
    while (pending.length && guard++ < 1000) {
      const col = firstColumn(pending[0].el);
      let items = pending.filter((c) => firstColumn(c.el) === col);
      let block = null;
      for (let attempt = 0; attempt < tol.maxNoteRounds; attempt++) {
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
    // Notes left over stand at the end of their part, in the layout as in the print.
    if (partCalls.length) for (const ol of partOf(partCalls[0].el).querySelectorAll('ol.footnotes')) ol.style.display = ol.children.length ? '' : 'none';
  }

  /** The calls of a part. */
  const callsIn = (part) => calls.filter((c) => part.contains(c.el));

  /** Undo a part's notes: blocks released, its placements forgotten. */
  function reset(part) {
    for (const block of [...part.querySelectorAll('.page-notes')]) releaseBlock(block);
    const ids = new Set(callsIn(part).map((c) => Number(c.n)));
    for (let i = placed.length - 1; i >= 0; i--) if (ids.has(placed[i].n)) placed.splice(i, 1);
  }

  /** Notes that found no page stay, visibly, at the end of their part. */
  function finish() {
    for (const ol of document.querySelectorAll('ol.footnotes')) ol.style.display = ol.children.length ? '' : 'none';
  }

  /** Whether notes of the part found no page (they stand at its end). */
  const stranded = (part) => [...part.querySelectorAll('ol.footnotes')].some((ol) => ol.children.length > 0);

  return { placeIn, callsIn, reset, finish, stranded, placed };
}
