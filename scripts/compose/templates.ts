/** Handlebars set up on the templates/ folder: every .hbs file is a partial by its name. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { Language } from '../validate/schema.js';

export type Render = (context: object) => string;

export function loadTemplates(dir: string, lang: Language): Render {
  const hb = Handlebars.create();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(basename(f, '.hbs'), readFileSync(join(dir, f), 'utf8'));
  }
  hb.registerHelper('upper', (s: unknown) => String(s ?? '').toLocaleUpperCase(lang));
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(String(sep)) : ''));
  hb.registerHelper('lines', (list: unknown) =>
    new Handlebars.SafeString((Array.isArray(list) ? list : [list]).map((l) => Handlebars.escapeExpression(String(l))).join('<br>')),
  );
  return hb.compile(readFileSync(join(dir, 'layout.hbs'), 'utf8'), { strict: true });
}
