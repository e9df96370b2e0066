/**
 * The build's heap policy, for Node (the CLI, `applyHeapPolicy`) and for the print browser's
 * renderer (scripts/print/browser.ts, `--js-flags`). V8 lets the old generation grow to up to
 * four times what survived the last full collection before it collects again. A print
 * batch's finishing and preflight make pdf-lib and pdfjs objects that live a second or two
 * (promoted, then garbage): Node grew to ~490 MB of PSS at a cold build's peak while ~55 MB of
 * its heap were alive (a heap snapshot after the third batch's finish); the layout's spacing
 * trials do the same in the renderer. A fixed growing factor of 1.3 collects that garbage as
 * it goes. Measured on cold builds of the 2025 report (peak PSS of Node and every process it
 * starts, the bench's measure): Node ~490 -> ~330 MB, the renderer ~220-270 -> ~205 MB, the
 * whole tree ~1,010 -> ~800 MB, wall time unchanged (17-18 s on the same machine).
 */
import { setFlagsFromString } from 'node:v8';

/** Old-generation growth after a full collection: 1 + this / 100 times what survived it. */
export const HEAP_GROWING_PERCENT = 30;

/** The V8 flag, as Node and Chromium's `--js-flags` take it. */
export const HEAP_FLAGS = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;

/**
 * Sets the policy for this process and its worker threads (V8's flags are the process's).
 * Takes effect from the next collection.
 */
export function applyHeapPolicy(): void {
  setFlagsFromString(HEAP_FLAGS);
}
