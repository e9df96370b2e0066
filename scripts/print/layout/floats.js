/**
 * Rule: a chart that does not fit at a page's foot floats. Charts move whole (they must keep
 * their caption and source), so one that does not fit on the rest of a page went over to the
 * next, leaving a hole above it. Instead, the text that follows the chart flows up past it:
 * the chart moves after the next paragraph, one paragraph at a time, while that fills the
 * hole (white over `maxHoleMm` at the page's foot) and the chart stays on the next page's top.
 */
import { footHoles } from './copyfit.js';

const MAX_MOVES = 4;

/** Floats the charts of `part` that leave a hole; `layout` lays the part out again. Returns how many moved. */
export function floatFigures(frame, part, first, settings, layout) {
  const { rects, columnOf, lastColumn } = frame;
  let moved = 0;
  for (const fig of [...part.querySelectorAll('figure')]) {
    for (let k = 0; k < MAX_MOVES; k++) {
      if (!footHoles(frame, part, settings.maxHoleMm)) return moved;
      const col = columnOf(rects(fig)[0]);
      const next = fig.nextElementSibling;
      // Only a chart that starts a page, with a paragraph after it to flow up.
      if (col === 0 || col > lastColumn(part) || !next || next.tagName !== 'P') break;
      const before = footHoles(frame, part, settings.maxHoleMm);
      next.after(fig);
      layout.reset(part, ['fit']);
      layout.layOut(part, first);
      if (footHoles(frame, part, settings.maxHoleMm) >= before) {
        // No better: back where it was.
        next.before(fig);
        layout.reset(part, ['fit']);
        layout.layOut(part, first);
        break;
      }
      moved++;
    }
  }
  return moved;
}
