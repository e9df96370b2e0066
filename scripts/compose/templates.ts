/**
 * Handlebars set up on the templates/ folder: every .hbs file is a partial by its name.
 *
 * Before anything renders, every template is read as a syntax tree and checked: a partial or
 * helper it names must exist, and every `messages.…` key it uses must be in the language's
 * message file; each problem names the template, its line, and the key and language.
 * Values are escaped by Handlebars ({{…}}); {{{…}}} is only for HTML the pipeline sanitised.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { BuildError, type Diagnostic } from '../lib/diagnostics.js';
import { nearest } from '../lib/nearest.js';
import type { Language } from '../validate/schema.js';

export type Render = (context: object) => string;

const HELPERS = ['upper', 'join', 'lines'] as const;
const BUILT_IN = ['if', 'unless', 'each', 'with', 'lookup', 'log'];

type Node = { type: string; loc?: { start: { line: number; column: number } }; [k: string]: unknown };

/** Problems of the templates in `dir`, checked against the partials, helpers and messages. */
export function checkTemplates(dir: string, messages: object, lang: string): Diagnostic[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.hbs'));
  const partials = files.map((f) => basename(f, '.hbs'));
  const helpers = [...HELPERS, ...BUILT_IN];
  const out: Diagnostic[] = [];
  for (const f of files) {
    const file = join(dir, f);
    let ast: Node;
    try {
      ast = Handlebars.parse(readFileSync(file, 'utf8')) as unknown as Node;
    } catch (err) {
      const m = /line (\d+)/.exec(String(err));
      out.push({ file, line: m ? Number(m[1]) : 1, message: `template syntax: ${String((err as Error).message).split('\n')[0]}` });
      continue;
    }
    const at = (n: Node) => ({ file, line: n.loc?.start.line ?? 1, column: (n.loc?.start.column ?? 0) + 1 });
    const walk = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      if (Array.isArray(n)) return n.forEach(walk);
      const node = n as Node;
      if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
        const name = node.name as Node;
        if (name.type === 'PathExpression' && !partials.includes(String(name.original))) {
          const close = nearest(String(name.original), partials);
          out.push({ ...at(node), message: `template names a missing partial "{{> ${name.original}}}"`, hint: close ? `did you mean "${close}"? partials are the .hbs files of ${dir}` : `partials are the .hbs files of ${dir}: ${partials.join(', ')}` });
        }
      }
      if ((node.type === 'MustacheStatement' || node.type === 'SubExpression' || node.type === 'BlockStatement') && Array.isArray(node.params) && (node.params.length > 0 || node.hash)) {
        const path = node.path as Node;
        if (path.type === 'PathExpression' && !helpers.includes(String(path.original))) {
          const close = nearest(String(path.original), helpers);
          out.push({ ...at(node), message: `template calls a missing helper "${path.original}"`, hint: close ? `did you mean "${close}"? helpers: ${helpers.join(', ')}` : `helpers: ${helpers.join(', ')}` });
        }
      }
      if (node.type === 'PathExpression' && typeof node.original === 'string' && node.original.startsWith('messages.')) {
        const keys = node.original.split('.').slice(1);
        let v: unknown = messages;
        let known: string[] = [];
        for (const k of keys) {
          known = v && typeof v === 'object' ? Object.keys(v) : [];
          v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
          if (v === undefined) break;
        }
        if (v === undefined) {
          const close = nearest(keys.at(-1)!, known);
          out.push({ ...at(node), message: `template uses the message "${keys.join('.')}", which templates/messages/${lang}.yaml does not define (language "${lang}")`, hint: close ? `did you mean "${close}"? or add the key to every language's message file` : 'add the key to every language\'s message file' });
        }
      }
      for (const [k, v] of Object.entries(node)) if (k !== 'loc') walk(v);
    };
    walk(ast);
  }
  return out;
}

export function loadTemplates(dir: string, lang: Language, messages?: object): Render {
  if (messages) {
    const problems = checkTemplates(dir, messages, lang);
    if (problems.length) throw new BuildError(problems);
  }
  const hb = Handlebars.create();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(basename(f, '.hbs'), readFileSync(join(dir, f), 'utf8'));
  }
  hb.registerHelper('upper', (s: unknown) => String(s ?? '').toLocaleUpperCase(lang));
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(String(sep)) : ''));
  hb.registerHelper('lines', (list: unknown) =>
    new Handlebars.SafeString((Array.isArray(list) ? list : [list]).map((l) => Handlebars.escapeExpression(String(l))).join('<br>')),
  );
  const template = hb.compile(readFileSync(join(dir, 'layout.hbs'), 'utf8'), { strict: true });
  return (context) => {
    try {
      return template(context);
    } catch (err) {
      // What the static check cannot see: a value the layout expects and the data lacks.
      throw new BuildError([{ file: join(dir, 'layout.hbs'), message: `a template failed: ${(err as Error).message.split('\n')[0]}`, hint: 'a template uses a name the build does not provide; check its spelling against compose/document.ts' }]);
    }
  };
}

/** Files the build writes into assets/ itself; every other assets/… a template names is the edition's. */
const OWN_ASSETS = ['fonts.css', 'report.css'];

/** Every edition asset a template names (assets/…) must be in the edition's assets folder. */
export function checkAssets(dir: string, assetsDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    readFileSync(join(dir, f), 'utf8').split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/assets\/([\w.-]+)/g)) {
        const name = m[1]!;
        if (OWN_ASSETS.includes(name) || existsSync(join(assetsDir, name))) continue;
        out.push({ file: join(dir, f), line: i + 1, column: m.index + 1, message: `the template uses assets/${name}, which the edition does not have (${join(assetsDir, name)} is missing)`, hint: `put the file in ${assetsDir} (see the README there for the official logos)` });
      }
    });
  }
  return out;
}
