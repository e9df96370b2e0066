/**
 * Reading and writing PDF streams with Node's zlib. pdf-lib inflates and deflates in
 * JavaScript (pako): in a cold build's finishing, decoding and re-encoding every page's content
 * stream cost ~0.9 s of Node's main thread, in the same time in which the browser waits for the
 * next unit's print to be asked for. zlib does the same work natively, several times faster.
 * Anything but plain /FlateDecode (predictors, other filters) goes through pdf-lib's decoders
 * as before, and so does a stream zlib refuses (pdf-lib's decoder refuses a damaged one too).
 */
import { createRequire } from 'node:module';
import { inflateSync, deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFStream, type PDFContext, type PDFObject, type PDFRef } from 'pdf-lib';

const FLATE = PDFName.of('FlateDecode');

/**
 * pdf-lib deflates what it writes itself (the object streams of a saved document, ~0.4 s of
 * each build's join and finish, most of it pako setting up a window per stream) with
 * `pako.deflate`: the pako instance pdf-lib loads (resolved from pdf-lib's own folder) deflates
 * with zlib instead. Calls with options (another level, raw deflate: none in pdf-lib) keep
 * pako's own deflate. The output is a zlib stream like pako's; `pdfLibPako` is exported for
 * the test that this instance is the one pdf-lib uses.
 */
type Pako = { deflate: (data: Uint8Array, options?: unknown) => Uint8Array; __native?: true };
export const pdfLibPako = createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('pako') as Pako;
if (!pdfLibPako.__native) {
  const own = pdfLibPako.deflate;
  pdfLibPako.deflate = (data, options) => (options === undefined ? deflateSync(data) : own(data, options));
  pdfLibPako.__native = true;
}

/** A stream dictionary's entries, as `PDFContext.obj` takes them. */
type StreamDict = NonNullable<Parameters<PDFContext['stream']>[1]>;

/**
 * What `flateStream` deflated, by stream: read again (the preflight reads the pages the finish
 * has just written), a stream is not inflated again. Held as long as its stream is.
 */
const written = new WeakMap<PDFRawStream, Uint8Array>();

/** The decoded bytes of a stream: raw (as read from a file) or made by pdf-lib in memory. */
export function streamBytes(s: PDFObject | undefined): Uint8Array {
  if (s instanceof PDFRawStream) {
    const known = written.get(s);
    if (known) return known;
    const filter = s.dict.lookup(PDFName.of('Filter'));
    const only = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter;
    if (only === FLATE && !s.dict.has(PDFName.of('DecodeParms'))) {
      try {
        return inflateSync(s.contents);
      } catch {
        // Decoded (or refused) by pdf-lib, as before.
      }
    }
    return decodePDFRawStream(s).decode();
  }
  if (s instanceof PDFStream) return (s as unknown as { getUnencodedContents(): Uint8Array }).getUnencodedContents();
  return new Uint8Array();
}

/** A stream's decoded bytes as a string of bytes (latin1): content streams are parsed so. */
export function streamText(s: PDFObject | undefined): string {
  const bytes = streamBytes(s);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** A /FlateDecode stream of `contents` (bytes, or a latin1 string of bytes), unregistered. */
export function flateStream(ctx: PDFContext, contents: Uint8Array | string, dict: StreamDict = {}): PDFRawStream {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents;
  const stream = ctx.stream(deflateSync(bytes), { ...dict, Filter: 'FlateDecode' });
  written.set(stream, bytes);
  return stream;
}

/** The same, registered: its reference. */
export function registerFlate(ctx: PDFContext, contents: Uint8Array | string, dict: StreamDict = {}): PDFRef {
  return ctx.register(flateStream(ctx, contents, dict));
}
