/**
 * Width of a chart text in the font that prints it: the advance widths of Source Sans 3, read
 * from the same @fontsource package the report embeds (its WOFF files: zlib-compressed tables,
 * which node reads without a font library). The charts are laid out before the browser sees
 * them, so a label is wrapped to its column by these widths, not by a guess per character.
 * Kerning is left out: it narrows Latin text by a point or two per line at most, so a text
 * measured here is never shorter than the printed one by more than that.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);

export type Weight = 400 | 600 | 700;

interface Metrics {
  unitsPerEm: number;
  /** Advance width in font units, by code point. */
  advance: Map<number, number>;
}

function woffTables(file: string): Map<string, Buffer> {
  const data = readFileSync(file);
  if (data.toString('latin1', 0, 4) !== 'wOFF') throw new Error(`${file}: not a WOFF font`);
  const tables = new Map<string, Buffer>();
  for (let i = 0, n = data.readUInt16BE(12); i < n; i++) {
    const at = 44 + 20 * i;
    const tag = data.toString('latin1', at, at + 4);
    const offset = data.readUInt32BE(at + 4);
    const compressed = data.readUInt32BE(at + 8);
    const length = data.readUInt32BE(at + 12);
    const raw = data.subarray(offset, offset + compressed);
    tables.set(tag, compressed < length ? inflateSync(raw) : raw);
  }
  return tables;
}

/** Code point → glyph id from a format 4 subtable of 'cmap' (the Unicode BMP one). */
function cmap4(cmap: Buffer): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0, n = cmap.readUInt16BE(2); i < n; i++) {
    const platform = cmap.readUInt16BE(4 + 8 * i);
    const encoding = cmap.readUInt16BE(6 + 8 * i);
    const t = cmap.readUInt32BE(8 + 8 * i);
    if (!((platform === 3 && encoding === 1) || platform === 0) || cmap.readUInt16BE(t) !== 4) continue;
    const segments = cmap.readUInt16BE(t + 6) / 2;
    const ends = t + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const offsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      const end = cmap.readUInt16BE(ends + 2 * s);
      const start = cmap.readUInt16BE(starts + 2 * s);
      const delta = cmap.readInt16BE(deltas + 2 * s);
      const rangeOffset = cmap.readUInt16BE(offsets + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const g = cmap.readUInt16BE(offsets + 2 * s + rangeOffset + 2 * (c - start));
          glyph = g === 0 ? 0 : (g + delta) & 0xffff;
        }
        if (glyph !== 0) out.set(c, glyph);
      }
    }
    return out;
  }
  throw new Error('no Unicode format 4 cmap');
}

function readMetrics(files: string[]): Metrics {
  const advance = new Map<number, number>();
  let unitsPerEm = 0;
  for (const file of files) {
    const t = woffTables(file);
    const head = t.get('head')!;
    const hhea = t.get('hhea')!;
    const hmtx = t.get('hmtx')!;
    unitsPerEm = head.readUInt16BE(18);
    const long = hhea.readUInt16BE(34);
    const width = (glyph: number) => hmtx.readUInt16BE(4 * Math.min(glyph, long - 1));
    for (const [code, glyph] of cmap4(t.get('cmap')!)) if (!advance.has(code)) advance.set(code, width(glyph));
  }
  return { unitsPerEm, advance };
}

const cache = new Map<Weight, Metrics>();

function metrics(weight: Weight): Metrics {
  let m = cache.get(weight);
  if (!m) {
    const dir = join(dirname(require.resolve('@fontsource/source-sans-3/package.json')), 'files');
    // The same two subsets the report embeds (compose/fonts.ts): together every Latvian letter.
    m = readMetrics(['latin', 'latin-ext'].map((subset) => join(dir, `source-sans-3-${subset}-${weight}-normal.woff`)));
    cache.set(weight, m);
  }
  return m;
}

/** Width in points of `text` set in Source Sans 3 at `size` points. */
export function textWidth(text: string, size: number, weight: Weight = 400): number {
  const { unitsPerEm, advance } = metrics(weight);
  const fallback = advance.get(0x4d)!; // a character the font lacks prints as a fallback glyph: count it as an M
  let units = 0;
  for (const ch of text) units += advance.get(ch.codePointAt(0)!) ?? fallback;
  return (units * size) / unitsPerEm;
}
