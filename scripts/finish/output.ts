/**
 * Stage 7 — finish: files are built in a staging folder next to the target and moved into
 * place only when everything succeeded, so out/ never holds a half-written edition and a
 * failed build leaves the last good output where it was.
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, mkdtempSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

export interface Staging {
  dir: string;
  /** Move the staging folder onto `target`, replacing what was there. */
  commit(): void;
  /** Remove the staging folder (after a failure). */
  discard(): void;
}

export function stage(target: string): Staging {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, `.${basename(target)}.staging-`));
  chmodSync(dir, 0o755); // mkdtemp makes it private; the output is for everyone who reads out/
  return {
    dir,
    commit() {
      const old = existsSync(target) ? `${dir}.old` : undefined;
      if (old) renameSync(target, old);
      renameSync(dir, target);
      if (old) rmSync(old, { recursive: true, force: true });
    },
    discard() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
