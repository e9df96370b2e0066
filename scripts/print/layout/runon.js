/**
 * Rule: sections run on. A municipality's or region's section starts under the previous
 * section, on the same page, below a rule (`.section--runon` in the stylesheet), when the rest
 * of that page holds its heading, its contact panel and at least `runOnMinLines` lines of its
 * text: a heading never stands in a page's last lines. Otherwise (and always for a chapter, the
 * contents, a section after a chapter) the part opens a page, as before.
 *
 * Parts are laid out one at a time (the others hidden), so the page the previous section left
 * is stood in for by a spacer as high as that section's last page is full: the part then breaks
 * as it will in the print, where it follows the previous one in the flow. Sections are block
 * formatting contexts (`display: flow-root`), so a section's box ends where the next begins.
 *
 * Chromium breaks the page wherever the CSS `page` name changes, so a section that runs on
 * takes the name of the page it starts on (the previous section's), until its own second page
 * (`.page-rest`, marked by the opening rule).
 */
import { ATOMS } from './frame.js';

export function createRunOn(frame, settings) {
  const { height, rects, columnOf, topIn, lastColumn, lineBoxes, bodyOf } = frame;
  const minLines = settings.runOnMinLines;

  /**
   * Where the part leaves its last page, for the part after it: the bottom of its box on that
   * page (px), whether that page has notes at its foot (then nothing can follow), and the page
   * name in effect there.
   */
  function tailOf(part, startName) {
    const last = lastColumn(part);
    const boxes = rects(part).filter((r) => columnOf(r) === last);
    const bottom = boxes.length ? Math.max(...boxes.map((r) => topIn(r) + r.height)) : height;
    const notes = [...part.querySelectorAll('.page-notes')].some((b) => rects(b).some((r) => columnOf(r) === last));
    const name = part.querySelector('.page-rest') ? part.dataset.pageName : startName;
    return { bottom, notes, name, section: part.matches('section.section') };
  }

  /** Whether `part` may follow `tail` on its page at all (before laying it out). */
  const mayRunOn = (part, tail) => !!tail && tail.section && part.matches('section.section') && !tail.notes && height - tail.bottom > 0;

  /** Sets the part up to start at `tail.bottom` of the page (a spacer before it); `undo()` takes it back. */
  function place(part, tail) {
    const spacer = document.createElement('div');
    spacer.className = 'runon-spacer';
    spacer.style.cssText = `height:${tail.bottom}px; margin:0; padding:0; border:0;`;
    part.before(spacer);
    part.classList.add('section--runon');
    part.style.page = tail.name;
    return {
      spacer,
      undo() {
        spacer.remove();
        part.classList.remove('section--runon');
        part.style.removeProperty('page');
      },
    };
  }

  /**
   * Whether the part, laid out after the spacer, keeps together on the first page its heading,
   * its contact panel and `minLines` lines of its text (or all of it, if it is shorter).
   */
  function holds(part) {
    const title = part.querySelector('h1');
    if (!title || rects(title).some((r) => columnOf(r) !== 0)) return false;
    for (const atom of part.querySelectorAll(ATOMS)) {
      const rs = rects(atom);
      if (rs.length && rs.some((r) => columnOf(r) === 0) && rs.some((r) => columnOf(r) !== 0)) return false;
    }
    const panel = part.querySelector('.contacts');
    if (panel && rects(panel).some((r) => columnOf(r) !== 0)) return false;
    if (lastColumn(part) === 0) return true;
    // Lines of its text: the heading, the key figures' strip and the panel are none.
    const text = lineBoxes(bodyOf(part)).filter((r) => columnOf(r) === 0 && !(panel && (() => {
      const p = panel.getBoundingClientRect();
      return r.top >= p.top - 1 && r.bottom <= p.bottom + 1;
    })()));
    return new Set(text.map((r) => Math.round(topIn(r) / frame.tol.lineBucketPx))).size >= minLines;
  }

  return { tailOf, mayRunOn, place, holds };
}
