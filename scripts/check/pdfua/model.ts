/**
 * What the PDF/UA checker reads from a PDF (pdf-lib, no text extraction): the catalog's keys,
 * the XMP metadata, the structure tree (each element with its type, attributes, page, marked
 * content and object references), the parent tree, each page's marked content and annotations,
 * and the fonts. The checks (one module per group) only look at this model.
 */
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, PDFString, type PDFObject } from 'pdf-lib';
import { streamText } from '../../lib/pdf-stream.js';
import { scanContent, scanOperations, type ContentScan, type Operations } from './content-stream.js';

export interface StructElement {
  /** Index in `elements` (tree order). */
  index: number;
  /** The structure type as written and as role-mapped to a standard type. */
  type: string;
  role: string;
  /** e.g. "Document/Sect[2]/Figure[1]": the element's place, for findings. */
  path: string;
  parent?: number;
  children: number[];
  ref?: string;
  /** First page the element or its content is on (1-based). */
  page?: number;
  alt?: string;
  actualText?: string;
  lang?: string;
  /** The element's /ID (table cells' Headers name their header cells by it). */
  id?: string;
  /** Attribute values by owner, e.g. attributes.Table.Scope = "Column". */
  attributes: Record<string, Record<string, string>>;
  /** Marked content: page (1-based) and MCID. */
  mcids: { page: number; mcid: number }[];
  /** Annotations referenced (OBJR), as object refs "12 0 R". */
  objrs: string[];
}

export interface Annotation {
  page: number;
  ref: string;
  subtype: string;
  contents?: string;
  structParent?: number;
  uri?: string;
  rect: number[];
}

export interface PageInfo {
  number: number;
  structParents?: number;
  tabs?: string;
  content: ContentScan;
}

export interface FontInfo {
  name: string;
  subtype: string;
  embedded: boolean;
  toUnicode: boolean;
  pages: number[];
}

export interface UaModel {
  lang?: string;
  marked: boolean;
  suspects: boolean;
  displayDocTitle?: boolean;
  infoTitle?: string;
  /** The XMP packet, if the catalog has one. */
  xmp?: string;
  hasStructTree: boolean;
  roleMap: Record<string, string>;
  elements: StructElement[];
  /** Parent tree: key → element index (an annotation's StructParent) or per-MCID element indexes (a page's StructParents). */
  parentTree: Map<number, number | (number | undefined)[]>;
  pages: PageInfo[];
  annotations: Annotation[];
  fonts: FontInfo[];
}

const text = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : o instanceof PDFName ? o.decodeText() : undefined;

export async function readUa(bytes: Uint8Array): Promise<UaModel> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return readUaDocument(doc);
}

/**
 * `pages: false`: the catalog, XMP and structure tree only, no page's content, annotations or
 * fonts (what the document-level checks read). `operations`: pages' content read already (by
 * page index, 0-based), as the text reader keeps it (pdf-text.ts `documentText`): not read again.
 */
export function readUaDocument(doc: PDFDocument, { pages: withPages = true, operations }: { pages?: boolean; operations?: ReadonlyMap<number, Operations> } = {}): UaModel {
  const ctx = doc.context;
  const lookup = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const catalog = doc.catalog;
  const pages = doc.getPages();
  const pageOf = new Map(pages.map((p, i) => [p.ref.toString(), i + 1]));

  const markInfo = lookup(catalog.get(PDFName.of('MarkInfo')));
  const flag = (d: PDFObject | undefined, key: string) => {
    const v = d instanceof PDFDict ? lookup(d.get(PDFName.of(key))) : undefined;
    return v instanceof PDFBool ? v.asBoolean() : v === undefined ? undefined : String(v) === 'true';
  };
  const vp = lookup(catalog.get(PDFName.of('ViewerPreferences')));
  const meta = lookup(catalog.get(PDFName.of('Metadata')));
  const xmp = meta instanceof PDFStream ? Buffer.from(streamText(meta), 'latin1').toString('utf8') : undefined;
  const info = lookup(ctx.trailerInfo.Info);
  const infoTitle = info instanceof PDFDict ? text(lookup(info.get(PDFName.of('Title')))) : undefined;

  // Structure tree.
  const root = lookup(catalog.get(PDFName.of('StructTreeRoot')));
  const roleMap: Record<string, string> = {};
  const elements: StructElement[] = [];
  const indexOfRef = new Map<string, number>();
  const parentTree: UaModel['parentTree'] = new Map();
  if (root instanceof PDFDict) {
    const rm = lookup(root.get(PDFName.of('RoleMap')));
    if (rm instanceof PDFDict) for (const [k, v] of rm.entries()) roleMap[k.decodeText()] = text(lookup(v)) ?? '';
    const roleOf = (t: string) => {
      let r = t;
      for (let hops = 0; roleMap[r] !== undefined && hops < 10; hops++) r = roleMap[r]!;
      return r;
    };
    const counters: Map<string, number>[] = [];
    const visit = (obj: PDFObject | undefined, parent: number | undefined, parentPath: string, inheritedPage: number | undefined, depth: number) => {
      const ref = obj instanceof PDFRef ? obj.toString() : undefined;
      const el = lookup(obj);
      if (!(el instanceof PDFDict)) return;
      const type = text(lookup(el.get(PDFName.of('S')))) ?? '?';
      const siblings = (counters[depth] ??= new Map());
      const nth = (siblings.get(type) ?? 0) + 1;
      siblings.set(type, nth);
      const pg = lookup(el.get(PDFName.of('Pg')));
      const page = pg instanceof PDFDict ? pageOf.get(String(el.get(PDFName.of('Pg')))) : inheritedPage;
      const attributes: StructElement['attributes'] = {};
      const readAttrs = (a: PDFObject | undefined) => {
        a = lookup(a);
        if (a instanceof PDFArray) return a.asArray().forEach((x) => readAttrs(x));
        if (!(a instanceof PDFDict)) return;
        const owner = text(lookup(a.get(PDFName.of('O')))) ?? '?';
        const into = (attributes[owner] ??= {});
        for (const [k, v] of a.entries()) if (k.decodeText() !== 'O') into[k.decodeText()] = text(lookup(v)) ?? String(lookup(v));
      };
      readAttrs(el.get(PDFName.of('A')));
      const index = elements.length;
      const path = parentPath ? `${parentPath}/${type}[${nth}]` : type;
      const element: StructElement = {
        index, type, role: roleOf(type), path, parent, children: [], ref, page,
        alt: text(lookup(el.get(PDFName.of('Alt')))),
        actualText: text(lookup(el.get(PDFName.of('ActualText')))),
        lang: text(lookup(el.get(PDFName.of('Lang')))),
        id: text(lookup(el.get(PDFName.of('ID')))),
        attributes, mcids: [], objrs: [],
      };
      elements.push(element);
      if (ref) indexOfRef.set(ref, index);
      if (parent !== undefined) elements[parent]!.children.push(index);
      counters[depth + 1] = new Map();
      const rawKids = el.get(PDFName.of('K'));
      const kids = lookup(rawKids);
      // A single kid stays a reference (its ref names it in the parent tree).
      for (const kid of kids instanceof PDFArray ? kids.asArray() : rawKids === undefined ? [] : [rawKids]) {
        const k = lookup(kid);
        if (k instanceof PDFNumber) {
          if (page !== undefined) element.mcids.push({ page, mcid: k.asNumber() });
        } else if (k instanceof PDFDict) {
          const kt = text(lookup(k.get(PDFName.of('Type'))));
          const kpg = k.get(PDFName.of('Pg'));
          const kpage = kpg ? pageOf.get(String(kpg)) : page;
          if (kt === 'MCR') {
            const id = lookup(k.get(PDFName.of('MCID')));
            if (id instanceof PDFNumber && kpage !== undefined) element.mcids.push({ page: kpage, mcid: id.asNumber() });
          } else if (kt === 'OBJR') {
            element.objrs.push(String(k.get(PDFName.of('Obj'))));
          } else visit(kid, index, path, page, depth + 1);
        }
      }
      if (element.page === undefined) element.page = element.mcids[0]?.page;
    };
    const rawTop = root.get(PDFName.of('K'));
    const top = lookup(rawTop);
    counters[0] = new Map();
    for (const kid of top instanceof PDFArray ? top.asArray() : rawTop ? [rawTop] : []) visit(kid, undefined, '', undefined, 0);
    // Pages of elements without content of their own: their first child's.
    for (let i = elements.length - 1; i >= 0; i--) {
      const e = elements[i]!;
      e.page ??= e.children.map((c) => elements[c]!.page).find((p) => p !== undefined);
    }

    const readNums = (node: PDFObject | undefined) => {
      node = lookup(node);
      if (!(node instanceof PDFDict)) return;
      const nums = lookup(node.get(PDFName.of('Nums')));
      if (nums instanceof PDFArray) {
        for (let i = 0; i + 1 < nums.size(); i += 2) {
          const key = (lookup(nums.get(i)) as PDFNumber).asNumber();
          const valueRef = nums.get(i + 1);
          const value = lookup(valueRef);
          if (value instanceof PDFArray) parentTree.set(key, value.asArray().map((r) => (r instanceof PDFRef ? indexOfRef.get(r.toString()) : undefined)));
          else if (valueRef instanceof PDFRef) parentTree.set(key, indexOfRef.get(valueRef.toString()) ?? -1);
        }
      }
      const kids = lookup(node.get(PDFName.of('Kids')));
      if (kids instanceof PDFArray) kids.asArray().forEach(readNums);
    };
    readNums(root.get(PDFName.of('ParentTree')));
  }

  // Pages: marked content, annotations, fonts.
  const pageInfos: PageInfo[] = [];
  const annotations: Annotation[] = [];
  const fonts = new Map<string, FontInfo>();
  (withPages ? pages : []).forEach((p, i) => {
    const number = i + 1;
    const contents = lookup(p.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map(lookup) : [contents];
    const known = operations?.get(i);
    const content = known ? scanOperations(known) : scanContent(streams.map(streamText).join('\n'));
    const sp = lookup(p.node.get(PDFName.of('StructParents')));
    pageInfos.push({ number, structParents: sp instanceof PDFNumber ? sp.asNumber() : undefined, tabs: text(lookup(p.node.get(PDFName.of('Tabs')))), content });

    const annots = lookup(p.node.get(PDFName.of('Annots')));
    for (const ref of annots instanceof PDFArray ? annots.asArray() : []) {
      const a = lookup(ref);
      if (!(a instanceof PDFDict)) continue;
      const action = lookup(a.get(PDFName.of('A')));
      const spk = lookup(a.get(PDFName.of('StructParent')));
      const rect = lookup(a.get(PDFName.of('Rect')));
      annotations.push({
        page: number, ref: String(ref), subtype: text(lookup(a.get(PDFName.of('Subtype')))) ?? '?',
        contents: text(lookup(a.get(PDFName.of('Contents')))),
        structParent: spk instanceof PDFNumber ? spk.asNumber() : undefined,
        uri: action instanceof PDFDict ? text(lookup(action.get(PDFName.of('URI')))) : undefined,
        rect: rect instanceof PDFArray ? rect.asArray().map((n) => Number(String(n))) : [],
      });
    }

    const res = lookup(p.node.get(PDFName.of('Resources')));
    const fontDict = res instanceof PDFDict ? lookup(res.get(PDFName.of('Font'))) : undefined;
    if (fontDict instanceof PDFDict) {
      for (const [, fref] of fontDict.entries()) {
        const f = lookup(fref);
        if (!(f instanceof PDFDict)) continue;
        const key = String(fref);
        const known = fonts.get(key);
        if (known) { known.pages.push(number); continue; }
        const subtype = text(lookup(f.get(PDFName.of('Subtype')))) ?? '?';
        const descendant = lookup((lookup(f.get(PDFName.of('DescendantFonts'))) as PDFArray | undefined)?.get(0));
        const descriptor = lookup((descendant instanceof PDFDict ? descendant : f).get(PDFName.of('FontDescriptor')));
        const embedded = subtype === 'Type3' || (descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k))));
        fonts.set(key, { name: text(lookup(f.get(PDFName.of('BaseFont')))) ?? key, subtype, embedded, toUnicode: f.has(PDFName.of('ToUnicode')), pages: [number] });
      }
    }
  });

  return {
    lang: text(lookup(catalog.get(PDFName.of('Lang')))),
    marked: flag(markInfo, 'Marked') === true,
    suspects: flag(markInfo, 'Suspects') === true,
    displayDocTitle: flag(vp, 'DisplayDocTitle'),
    infoTitle,
    xmp,
    hasStructTree: root instanceof PDFDict,
    roleMap,
    elements,
    parentTree,
    pages: pageInfos,
    annotations,
    fonts: [...fonts.values()],
  };
}
