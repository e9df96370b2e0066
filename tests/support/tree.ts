/** A folder as data: every file's and link's path with a hash of its bytes (or the link's target). */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(root) && !isLink(root)) return out;
  const walk = (p: string) => {
    const st = lstatSync(p);
    const key = relative(root, p) || '.';
    if (st.isSymbolicLink()) {
      out[key] = `-> ${readlinkSync(p)}`;
      walk2(p);
    } else if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) walk(join(p, f));
    } else out[key] = createHash('sha256').update(readFileSync(p)).digest('hex');
  };
  // A link at the root (out/<edition>/<lang> is one) is followed once.
  const walk2 = (p: string) => {
    for (const f of readdirSync(p).sort()) walk(join(p, f));
  };
  walk(root);
  return out;
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
