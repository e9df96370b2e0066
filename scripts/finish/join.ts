/**
 * Joining print units (scripts/print/units.ts) into one tagged document, as if Chromium had
 * printed it whole: the units' pages in order; one structure tree whose Document element holds
 * every unit's top-level elements (Chromium writes one Document per print); the parent tree
 * renumbered (each unit's page /StructParents and annotation /StructParent keys offset by the
 * keys used before it); role map, class map and ID tree merged; the named destinations merged,
 * each name resolved to the unit that owns it (the zero-size stand-ins another unit printed so
 * that Chromium would write its links are dropped); one page numbering; /Lang, /MarkInfo and
 * /ViewerPreferences of the first unit.
 *
 * Each unit is copied with one PDFObjectCopier: it maps every object once, so the /Pg, /Obj and
 * destination references of the copied tree land on the copied pages and annotations.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFPageLeaf, ParseSpeeds, PDFRef, PDFStream, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import { BuildError } from '../lib/diagnostics.js';
import type { PrintedUnit } from '../print/units.js';

export interface JoinOptions {
  /** Told what the join repaired or could not resolve (a destination no unit owns). */
  warn?: (message: string) => void;
}

/** The units, in order, as one PDF. */
export async function joinUnits(units: PrintedUnit[], options: JoinOptions = {}): Promise<Uint8Array> {
  const doc = await joinDocument(units, options);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

const N = PDFName.of;
const text = (o: PDFObject | undefined): string | undefined => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : o instanceof PDFName ? o.decodeText() : undefined);
const list = (o: PDFObject | undefined): PDFObject[] => (o instanceof PDFArray ? o.asArray() : o === undefined ? [] : [o]);

/** The joined document, unsaved (the finish stage can go on with it without a round trip). */
export async function joinDocument(units: PrintedUnit[], { warn = () => {} }: JoinOptions = {}): Promise<PDFDocument> {
  if (!units.length) throw joinError('no units to join', 'the layout plans at least one unit (the cover)');
  const owner = new Map<string, number>();
  units.forEach((u, i) => {
    for (const name of u.owns) {
      const before = owner.get(name);
      if (before !== undefined && before !== i) throw joinError(`the destination "${name}" is owned by unit ${units[before]!.id} and by unit ${u.id}`, 'an element id is in one unit only: the layout plan lists it in the unit whose pages hold the element');
      owner.set(name, i);
    }
  });

  const out = await PDFDocument.create({ updateMetadata: false });
  const ctx = out.context;
  const rootRef = ctx.nextRef();
  const documentRef = ctx.nextRef();
  const kids: PDFObject[] = [];
  const parentTree: [number, PDFObject][] = [];
  const ids = new Map<string, [PDFObject, PDFObject]>(); // ID → [key string, element]
  const roleMap = ctx.obj({}) as PDFDict;
  const classMap = ctx.obj({}) as PDFDict;
  const dests = new Map<string, PDFObject>();
  const unowned = new Set<string>();
  const linkedNames = new Map<string, number>(); // name → first page (1-based) linking to it
  const fonts = new SubsetTags();
  let nextKey = 0;
  let documentLang: string | undefined;
  let suspects = false;

  const sources = new Map<Uint8Array, Source>();
  for (const [i, unit] of units.entries()) {
    const firstPage = out.getPageCount() + 1;
    const where = `unit ${unit.id}`;
    if (unit.firstPage !== firstPage) throw joinError(`${where} starts at page ${unit.firstPage}, but the units before it end at page ${firstPage - 1}`, 'pass every unit of the document, in order, each with the first page its layout plan gave it');
    // A slice of a print read before shares its reading (objects copied once: fonts, the role
    // map); a print whose pages were taken already (the same unit twice) is read again.
    let source = unit.from === undefined ? undefined : sources.get(unit.pdf);
    if (source && source.taken.some((p) => p >= (unit.from ?? 0) && p < (unit.from ?? 0) + unit.pageCount)) source = undefined;
    if (!source) {
      source = await readSource(unit, ctx, firstPage, documentRef);
      source.offset = nextKey;
      nextKey += source.keys;
      if (unit.from !== undefined) sources.set(unit.pdf, source);
    }
    const { doc: src, copier, wrapper } = source;
    const from = unit.from ?? 0;
    const pageCount = source.pages.length;
    if (unit.from === undefined ? pageCount !== unit.pageCount : from < 0 || from + unit.pageCount > pageCount) {
      throw joinError(unit.from === undefined ? `${where} printed ${pageCount} page(s), its layout plan says ${unit.pageCount}` : `${where} is pages ${from + 1}–${from + unit.pageCount} of a print of ${pageCount} page(s)`, 'the pages after it would be numbered wrong: lay the unit out again before printing it');
    }
    const inUnit = (p: number) => p >= from && p < from + unit.pageCount;
    const pages = source.pages.slice(from, from + unit.pageCount);
    for (let p = from; p < from + unit.pageCount; p++) source.taken.push(p);
    const pageRefs = pages.map((p) => copier.copy(p.ref) as PDFRef);
    const unitLang = source.lang;
    if (i === 0) {
      documentLang = unitLang;
      const lang = src.catalog.get(N('Lang'));
      if (lang) out.catalog.set(N('Lang'), copier.copy(lang));
      const prefs = src.catalog.get(N('ViewerPreferences'));
      if (prefs) out.catalog.set(N('ViewerPreferences'), copier.copy(prefs));
      const info = src.context.lookup(src.context.trailerInfo.Info);
      if (info instanceof PDFDict) ctx.trailerInfo.Info = ctx.register(copier.copy(info) as PDFDict);
    }
    if (source.suspects) suspects = true;

    // Top-level elements under the one Document, with the unit's language where it differs:
    // those whose content is on the unit's pages.
    const kidsBefore = kids.length;
    const elements = new Set<PDFObject>();
    source.top.forEach(({ kid, first, page, members }) => {
      if (!inUnit(page)) return;
      if (!inUnit(first)) throw joinError(`${where}: a structure element of its pages (${firstPage}–${firstPage + unit.pageCount - 1}) has content on page ${firstPage + first - from}, a page of the unit printed before it`, 'finish a print of several units with their page counts (finishUnit unitPages), so that each unit\'s tags are its own');
      for (const m of members) elements.add(m);
      const k = src.context.lookup(kid);
      if (k instanceof PDFNumber) {
        // Marked content of the unit's Document itself: a reference with its page.
        const pg = wrapper?.get(N('Pg'));
        kids.push(ctx.obj({ Type: 'MCR', Pg: pg ? copier.copy(pg) : pageRefs[0]!, MCID: k.asNumber() }));
        return;
      }
      const copied = copier.copy(kid);
      const el = ctx.lookup(copied);
      if (unitLang && unitLang !== documentLang && el instanceof PDFDict && !el.has(N('Lang')) && (!el.has(N('Type')) || text(el.get(N('Type'))) === 'StructElem')) el.set(N('Lang'), PDFString.of(unitLang));
      kids.push(copied);
    });

    // Parent tree: the keys the unit's pages, annotations and XObjects use, after the keys of
    // the prints before (one offset per print: a batch's units keep its numbering).
    const offset = source.offset;
    const keys = new Set<number>();
    const shifted = new Set<PDFObject>();
    const shift = (d: PDFDict, key: string) => {
      const v = d.get(N(key));
      if (v instanceof PDFNumber && !shifted.has(d)) {
        keys.add(v.asNumber());
        d.set(N(key), PDFNumber.of(v.asNumber() + offset));
        shifted.add(d);
      }
    };
    pageRefs.forEach((ref, p) => {
      const page = ctx.lookup(ref) as PDFPageLeaf;
      shift(page, 'StructParents');
      for (const a of list(ctx.lookup(page.get(N('Annots'))))) {
        const annot = ctx.lookup(a);
        if (!(annot instanceof PDFDict)) continue;
        shift(annot, 'StructParent');
        const dest = linkDestination(ctx, annot);
        if (dest !== undefined && !linkedNames.has(dest)) linkedNames.set(dest, firstPage + p);
      }
      forEachXObject(ctx, page, (x) => {
        shift(x, 'StructParent');
        shift(x, 'StructParents');
      });
      fonts.retag(ctx, page);
    });
    for (const [key, value] of source.parentTree) if (keys.has(key)) parentTree.push([key + offset, copier.copy(value)]);

    // ID tree: the unit's elements' IDs; one another unit already uses (units printed from
    // different loads) is renamed.
    const renamed = new Map<string, string>();
    for (const [id, key, value] of source.ids) {
      if (!elements.has(src.context.lookup(value)!)) continue;
      const el = copier.copy(value);
      let name = id;
      for (let n = 2; ids.has(name); n++) name = `${id}-${n}`;
      if (name !== id) {
        renamed.set(id, name);
        const dict = ctx.lookup(el);
        if (dict instanceof PDFDict) dict.set(N('ID'), PDFString.of(name));
      }
      ids.set(name, [name === id ? copier.copy(key) : PDFString.of(name), el]);
    }
    if (renamed.size) renameHeaders(ctx, kids.slice(kidsBefore), renamed);

    if (!source.mapsMerged) {
      source.mapsMerged = true;
      for (const [into, key] of [[roleMap, 'RoleMap'], [classMap, 'ClassMap']] as const) {
        const map = src.context.lookup(source.root.get(N(key)));
        if (!(map instanceof PDFDict)) continue;
        for (const [name, value] of map.entries()) {
          const before = into.get(name);
          const copied = copier.copy(value);
          if (before && key === 'RoleMap' && String(before) !== String(copied)) throw joinError(`${where} maps the structure type ${name.decodeText()} to ${String(copied)}, an earlier unit to ${String(before)}`, 'every unit is printed from the same document, with the same role map');
          if (!before) into.set(name, copied);
        }
      }
    }

    // Named destinations: the owner's; a name no unit owns from the first unit that has it on its pages.
    for (const [name, value, page] of source.dests) {
      const own = owner.get(name);
      if (own === i || (own === undefined && !dests.has(name) && inUnit(page))) dests.set(name, copier.copy(value));
      if (own === undefined && inUnit(page)) unowned.add(name);
    }

    for (const ref of pageRefs) out.addPage(PDFPage.of(ctx.lookup(ref) as PDFPageLeaf, ref, out));
  }

  for (const name of unowned) warn(`the destination "${name}" is owned by no unit: kept the first unit's (the layout plan's owns lists should name it)`);
  // Chromium writes a destination only for an element a link leads to: an owned name without
  // one is normal, a link without its destination is not.
  for (const [name, page] of linkedNames) {
    if (!dests.has(name)) warn(`a link on page ${page} leads to "${name}", which no unit has${owner.has(name) ? ` (unit ${units[owner.get(name)!]!.id} owns it: is the element printed?)` : ''}`);
  }

  ctx.assign(documentRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: kids, ...(documentLang ? { Lang: PDFString.of(documentLang) } : {}) }));
  const root = ctx.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: ctx.register(ctx.obj({ Nums: parentTree.flat() })), ParentTreeNextKey: nextKey }) as PDFDict;
  if (ids.size) root.set(N('IDTree'), ctx.register(ctx.obj({ Names: [...ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, pair]) => pair) })));
  if (roleMap.keys().length) root.set(N('RoleMap'), roleMap);
  if (classMap.keys().length) root.set(N('ClassMap'), classMap);
  ctx.assign(rootRef, root);
  out.catalog.set(N('StructTreeRoot'), rootRef);
  out.catalog.set(N('MarkInfo'), ctx.obj({ Type: 'MarkInfo', Marked: true, ...(suspects ? { Suspects: true } : {}) }));
  if (dests.size) out.catalog.set(N('Dests'), ctx.register(ctx.obj(Object.fromEntries([...dests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))));
  // One numbering, decimal from 1: the page numbers printed in the margins.
  out.catalog.set(N('PageLabels'), ctx.obj({ Nums: [0, { S: 'D' }] }));
  return out;
}

/** One print (a unit's or a batch's), read once however many units are slices of it. */
interface Source {
  doc: PDFDocument;
  copier: PDFObjectCopier;
  root: PDFDict;
  /** The print's Document element, if its root has one. */
  wrapper?: PDFDict;
  pages: PDFPage[];
  /** The top-level elements, each with the first and the last page (0-based) of its content and the elements of its subtree. */
  top: { kid: PDFObject; first: number; page: number; members: Set<PDFObject> }[];
  parentTree: [number, PDFObject][];
  /** Parent-tree keys the print uses (its keys in the joined file: `offset` on). */
  keys: number;
  offset: number;
  ids: [string, PDFObject, PDFObject][];
  /** Named destinations with the page (0-based) they lead to; -1 when none of the print. */
  dests: [string, PDFObject, number][];
  lang?: string;
  suspects: boolean;
  mapsMerged: boolean;
  /** Its pages (0-based) joined so far. */
  taken: number[];
}

async function readSource(unit: PrintedUnit, ctx: PDFContext, firstPage: number, documentRef: PDFRef): Promise<Source> {
  const where = `unit ${unit.id}`;
  let src: PDFDocument;
  try {
    src = unit.doc ?? (await PDFDocument.load(unit.pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }));
  } catch (err) {
    throw joinError(`${where}: its PDF cannot be read (${(err as Error).message.split('\n')[0]})`, 'print the unit again');
  }
  const pages = src.getPages();
  const srcRootRef = src.catalog.get(N('StructTreeRoot'));
  const root = src.context.lookup(srcRootRef);
  if (!(srcRootRef instanceof PDFRef) || !(root instanceof PDFDict)) throw joinError(`${where} (pages ${firstPage}–${firstPage + unit.pageCount - 1}) has no structure tree (StructTreeRoot)`, 'print every unit with page.pdf({ tagged: true }), so the joined document is tagged throughout');

  // The print's Document element (or its root, if it has none) becomes the joined Document.
  const topRaw = root.get(N('K'));
  // /K: the Document element's reference, or an array of references (as Chromium writes it).
  const topList = topRaw instanceof PDFRef && src.context.lookup(topRaw) instanceof PDFDict ? [topRaw] : list(src.context.lookup(topRaw));
  const single = topList.length === 1 ? src.context.lookup(topList[0]) : undefined;
  const wrapper = single instanceof PDFDict && text(single.get(N('S'))) === 'Document' ? single : undefined;
  const copier = PDFObjectCopier.for(src.context, ctx);
  seed(copier, srcRootRef, documentRef);
  if (wrapper && topList[0] instanceof PDFRef) seed(copier, topList[0], documentRef);

  // Each top-level element's page: the last /Pg in its subtree (marked-content and object
  // references, elements); one with no content goes with the element before it. A batch's
  // finish (unit-bounds.ts) left every element's pages in one unit: the join checks it.
  const pageIndex = new Map<PDFObject, number>(pages.map((p, i) => [p.ref, i]));
  const wrapperPage = pageIndex.get(wrapper?.get(N('Pg')) as PDFObject) ?? 0;
  let last = 0;
  const top = (wrapper ? list(src.context.lookup(wrapper.get(N('K')))) : topList).map((kid) => {
    const members = new Set<PDFObject>();
    let [first, page] = [Infinity, -1];
    const visit = (o: PDFObject | undefined, depth: number) => {
      const d = src.context.lookup(o);
      if (!(d instanceof PDFDict) || members.has(d) || depth > 256) return;
      members.add(d);
      const pg = pageIndex.get(d.get(N('Pg')) as PDFObject);
      if (pg !== undefined) [first, page] = [Math.min(first, pg), Math.max(page, pg)];
      for (const k of list(src.context.lookup(d.get(N('K'))))) visit(k, depth + 1);
    };
    if (src.context.lookup(kid) instanceof PDFNumber) [first, page] = [wrapperPage, wrapperPage];
    else visit(kid, 0);
    if (page < 0) [first, page] = [last, last];
    last = page;
    return { kid, first, page, members };
  });

  const parentTree: [number, PDFObject][] = [];
  let keys = 0;
  forEachTreeEntry(src.context, root.get(N('ParentTree')), 'Nums', (key, value) => {
    const k = (key as PDFNumber).asNumber();
    parentTree.push([k, value]);
    keys = Math.max(keys, k + 1);
  });
  const declared = src.context.lookup(root.get(N('ParentTreeNextKey')));
  if (declared instanceof PDFNumber) keys = Math.max(keys, declared.asNumber());

  const ids: [string, PDFObject, PDFObject][] = [];
  forEachTreeEntry(src.context, root.get(N('IDTree')), 'Names', (key, value) => {
    const id = text(key);
    if (id !== undefined) ids.push([id, key, value]);
  });

  const entries: [string, PDFObject][] = [];
  const srcDests = src.context.lookup(src.catalog.get(N('Dests')));
  if (srcDests instanceof PDFDict) for (const [k, v] of srcDests.entries()) entries.push([k.decodeText(), v]);
  const names = src.context.lookup(src.catalog.get(N('Names')));
  if (names instanceof PDFDict) forEachTreeEntry(src.context, names.get(N('Dests')), 'Names', (k, v) => entries.push([text(k) ?? '', v]));
  const dests = entries.map(([name, value]): [string, PDFObject, number] => {
    const d = src.context.lookup(value);
    const arr = d instanceof PDFDict ? src.context.lookup(d.get(N('D'))) : d;
    return [name, value, arr instanceof PDFArray ? (pageIndex.get(arr.get(0)) ?? -1) : -1];
  });

  const markInfo = src.context.lookup(src.catalog.get(N('MarkInfo')));
  return {
    doc: src,
    copier,
    root,
    wrapper,
    pages,
    top,
    parentTree,
    keys,
    offset: 0,
    ids,
    dests,
    lang: text(src.context.lookup(wrapper?.get(N('Lang')))) ?? text(src.context.lookup(src.catalog.get(N('Lang')))),
    suspects: markInfo instanceof PDFDict && String(src.context.lookup(markInfo.get(N('Suspects')))) === 'true',
    mapsMerged: false,
    taken: [],
  };
}

function joinError(message: string, hint: string): BuildError {
  return new BuildError([{ file: '', message: `joining the print units: ${message}`, hint }], 1);
}

/**
 * Tells `copier` that `from` (of the unit) is `to` (of the joined document), so every reference
 * to the unit's root or Document element (a top-level element's /P) lands on the joined one.
 */
function seed(copier: PDFObjectCopier, from: PDFRef, to: PDFRef): void {
  const map = (copier as unknown as { traversedObjects?: Map<PDFObject, PDFObject> }).traversedObjects;
  if (!(map instanceof Map)) throw new Error('pdf-lib PDFObjectCopier has no traversedObjects map: the pdf-lib version changed, see scripts/finish/join.ts seed()');
  map.set(from, to);
}

/** Each entry of a number tree ('Nums') or a name tree ('Names'), leaves in order. */
function forEachTreeEntry(ctx: PDFContext, node: PDFObject | undefined, leaf: 'Nums' | 'Names', each: (key: PDFObject, value: PDFObject) => void, depth = 0): void {
  const dict = ctx.lookup(node);
  if (!(dict instanceof PDFDict) || depth > 32) return;
  const items = ctx.lookup(dict.get(N(leaf)));
  if (items instanceof PDFArray) for (let k = 0; k + 1 < items.size(); k += 2) each(ctx.lookup(items.get(k))!, items.get(k + 1));
  for (const kid of list(ctx.lookup(dict.get(N('Kids'))))) forEachTreeEntry(ctx, kid, leaf, each, depth + 1);
}

/** The named destination a link annotation leads to (/Dest or a GoTo action's /D), if it names one. */
function linkDestination(ctx: PDFContext, annot: PDFDict): string | undefined {
  const action = ctx.lookup(annot.get(N('A')));
  const dest = ctx.lookup(annot.get(N('Dest')) ?? (action instanceof PDFDict ? action.get(N('D')) : undefined));
  return text(dest);
}

/** The form and image XObjects a page's resources reach (forms' own resources too), each once. */
function forEachXObject(ctx: PDFContext, page: PDFDict, each: (dict: PDFDict) => void): void {
  const seen = new Set<PDFObject>();
  const walk = (resources: PDFObject | undefined) => {
    const res = ctx.lookup(resources);
    const xobjects = res instanceof PDFDict ? ctx.lookup(res.get(N('XObject'))) : undefined;
    if (!(xobjects instanceof PDFDict)) return;
    for (const [, ref] of xobjects.entries()) {
      const x = ctx.lookup(ref);
      if (!(x instanceof PDFStream) || seen.has(x)) continue;
      seen.add(x);
      each(x.dict);
      walk(x.dict.get(N('Resources')));
    }
  };
  walk(page.get(N('Resources')));
}

/** Table cells' /Headers that name a renamed ID. */
function renameHeaders(ctx: PDFContext, top: PDFObject[], renamed: Map<string, string>): void {
  const seen = new Set<PDFObject>();
  const visit = (o: PDFObject) => {
    const el = ctx.lookup(o);
    if (!(el instanceof PDFDict) || seen.has(el)) return;
    seen.add(el);
    for (const a of list(ctx.lookup(el.get(N('A'))))) {
      const attrs = ctx.lookup(a);
      const headers = attrs instanceof PDFDict ? ctx.lookup(attrs.get(N('Headers'))) : undefined;
      if (!(headers instanceof PDFArray)) continue;
      headers.asArray().forEach((h, k) => {
        const to = renamed.get(text(ctx.lookup(h)) ?? '');
        if (to) headers.set(k, PDFString.of(to));
      });
    }
    list(ctx.lookup(el.get(N('K')))).forEach(visit);
  };
  top.forEach(visit);
}

/**
 * Font subset tags (the "AAAAAA+" of a BaseFont) unique in the joined file: each unit's
 * Chromium starts again at AAAAAA, and different subsets in one file must have different tags
 * (ISO 32000-1 9.6.4).
 */
class SubsetTags {
  private readonly used = new Map<string, PDFObject>(); // tag → the font that has it
  private readonly done = new Set<PDFObject>();
  private counter = 0;

  retag(ctx: PDFContext, page: PDFDict): void {
    const fontsOf = (resources: PDFObject | undefined) => {
      const res = ctx.lookup(resources);
      const fonts = res instanceof PDFDict ? ctx.lookup(res.get(N('Font'))) : undefined;
      if (fonts instanceof PDFDict) for (const [, ref] of fonts.entries()) this.font(ctx, ctx.lookup(ref));
    };
    fontsOf(page.get(N('Resources')));
    forEachXObject(ctx, page, (x) => fontsOf(x.get(N('Resources'))));
  }

  private font(ctx: PDFContext, font: PDFObject | undefined): void {
    if (!(font instanceof PDFDict) || this.done.has(font)) return;
    this.done.add(font);
    const base = text(font.get(N('BaseFont')));
    const m = base && /^([A-Z]{6})\+(.*)$/.exec(base);
    if (!m) return;
    const owner = this.used.get(m[1]!);
    if (owner === undefined) {
      this.used.set(m[1]!, font);
      return;
    }
    let tag: string;
    do tag = this.next(); while (this.used.has(tag));
    this.used.set(tag, font);
    const rename = (d: PDFObject | undefined, key: string) => {
      const dict = ctx.lookup(d);
      const name = dict instanceof PDFDict ? text(dict.get(N(key))) : undefined;
      if (dict instanceof PDFDict && name?.startsWith(`${m[1]}+`)) dict.set(N(key), N(`${tag}+${name.slice(7)}`));
    };
    rename(font, 'BaseFont');
    rename(font, 'FontName');
    rename(font.get(N('FontDescriptor')), 'FontName');
    for (const d of list(ctx.lookup(font.get(N('DescendantFonts'))))) {
      rename(d, 'BaseFont');
      const dd = ctx.lookup(d);
      if (dd instanceof PDFDict) rename(dd.get(N('FontDescriptor')), 'FontName');
    }
  }

  /** Tags in an order Chromium does not use (it counts from the first letter: AAAAAA, BAAAAA, …). */
  private next(): string {
    let n = this.counter++;
    let tag = '';
    for (let k = 0; k < 6; k++) {
      tag = String.fromCharCode(90 - (n % 26)) + tag;
      n = Math.floor(n / 26);
    }
    return tag;
  }
}
