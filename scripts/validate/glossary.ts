/**
 * The termbase (content/glossary.yaml, one for all editions): each Latvian term or name with
 * its preferred English, the English variants an editor must not use, and whether the Latvian
 * original is shown (in italics) at its first mention in a section; and the Latvian names that
 * stand as they are in English text (places, brands). The English lint
 * (scripts/lint/termbase.ts) checks the English texts against it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYaml, type Located } from './yaml.js';

export const TermEntry = z
  .object({
    lv: z.string().min(2).describe('The Latvian term or name in its base form (nominative), as the Latvian text writes it.'),
    lvAbbr: z.string().min(2).optional().describe('The Latvian acronym (NVO, IKT, IZM); forbidden in English text unless it is also the English one (enAbbr).'),
    en: z.string().min(2).describe('The preferred English term or official English name.'),
    enAbbr: z.string().min(2).optional().describe('The acronym English text uses (NGO, ICT; VIAA and NVA keep their own).'),
    not: z.array(z.string().min(2)).default([]).describe('English variants that must not be used (a calque, a wrong official name, another spelling).'),
    original: z
      .enum(['first-mention', 'never', 'keep'])
      .default('never')
      .describe('first-mention: the Latvian original follows the English, in italics, at its first mention in a section; never: English only; keep: the Latvian name is the name in English too (Latvijas Banka, ALTUM).'),
    note: z.string().optional(),
  })
  .strict();
export type TermEntry = z.infer<typeof TermEntry>;

export const Glossary = z
  .object({
    terms: z.array(TermEntry),
    names: z.array(z.string().min(2)).default([]).describe('Latvian words that stand as they are in English text: places (Ādaži, Jēkabpils), brands, first names of people.'),
  })
  .strict();
export type Glossary = z.infer<typeof Glossary>;

/** The termbase of a content folder, or undefined when it has none. Errors at file:line:col. */
export function loadGlossary(file: string): Located<Glossary> | undefined {
  if (!existsSync(file)) return undefined;
  return parseYaml(file, readFileSync(file, 'utf8'), Glossary);
}
