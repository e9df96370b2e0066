/*
 * The text of a PDF's pages with their positions, read by pdfjs in a worker thread, so the
 * build can finish a PDF (pdf-lib, main thread) while the text is read. One worker serves
 * every request of the process (pdfjs compiles once: starting it costs about a second of CPU,
 * more than reading a unit's pages): each message { id, bytes, pages? } is answered with
 * { id, text, pageSize } or { id, error }. Plain JavaScript: a worker runs without the
 * TypeScript loader.
 */
import { parentPort } from 'node:worker_threads';

// pdfjs reads an error's stack while it starts; with source maps on, Node then parses the
// whole pdf.worker.mjs.map for it (~0.3 s of CPU). No stack here needs it.
process.setSourceMapsEnabled(false);

// pdfjs's modern build, not its legacy one: the legacy build's core-js polyfills replace
// Array.prototype.push (among others) with a function in JavaScript in this thread, and reading
// a 110-page report's text took 1.4 s instead of 1.0 s (a third of it in that push; the same
// text, item for item). The one thing Node 20 lacks of what the modern build uses is
// Promise.withResolvers (Node 22 has it), defined here for this worker's own use. The build
// warns, on loading, that Node should use the legacy one: not shown.
if (!Promise.withResolvers) {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
const log = console.log;
console.log = () => {};
const { getDocument } = await import('pdfjs-dist/build/pdf.mjs').finally(() => (console.log = log));

/** `pages`: only these pages' text (1-based); the others' text is empty, their size unknown. */
async function read(bytes, pages) {
  const wanted = pages && new Set(pages);
  const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const text = [];
  const pageSize = [];
  try {
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
  } finally {
    await pdf.destroy();
  }
  return { text, pageSize };
}

// One request at a time, in order (pdfjs is single-threaded here anyway).
let queue = Promise.resolve();
parentPort.on('message', ({ id, bytes, pages }) => {
  queue = queue.then(async () => {
    try {
      parentPort.postMessage({ id, ...(await read(bytes, pages)) });
    } catch (err) {
      parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  });
});
