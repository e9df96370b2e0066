/*
 * The text of every page with its position, read by pdfjs in a worker thread, so the build
 * can finish the PDF (pdf-lib, main thread) while the text is read. Plain JavaScript: a worker
 * runs without the TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// workerData: the PDF's bytes, or { bytes, pages }: only those pages' text (1-based; the others empty).
const { bytes, pages } = workerData instanceof Uint8Array ? { bytes: workerData, pages: undefined } : workerData;
const wanted = pages && new Set(pages);
const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
const text = [];
const pageSize = [];
for (let i = 1; i <= pdf.numPages; i++) {
  if (wanted && !wanted.has(i)) {
    text.push([]);
    pageSize.push(undefined);
    continue;
  }
  const page = await pdf.getPage(i);
  const [, , w, h] = page.view;
  pageSize.push({ width: w, height: h });
  const content = await page.getTextContent();
  text.push(content.items.filter((t) => 'str' in t && t.str.trim()).map((t) => ({ str: t.str, x: t.transform[4], y: t.transform[5], width: t.width, height: t.height })));
  page.cleanup();
}
await pdf.destroy();
parentPort.postMessage({ text, pageSize });
