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
const SHY = '\u00AD';

/** Words of `el` broken across two lines at a hyphen, with their two fragments. */
function brokenWords(frame, el) {
  const { lineKey } = frame;
  const out = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\u00AD-]/.test(node.data) || node.parentElement.closest('.page-notes, ol.footnotes, .nobreak')) continue;
    // A text on one line breaks no word: one look at the text before one per word.
    if (new Set([...frame.textRects(node)].filter((r) => r.width > 0).map(lineKey)).size < 2) continue;
    for (const m of node.data.matchAll(/\S+/g)) {
      if (!/[\u00AD-]/.test(m[0])) continue;
      const rs = [...frame.textRects(node, m.index, m.index + m[0].length)].filter((r) => r.width > 0);
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
