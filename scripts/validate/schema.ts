/**
 * The data manifest of an edition (content/<edition>/manifest.yaml) and the per-language
 * texts (content/<edition>/<lang>/texts.yaml). These schemas are the single source for
 * validation, for the types the rest of the pipeline uses, and for the coding rules an
 * editor follows next year (the .describe() texts).
 */
import { z } from 'zod';
import { CODING_RULES } from './coding-rules.js';

export const LANGUAGES = ['lv', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const REGIONS = ['kurzeme', 'latgale', 'riga', 'vidzeme', 'zemgale'] as const;
export const Region = z.enum(REGIONS).describe('Planning region (plānošanas reģions) after the 2021 reform.');

export const KINDS = ['novads', 'valstspilseta', 'planosanas-regions'] as const;
export const Kind = z.enum(KINDS).describe('novads = municipality, valstspilseta = state city, planosanas-regions = planning region.');

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be an ASCII slug like "aizkraukles-novads"');
const Localized = z.partialRecord(Language, z.string().min(1)).refine((v) => Object.keys(v).length > 0, 'give at least one language');

const Quote = z
  .string()
  .min(3)
  .describe('A verbatim phrase from the section text that states the figure (checked by the tests).');

export const Coordinator = z
  .object({
    load: z.enum(['none', 'part-time', 'full-time', 'more-than-one']).describe(
      'none: no dedicated post (the task is one of many duties, or "nav"); part-time: a share of one post ("0,5 slodzes", "nav viena vesela darba slodze"); full-time: one full post ("1 pilna likme", "pilnas slodzes"); more-than-one: more than one full-time post in total.',
    ),
    fte: z.number().positive().max(20).optional().describe('Full-time equivalents, only where the text states them.'),
    note: z.string().optional(),
    source: Quote,
  })
  .strict();

export const Permits = z
  .object({
    value: z.number().int().nonnegative().describe('Non-formal education programme permits issued (field "Izsniegto neformālās izglītības programmu atļauju skaits").'),
    source: Quote,
    note: z.string().optional(),
  })
  .strict();

export const Engaged = z.union([
  z
    .object({
      value: z.number().int().nonnegative().describe('Residents engaged in adult-education activities as the section states them.'),
      parts: z.array(z.number().int().nonnegative()).optional().describe('Where the value is a sum of counts the section gives separately.'),
      sources: z.array(Quote).min(1),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      tracked: z.literal(false).describe('The section says engagement is not tracked, or gives no number.'),
      sources: z.array(Quote).optional(),
      note: z.string().optional(),
    })
    .strict(),
]);

type CodedField = keyof typeof CODING_RULES;
export const CODED_FIELDS = Object.keys(CODING_RULES) as CodedField[];
/** The codes of a field: the rule book's keys, without its notes (_scope, _note). */
export const codesOf = (field: CodedField): string[] => Object.keys(CODING_RULES[field]).filter((k) => !k.startsWith('_'));
const rulesText = (field: CodedField) =>
  Object.entries(CODING_RULES[field])
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
const codeEnum = (field: CodedField) => z.enum(codesOf(field) as [string, ...string[]]);
/** A multi-valued field: code → the phrase of the section that justifies it. */
const CodeMap = (field: CodedField) => z.partialRecord(codeEnum(field), Quote).describe(rulesText(field));

export const Coding = z
  .object({
    planning: z.object({ value: codeEnum('planning'), evidence: Quote }).strict().describe(rulesText('planning')),
    activities: CodeMap('activities'),
    implementers: CodeMap('implementers'),
    partners: CodeMap('partners'),
    projects: CodeMap('projects'),
    targetGroups: CodeMap('targetGroups'),
  })
  .strict()
  .describe('What the section states, coded by the rules in scripts/validate/coding-rules.ts. Code only what the text states.');
export type Coding = z.infer<typeof Coding>;

/** Codes proposed by the coding rules from a new edition's answers (npm run new), not yet confirmed. */
export const Suggested = z
  .object({
    planning: z.object({ value: codeEnum('planning'), evidence: Quote }).strict().optional(),
    activities: CodeMap('activities').optional(),
    implementers: CodeMap('implementers').optional(),
    partners: CodeMap('partners').optional(),
    projects: CodeMap('projects').optional(),
    targetGroups: CodeMap('targetGroups').optional(),
  })
  .strict()
  .describe('Codes the coding rules proposed from new answers, each with its phrase: the build prints none of them; the editor moves each that holds into coding and deletes the rest.');

export const Entry = z
  .object({
    id: Slug,
    name: Localized.describe('Display name per language, e.g. "Aizkraukles novada pašvaldība".'),
    shortName: Localized.optional().describe('Short name for charts and generated prose, e.g. "Aizkraukles novads".'),
    kind: Kind,
    region: Region,
    coordinator: Coordinator.optional(),
    permits: Permits.optional(),
    engaged: Engaged.optional(),
    coding: Coding.optional(),
    suggested: Suggested.optional(),
  })
  .strict();
export type Entry = z.infer<typeof Entry>;

/** Ids the layout uses for itself; a manifest or chapter id may not take them. */
export const RESERVED_IDS = ['cover', 'contents', 'contents-title', 'back-cover', 'imprint', 'charts-list'];
export const RESERVED_PREFIXES = ['fn-', 'fnref-', 'p-', 'chart-'];
const reserved = (id: string) => RESERVED_IDS.includes(id) || RESERVED_PREFIXES.some((p) => id.startsWith(p));
const reservedMessage = (id: string) => `"${id}" is an id the layout uses itself (reserved: ${RESERVED_IDS.join(', ')} and ids starting ${RESERVED_PREFIXES.join(', ')})`;

export const Manifest = z
  .object({
    edition: z
      .object({
        year: z.number().int().min(2000).max(2100),
        title: Localized,
        languages: z.array(Language).min(1),
        front: z.array(Slug).describe('Chapters before the sections, in order (files <lang>/chapters/<id>.md).'),
        back: z.array(Slug).describe('Chapters after the sections, in order.'),
      })
      .strict(),
    entries: z.array(Entry).min(1).describe('One per municipality and planning region, in the order of the report.'),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Map<string, number>();
    (['front', 'back'] as const).forEach((part) =>
      m.edition[part].forEach((id, i) => {
        if (reserved(id)) ctx.addIssue({ code: 'custom', path: ['edition', part, i], message: reservedMessage(id) });
      }),
    );
    const chapters = new Set([...m.edition.front, ...m.edition.back]);
    m.entries.forEach((e, i) => {
      if (reserved(e.id)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: reservedMessage(e.id) });
      if (chapters.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: `"${e.id}" is also the id of a chapter` });
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: `duplicate id "${e.id}" (also entry ${seen.get(e.id)! + 1})` });
      seen.set(e.id, i);
      const municipality = e.kind !== 'planosanas-regions';
      for (const field of ['coordinator', 'permits', 'engaged', 'coding'] as const) {
        if (municipality && !e[field]) ctx.addIssue({ code: 'custom', path: ['entries', i], message: `municipality "${e.id}" needs "${field}"` });
      }
      // A suggested code is a guess until the editor confirms it: no chart may rest on one.
      for (const [field, v] of Object.entries(e.suggested ?? {})) {
        const codes: [string, string, PropertyKey[]][] = field === 'planning' ? [[(v as { value: string }).value, (v as { evidence: string }).evidence, []]] : Object.entries(v as Record<string, string>).map(([c, q]) => [c, q, [c]]);
        for (const [code, quote, at] of codes) {
          ctx.addIssue({ code: 'custom', path: ['entries', i, 'suggested', field, ...at], message: `${e.id}: the code ${field}=${code} is suggested ("${quote}"), not confirmed: move it into coding if the answer says so, else delete it` });
        }
      }
      if (!municipality && e.permits) ctx.addIssue({ code: 'custom', path: ['entries', i, 'permits'], message: 'planning regions issue no permits' });
      if (e.engaged && 'parts' in e.engaged && e.engaged.parts) {
        const sum = e.engaged.parts.reduce((a, b) => a + b, 0);
        if (sum !== e.engaged.value) ctx.addIssue({ code: 'custom', path: ['entries', i, 'engaged', 'value'], message: `value ${e.engaged.value} is not the sum of parts (${sum})` });
      }
    });
  });
export type Manifest = z.infer<typeof Manifest>;

/** An ISBN-13 with its check digit right (hyphens and spaces ignored). */
export function isbn13(v: string): boolean {
  const d = v.replace(/[-\s]/g, '');
  if (!/^97[89]\d{10}$/.test(d)) return false;
  const sum = [...d.slice(0, 12)].reduce((n, c, i) => n + Number(c) * (i % 2 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === Number(d[12]);
}

export const Texts = z
  .object({
    documentTitle: z.string().describe('Title in the PDF metadata and the browser tab.'),
    author: z.string(),
    subject: z.string(),
    keywords: z.array(z.string()),
    cover: z
      .object({
        ministry: z.array(z.string()).describe('Lines of the ministry mark.'),
        cofunded: z.array(z.string()),
        programme: z.string(),
        tagline: z.array(z.string()),
        subtitle: z.string(),
        funding: z.array(z.string()).describe('Lines of the funding sentence (italic).'),
      })
      .strict(),
    backCover: z.object({ funding: z.array(z.string()) }).strict(),
    imprint: z
      .object({
        publisher: z.string(),
        project: z.array(z.string()).describe('Lines naming the project the report was made in, with its number.'),
        disclaimer: z.string().describe("The funder's disclaimer, word for word as the grant agreement requires."),
        isbn: z
          .string()
          .default('')
          .refine((v) => v === '' || isbn13(v), 'not a valid ISBN-13 (13 digits with hyphens, e.g. 978-9934-…, whose last digit is the check digit); leave it empty until the number is assigned')
          .describe('ISBN of this edition (may be empty until assigned).'),
        issn: z
          .string()
          .default('')
          .refine((v) => v === '' || /^\d{4}-\d{3}[\dX]$/.test(v), 'not an ISSN ("1234-567X"); leave it empty if the report has none')
          .describe('ISSN of the series (may be empty).'),
        licence: z.string().default('').describe('The licence the report is published under, as printed ("CC BY 4.0 …"); may be empty.'),
        authors: z.array(z.string()).default([]).describe('Lines naming who wrote and compiled the report, as printed.'),
        address: z.array(z.string()).default([]).describe("Lines of the publisher's address (street, city, postcode, web)."),
      })
      .strict()
      .optional()
      .describe('The imprint page after the cover (left out when absent).'),
    chapters: z.record(Slug, z.object({ title: z.string(), runningHead: z.string().optional().describe('A short title for the running head (default: the title).') }).strict()),
    charts: z.record(Slug, z.object({ title: z.string() }).strict()).default({}),
  })
  .strict();
export type Texts = z.infer<typeof Texts>;

export const Messages = z
  .object({
    locale: z.string().describe('BCP 47 locale of the language: plural rules, dates ("lv", "en-GB").'),
    contents: z.string(),
    chartsList: z.string().describe('Heading of the list of charts under the contents.'),
    imprint: z
      .object({ label: z.string(), publisher: z.string(), year: z.string(), project: z.string(), isbn: z.string(), issn: z.string(), licence: z.string(), authors: z.string(), address: z.string(), citation: z.string() })
      .strict()
      .describe('Labels of the imprint page.'),
    chartCaption: z.string().describe('"{n}" is replaced by the chart number.'),
    chartSource: z.string().describe('The source line under each chart: "{year}" the edition\'s year, "{n}" the number of municipalities the chart\'s data covers.'),
    chartMultiple: z.string().describe('The note under a multiple-response chart: a municipality can name several answers.'),
    chartHighlight: z.string().describe('The legend of a bar chart\'s highlighted bar: "{label}" is what it stands for.'),
    footnotes: z.string(),
    draft: z.string().describe('Banner of the live preview (npm run preview): "MELNRAKSTS", "DRAFT".'),
    outline: z.object({ municipalities: z.string(), regions: z.string() }).strict(),
    regions: z.record(z.enum(REGIONS), z.string()),
    numbers: z.object({ decimal: z.string(), thousands: z.string(), percentSuffix: z.string() }).strict(),
    numberWords: z.record(z.string(), z.array(z.string())).describe('Number words per grammatical form; index = the number.'),
    nouns: z.record(z.string(), z.object({ one: z.string(), other: z.string() }).strict()).describe('Nouns that agree with a figure ({{… | noun:KEY}}): singular ("one" in the language\'s plural rules) and plural.'),
    quotes: z
      .object({
        open: z.string().length(1),
        close: z.string().length(1),
        inner: z.object({ open: z.string().length(1), close: z.string().length(1) }).strict().describe('A quotation inside a quotation (lv „…“ again, en ‘…’).'),
        single: z.object({ open: z.string().length(1), close: z.string().length(1) }).strict().describe('What the content writes in single quotes (a gloss, a nested title): ‘…’.'),
      })
      .strict()
      .describe('The language\'s quotation marks: every quote of the content is set in them (transform/plugins/rehype-quotes.ts), and the pipeline writes them around a quoted phrase (lv „…“, en “…”).'),
    listSeparator: z.string(),
    listLastSeparator: z.string(),
    categories: z.record(z.string(), z.record(z.string(), z.string())).describe('Chart labels: group → code → label.'),
    chartUnits: z.object({ municipalities: z.string(), residents: z.string(), permits: z.string(), percent: z.string() }).strict(),
    chartTable: z.object({ category: z.string(), value: z.string(), share: z.string() }).strict(),
    fields: z
      .record(z.string(), z.object({ label: z.string().min(1), also: z.array(z.string()).default([]) }).strict())
      .describe('The questionnaire each section answers: field key → its label in this language, and the variants the sources use ("also"). A section label that is none of these fails the build.'),
    contacts: z
      .object({
        label: z.string(),
        coordinator: z.string(),
        coordinators: z.string(),
        preparedBy: z.string(),
        email: z.string(),
        phone: z.string(),
        web: z.string(),
        address: z.string(),
      })
      .strict()
      .describe('The contact panel under a section\'s heading (transform/plugins/rehype-contact-block.ts): its headings and field labels, whatever the source typed.'),
    keyFigures: z
      .object({ label: z.string(), region: z.string(), coordinator: z.string(), engaged: z.string(), permits: z.string(), notTracked: z.string(), fte: z.string().describe('"{n}": full-time equivalents of a post.') })
      .strict()
      .describe('The key figures under a municipality\'s heading (compose/key-figures.ts): labels, and the words for engagement not tracked.'),
    proof: z
      .object({
        title: z.string().describe('Heading of a proof\'s data sheet; "{name}" is the entry\'s name.'),
        intro: z.string(),
        figures: z.string(),
        field: z.string(),
        value: z.string(),
        evidence: z.string(),
        charts: z.string(),
        chart: z.string(),
        item: z.string(),
        place: z.string().describe('"{rank}" of "{of}".'),
        ranking: z.string().describe('"{field}": permits or engaged, "{rank}", "{of}", "{value}".'),
        fields: z.object({ permits: z.string(), engaged: z.string(), coordinator: z.string(), planning: z.string() }).strict(),
        changes: z.string(),
        changedText: z.string(),
        changedFigure: z.string().describe('"{field}: {old} → {new}".'),
      })
      .strict()
      .describe('The data sheet of a municipality\'s proof (npm run proof).'),
  })
  .strict();
export type Messages = z.infer<typeof Messages>;

/** content/<edition>/published.yaml: figures the printed edition stated, kept as reference. */
export const PublishedFigures = z
  .array(
    z
      .object({
        id: Slug,
        printed: z.number().describe('The value as the printed edition stated it (a percentage as a whole number).'),
        expression: z.string().describe('The same figure as a prose expression (data/expressions.ts), computed from the manifest.'),
        quote: z.string().min(3).describe('The printed phrase that states it.'),
      })
      .strict(),
  )
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((f, i) => {
      if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id "${f.id}"` });
      seen.add(f.id);
    });
  });
export type PublishedFigures = z.infer<typeof PublishedFigures>;

/** content/<edition>/errata.yaml: why a printed figure differs from what the sections give. */
export const Errata = z.array(
  z
    .object({
      figures: z.array(Slug).default([]).describe('Ids from published.yaml this explanation covers.'),
      sections: z.array(Slug).default([]).describe('Ids of sections whose text now differs from the published text (a correction), explained here.'),
      editorial: z
        .array(z.enum(['field-labels', 'key-figures', 'contacts']))
        .default([])
        .describe('Kinds of change the report makes by design to every section (audit/editorial.ts), one erratum for all of them.'),
      reason: z.string().min(20),
    })
    .strict()
    .refine((e) => e.figures.length + e.sections.length + e.editorial.length > 0, 'name at least one figure, section or editorial kind'),
);
export type Errata = z.infer<typeof Errata>;
