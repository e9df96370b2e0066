/**
 * Where did each part land? Chromium writes a named destination for every element that a
 * link points at (the contents links to each part), with the page it is on. Reading them
 * back gives the real start page of every part, so the contents can print true numbers.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';

/** Name → 1-based page number, for every named destination in the PDF. */
export async function namedDestinations(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageOf = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageOf.set(p.ref.toString(), i + 1));
  const out = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return out;
  for (const [key, value] of dests.entries()) {
    const arr = value instanceof PDFRef ? doc.context.lookup(value) : value;
    const target = arr instanceof PDFArray ? arr.get(0) : arr instanceof PDFDict ? (arr.lookup(PDFName.of('D'), PDFArray)?.get(0) ?? undefined) : undefined;
    if (target instanceof PDFRef && pageOf.has(target.toString())) {
      out.set(decodeName(key.asString()), pageOf.get(target.toString())!);
    }
  }
  return out;
}

/** PDF names are written with #xx escapes; "/a#2db" → "a-b". */
function decodeName(name: string): string {
  return name.replace(/^\//, '').replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
