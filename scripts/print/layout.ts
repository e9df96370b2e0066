/**
 * The page layout code (scripts/print/layout/: one module per rule over the frame of page-sized
 * columns), bundled into one script for the page: the print stage evaluates it before printing
 * and the preview serves it to its paged view.
 *
 * Bundled with esbuild, not concatenated: the modules keep real imports (each says what it
 * uses, tests can bundle one rule with its frame), and esbuild is already installed as the
 * engine of tsx, which runs every script of the project; bundling the five files takes a few
 * milliseconds, once per process.
 */
import { createHash } from 'node:crypto';
import { buildSync, stop } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The global the bundle defines in the page: `__layout.start(settings)`. */
export const LAYOUT_GLOBAL = '__layout';

const cache = new Map<string, string>();

/** The bundle of a module of scripts/print/layout/ (default: the whole layout, index.js) as an IIFE that defines LAYOUT_GLOBAL. */
export function layoutScript(entry = 'index.js'): string {
  let code = cache.get(entry);
  if (!code) {
    const out = buildSync({
      entryPoints: [fileURLToPath(new URL(`./layout/${entry}`, import.meta.url))],
      bundle: true,
      format: 'iife',
      globalName: LAYOUT_GLOBAL,
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
    });
    code = out.outputFiles[0]!.text;
    cache.set(entry, code);
    // The layout is bundled as the print starts, after the stages' import graphs: esbuild's
    // synchronous API keeps a worker thread and a service process alive (~30 MB of a cold
    // build's peak), and nothing needs them during the print. A later call starts them again.
    stop();
  }
  return code;
}

/** A script for page.evaluate: defines the layout and starts it with `settings`; its value is the number of parts. */
export const startLayout = (settings: object) => `${layoutScript()}\n${LAYOUT_GLOBAL}.start(${JSON.stringify(settings)});`;

/** A hash of the layout code as the page runs it: part of the design key of print units (`printUnits({ design })`). */
export const layoutKey = (): string => createHash('sha256').update(layoutScript()).digest('hex');
