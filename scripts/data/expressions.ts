/**
 * Figures in prose: a chapter writes {{count planning=own-plan}} where the printed text would
 * have "8", and the build replaces it with the number computed from the manifest.
 *
 *   {{ VERB ARGS… [| FORMAT] }}
 *
 * VERB   count [filters]                 municipalities matching          → 25
 *        share [filters]                 … as % of all municipalities      → 62 %
 *        mention-share FIELD=CODES       mentions of codes, % of all mentions of the field → 29 %
 *        sum FIELD [filters]             total of permits|engaged          → 17 079
 *        value FIELD id=ID               one entry's figure                → 379
 *        min|max FIELD [filters]         smallest / largest figure
 *        rank FIELD N [filters]          the N-th highest figure (| name: whose it is)
 *        list FIELD [filters]            "Name (21), Name (23) un Name (43)", ascending
 *        change FIELD [filters]          this edition's total against the last edition's, over the
 *                                        entries in both (a merger is left out of both years) → +12 (+4 %)
 *                                        | words: the change told → "pieauga par 12 (+4 %)", "fell by 3 (−2 %)"
 * EDITION edition=YEAR with any figure: computed from that edition's manifest
 *        ({{sum engaged edition=2025}}; {{change permits edition=2024}} compares with 2024).
 * FILTER id=…  kind=…  region=…  planning=…  coordinator=…  engaged=tracked|untracked
 *        activities|implementers|partners|projects|targetGroups=CODE[,CODE] (activities=@group)
 *        permits|engaged  =, !=, <, <=, >, >= N          (a comma means "or")
 * FORMAT words[:FORM] | Words[:FORM] (capitalised) | name | fullname     (number words, whose it is)
 *        noun:KEY     the noun after the number, in the number's grammatical number:
 *                     lv {{count … | noun:municipality.loc}} → "21 pašvaldībā", "7 pašvaldībās";
 *                     en {{count … | words | noun:municipality}} → "one municipality", "seven municipalities"
 *        lead:KEY     the same, for a word before the number ("izsniegta 71 atļauja")
 *        Formats chain: {{sum permits | lead:issued.f | noun:permit.nom}}. KEYs: messages' nouns.
 *
 * CHECK  {{check A OP [N *] B}}   prints nothing; binds a sentence that ranks or compares to the
 *        data: A and B are figures as above, OP one of > >= < <= = (with spaces around it), N a
 *        factor ("ievērojami pārsniedz": {{check value permits id=x >= 2 * max permits id!=x}}).
 *        When a correction makes it false, the build stops at the sentence's line.
 */
import type { NumberFormat } from './format.js';
import { byRegion, compare, Dataset, expandCodes, hasCode, load, MULTI_FIELDS, NUMERIC_FIELDS, planning, tracked, type Filter, type MultiField, type NumericField } from './metrics.js';
import { codesOf, KINDS, REGIONS } from '../validate/schema.js';
import { editionData, EditionError, previousYear, yearOf } from './editions.js';

export class ExpressionError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

export interface Evaluation {
  value: number | string;
  text: string;
}

const VERBS = ['count', 'share', 'mention-share', 'sum', 'value', 'min', 'max', 'rank', 'list', 'change'] as const;

/** How a change is told in words, per language: rose / fell / stayed. */
const CHANGE_WORDS: Record<string, { up: string; down: string; same: string }> = {
  lv: { up: 'pieauga par {n}', down: 'samazinājās par {n}', same: 'nemainījās' },
  en: { up: 'rose by {n}', down: 'fell by {n}', same: 'did not change' },
};
const MINUS = '\u2212';
const LOADS = ['none', 'part-time', 'full-time', 'more-than-one'];

function oneOf(what: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw new ExpressionError(`unknown ${what} "${value}"`, `use one of: ${allowed.join(', ')}`);
}

function parseFilter(token: string, data: Dataset): Filter {
  const m = /^([A-Za-z]+)(!=|<=|>=|=|<|>)(.+)$/.exec(token);
  if (!m) throw new ExpressionError(`cannot read the filter "${token}"`, 'write it as name=value, e.g. region=zemgale or permits>=21');
  const [, key, op, raw] = m as unknown as [string, string, string, string];
  const values = raw.split(',');
  if ((NUMERIC_FIELDS as readonly string[]).includes(key) && !(key === 'engaged' && op === '=' && /^(un)?tracked$/.test(raw))) {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new ExpressionError(`"${key}" compares with a number, not "${raw}"`);
    return compare(key as NumericField, op as '=', n);
  }
  const negate = op === '!=';
  if (op !== '=' && !negate) throw new ExpressionError(`"${key}" takes = or !=, not ${op}`);
  let f: Filter;
  switch (key) {
    case 'id':
      values.forEach((v) => { if (!data.byId(v)) throw new ExpressionError(`no entry with id "${v}"`, 'ids are the section file names'); });
      f = (e) => values.includes(e.id);
      break;
    case 'kind':
      values.forEach((v) => oneOf('kind', v, KINDS));
      f = (e) => values.includes(e.kind);
      break;
    case 'region':
      values.forEach((v) => oneOf('region', v, REGIONS));
      f = (e) => values.some((v) => byRegion(v)(e));
      break;
    case 'planning':
      values.forEach((v) => oneOf('planning code', v, codesOf('planning')));
      f = planning(values);
      break;
    case 'coordinator':
      values.forEach((v) => oneOf('coordinator load', v, LOADS));
      f = load(values);
      break;
    case 'engaged':
      f = tracked(raw === 'tracked');
      break;
    default: {
      if (!(MULTI_FIELDS as readonly string[]).includes(key)) {
        throw new ExpressionError(`unknown filter "${key}"`, `use one of: id, kind, region, planning, coordinator, engaged, permits, ${MULTI_FIELDS.join(', ')}`);
      }
      const codes = codesFor(key as MultiField, values);
      f = hasCode(key as MultiField, codes);
    }
  }
  return negate ? (e) => !f(e) : f;
}

function codesFor(field: MultiField, values: string[]): string[] {
  const codes = expandCodes(field, values);
  codes.forEach((c) => oneOf(`${field} code`, c, codesOf(field)));
  return codes;
}

function numericField(token: string | undefined): NumericField {
  if (!token || !(NUMERIC_FIELDS as readonly string[]).includes(token)) {
    throw new ExpressionError(`expected a figure name, found "${token ?? ''}"`, `use one of: ${NUMERIC_FIELDS.join(', ')}`);
  }
  return token as NumericField;
}

export function evaluate(source: string, data: Dataset, fmt: NumberFormat, list: { separator: string; last: string }): Evaluation {
  if (/^check\s/.test(source.trim())) return check(source.trim().slice(5).trim(), data, fmt, list);
  const [body = '', ...formats] = source.split('|').map((s) => s.trim());
  // Agreement (noun:, lead:) wraps the figure in the words around it; the rest formats the figure.
  const agreement = formats.filter((f) => /^(noun|lead):/.test(f));
  const rest = formats.filter((f) => !/^(noun|lead):/.test(f));
  if (rest.length > 1) throw new ExpressionError(`more than one format in "${source}": ${rest.join(', ')}`, 'a figure takes one of words, Words, name, fullname, then noun:/lead: for the words that agree with it');
  const result = evaluateFigure(body, rest[0], data, fmt, list);
  if (!agreement.length) return result;
  if (typeof result.value !== 'number') throw new ExpressionError(`noun: and lead: go with a number, not with "${rest[0] ?? body}"`);
  let text = result.text;
  for (const a of agreement) {
    const [kind, key] = a.split(':') as ['noun' | 'lead', string];
    const word = fmt.noun(result.value, key);
    if (word === undefined) throw new ExpressionError(`unknown noun "${key}"`, `nouns of this language: ${fmt.nouns().join(', ')} (templates/messages/<lang>.yaml: nouns)`);
    text = kind === 'noun' ? `${text}\u00A0${word}` : `${word} ${text}`;
  }
  return { value: result.value, text };
}

/** The edition a figure names (edition=YEAR), and the arguments without it. */
function editionArg(args: string[]): { year?: string; rest: string[] } {
  const at = args.findIndex((a) => a.startsWith('edition='));
  if (at < 0) return { rest: args };
  const year = args[at]!.slice('edition='.length);
  if (!/^\d{4}$/.test(year)) throw new ExpressionError(`"edition=${year}" names no edition`, 'write the year: edition=2025');
  return { year, rest: args.filter((_, i) => i !== at) };
}

function otherEdition(data: Dataset, year: string): Dataset {
  try {
    return editionData(data, year);
  } catch (err) {
    if (err instanceof EditionError) throw new ExpressionError(err.message, err.hint);
    throw err;
  }
}

/** {{change FIELD [filters] [edition=YEAR]}}: this edition's total minus that edition's, over the entries of both. */
function change(args: string[], format: string | undefined, data: Dataset, fmt: NumberFormat): Evaluation {
  const { year, rest } = editionArg(args);
  const then = year ?? previousYear(data);
  if (!then) throw new ExpressionError(`"change" compares with the edition before ${yearOf(data) ?? 'this one'}, and there is none`, 'name one: {{change permits edition=2025}}');
  const before = otherEdition(data, then);
  const field = numericField(rest[0]);
  const filters = rest.slice(1);
  const ids = rest.slice(1).find((a) => a.startsWith('id='))?.slice(3).split(',') ?? [];
  for (const id of ids) {
    const here = data.byId(id);
    const there = before.byId(id);
    if (!here || !there) throw new ExpressionError(`${id} is in ${here ? yearOf(data) : then} only: it has no change to compute`, 'an entry in one year only (a merger, a renamed id) has no change; the audit lists them');
  }
  // Like with like: an entry of one year only (a merger) counts in neither total.
  const both = (d: Dataset, other: Dataset) => {
    const keep = new Set(other.entries.map((e) => e.id));
    return d.sum(field, (e) => keep.has(e.id), ...filters.map((a) => parseFilter(a, d)));
  };
  const now = both(data, before);
  const was = both(before, data);
  const value = now - was;
  const sign = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `${MINUS}${text}` : text);
  const pct = was === 0 ? undefined : (100 * value) / was;
  const told = `${sign(value, fmt.number(Math.abs(value)))}${pct === undefined ? '' : ` (${sign(Math.round(pct), fmt.percent(Math.abs(pct)))})`}`;
  if (!format) return { value, text: told };
  if (format !== 'words') throw new ExpressionError(`"change" takes | words, not | ${format}`);
  const w = CHANGE_WORDS[data.lang] ?? CHANGE_WORDS.en!;
  const n = `${fmt.number(Math.abs(value))}${pct === undefined ? '' : ` (${sign(Math.round(pct), fmt.percent(Math.abs(pct)))})`}`;
  return { value, text: value === 0 ? w.same : (value > 0 ? w.up : w.down).replace('{n}', n) };
}

function evaluateFigure(body: string, format: string | undefined, dataHere: Dataset, fmt: NumberFormat, list: { separator: string; last: string }): Evaluation {
  const [verb = '', ...all] = body.split(/\s+/).filter(Boolean);
  if (!(VERBS as readonly string[]).includes(verb)) throw new ExpressionError(`unknown name "${verb}"`, `expressions start with one of: ${VERBS.join(', ')}`);
  if (verb === 'change') return change(all, format, dataHere, fmt);
  // edition=YEAR: the same figure, computed from another edition.
  const { year, rest: args } = editionArg(all);
  const data = year ? otherEdition(dataHere, year) : dataHere;
  let value: number;
  let kind: 'number' | 'percent' = 'number';
  let who: string | undefined;
  let whoFull: string | undefined;
  switch (verb) {
    case 'count':
      value = data.count(...args.map((a) => parseFilter(a, data)));
      break;
    case 'share':
      value = data.share(...args.map((a) => parseFilter(a, data)));
      kind = 'percent';
      break;
    case 'mention-share': {
      const m = /^([A-Za-z]+)=(.+)$/.exec(args[0] ?? '');
      if (!m || !(MULTI_FIELDS as readonly string[]).includes(m[1]!)) throw new ExpressionError(`mention-share takes FIELD=CODES`, `FIELD is one of: ${MULTI_FIELDS.join(', ')}`);
      value = data.mentionShare(m[1] as MultiField, codesFor(m[1] as MultiField, m[2]!.split(',')));
      kind = 'percent';
      break;
    }
    case 'sum':
      value = data.sum(numericField(args[0]), ...args.slice(1).map((a) => parseFilter(a, data)));
      break;
    case 'min':
    case 'max':
    case 'value':
    case 'rank': {
      // One entry picked from the ranking: its figure, and whose it is (| name).
      const field = numericField(args[0]);
      const position = verb === 'rank' ? Number(args[1]) : 1;
      if (verb === 'rank' && (!Number.isInteger(position) || position < 1)) throw new ExpressionError(`rank needs a position 1, 2, 3 …, found "${args[1] ?? ''}"`);
      const ranked = data.ranked(field, ...args.slice(verb === 'rank' ? 2 : 1).map((a) => parseFilter(a, data)));
      if (ranked.length === 0) throw new ExpressionError(`no entry matches "${body}" with a stated ${field}`);
      if (verb === 'value' && ranked.length !== 1) throw new ExpressionError(`"value" needs exactly one entry (id=…), ${ranked.length} match`);
      const pick = verb === 'min' ? ranked.at(-1) : ranked[position - 1];
      if (!pick) throw new ExpressionError(`only ${ranked.length} entries have a ${field}; there is no place ${position}`);
      value = pick.value;
      who = data.name(pick.entry);
      whoFull = data.name(pick.entry, false);
      break;
    }
    case 'list': {
      const field = numericField(args[0]);
      const items = data.ranked(field, ...args.slice(1).map((a) => parseFilter(a, data))).reverse();
      const full = format === 'fullname';
      const parts = items.map((i) => `${data.name(i.entry, !full)} (${fmt.number(i.value)})`);
      const text = parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(list.separator)}${list.last}${parts.at(-1)}`;
      return { value: text, text };
    }
    default:
      throw new ExpressionError(`unknown name "${verb}"`);
  }
  if (format === 'name' || format === 'fullname') {
    if (!who) throw new ExpressionError(`"| ${format}" works with rank, value, min and max`);
    const text = format === 'name' ? who : whoFull!;
    return { value: text, text };
  }
  if (format) {
    const m = /^(words|Words)(?::(.+))?$/.exec(format);
    if (!m) throw new ExpressionError(`unknown format "${format}"`, 'use words, words:FORM, Words, Words:FORM, name, fullname, noun:KEY or lead:KEY');
    const w = fmt.words(value, m[2]);
    return { value, text: m[1] === 'Words' ? w.charAt(0).toLocaleUpperCase() + w.slice(1) : w };
  }
  return { value, text: kind === 'percent' ? fmt.percent(value) : fmt.number(value) };
}

/** {{check A OP [N *] B}}: nothing to print when it holds; an error naming both values when not. */
function check(body: string, data: Dataset, fmt: NumberFormat, list: { separator: string; last: string }): Evaluation {
  const m = /^(.+?)\s+(>=|<=|>|<|=)\s+(?:(\d+(?:\.\d+)?)\s*\*\s*)?(.+)$/.exec(body);
  if (!m) throw new ExpressionError(`cannot read the check "${body}"`, 'write it as {{check A > B}} or {{check A >= 2 * B}}, with spaces around the comparison');
  const [, left, op, factor, right] = m as unknown as [string, string, string, string | undefined, string];
  const figure = (e: string) => {
    const v = evaluate(e, data, fmt, list).value;
    if (typeof v !== 'number') throw new ExpressionError(`a check compares figures; "${e}" is not one`);
    return v;
  };
  const a = figure(left);
  const b = figure(right) * Number(factor ?? 1);
  const holds = { '>': a > b, '>=': a >= b, '<': a < b, '<=': a <= b, '=': a === b }[op as '>'];
  if (!holds) {
    throw new ExpressionError(
      `the sentence no longer holds: ${left} (${fmt.number(a)}) ${op} ${factor ? `${factor} * ` : ''}${right} (${fmt.number(b)}) is false`,
      'the data changed what this sentence says: rewrite the sentence for the new figures, and its check with it',
    );
  }
  return { value: '', text: '' };
}
