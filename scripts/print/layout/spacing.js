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
 *
 * The trials are set on a proof of the paragraph (`createProofs`): a copy in a box of its width
 * outside the columns, typed as the columns type it. In the columns every trial lays the whole
 * part out again (a chapter with charts: ~8 ms a trial, ~1.4 s a chapter); alone, the one
 * paragraph (~0.5 ms). The proof is used only where it agrees with the columns: it must set the
 * paragraph as they do before the trials, and the columns must set the chosen spacing as the
 * proof did; otherwise the trials run in the columns. Both rules count the paragraphs done
 * each way in `globalThis.__spacingTrials` ({ alone, inColumns }), for the fixture test.
 */
import { settingOf } from './frame.js';

/** Widths of the word spaces of each line of `el` (px), by line key, in line order. */
function spacesByLine(frame, el) {
  const lines = new Map();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('sup, .page-notes, ol.footnotes')) continue;
    for (const m of node.data.matchAll(/ /g)) {
      const r = frame.textRects(node, m.index, m.index + 1)[0];
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

/**
 * What a paragraph's setting measures, by paragraph, for as long as the paragraph is as it was
 * (its classes, its style attribute, its markup: a split for a note, a letter-spacing, an
 * even-line span each change one of them). A part is laid out again and again while its notes,
 * hyphens, charts and last page are placed, and each rule measured every paragraph each time;
 * where a paragraph stands does not count (every line of the columns has the same width, and
 * nothing floats), so what it measured stands until the paragraph changes.
 */
const measured = new WeakMap();
function remembered(p, key, measure, setting = settingOf(p)) {
  let entry = measured.get(p);
  if (!entry || entry.setting !== setting) measured.set(p, (entry = { setting, values: new Map() }));
  if (!entry.values.has(key)) entry.values.set(key, measure());
  return entry.values.get(key);
}

/** `looseness` of a paragraph in the columns, measured again only when it changed (`remembered`). */
const loosenessIn = (frame, p, normal, limit) => remembered(p, `loose ${normal} ${limit}`, () => looseness(frame, p, normal, limit));

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
  const stats = (globalThis.__spacingTrials ??= { alone: 0, inColumns: 0 });
  /** The setting with the fewest loose lines (then lines) of `el`, trying each value in turn. */
  const bestFor = (el, base, was, normal) => {
    let best = { ...base, value: was };
    for (const ls of [0, ...steps]) {
      const value = ls ? `${ls.toFixed(3)}em` : '';
      if (value === was) continue;
      el.style.letterSpacing = value;
      const m = looseness(frame, el, normal, limit);
      if (m.loose < best.loose || (m.loose === best.loose && m.lines < best.lines)) best = { ...m, value };
      if (!best.loose && best.lines <= base.lines) break;
    }
    el.style.letterSpacing = best.value;
    return best;
  };
  const same = (a, b) => a.lines === b.lines && a.loose === b.loose;
  // Measured before anything is set (one layout for all), set on their proofs, the chosen
  // settings put in the columns together and checked there (one layout again): a paragraph's
  // letter-spacing moves no other paragraph's line breaks.
  const loose = [];
  for (const { p, normal } of justifiedParagraphs(frame, part)) {
    const base = loosenessIn(frame, p, normal, limit);
    if (base.loose) loose.push({ p, normal, base, was: p.style.letterSpacing, best: null });
  }
  const proofs = createProofs(frame);
  for (const item of loose) {
    const proof = proofs.set(item.p);
    if (same(looseness(frame, proof, item.normal, limit), item.base)) item.best = bestFor(proof, item.base, item.was, item.normal);
  }
  proofs.done();
  for (const item of loose) if (item.best) item.p.style.letterSpacing = item.best.value;
  for (const item of loose) {
    if (item.best && same(loosenessIn(frame, item.p, item.normal, limit), item.best)) stats.alone++;
    else item.best = null;
  }
  let changed = 0;
  for (const item of loose) {
    if (!item.best) {
      item.p.style.letterSpacing = item.was;
      item.best = bestFor(item.p, item.base, item.was, item.normal);
      stats.inColumns++;
    }
    if (item.best.value !== item.was) changed++;
  }
  return changed;
}

/** What sets a line of text: the properties a paragraph's proof copies from the columns. */
const TYPE = [
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-stretch', 'font-kerning', 'font-optical-sizing', 'font-size-adjust',
  'font-feature-settings', 'font-variation-settings', 'font-variant-ligatures', 'font-variant-caps', 'font-variant-numeric', 'font-variant-position',
  'line-height', 'letter-spacing', 'word-spacing', 'text-indent', 'text-align', 'text-align-last', 'text-transform', 'text-rendering',
  'hyphens', 'hyphenate-character', 'white-space', 'text-wrap', 'overflow-wrap', 'word-break', 'line-break', 'tab-size',
  'display', 'vertical-align', 'padding-left', 'padding-right', 'margin-left', 'margin-right',
  'border-left-width', 'border-left-style', 'border-right-width', 'border-right-style', 'direction', 'unicode-bidi',
];

/**
 * Proofs of paragraphs: `set(p)` puts a copy of `p` alone in a box of the paragraph's width
 * outside the columns (a layout root: what changes in it lays out nothing else), at the
 * columns' origin, and returns the copy; `done()` removes the box. The copy takes every
 * property of TYPE from the paragraph's computed style, and each element inside it those its
 * computed style sets otherwise than its parent's (the rest it inherits, as in the columns, so
 * a letter-spacing set on the copy reaches them as it would).
 */
function createProofs(frame) {
  const box = document.createElement('div');
  const origin = frame.origin();
  box.style.cssText = `position: absolute; left: ${origin.left + scrollX}px; top: ${origin.top + scrollY}px; height: ${frame.height * 4}px; contain: strict; visibility: hidden; margin: 0; padding: 0;`;
  document.documentElement.append(box);
  return {
    set(p) {
      const cs = getComputedStyle(p);
      // The used width, unrounded (clientWidth is whole pixels, and a line set 0.4 px narrower breaks elsewhere).
      const edges = cs.boxSizing === 'border-box' ? ['padding-left', 'padding-right', 'border-left-width', 'border-right-width'].reduce((w, q) => w + parseFloat(cs.getPropertyValue(q)), 0) : 0;
      box.style.width = `${parseFloat(cs.width) - edges}px`;
      const el = p.cloneNode(true);
      el.removeAttribute('id');
      for (const n of el.querySelectorAll('[id]')) n.removeAttribute('id');
      const lang = p.closest('[lang]')?.getAttribute('lang');
      if (lang) el.setAttribute('lang', lang);
      for (const prop of TYPE) el.style.setProperty(prop, cs.getPropertyValue(prop));
      el.style.setProperty('width', 'auto');
      el.style.setProperty('margin-left', '0');
      el.style.setProperty('margin-right', '0');
      const to = [...el.querySelectorAll('*')];
      for (const [i, src] of [...p.querySelectorAll('*')].entries()) {
        const own = getComputedStyle(src);
        const parent = getComputedStyle(src.parentElement);
        for (const prop of TYPE) {
          const value = own.getPropertyValue(prop);
          if (value !== parent.getPropertyValue(prop)) to[i].style.setProperty(prop, value);
        }
      }
      box.replaceChildren(el);
      return el;
    },
    done: () => box.remove(),
  };
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
  const stats = (globalThis.__spacingTrials ??= { alone: 0, inColumns: 0 });
  // The paragraphs with a loose line, read in the columns as laid out (one layout for all),
  // set on their proofs (where a proof breaks its lines as the columns do), the spans put in
  // the columns together and checked there (one layout again).
  const todo = [];
  for (const { p, normal } of justifiedParagraphs(frame, part)) {
    if (looseLines(frame, p, normal, limit).length) todo.push({ p, normal, breaks: lineStarts(frame, p), done: null, spans: [] });
  }
  const proofs = createProofs(frame);
  for (const item of todo) {
    const proof = proofs.set(item.p);
    if (lineStarts(frame, proof) === item.breaks) item.done = evenLinesOf(frame, proof, item.normal, limit, maxLetterSpacingEm);
  }
  proofs.done();
  for (const item of todo) for (const w of item.done?.words ?? []) item.spans.push(wrapWord(item.p, w));
  let set = 0;
  for (const item of todo) {
    if (item.done && lineStarts(frame, item.p) === item.breaks) {
      set += item.done.lines;
      stats.alone++;
      continue;
    }
    if (item.spans.length) {
      for (const span of item.spans) span.replaceWith(...span.childNodes);
      item.p.normalize();
    }
    set += evenLinesOf(frame, item.p, item.normal, limit, maxLetterSpacingEm).lines;
    stats.inColumns++;
  }
  return set;
}

/** The keys of the justified lines of `p` whose median word space is over `limit` × `normal`. */
function looseLines(frame, p, normal, limit) {
  const spaces = spacesByLine(frame, p);
  const keys = [...new Set(frame.words(p).map((w) => frame.lineKey(w.rect)))];
  // The last line is set ragged, unless the paragraph goes on on the next page.
  const justified = p.classList.contains('fn-split') ? keys : keys.slice(0, -1);
  return justified.filter((key) => {
    const gaps = spaces.get(key);
    return gaps && gaps.length >= 2 && median(gaps) > limit * normal;
  }).map((key) => ({ key, gaps: spaces.get(key) }));
}

/**
 * The rule on one paragraph `el` (in the columns or a proof): the words of each loose line
 * wrapped, a line at a time, and unwrapped again when the line breaks moved. Returns the lines
 * set and the words wrapped, in order, by their offset in the paragraph's text (to do the same
 * in the columns that a proof did).
 */
function evenLinesOf(frame, el, normal, limit, maxLetterSpacingEm) {
  const breaks = lineStarts(frame, el);
  const done = { lines: 0, words: [] };
  for (const { key, gaps } of looseLines(frame, el, normal, limit)) {
    const words = wholeWordsOn(frame, el, key);
    const letters = words.reduce((n, w) => n + w.length - 1, 0);
    if (!letters) continue;
    const em = parseFloat(getComputedStyle(el).fontSize);
    const px = Math.min(((median(gaps) - limit * normal) * gaps.length) / letters, maxLetterSpacingEm * em);
    const line = words.reverse().map((w) => ({ at: textOffset(el, w.node) + w.offset, length: w.length, px }));
    const spans = line.map((w) => wrapWord(el, w));
    if (lineStarts(frame, el) !== breaks) {
      for (const span of spans) span.replaceWith(...span.childNodes);
      el.normalize();
    } else {
      done.lines++;
      done.words.push(...line);
    }
  }
  return done;
}

/** Where text node `node` starts in the text of `el`. */
function textOffset(el, node) {
  let at = 0;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && n !== node; n = walker.nextNode()) at += n.data.length;
  return at;
}

/** Wraps the word at offset `at` of the text of `el` (inside one text node) in an even-line span. */
function wrapWord(el, { at, length, px }) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node && at >= node.data.length) {
    at -= node.data.length;
    node = walker.nextNode();
  }
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + length);
  const span = document.createElement('span');
  span.className = 'even-line';
  span.style.letterSpacing = `${px.toFixed(2)}px`;
  range.surroundContents(span);
  return span;
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
  // Measured again only for the paragraphs that changed since (`remembered`): the others keep
  // their setting, and the part is not laid out ragged at all when none changed.
  const settings = ps.map(settingOf);
  const known = ps.map((p, i) => measured.get(p)?.setting === settings[i] && measured.get(p).values.has('normal'));
  const todo = ps.filter((_, i) => !known[i]);
  for (const p of todo) p.style.textAlign = 'left';
  const fresh = new Map(todo.map((p) => [p, median([...spacesByLine(frame, p).values()].flat())]));
  for (const p of todo) p.style.textAlign = '';
  const normals = ps.map((p, i) => remembered(p, 'normal', () => fresh.get(p), settings[i]));
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
      const rs = [...frame.textRects(node, m.index, m.index + m[0].length)].filter((r) => r.width > 0);
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
      const rs = [...frame.textRects(node, m.index, m.index + m[0].length)].filter((r) => r.width > 0);
      if (rs.length && rs.every((r) => frame.lineKey(r) === key)) out.push({ node, offset: m.index, length: m[0].length });
    }
  }
  return out;
}
