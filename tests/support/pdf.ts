/** Reading a built PDF with poppler-utils, as an independent check of what the pipeline says. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/**
 * Text of every page (index 0 = page 1). `raw` keeps the content stream's order and does not
 * de-hyphenate (the default mode joins "EDU-" at a line end with the next line, even with a
 * page number).
 */
export function pageTexts(pdf: string, { raw = false } = {}): string[] {
  return run('pdftotext', ['-enc', 'UTF-8', ...(raw ? ['-raw'] : []), pdf, '-']).split('\f').slice(0, -1);
}

export function pageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))![1]);
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
}

export function fonts(pdf: string): FontRow[] {
  return run('pdffonts', [pdf])
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      // name, then type (may contain spaces), encoding, emb, sub, uni, object, id
      const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line.trim());
      if (!m) throw new Error(`unreadable pdffonts line: ${line}`);
      return { name: m[1]!, type: m[2]!, embedded: m[4] === 'yes' };
    });
}

export interface LinkAnnotation {
  page: number;
  uri?: string;
  dest?: string;
  /** [x1, y1, x2, y2] in PDF user space (origin bottom-left). */
  rect: number[];
}

/** Link annotations of every page, from qpdf's JSON view of the file. */
export function linkAnnotations(pdf: string): LinkAnnotation[] {
  const json = JSON.parse(run('qpdf', ['--json', '--json-key=pages', '--json-key=qpdf', pdf])) as {
    pages: { object: string; pageposfrom1: number }[];
    objects?: Record<string, unknown>;
    qpdf?: [unknown, Record<string, { value?: Record<string, unknown> }>];
  };
  const objects: Record<string, unknown> = json.objects ?? Object.fromEntries(Object.entries(json.qpdf?.[1] ?? {}).map(([k, v]) => [k.replace(/^obj:/, ''), v.value]));
  const get = (ref: unknown) => (typeof ref === 'string' ? (objects[ref] as Record<string, unknown> | undefined) : (ref as Record<string, unknown> | undefined));
  const out: LinkAnnotation[] = [];
  for (const page of json.pages) {
    const annots = get(get(page.object)?.['/Annots']) ?? get(page.object)?.['/Annots'];
    for (const ref of (Array.isArray(annots) ? annots : []) as unknown[]) {
      const a = get(ref);
      if (a?.['/Subtype'] !== '/Link') continue;
      const action = get(a['/A']);
      const uri = action?.['/URI'];
      const rect = (get(a['/Rect']) ?? a['/Rect']) as unknown;
      out.push({ page: page.pageposfrom1, uri: typeof uri === 'string' ? uri.replace(/^u:/, '') : undefined, dest: typeof a['/Dest'] === 'string' ? a['/Dest'] : undefined, rect: (Array.isArray(rect) ? rect : []).map(Number) });
    }
  }
  return out;
}

export interface Word {
  /** Top-left origin, in points (pdftotext's view of the page). */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The words of one page with their boxes in points, top left origin (pdftotext -bbox). */
export function pageWords(pdf: string, page: number): Word[] {
  const xml = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-']);
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!.replace(/&(amp|lt|gt|quot|apos);/g, (_e, k: string) => entities[k]!),
  }));
}

export interface Raster {
  width: number;
  height: number;
  /** Points per pixel. */
  scale: number;
  /** Grey level 0 (black) … 255 (white) at a point of the page, in points from the top left. */
  grey(x: number, y: number): number;
}

/** One page rendered in greys (pdftoppm), to read what is drawn rather than written. */
export function pageRaster(pdf: string, page: number, dpi = 144): Raster {
  const out = mkdtempSync(join(tmpdir(), 'raster-'));
  try {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, join(out, 'p')]);
    const data = readFileSync(join(out, 'p.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.toString('latin1', 0, 40))!;
    const [width, height, offset] = [Number(header[1]), Number(header[2]), header[0].length];
    const scale = 72 / dpi;
    return { width, height, scale, grey: (x, y) => data[offset + Math.round(y / scale) * width + Math.round(x / scale)]! };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Every page's size and words with their boxes, from `pdftotext -bbox-layout`. */
export function allPageWords(pdf: string): { width: number; height: number; words: Word[] }[] {
  const xml = run('pdftotext', ['-bbox-layout', pdf, '-']);
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const [, width, height] = /^width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
      const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({
        text: m[5]!,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      }));
      return { width: Number(width), height: Number(height), words };
    });
}

/** A page box of every page ("TrimBox", "BleedBox", "MediaBox"), as [x1, y1, x2, y2], from pdfinfo. */
export function pageBoxes(pdf: string, box: string): number[][] {
  const info = run('pdfinfo', ['-box', '-f', '1', '-l', String(pageCount(pdf)), pdf]);
  return [...info.matchAll(new RegExp(`^Page\\s+\\d+ ${box}:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)`, 'gm'))].map((m) => m.slice(1, 5).map(Number));
}
