/**
 * Year over year: figures of another edition, changes, the years chart and the audit's list,
 * on the real 2025 manifest and a 2026 made from it in a temporary content folder (Riga +12
 * permits, one municipality 5 residents more, Valka merged away: in 2025 only). Expected values
 * are recomputed from the two manifests, never typed.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartData } from '../../scripts/chart/specs.js';
import { linkEdition, yearOverYear } from '../../scripts/data/editions.js';
import { evaluate, ExpressionError } from '../../scripts/data/expressions.js';
import { numberFormat } from '../../scripts/data/format.js';
import { Dataset, numeric } from '../../scripts/data/metrics.js';
import { Manifest, Messages, type Entry } from '../../scripts/validate/schema.js';
import { ROOT } from '../support/paths.js';

const content = mkdtempSync(join(tmpdir(), 'years-'));
const messages = Messages.parse(parse(readFileSync(join(ROOT, 'templates', 'messages', 'lv.yaml'), 'utf8')));
const fmt = numberFormat(messages);
const list = { separator: messages.listSeparator, last: messages.listLastSeparator };
let before: Entry[];
let now: Entry[];
let data: Dataset;
const expr = (e: string, d = data) => evaluate(e, d, fmt, list);

beforeAll(() => {
  const raw = parse(readFileSync(join(ROOT, 'content', '2025', 'manifest.yaml'), 'utf8'));
  before = Manifest.parse(raw).entries;
  const next = structuredClone(raw) as { edition: { year: number }; entries: Record<string, any>[] };
  next.edition.year = 2026;
  next.entries = next.entries.filter((e) => e.id !== 'valkas-novads');
  const riga = next.entries.find((e) => e.id === 'rigas-valstspilseta')!;
  riga.permits.value += 12;
  const one = next.entries.find((e) => e.engaged && 'value' in e.engaged && !e.engaged.parts && e.kind !== 'planosanas-regions')!;
  one.engaged.value += 5;
  for (const [year, m] of [['2025', raw], ['2026', next]] as const) {
    mkdirSync(join(content, year), { recursive: true });
    writeFileSync(join(content, year, 'manifest.yaml'), stringify(m));
  }
  now = Manifest.parse(next).entries;
  data = linkEdition(new Dataset(now, 'lv'), content, '2026');
});

const sumOf = (entries: Entry[], field: 'permits' | 'engaged', keep: (e: Entry) => boolean = () => true) =>
  entries.filter((e) => e.kind !== 'planosanas-regions' && keep(e)).reduce((n, e) => n + (numeric(e, field) ?? 0), 0);
const inBoth = (e: Entry) => before.some((b) => b.id === e.id) && now.some((n) => n.id === e.id);

describe('figures of another edition', () => {
  it('edition=2025 computes from the 2025 manifest', () => {
    expect(expr('sum permits edition=2025').value).toBe(sumOf(before, 'permits'));
    expect(expr('count edition=2025').value).toBe(before.filter((e) => e.kind !== 'planosanas-regions').length);
    expect(expr('value permits id=valkas-novads edition=2025').value).toBe(before.find((e) => e.id === 'valkas-novads')!.permits!.value);
  });

  it('change compares like with like, and tells it with its percentage', () => {
    const was = sumOf(before, 'permits', inBoth);
    const is = sumOf(now, 'permits', inBoth);
    const r = expr('change permits');
    expect(r.value).toBe(is - was);
    expect(r.text).toBe(`+${fmt.number(is - was)} (+${fmt.percent((100 * (is - was)) / was)})`);
    expect(expr('change permits id=rigas-valstspilseta').text).toMatch(/^\+12 \(\+\d+\s%\)$/);
    expect(expr('change permits id=rigas-valstspilseta | words').text).toMatch(/^pieauga par 12 \(\+\d+\s%\)$/);
    expect(expr('change permits id=aizkraukles-novads | words').text).toBe('nemainījās');
    expect(expr('check change engaged > change engaged id=aizkraukles-novads').text).toBe('');
  });

  it('an entry of one year only (a merger) is said, not a crash', () => {
    expect(() => expr('change permits id=valkas-novads')).toThrow(ExpressionError);
    expect(() => expr('change permits id=valkas-novads')).toThrow(/valkas-novads is in 2025 only/);
    expect(() => expr('value permits id=valkas-novads')).toThrow(/no entry with id "valkas-novads"/);
  });

  it('an edition with none before it, or a year that is not there, is an error at the sentence', () => {
    const first = linkEdition(new Dataset(before, 'lv'), content, '2025');
    expect(() => expr('change permits', first)).toThrow(/edition before 2025, and there is none/);
    expect(() => expr('sum permits edition=2019')).toThrow(/there is no edition 2019/);
  });
});

describe('the years chart and the audit', () => {
  it('pairs each municipality\'s two years, the largest first, without the merged one', () => {
    const chart = chartData('permits-years', data, messages);
    expect(chart.kind).toBe('years');
    expect(chart.years).toEqual(['2025', '2026']);
    for (const item of chart.items) {
      expect(item.value).toBe(now.find((e) => e.id === item.key)!.permits!.value);
      expect(item.before).toBe(before.find((e) => e.id === item.key)!.permits!.value);
    }
    expect(chart.items.map((i) => i.key)).not.toContain('valkas-novads');
    const sizes = chart.items.map((i) => Math.max(i.value, i.before!));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('lists the figures that moved most and the entries of one year only', () => {
    const y = yearOverYear(data)!;
    expect(y.before).toBe('2025');
    expect(y.moved.find((m) => m.field === 'permits')).toMatchObject({ id: 'rigas-valstspilseta', change: 12 });
    expect(y.moved.filter((m) => m.field === 'engaged').map((m) => m.change)).toEqual([5]);
    expect(y.onlyBefore.map((e) => e.id)).toEqual(['valkas-novads']);
    expect(y.onlyNow).toEqual([]);
  });
});
