/**
 * Rule: a part's opening page. Its first page carries no running head: it is the named page of
 * the part's opening (p-ID-first); from the first box of its second page on, the page is p-ID
 * (`.page-rest` in the stylesheet). A box that straddles the turn is split there (between
 * lines, where the page breaks anyway); one that cannot be split leaves the second page
 * without a head too.
 */
export function markOpening(frame, part) {
  const { height, rects, columnOf, firstColumn, leavesOf, bodyOf, splitAt, lastColumn } = frame;
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
