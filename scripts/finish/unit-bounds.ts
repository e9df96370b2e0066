/**
 * A print batch made cuttable into its units (scripts/print/units.ts; join.ts joins a unit as a
 * slice of its batch's PDF). Chromium opens, on the last page of a part, an empty
 * marked-content sequence for the first box of the part after it (`/NonStruct <</MCID n>> BDC
 * BT ET … EMC`): within one print that is harmless, but it ties a page of one unit to a
 * structure element of the next, and a slice would drag the other unit's page along (or lose
 * the element). Here each such sequence, on a page of another unit than its element's, becomes
 * an artifact (it paints nothing: checked), its MCID leaves the element and the page's entry in
 * the parent tree, so that each unit's pages and its elements reference only each other.
 *
 * A top-level element (a part) belongs to the unit of its last page with content.
 */
import { PDFArray, PDFDict, PDFName, PDFNull, PDFNumber, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { contextsOf, PAINTING, readOperations } from '../check/pdfua/content-stream.js';
import { registerFlate, streamText } from '../lib/pdf-stream.js';

const N = PDFName.of;
const list = (o: PDFObject | undefined): PDFObject[] => (o instanceof PDFArray ? o.asArray() : o === undefined ? [] : [o]);

/** A marked-content item of the structure tree: an MCID in `holder`'s /K (a number, or an MCR dictionary). */
interface Item {
  holder: PDFDict;
  item: PDFObject;
  page: number;
  mcid: number;
}

/**
 * `pageCounts`: the units' page counts, in order (their sum is the PDF's page count). Returns
 * the number of sequences turned into artifacts. Throws when such a sequence paints something
 * (then the units cannot be cut apart: print them one by one).
 */
export function separateUnits(doc: PDFDocument, pageCounts: readonly number[]): number {
  const pages = doc.getPages();
  if (pageCounts.length < 2) return 0;
  const unitOf: number[] = pageCounts.flatMap((n, u) => Array<number>(n).fill(u));
  if (unitOf.length !== pages.length) throw new Error(`separateUnits: the units have ${unitOf.length} pages, the PDF ${pages.length}`);
  const ctx = doc.context;
  const pageIndex = new Map<PDFObject, number>(pages.map((p, i) => [p.ref, i]));
  const root = ctx.lookup(doc.catalog.get(N('StructTreeRoot')));
  if (!(root instanceof PDFDict)) return 0;
  const top = list(ctx.lookup(root.get(N('K'))));
  const single = top.length === 1 ? ctx.lookup(top[0]) : undefined;
  const kids = single instanceof PDFDict && String(single.get(N('S'))) === '/Document' ? list(ctx.lookup(single.get(N('K')))) : top;

  // Every part's marked-content items; those on another unit's page than its last one's.
  const leaks: Item[] = [];
  for (const kid of kids) {
    const items: Item[] = [];
    const seen = new Set<PDFDict>();
    const visit = (o: PDFObject | undefined, inherited: number | undefined, depth: number) => {
      const d = ctx.lookup(o);
      if (!(d instanceof PDFDict) || seen.has(d) || depth > 256) return;
      seen.add(d);
      const page = pageIndex.get(d.get(N('Pg')) as PDFObject) ?? inherited;
      for (const k of list(d.get(N('K')))) {
        const v = ctx.lookup(k);
        if (v instanceof PDFNumber && page !== undefined) items.push({ holder: d, item: k, page, mcid: v.asNumber() });
        else if (v instanceof PDFDict && v.get(N('Type'))?.toString() === '/MCR') {
          const at = pageIndex.get(v.get(N('Pg')) as PDFObject) ?? page;
          const mcid = ctx.lookup(v.get(N('MCID')));
          if (at !== undefined && mcid instanceof PDFNumber) items.push({ holder: d, item: k, page: at, mcid: mcid.asNumber() });
        } else visit(k, page, depth + 1);
      }
    };
    visit(kid, undefined, 0);
    if (!items.length) continue;
    const unit = unitOf[Math.max(...items.map((i) => i.page))]!;
    leaks.push(...items.filter((i) => unitOf[i.page] !== unit));
  }
  if (!leaks.length) return 0;

  const byPage = new Map<number, Item[]>();
  for (const l of leaks) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  const parentTree = parentTreeArrays(doc, root);
  for (const [p, items] of byPage) {
    const page = pages[p]!;
    const contents = page.node.get(N('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    let text = refs.map((r) => streamText(ctx.lookup(r))).join('\n');
    const ops = readOperations(text);
    const context = contextsOf(ops);
    const edits: [number, number][] = [];
    for (const { mcid } of items) {
      const has = new RegExp(`/MCID\\s+${mcid}(?!\\d)`);
      let open = -1;
      for (let k = 0; k < ops.length && open < 0; k++) if (ops.operator(k) === 'BDC' && has.test(ops.operand(k, 1) ?? '')) open = k;
      if (open < 0) continue; // in the tree, not on the page: nothing to move
      let depth = 0;
      let close = open;
      for (let k = open; k < ops.length; k++) {
        const o = ops.operator(k);
        if (o === 'BDC' || o === 'BMC') depth++;
        else if (o === 'EMC' && --depth === 0) {
          close = k;
          break;
        }
      }
      let paints = false;
      for (let k = open + 1; k < close && !paints; k++) paints = PAINTING.has(ops.operator(k)) && context.mcid[k] === mcid;
      if (paints) throw new Error(`page ${p + 1}: the marked content ${mcid} of a part printed on the next unit's pages paints on this page: the units cannot be cut apart here`);
      edits.push([ops.start(open), ops.end(open)]);
    }
    for (const [start, end] of edits.sort((a, b) => b[0] - a[0])) text = `${text.slice(0, start)}/Artifact BMC${text.slice(end)}`;
    if (edits.length) {
      page.node.set(N('Contents'), registerFlate(ctx, text));
      for (const old of refs) if (old instanceof PDFRef) ctx.delete(old);
    }
    const key = ctx.lookup(page.node.get(N('StructParents')));
    const entry = key instanceof PDFNumber ? parentTree.get(key.asNumber()) : undefined;
    for (const { holder, item, mcid } of items) {
      if (entry && mcid < entry.size()) entry.set(mcid, PDFNull);
      const k = holder.get(N('K'));
      const rest = list(ctx.lookup(k)).filter((x) => x !== item);
      holder.set(N('K'), ctx.obj(rest));
      // The element's page was this one: its numbers went with it (MCR dictionaries name their own).
      if (!rest.some((x) => ctx.lookup(x) instanceof PDFNumber) && pageIndex.get(holder.get(N('Pg')) as PDFObject) === p) holder.delete(N('Pg'));
    }
  }
  return leaks.length;
}

/** The parent tree's arrays (a page's MCIDs → elements), by key. */
function parentTreeArrays(doc: PDFDocument, root: PDFDict): Map<number, PDFArray> {
  const out = new Map<number, PDFArray>();
  const walk = (node: PDFObject | undefined, depth: number) => {
    const d = doc.context.lookup(node);
    if (!(d instanceof PDFDict) || depth > 32) return;
    const nums = list(doc.context.lookup(d.get(N('Nums'))));
    for (let i = 0; i + 1 < nums.length; i += 2) {
      const key = doc.context.lookup(nums[i]);
      const value = doc.context.lookup(nums[i + 1]);
      if (key instanceof PDFNumber && value instanceof PDFArray) out.set(key.asNumber(), value);
    }
    for (const kid of list(doc.context.lookup(d.get(N('Kids'))))) walk(kid, depth + 1);
  };
  walk(root.get(N('ParentTree')), 0);
  return out;
}
