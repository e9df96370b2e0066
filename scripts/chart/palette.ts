/**
 * The charts' colours are declared once, as custom properties in the :root rule of
 * styles/report.css (--chart-1 … --chart-n, --chart-highlight, --chart-ink, --chart-muted,
 * --chart-paper). The SVG refers to them by name (style="fill:var(--chart-2)"), so the
 * stylesheet alone sets the colours; this module reads their values only to choose, by WCAG
 * contrast, the text colour of a label that stands on a colour.
 */
import { readFileSync } from 'node:fs';
import { BuildError } from '../lib/diagnostics.js';

/** WCAG 2 minimum contrast of normal-size text. */
export const MIN_CONTRAST = 4.5;

export interface Palette {
  file: string;
  /** Custom properties of :root, var() references resolved: name (with --) → colour as written. */
  colours: Map<string, { value: string; line: number }>;
  /** The series colours, --chart-1 … --chart-n in order (names). */
  series: string[];
}

const ROLES = ['--chart-highlight', '--chart-ink', '--chart-muted', '--chart-paper'] as const;

export function readPalette(file: string): Palette {
  // Comments blanked out, their line breaks kept: a declaration's line stays its line.
  const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const root = /^:root\s*\{([^}]*)\}/m.exec(css);
  if (!root) throw new BuildError([{ file, message: 'no :root rule with the chart colours', hint: 'declare --chart-1 … and --chart-ink in :root' }]);
  const start = root.index + root[0].indexOf('{') + 1;
  const raw = new Map<string, { value: string; line: number }>();
  for (const m of root[1]!.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    raw.set(m[1]!, { value: m[2]!.trim(), line: css.slice(0, start + m.index!).split('\n').length });
  }
  const resolve = (name: string, seen: string[] = []): { value: string; line: number } => {
    const v = raw.get(name);
    if (!v) throw new BuildError([{ file, message: `${seen.length ? `${seen.at(-1)} refers to` : 'missing'} ${name}, which :root does not declare` }]);
    const ref = /^var\((--[\w-]+)\)$/.exec(v.value);
    if (!ref) return v;
    if (seen.includes(name)) throw new BuildError([{ file, line: v.line, message: `${name} refers to itself through var()` }]);
    return { value: resolve(ref[1]!, [...seen, name]).value, line: v.line };
  };
  const colours = new Map<string, { value: string; line: number }>();
  const series = [...raw.keys()].filter((k) => /^--chart-\d+$/.test(k)).sort((a, b) => Number(a.slice(8)) - Number(b.slice(8)));
  if (series.length === 0) throw new BuildError([{ file, message: 'no chart colours in :root', hint: 'declare --chart-1, --chart-2, … in the :root rule' }]);
  for (const name of [...series, ...ROLES]) {
    const c = resolve(name);
    if (!rgb(c.value)) throw new BuildError([{ file, line: c.line, message: `${name}: "${c.value}" is not a colour the charts can use`, hint: 'write it as #rrggbb or #rgb' }]);
    colours.set(name, c);
  }
  return { file, colours, series };
}

function rgb(hex: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) return undefined;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex)!.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The text colour for a label on the colour `background` (a palette name): ink or paper,
 * whichever contrasts more. A palette where neither reaches 4.5:1 stops the build there.
 */
export function textOn(palette: Palette, background: string): '--chart-ink' | '--chart-paper' {
  const bg = palette.colours.get(background)!;
  const [best, ratio] = (['--chart-ink', '--chart-paper'] as const)
    .map((t) => [t, contrast(palette.colours.get(t)!.value, bg.value)] as const)
    .sort((a, b) => b[1] - a[1])[0]!;
  if (ratio < MIN_CONTRAST) {
    throw new BuildError([{ file: palette.file, line: bg.line, message: `${background} (${bg.value}): no chart text colour reaches ${MIN_CONTRAST}:1 on it (best ${ratio.toFixed(2)}:1)`, hint: 'make the colour darker or lighter, or change --chart-ink / --chart-paper' }]);
  }
  return best;
}

/** Fill by a palette name: the SVG never holds a colour, only the name. */
export const fill = (name: string) => `fill:var(${name})`;
export const stroke = (name: string) => `stroke:var(${name})`;
