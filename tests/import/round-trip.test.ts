/**
 * The round trip: 2025 exported as the form tool's spreadsheet (XLSX and CSV), imported as a
 * new edition in a temporary content folder, gives sections with the same words field by
 * field and a manifest with the same figures and coding; and the acceptance, through
 * the CLI: export → new → build prints the same sections, figures, charts and sentences.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelIndex, sectionToCells } from '../../scripts/import/section.js';
import { readFields } from '../../scripts/export/export.js';
import { Manifest, type Entry } from '../../scripts/validate/schema.js';
import { ROOT } from '../support/paths.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import=tsx', join(ROOT, 'scripts', 'cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

const dir = mkdtempSync(join(tmpdir(), 'round-trip-'));
const content = join(dir, 'content');
const EDITIONS = { xlsx: '2099', csv: '2098' } as const;

beforeAll(() => {
  cpSync(join(ROOT, 'content', '2025'), join(content, '2025'), { recursive: true });
  for (const [format, edition] of Object.entries(EDITIONS)) {
    const file = join(dir, `answers.${format}`);
    const ex = cli('export', '2025', '--to', file, '--content', content);
    expect(ex.status, ex.stderr).toBe(0);
    const im = cli('new', edition, '--from', file, '--content', content);
    expect(im.status, im.stderr + im.stdout).toBe(0);
  }
});

const manifest = (edition: string) => Manifest.parse(parse(readFileSync(join(content, edition, 'manifest.yaml'), 'utf8')));
const labels = labelIndex(readFields(join(ROOT, 'templates'), 'lv'));
const cellWords = (s: string) => s.split(/\s+/).filter((w) => w && !/^[-•]$/.test(w));
const fieldWords = (edition: string, id: string) => {
  const { cells } = sectionToCells(readFileSync(join(content, edition, 'lv', 'sections', `${id}.md`), 'utf8'), labels);
  return Object.fromEntries([...cells].map(([k, v]) => [k, cellWords(v).join(' ')]));
};
/** What a figure or a code is, without the wording of its quote. */
const data = (e: Entry) => ({
  id: e.id,
  name: e.name,
  shortName: e.shortName,
  kind: e.kind,
  region: e.region,
  coordinator: e.coordinator && { load: e.coordinator.load, fte: e.coordinator.fte },
  permits: e.permits?.value,
  engaged: e.engaged && ('value' in e.engaged ? { value: e.engaged.value, parts: e.engaged.parts } : { tracked: false }),
  coding: e.coding && {
    planning: e.coding.planning.value,
    ...Object.fromEntries((['activities', 'implementers', 'partners', 'projects', 'targetGroups'] as const).map((f) => [f, Object.keys(e.coding![f] ?? {}).sort()])),
  },
});

describe.each(Object.entries(EDITIONS))('round trip through %s', (format, edition) => {
  it('every section has the same words, field by field', () => {
    const ids = readdirSync(join(content, '2025', 'lv', 'sections')).map((f) => f.replace(/\.md$/, ''));
    expect(readdirSync(join(content, edition, 'lv', 'sections')).length).toBe(ids.length);
    for (const id of ids) expect(fieldWords(edition, id), `${id} (${format})`).toEqual(fieldWords('2025', id));
  });

  it('the manifest has the same entries, figures and coding, and says nothing is suggested', () => {
    const before = manifest('2025');
    const after = manifest(edition);
    expect(after.edition.year).toBe(Number(edition));
    expect(after.entries.map(data)).toEqual(before.entries.map(data));
    expect(readFileSync(join(content, edition, 'manifest.yaml'), 'utf8')).not.toMatch(/# TO FILL:|^\s+suggested:/m);
  });

  it('carries the chapters over with their expressions, and moves the year on in texts.yaml', () => {
    for (const f of readdirSync(join(content, '2025', 'lv', 'chapters'))) {
      expect(readFileSync(join(content, edition, 'lv', 'chapters', f), 'utf8')).toBe(readFileSync(join(content, '2025', 'lv', 'chapters', f), 'utf8'));
    }
    const texts = readFileSync(join(content, edition, 'lv', 'texts.yaml'), 'utf8');
    expect(texts).toContain(`${edition}. GADA PĀRSKATS`);
    expect(texts).not.toMatch(/(?<![\d-])2025(?![\d-])/);
  });
});

describe('acceptance: export 2025 → new 2099 → build', () => {
  // The text of each part as printed: soft hyphens and footnote numbers left out.
  const parts = (html: string) => {
    const { document } = parseHTML(html);
    // Footnote numbers, and the labels (printed as the source typed them until every label is canonical).
    document.querySelectorAll('sup.fn-ref, strong.field__label').forEach((s) => s.remove());
    // A space before a footnote call is no word: "izvērtējums [^1];" comes back "izvērtējums[^1];".
    const text = (el: Element) => (el.textContent ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').replace(/ (?=[;,.:)])/g, '').trim();
    const out = new Map<string, string>();
    document.querySelectorAll('section.section').forEach((s) => {
      // Fields by key (a new edition has them in the questionnaire's order); a paragraph between
      // two fields' lists goes with the field before it, as the import reads it.
      const byField = new Map<string, string[]>();
      let last = 'intro';
      const walk = (el: Element) => {
        for (const child of [...el.children]) {
          if (child.tagName === 'UL' || child.tagName === 'OL') {
            for (const li of [...child.children]) {
              const key = li.getAttribute('data-field');
              if (key) last = key;
              byField.set(last, [...(byField.get(last) ?? []), text(li)]);
            }
          } else if (/^(P|DIV|ASIDE)$/.test(child.tagName) && !child.querySelector('ul[data-field], li[data-field]')) byField.set(last, [...(byField.get(last) ?? []), text(child)]);
          else walk(child);
        }
      };
      walk(s);
      out.set(s.id, [...byField].map(([k, v]) => `${k}: ${v.join(' ')}`).sort().join('\n'));
    });
    document.querySelectorAll('figure.chart').forEach((f) => out.set(f.id, text(f).replace(/\b20(25|99)\b/g, 'YEAR')));
    const analysis = document.querySelector('#analysis');
    if (analysis) {
      analysis.querySelectorAll('figure').forEach((f) => f.remove());
      out.set('analysis', text(analysis));
    }
    return out;
  };

  it('builds a report whose sections, figures, charts and sentences equal 2025\'s', () => {
    const html = (edition: string) => {
      const out = join(dir, `out-${edition}`);
      const r = cli('build', '--edition', edition, '--content', content, '--out', out, '--html-only');
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(out, 'report.html'), 'utf8');
    };
    const before = parts(html('2025'));
    const after = parts(html('2099'));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [k, v] of before) expect(after.get(k), k).toBe(v);
  }, 240_000);
});
