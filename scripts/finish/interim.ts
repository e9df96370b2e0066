// INTERIM (integration only): stands in for the finishing branch's finishUnit/finishDocument/preflightUnit/preflightDocument.
import { preflight, formatPreflight, type Finding, type PreflightOptions, type PreflightResult } from '../check/preflight.js';
import { readPdf } from '../check/pdf-model.js';

export async function preflightUnit(_pdf: Uint8Array, _o: PreflightOptions & { firstPage: number; pageCount: number }): Promise<Finding[]> {
  return [];
}
export async function preflightDocument(final: Uint8Array, o: PreflightOptions & { expected: Map<string, number> }): Promise<PreflightResult> {
  return preflight(await readPdf(final), o);
}
export { formatPreflight };
