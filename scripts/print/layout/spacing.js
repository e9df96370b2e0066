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

/** Widths of the word spaces of each line of `el`, in line order (px). */
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
  return [...lines.values()];
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
};

/** How loose `el` is set now: its lines, and those (the last excepted) whose median space is over `limit` × `normal`. */
function looseness(frame, el, normal, limit) {
  const lines = spacesByLine(frame, el);
  const justified = lines.slice(0, -1).filter((l) => l.length >= 2);
  return { lines: lines.length, loose: justified.filter((l) => median(l) > limit * normal).length };
}

/** Sets the loose justified paragraphs of `part` with a little letter-spacing; returns how many. */
export function evenSpaces(frame, part, settings) {
  const { maxWordSpace, maxLetterSpacingEm, letterSpacingStepEm } = settings.spacing;
  // A margin under the limit: the PDF's word boxes are measured a little differently.
  const limit = maxWordSpace * 0.95;
  const steps = [];
  for (let s = letterSpacingStepEm; s <= maxLetterSpacingEm + 1e-9; s += letterSpacingStepEm) steps.push(s, -s);
  let changed = 0;
  for (const p of part.querySelectorAll('p')) {
    if (p.closest('li, .page-notes, ol.footnotes, figure, .contacts, .signature') || getComputedStyle(p).textAlign !== 'justify') continue;
    p.style.textAlign = 'left';
    const normal = median(spacesByLine(frame, p).flat());
    p.style.textAlign = '';
    if (!normal) continue;
    const base = looseness(frame, p, normal, limit);
    if (!base.loose) continue;
    let best = { ...base, ls: 0 };
    for (const ls of steps) {
      p.style.letterSpacing = `${ls.toFixed(3)}em`;
      const m = looseness(frame, p, normal, limit);
      if (m.loose < best.loose || (m.loose === best.loose && m.lines < best.lines)) best = { ...m, ls };
      if (!best.loose && best.lines <= base.lines) break;
    }
    p.style.letterSpacing = best.ls ? `${best.ls.toFixed(3)}em` : '';
    if (best.ls) changed++;
  }
  return changed;
}
