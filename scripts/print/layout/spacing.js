/**
 * Rule: even word spaces in justified text. A justified paragraph whose lines open word spaces
 * wider than `maxWordSpace` normal spaces is set again with a little letter-spacing (within
 * ±`maxLetterSpacingEm`): positive, the letters take up part of the white the spaces would get;
 * negative, a line takes one syllable more. Each paragraph keeps the setting with the fewest
 * loose lines (then the fewest lines, then the smallest change); one that is even already is
 * not touched. CSS justifies lines one by one, so the paragraph is the smallest unit that can
 * be set (a line is no element).
 *
 * Measured in the page: a space's box (a Range over the character) is as wide as the line
 * sets it; the paragraph set ragged gives the normal space. Run on a part laid out alone,
 * before its notes are placed (the setting changes the line breaks).
 */

/** Widths of the word spaces of each line of `el` (px), by line key, in line order. */
function spacesByLine(frame, el) {
  const lines = new Map();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('sup, .page-notes, ol.footnotes')) continue;
    for (const m of node.data.matchAll(/ /g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + 1);
      const r = range.getClientRects()[0];
      if (!r || r.width <= 0) continue;
      const key = frame.lineKey(r);
      if (!lines.has(key)) lines.set(key, []);
      lines.get(key).push(r.width);
    }
  }
  return lines;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
};

/** How loose `el` is set now: its lines, and those (the last excepted) whose median space is over `limit` × `normal`. */
function looseness(frame, el, normal, limit) {
  const lines = [...spacesByLine(frame, el).values()];
  const justified = lines.slice(0, -1).filter((l) => l.length >= 2);
  return { lines: lines.length, loose: justified.filter((l) => median(l) > limit * normal).length };
}

/** Sets the loose justified paragraphs of `part` with a little letter-spacing (or none); returns how many it changed. */
export function evenSpaces(frame, part, settings) {
  const { maxWordSpace, maxLetterSpacingEm, letterSpacingStepEm } = settings.spacing;
  // A margin under the limit: the PDF's word boxes are measured a little differently.
  const limit = maxWordSpace * 0.95;
  const steps = [];
  for (let s = letterSpacingStepEm; s <= maxLetterSpacingEm + 1e-9; s += letterSpacingStepEm) steps.push(s, -s);
  let changed = 0;
  for (const { p, normal } of justifiedParagraphs(frame, part)) {
    const base = looseness(frame, p, normal, limit);
    if (!base.loose) continue;
    const was = p.style.letterSpacing;
    let best = { ...base, value: was };
    for (const ls of [0, ...steps]) {
      const value = ls ? `${ls.toFixed(3)}em` : '';
      if (value === was) continue;
      p.style.letterSpacing = value;
      const m = looseness(frame, p, normal, limit);
      if (m.loose < best.loose || (m.loose === best.loose && m.lines < best.lines)) best = { ...m, value };
      if (!best.loose && best.lines <= base.lines) break;
    }
    p.style.letterSpacing = best.value;
    if (best.value !== was) changed++;
  }
  return changed;
}

/**
 * After the part is laid out: a justified line still too loose gets letter-spacing on its own
 * whole words (a span each, ≤ `maxLetterSpacingEm`), as much as takes its spaces down to the
 * limit. A line's letters only take up white the spaces had, so its break and every line after
 * it stay where they are (a line that moves after all is set back). A word broken over two
 * lines is left as it is (the hyphen rules find it whole in its text). Returns the lines set.
 */
export function evenLines(frame, part, settings) {
  const { maxWordSpace, maxLetterSpacingEm } = settings.spacing;
  // A wider margin: the spacing after a word's last letter reads as part of the gap after it.
  const limit = maxWordSpace * 0.85;
  let set = 0;
  for (const { p, normal } of justifiedParagraphs(frame, part)) {
    const spaces = spacesByLine(frame, p);
    const keys = [...new Set(frame.words(p).map((w) => frame.lineKey(w.rect)))];
    // Where the lines break, read at the first loose line (most paragraphs have none).
    let breaks = null;
    // The last line is set ragged, unless the paragraph goes on on the next page.
    const justified = p.classList.contains('fn-split') ? keys : keys.slice(0, -1);
    for (const key of justified) {
      const gaps = spaces.get(key);
      if (!gaps || gaps.length < 2 || median(gaps) <= limit * normal) continue;
      breaks ??= lineStarts(frame, p);
      const words = wholeWordsOn(frame, p, key);
      const letters = words.reduce((n, w) => n + w.length - 1, 0);
      if (!letters) continue;
      const em = parseFloat(getComputedStyle(p).fontSize);
      const px = Math.min(((median(gaps) - limit * normal) * gaps.length) / letters, maxLetterSpacingEm * em);
      const spans = words.reverse().map((w) => {
        const range = document.createRange();
        range.setStart(w.node, w.offset);
        range.setEnd(w.node, w.offset + w.length);
        const span = document.createElement('span');
        span.className = 'even-line';
        span.style.letterSpacing = `${px.toFixed(2)}px`;
        range.surroundContents(span);
        return span;
      });
      const nowStarts = lineStarts(frame, p);
      if (nowStarts !== breaks) {
        for (const span of spans) span.replaceWith(...span.childNodes);
        p.normalize();
      } else set++;
    }
  }
  return set;
}

/**
 * The justified paragraphs of a part that the spacing rules may touch, each with its normal word
 * space: the median space of the paragraph set ragged (list items, notes, figures, contacts and
 * signatures keep their own setting).
 */
function* justifiedParagraphs(frame, part) {
  // All set ragged at once, so that one layout gives every normal space (a paragraph's does not
  // depend on how the others are set; one at a time, each cost a layout of the part).
  const ps = [...part.querySelectorAll('p')].filter((p) => !p.closest('li, .page-notes, ol.footnotes, figure, .contacts, .signature') && getComputedStyle(p).textAlign === 'justify');
  for (const p of ps) p.style.textAlign = 'left';
  const normals = ps.map((p) => median([...spacesByLine(frame, p).values()].flat()));
  for (const p of ps) p.style.textAlign = '';
  for (const [i, p] of ps.entries()) if (normals[i]) yield { p, normal: normals[i] };
}

/**
 * Where the lines of `el` break, as a string to compare: for each word whether it starts a
 * line (it is below the word before, or in the next column) and whether it is broken over two.
 */
function lineStarts(frame, el) {
  let prev = null;
  const out = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rs = [...range.getClientRects()].filter((r) => r.width > 0);
      if (!rs.length) continue;
      const r = rs[0];
      const starts = !prev || frame.columnOf(r) !== frame.columnOf(prev) || frame.topIn(r) > frame.topIn(prev) + prev.height / 2;
      out.push(`${starts ? 1 : 0}${new Set(rs.map(frame.lineKey)).size}`);
      prev = rs.at(-1);
    }
  }
  return out.join('');
}

/** The words on line `key` of `el` that are whole on it (not a broken word's piece, not a note call). */
function wholeWordsOn(frame, el, key) {
  const out = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('sup, .even-line')) continue;
    for (const m of node.data.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rs = [...range.getClientRects()].filter((r) => r.width > 0);
      if (rs.length && rs.every((r) => frame.lineKey(r) === key)) out.push({ node, offset: m.index, length: m[0].length });
    }
  }
  return out;
}
