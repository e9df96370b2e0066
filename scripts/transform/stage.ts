/**
 * The transform as a stage: one part's Markdown to HTML, a function of one input object (and
 * of the code this module imports). Everything the transform depends on is a field of that
 * object, so the stage's cache key (scripts/lib/stage.ts) cannot leave one out: the text, its
 * file, language and kind, where its notes start, the charts it may name, its quotation marks,
 * the questionnaire's fields, the contact panel's labels, and, only when the text has
 * {{figures}}, the entries and messages they are computed from (and the other editions'
 * manifests when a figure compares years).
 */
import type { PartKind } from '../compose/document.js';
import { linkEdition } from '../data/editions.js';
import { evaluate } from '../data/expressions.js';
import { numberFormat } from '../data/format.js';
import { Dataset } from '../data/metrics.js';
import type { Diagnostic } from '../lib/diagnostics.js';
import { defineStage } from '../lib/stage.js';
import type { Entry, Language, Messages } from '../validate/schema.js';
import { hyphenatorFor } from './hyphenation.js';
import { transformMarkdown } from './markdown.js';
import type { ContactLabels } from './plugins/rehype-contact-block.js';
import type { QuoteStyle } from './plugins/rehype-quotes.js';
import type { Field } from './plugins/remark-fields.js';

export interface TransformStageInput {
  /** The Markdown file (diagnostics name it). */
  file: string;
  text: string;
  /** The language the text is in (its hyphenation, and its figures' language). */
  lang: Language;
  kind: PartKind;
  /** The number of the part's first footnote. */
  firstFootnote: number;
  /** The charts a chart block may name. */
  knownCharts: string[];
  quotes: QuoteStyle;
  /** The preview's draft: source lines on blocks. */
  sourcePositions: boolean;
  /** Of a section: the questionnaire's fields in the text's language. */
  fields?: {
    fields: Record<string, Field>;
    /** A part standing in for a missing translation prints the edition's labels: key → label. */
    labels?: Record<string, string>;
    /** Fields printed elsewhere, left out when their item is only a number. */
    omit?: readonly string[];
  };
  /** Of a section: the contact panel's labels. */
  contacts?: ContactLabels;
  /** Only when the text has {{figures}}: what they are computed from. */
  figures?: {
    entries: Entry[];
    /** The messages of the text's language (number format, list separators). */
    messages: Messages;
    /** The edition's year and the content folder holding the other editions. */
    year: string;
    contentDir: string;
    /** Only when a figure names another edition (edition=, change): every edition's manifest hash. */
    editions?: string;
  };
  /** Of an English text: the Latvian originals of the termbase. */
  latvianOriginals?: string[];
}

export interface TransformStageOutput {
  html: string;
  footnoteCount: number;
  diagnostics: Diagnostic[];
  /** What each {{expression}} printed, in order. */
  said: [string, string][];
}

/** Whether a text's figures name another edition (then its key has the other manifests). */
export const comparesEditions = (text: string) => /edition=|\{\{\s*change\b/.test(text);

/** One figure evaluator per entries, language and messages: the dataset's work is shared by the parts. */
const evaluators = new WeakMap<Entry[], Map<string, { messages: Messages; fn: (expr: string) => string }>>();
function evaluatorFor(figures: NonNullable<TransformStageInput['figures']>, lang: Language): (expr: string) => string {
  let byLang = evaluators.get(figures.entries);
  if (!byLang) evaluators.set(figures.entries, (byLang = new Map()));
  const id = `${lang}\0${figures.year}\0${figures.contentDir}`;
  let hit = byLang.get(id);
  if (!hit || hit.messages !== figures.messages) {
    const m = figures.messages;
    const data = linkEdition(new Dataset(figures.entries, lang), figures.contentDir, figures.year);
    const nf = numberFormat(m);
    hit = { messages: m, fn: (expr) => evaluate(expr, data, nf, { separator: m.listSeparator, last: m.listLastSeparator }).text };
    byLang.set(id, hit);
  }
  return hit.fn;
}

export const transformStage = defineStage<TransformStageInput, TransformStageOutput>({
  name: 'transform',
  module: import.meta.url,
  run(input) {
    const said: [string, string][] = [];
    const figure = input.figures ? evaluatorFor(input.figures, input.lang) : undefined;
    const labels = input.fields?.labels;
    const t = transformMarkdown({
      file: input.file,
      text: input.text,
      firstFootnote: input.firstFootnote,
      knownCharts: new Set(input.knownCharts),
      contactBlock: input.contacts,
      evaluate: figure
        ? (expr: string) => {
            const text = figure(expr);
            said.push([expr, text]);
            return text;
          }
        : undefined,
      quotes: input.quotes,
      hyphenate: hyphenatorFor(input.lang),
      sourcePositions: input.sourcePositions,
      fields: input.fields ? { fields: input.fields.fields, display: labels ? (k: string) => (Object.hasOwn(labels, k) ? labels[k] : undefined) : undefined, omit: input.fields.omit } : undefined,
      ...(input.latvianOriginals ? { latvianOriginals: input.latvianOriginals } : {}),
    });
    return { html: t.html, footnoteCount: t.footnoteCount, diagnostics: t.diagnostics, said };
  },
  // A part with errors is computed again next time: the build stops on it anyway.
  keep: (out) => !out.diagnostics.some((d) => (d.severity ?? 'error') === 'error'),
});
