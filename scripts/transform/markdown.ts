/**
 * Stage 3 — transform: one Markdown source to sanitised HTML. A pure function of its
 * inputs (text, first footnote number, known charts), so its output can be cached by a
 * hash of them.
 *
 * remark-parse → remark-gfm → [supported constructs, raw HTML allow-list, global footnotes,
 * chart blocks, figures] → remark-rehype → rehype-raw →
 * rehype-sanitize (nothing from content survives that is not on the allow-list) →
 * [text setting: quotation marks, URLs; trusted structure: contact block; soft hyphens;
 * source lines (preview only)] → rehype-stringify
 */
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Diagnostic } from '../lib/diagnostics.js';
import remarkChartBlocks, { type ChartData } from './plugins/remark-chart-blocks.js';
import remarkExpressions, { type Evaluate } from './plugins/remark-expressions.js';
import remarkGlobalFootnotes, { type FootnoteData } from './plugins/remark-global-footnotes.js';
import remarkRawHtml from './plugins/remark-raw-html.js';
import remarkSupported from './plugins/remark-supported.js';
import remarkFields, { type Options as FieldOptions } from './plugins/remark-fields.js';
import rehypeContactBlock, { type ContactLabels } from './plugins/rehype-contact-block.js';
import rehypeSignature from './plugins/rehype-signature.js';
import rehypeHyphenate, { type Hyphenator } from './plugins/rehype-hyphenate.js';
import rehypeLangLv from './plugins/rehype-lang-lv.js';
import rehypeQuotes, { type QuoteStyle } from './plugins/rehype-quotes.js';
import rehypeSourceLines from './plugins/rehype-source-lines.js';
import rehypeUrlBreaks from './plugins/rehype-url-breaks.js';

export interface TransformInput {
  file: string;
  text: string;
  /** Number of the first footnote in this document. */
  firstFootnote: number;
  knownCharts?: ReadonlySet<string>;
  /** Sections end with a contact block after a thematic break: the panel's labels (messages `contacts:`). */
  contactBlock?: ContactLabels;
  /** Figures in prose: {{ expression }} → text. */
  evaluate?: Evaluate;
  /** The quotation marks of the text's language (messages `quotes:`); left as typed when undefined. */
  quotes?: QuoteStyle;
  /** Soft hyphens for the document's language; none when undefined. */
  hyphenate?: Hyphenator;
  /** Of an English text: <em> holding a Latvian original (these termbase names, or a Latvian letter) is marked lang="lv". */
  latvianOriginals?: readonly string[];
  /** Of a section: the questionnaire's fields its labels are recognised against. */
  fields?: FieldOptions;
  /** The preview's draft: data-source-line on paragraphs, list items and headings. */
  sourcePositions?: boolean;
}

export interface TransformOutput {
  html: string;
  footnoteCount: number;
  charts: string[];
  diagnostics: Diagnostic[];
}

type AttributeRules = NonNullable<SanitizeSchema['attributes']>[string];
const withoutClass = (rules: AttributeRules | undefined): AttributeRules =>
  (rules ?? []).filter((r) => (Array.isArray(r) ? r[0] : r) !== 'className');

/** What content may produce: GitHub's allow-list plus the classes our own plugins emit. */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  clobber: [],
  // What the report prints: no images, forms, media or embeds (GitHub's list, less those).
  tagNames: ['a', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'figure', 'h2', 'h3', 'hr', 'li', 'ol', 'p', 'pre', 's', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'],
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), ['id', /^fnref-\d+$/]],
    li: [...withoutClass(defaultSchema.attributes?.li), ['id', /^fn-\d+$/], ['className', 'task-list-item', 'field', /^field--[a-z-]+$/], ['dataField', /^[a-zA-Z-]+$/]],
    strong: [['className', 'field__label']],
    sup: [['className', 'fn-ref']],
    ol: [...withoutClass(defaultSchema.attributes?.ol), ['className', 'footnotes', 'contains-task-list']],
    figure: [['className', 'chart'], ['dataChart', /^[a-z0-9-]+$/]],
  },
};

export function transformMarkdown(input: TransformInput): TransformOutput {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkSupported, { section: Boolean(input.contactBlock) })
    .use(remarkRawHtml);
  // A section's fields are recognised against the questionnaire (its labels in the messages).
  if (input.fields) processor.use(remarkFields, input.fields);
  processor
    .use(remarkGlobalFootnotes, { start: input.firstFootnote })
    .use(remarkChartBlocks, { known: input.knownCharts })
    .use(remarkExpressions, { evaluate: input.evaluate })
    // Only <sup>, <sub> and <br> survive remark-raw-html; rehype-raw makes them elements.
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema);
  if (input.latvianOriginals) processor.use(rehypeLangLv, { originals: input.latvianOriginals });
  if (input.quotes) processor.use(rehypeQuotes, { quotes: input.quotes });
  // URLs shown decoded, with line breaks only after / . - =
  processor.use(rehypeUrlBreaks);
  if (input.contactBlock) processor.use(rehypeContactBlock, input.contactBlock);
  // A chapter's closing signature (foreword, afterword): one markup in every chapter.
  else processor.use(rehypeSignature);
  if (input.hyphenate) processor.use(rehypeHyphenate, { hyphenate: input.hyphenate });
  if (input.sourcePositions) processor.use(rehypeSourceLines);
  processor.use(rehypeStringify);

  const file = processor.processSync({ path: input.file, value: input.text });
  const diagnostics: Diagnostic[] = file.messages.map((m) => ({
    file: input.file,
    line: m.line ?? undefined,
    column: m.column ?? undefined,
    message: m.reason,
    hint: m.note ?? undefined,
    severity: m.fatal ? 'error' : 'warning',
  }));
  return {
    html: String(file),
    footnoteCount: (file.data as unknown as FootnoteData).footnoteCount ?? 0,
    charts: (file.data as unknown as ChartData).charts ?? [],
    diagnostics,
  };
}
