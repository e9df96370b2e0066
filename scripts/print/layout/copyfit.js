/**
 * Rule: copyfitting. A part whose last page would hold fewer than `minLastPageLines` lines is
 * set a little tighter (data-fit levels in the stylesheet: smaller gaps, then a slightly
 * smaller leading) when that pulls the tail back onto the page before; otherwise a step looser
 * (wider gaps, more leading) so that the earlier pages pass lines on; and only then lines of
 * the page before are carried over (a break before a whole item, or between two lines of one,
 * `.fit-break`). No setting is taken that leaves a hole over `maxHoleMm` at a page's foot.
 */
import { ATOMS } from './frame.js';

const FIT_LEVELS = ['1', '2', '3'];
const SPREAD_LEVELS = ['-1', '-2', '-3'];

/** How many pages of the part but its last end with more white above their foot (or their notes) than maxHoleMm. */
export function footHoles(frame, part, maxHoleMm) {
  const { mm, height, rects, columnOf, topIn, lineBoxes, lastColumn } = frame;
  const last = lastColumn(part);
  const bottoms = new Map();
  for (const r of lineBoxes(part, { figures: true })) bottoms.set(columnOf(r), Math.max(bottoms.get(columnOf(r)) ?? 0, topIn(r) + r.height));
  const foot = new Map();
  for (const block of part.querySelectorAll('.page-notes ol')) for (const r of rects(block)) foot.set(columnOf(r), topIn(r));
  let n = 0;
  for (let col = 0; col < last; col++) if ((foot.get(col) ?? height) - (bottoms.get(col) ?? 0) > maxHoleMm * mm) n++;
  return n;
}

/** Whether a page of the part but its last ends with more white above its foot than maxHoleMm. */
export const footHole = (frame, part, maxHoleMm) => footHoles(frame, part, maxHoleMm) > 0;

/**
 * A part with a hole over `maxHoleMm` at a page's foot (a box that could not be split went
 * over whole) is set a step tighter (HOLE_LEVELS: smaller gaps between fields, then between
 * lines) when that closes every hole without adding a page or leaving the last page short.
 * Returns the level taken, or null (the part as it was).
 */
const HOLE_LEVELS = ['1', '2'];
export function closeHoles(frame, part, first, settings, layout) {
  const { linesPerColumn, lastColumn } = frame;
  if (!footHole(frame, part, settings.maxHoleMm) || part.dataset.fit) return null;
  const pages = lastColumn(part);
  const lastLines = () => linesPerColumn(part).get(lastColumn(part))?.size ?? 0;
  const wasShort = pages > 0 && lastLines() < settings.minLastPageLines;
  for (const level of HOLE_LEVELS) {
    part.dataset.fit = level;
    layout.reset(part);
    layout.layOut(part, first);
    if (!footHole(frame, part, settings.maxHoleMm) && lastColumn(part) <= pages && (wasShort || lastColumn(part) === 0 || lastLines() >= settings.minLastPageLines)) return level;
  }
  delete part.dataset.fit;
  layout.reset(part);
  layout.layOut(part, first);
  return null;
}

/**
 * Copyfits `part` (laid out from page `first`); `layout.layOut(part, first)` lays it out with
 * every other rule, `layout.reset(part, keep)` undoes that. Returns what was done.
 */
export function copyfit(frame, part, first, settings, layout) {
  const { tol, rects, columnOf, topIn, leavesOf, anchorFor, bodyOf, splitAt, linesPerColumn, lastColumn } = frame;
  const minLines = settings.minLastPageLines;
  const hole = () => footHole(frame, part, settings.maxHoleMm);
  const lastLines = () => linesPerColumn(part).get(lastColumn(part))?.size ?? 0;
  const short = () => lastColumn(part) > 0 && lastLines() < minLines;
  const relayout = (keep) => {
    layout.reset(part, keep);
    layout.layOut(part, first);
  };
  if (!short()) return 'fits';
  // The setting closeHoles took, if any: where nothing better is found, the part keeps it.
  const base = part.dataset.fit;
  const pages = lastColumn(part);
  for (const level of FIT_LEVELS) {
    part.dataset.fit = level;
    relayout();
    if (lastColumn(part) < pages && !short() && !hole()) return `tightened ${level}`;
  }
  // Spread: a step looser throughout, so that the earlier pages pass lines on and the last
  // page fills, with no white left at a foot.
  for (const level of SPREAD_LEVELS) {
    part.dataset.fit = level;
    relayout();
    if (lastColumn(part) === pages && !short() && !hole()) return `spread ${level}`;
  }
  if (base) part.dataset.fit = base;
  else delete part.dataset.fit;
  relayout();
  // Carry lines over: break before the leaf of the page before from which the missing lines
  // follow on that page.
  const last = lastColumn(part);
  const lines = linesPerColumn(part);
  const missing = minLines - (lines.get(last)?.size ?? 0);
  const before = [...(lines.get(last - 1) ?? [])].sort((a, b) => a - b);
  if (before.length < missing + minLines) return 'short';
  const cutTop = before[before.length - missing] * tol.lineBucketPx; // the first line to carry over
  const edge = tol.edgePx;
  let target = null;
  for (const leaf of leavesOf(part)) {
    const on = rects(leaf).filter((r) => columnOf(r) === last - 1);
    if (!on.length) continue;
    const top = Math.min(...on.map(topIn));
    const bottom = Math.max(...on.map((r) => topIn(r) + r.height));
    if (columnOf(rects(leaf)[0]) === last - 1 && top <= cutTop + edge) target = top > edge ? anchorFor(leaf) : null;
    else if (top < cutTop && bottom > cutTop + edge) {
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
  relayout(['fit']);
  return short() ? 'short' : 'carried over';
}
