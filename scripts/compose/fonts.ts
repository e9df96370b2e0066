/**
 * Fonts come from npm packages (@fontsource), never from the system, so the PDF is the same
 * on every machine. Only the latin and latin-ext subsets are used: together they cover every
 * Latvian letter (ā č ē ģ ī ķ ļ ņ š ū ž). Real bold and italic files are listed, so the
 * browser never synthesises a style (a faked bold prints as a Type 3 font).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

interface Face {
  family: string;
  pkg: string;
  weight: number;
  style: 'normal' | 'italic';
}

export const FAMILIES = {
  text: 'Source Serif 4',
  heading: 'Source Sans 3',
} as const;

const FACES: Face[] = [
  ...([400, 600, 700] as const).flatMap((weight) =>
    (['normal', 'italic'] as const).map((style) => ({ family: FAMILIES.text, pkg: '@fontsource/source-serif-4', weight, style })),
  ),
  ...([400, 600, 700] as const).flatMap((weight) =>
    (['normal', 'italic'] as const).map((style) => ({ family: FAMILIES.heading, pkg: '@fontsource/source-sans-3', weight, style })),
  ),
];

/** unicode-range of each subset, as fontsource declares them. */
const SUBSETS = {
  latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext': 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
} as const;

export interface FontFile {
  /** Absolute path of the woff2 file in node_modules. */
  source: string;
  /** File name under assets/fonts/. */
  name: string;
}

export function fontFiles(): FontFile[] {
  return FACES.flatMap((face) =>
    Object.keys(SUBSETS).map((subset) => {
      const base = face.pkg.split('/')[1];
      const name = `${base}-${subset}-${face.weight}-${face.style}.woff2`;
      const pkgDir = dirname(require.resolve(`${face.pkg}/package.json`));
      return { source: join(pkgDir, 'files', name), name };
    }),
  );
}

/** @font-face rules pointing at assets/fonts/. */
export function fontFaceCss(): string {
  return FACES.flatMap((face) =>
    Object.entries(SUBSETS).map(([subset, range]) => {
      const base = face.pkg.split('/')[1];
      return `@font-face{font-family:"${face.family}";font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(fonts/${base}-${subset}-${face.weight}-${face.style}.woff2) format("woff2");unicode-range:${range};}`;
    }),
  ).join('\n');
}
