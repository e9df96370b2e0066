// INTERIM (integration only): stands in for the finishing branch's finishUnit/finishDocument/preflightUnit/preflightDocument.
import { PDFDocument, PDFName } from 'pdf-lib';
import { searchableSoftHyphens, type Bookmark, type Metadata, finishPdf } from './pdf.js';
import { describeLinks, markArtifacts, repairTags } from './pdfua.js';
import { preflight, formatPreflight, type Finding, type PreflightOptions, type PreflightResult } from '../check/preflight.js';
import { readPdf } from '../check/pdf-model.js';

export async function finishUnit(pdf: Uint8Array, o: { lang: string; linkLabel: (d: string) => string | undefined; firstPage: number }): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  searchableSoftHyphens(doc);
  markArtifacts(doc);
  describeLinks(doc, o.lang, o.linkLabel);
  repairTags(doc);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
export async function finishDocument(doc: PDFDocument, meta: Metadata, marks: Bookmark[]): Promise<Uint8Array> {
  void PDFName;
  return finishPdf(await doc.save({ useObjectStreams: false }), meta, marks);
}
export async function preflightUnit(_pdf: Uint8Array, _o: PreflightOptions & { firstPage: number; pageCount: number }): Promise<Finding[]> {
  return [];
}
export async function preflightDocument(final: Uint8Array, o: PreflightOptions & { expected: Map<string, number> }): Promise<PreflightResult> {
  return preflight(await readPdf(final), o);
}
export { formatPreflight };
