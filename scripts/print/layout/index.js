/**
 * The page layout, run inside the printing page before page.pdf() (and in the preview's paged
 * view): the document is laid out in page-sized columns (frame.js) and each rule applied in
 * turn: footnotes on their call's page (footnotes.js), hyphen rules at line ends (hyphens.js),
 * copyfitting of a part's last page (copyfit.js), the opening page's named page (opening.js).
 *
 * Every part starts on a new page, so each is laid out alone (the others hidden): the cost
 * grows with the part, not with the document, and columns cannot drift over a long run.
 * `start(settings)` sets up and returns the number of parts; the caller then runs
 * `__fnPlacer.step(k)` for each part (reporting progress between calls) and `__fnPlacer.finish()`,
 * which returns { notes, starts, fits } as JSON.
 *
 * Print units (scripts/print/pdf.ts `printUnits`) run only some parts: `from(k, state)` resumes
 * at a part that opens a page, from the state the part before it left (`last`: its last page;
 * `tail`: where it ended, for a run-on), as a run of the whole document would have; each
 * `step(k)` returns what the part did (start, last page, run-on, notes, charts' pages, the
 * milliseconds its layout took), and the
 * part before it again when a failed run-on made that one copyfit its last page after all
 * (`refitPrevious()` does that refit alone, where the run stops before that part).
 */
import { closeHoles, copyfit, footHole } from './copyfit.js';
import { createFootnotes } from './footnotes.js';
import { createFrame } from './frame.js';
import { fixHyphens } from './hyphens.js';
import { markOpening } from './opening.js';
import { createRunOn } from './runon.js';
import { floatFigures } from './floats.js';
import { evenLines, evenSpaces } from './spacing.js';

export function start(settings) {
  // Shown one at a time by step(k): the whole document is never laid out in columns at once.
  // Hidden before anything is measured; then the style the printer loaded it with goes
  // (`settings.loadingStyle`, its id: every part hidden, so that the page never laid the whole
  // report out on screen either).
  const flow = [...document.body.children].filter((el) => /^(SECTION|NAV)$/.test(el.tagName) && !el.matches('.cover, .back-cover'));
  for (const part of flow) part.style.display = 'none';
  if (settings.loadingStyle) document.getElementById(settings.loadingStyle)?.remove();
  const frame = createFrame(settings);
  const { width, height, gap, rects, columnOf, lastColumn } = frame;

  const style = document.createElement('style');
  style.textContent = `
    html.fn-paginate body { margin: 0; padding: 0; background: none; width: ${width}px; height: ${height}px;
      column-width: ${width}px; column-gap: ${gap}px; column-fill: auto; }
  `; // The rest of the paged rules (forced breaks as column breaks) are report.css's.
  document.head.append(style);
  document.documentElement.classList.add('fn-paginate');

  const footnotes = createFootnotes(frame, settings);
  const runOn = createRunOn(frame, settings);

  /** Undo the layout of a part: notes released, the splits named in `keep` kept, the others joined again. */
  function reset(part, keep = []) {
    footnotes.reset(part);
    for (const rest of [...part.querySelectorAll('.fn-continued')].reverse()) {
      if (keep.includes(rest.dataset.split)) continue;
      const first = rest.previousElementSibling;
      first.append(...rest.childNodes);
      first.classList.remove('fn-split');
      rest.remove();
    }
    if (!keep.includes('fit')) for (const el of [...part.querySelectorAll('.fit-break')]) el.classList.remove('fit-break');
    for (const el of [...part.querySelectorAll('.page-rest')]) el.classList.remove('page-rest');
  }
  /**
   * Notes placed, no hyphen at a page's last line and no run of hyphens (a word set whole
   * re-breaks its paragraph and may move a call: place again).
   */
  function layOut(part, first) {
    const partCalls = footnotes.callsIn(part);
    footnotes.placeIn(partCalls, first);
    for (let round = 0; round < settings.tolerances.maxHyphenRounds && fixHyphens(frame, part, settings.maxHyphenRun) > 0; round++) {
      reset(part, ['fit']);
      footnotes.placeIn(partCalls, first);
    }
  }

  // A part's pages follow the previous part's (or it runs on, on the previous section's last
  // page); the cover is page 1 and is not laid out here.
  const starts = {};
  const fits = {};
  const runOns = [];
  let lastPage = settings.firstPage - 1;
  let tail = null;
  /** The section laid out last: to copyfit it after all when the next one does not run on. */
  let previous = null;
  function refit(prev, current) {
    if (current) current.style.display = 'none';
    prev.part.style.display = '';
    const placed = prev.tailBefore ? runOn.place(prev.part, prev.tailBefore) : null;
    const fit = copyfit(frame, prev.part, prev.start, settings, { layOut, reset });
    if (fit !== 'fits') fits[prev.part.id] = fit;
    markOpening(frame, prev.part);
    const info = describe(prev.part, prev.start);
    lastPage = info.last;
    placed?.spacer.remove();
    prev.part.style.display = 'none';
    if (current) current.style.display = '';
    return info;
  }
  /** What a part did, for the print units: where it starts and ends, its notes and charts' pages. */
  function describe(part, start) {
    const ids = new Set(footnotes.callsIn(part).map((c) => Number(c.n)));
    const figures = {};
    for (const fig of part.querySelectorAll('figure[id]')) {
      const r = rects(fig)[0];
      if (r) figures[fig.id] = start + columnOf(r);
    }
    return { id: part.id, start, last: start + lastColumn(part), notes: footnotes.placed.filter((p) => ids.has(p.n)), figures, fit: fits[part.id] ?? null };
  }
  let active = true;
  const laid = new Set();
  globalThis.__fnPlacer = {
    /** The ids of the parts, in the order step(k) takes them. */
    ids: () => flow.map((p) => p.id),
    /** Resume at part k (it opens a page), after a part that ended on page `last`, leaving `tail`. */
    from(k, state) {
      if (!active) {
        document.head.append(style);
        document.documentElement.classList.add('fn-paginate');
        // Parts not laid out yet hide their notes, as at the start.
        for (const part of flow.slice(k)) if (!laid.has(part)) for (const ol of part.querySelectorAll('ol.footnotes')) ol.style.display = 'none';
        active = true;
      }
      lastPage = state.last;
      tail = state.tail;
      previous = null;
    },
    /**
     * The copyfit the last section laid out was left (the next section would have run on):
     * done now, as the next part's failed run-on does it, for a run that stops before that part.
     */
    refitPrevious() {
      const prev = previous;
      previous = null;
      if (!prev || !prev.skippedFit) return null;
      for (const other of flow) other.style.display = 'none';
      return refit(prev, null);
    },
    /** Leave the paged layout (to print), keeping what the parts laid out so far did. */
    pause() {
      for (const part of flow) part.style.display = '';
      footnotes.finish();
      document.documentElement.classList.remove('fn-paginate');
      style.remove();
      active = false;
    },
    step(k) {
      const began = performance.now();
      const part = flow[k];
      laid.add(part);
      const done = [];
      const tried = !!(part.matches('section') && runOn.mayRunOn(part, tail));
      for (const other of flow) other.style.display = other === part ? '' : 'none';
      let start = lastPage + 1;
      let startName = part.dataset.pageName ? `${part.dataset.pageName}-first` : '';
      let placedOn = null;
      if (part.matches('section')) {
        evenSpaces(frame, part, settings);
        if (runOn.mayRunOn(part, tail)) {
          placedOn = runOn.place(part, tail);
          layOut(part, lastPage);
          if (evenSpaces(frame, part, settings)) {
            reset(part);
            layOut(part, lastPage);
          }
          // Its heading, panel and first lines on the page, and every note on its call's page.
          // No white over maxHoleMm left at a page's foot either (a box moved whole), unless
          // opening a page would leave the previous section's last page half empty.
          const hole = () => tail.bottom > height / 2 && footHole(frame, part, settings.maxHoleMm);
          if (runOn.holds(part) && !footnotes.stranded(part) && !hole()) {
            start = lastPage;
            startName = tail.name;
            runOns.push(part.id);
          } else {
            reset(part);
            placedOn.undo();
            placedOn = null;
            // The previous section left its last page to this one, which does not run on
            // after all: copyfit that page now.
            if (previous && previous.skippedFit) {
              const again = refit(previous, part);
              Object.assign(starts, again.figures);
              done.push(again);
            }
            start = lastPage + 1;
          }
        }
        if (!placedOn) {
          layOut(part, start);
          // Words the hyphen rules set whole open loose lines: set those paragraphs again (once).
          if (evenSpaces(frame, part, settings)) {
            reset(part);
            layOut(part, start);
          }
        }
        floatFigures(frame, part, start, settings, { layOut, reset });
        const closed = closeHoles(frame, part, start, settings, { layOut, reset });
        if (closed) fits[part.id] = `holes closed ${closed}`;
        // A section's last page is filled by the next section when that one runs on; the
        // copyfitting is for a part whose last page nothing follows.
        const next = flow[k + 1];
        const followed = next && next.matches('section.section') && part.matches('section.section') && !runOn.tailOf(part, startName).notes;
        if (!followed) {
          const fit = copyfit(frame, part, start, settings, { layOut, reset });
          if (fit !== 'fits') fits[part.id] = fit;
        }
        markOpening(frame, part);
        evenLines(frame, part, settings);
        previous = { part, start, startName, spacer: placedOn ? tail.bottom : null, tailBefore: placedOn ? tail : null, skippedFit: followed };
      }
      starts[part.id] = start;
      // The charts' pages, for the list of charts.
      const info = describe(part, start);
      Object.assign(starts, info.figures);
      lastPage = info.last;
      tail = part.matches('section') ? runOn.tailOf(part, startName) : null;
      if (!part.matches('section.section')) previous = null;
      placedOn?.spacer.remove();
      // How long this part took (ms, the refit of the part before it included): for the bench.
      done.push({ ...info, tried, ranOn: !!placedOn, tail, ms: performance.now() - began });
      return done;
    },
    finish() {
      for (const part of flow) part.style.display = '';
      footnotes.finish();
      // The back cover on an even page (a verso, as a printed book ends): a blank page before
      // it when the text ends on an even page (the cover is page 1, so the back cover would be odd).
      const back = document.querySelector('body > .back-cover');
      document.querySelector('body > .page-pad')?.remove();
      if (back && (lastPage + 1) % 2 === 1) {
        const pad = document.createElement('div');
        pad.className = 'page-pad';
        pad.setAttribute('aria-hidden', 'true');
        back.before(pad);
      }
      document.documentElement.classList.remove('fn-paginate');
      style.remove();
      // The contents' page numbers, from the same layout (the print proves them: named destinations).
      if (settings.fillContents) {
        for (const el of document.querySelectorAll('[data-toc-page]')) {
          const n = starts[el.getAttribute('data-toc-page')];
          if (n) el.textContent = String(n);
        }
      }
      delete globalThis.__fnPlacer;
      return JSON.stringify({ notes: footnotes.placed, starts, fits, runOns });
    },
  };
  return flow.length;
}
