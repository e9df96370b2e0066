/** Where things are. Everything else takes these paths as arguments. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildError } from './lib/diagnostics.js';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Paths {
  root: string;
  content: string;
  templates: string;
  styles: string;
  out: string;
}

export function defaultPaths(root = projectRoot): Paths {
  return {
    root,
    content: join(root, 'content'),
    templates: join(root, 'templates'),
    styles: join(root, 'styles'),
    out: join(root, 'out'),
  };
}

/** The newest edition is the highest-numbered folder in content/ that has a manifest. */
export function latestEdition(contentDir: string): string {
  const editions = existsSync(contentDir)
    ? readdirSync(contentDir).filter((d) => /^\d{4}$/.test(d) && existsSync(join(contentDir, d, 'manifest.yaml')))
    : [];
  if (editions.length === 0) {
    throw new BuildError([{ file: contentDir, message: 'no edition found', hint: 'an edition is a folder like content/2025/ with a manifest.yaml' }]);
  }
  return editions.sort().at(-1)!;
}

/** The languages an edition's manifest lists, read without validating the rest (for --lang all). */
export function editionLanguages(contentDir: string, edition: string): string[] {
  const file = join(contentDir, edition, 'manifest.yaml');
  const m = existsSync(file) ? /^\s*languages:\s*\[([^\]]*)\]/m.exec(readFileSync(file, 'utf8')) : null;
  return m ? m[1]!.split(',').map((s) => s.trim()).filter(Boolean) : ['lv'];
}
