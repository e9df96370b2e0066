/**
 * A URL with a segment longer than the text column (tests/print/fixtures/long-urls.md, added to
 * the fixture edition's analysis chapter): in the text and in a footnote it stays inside the
 * text block, breaking after / . - = where it can and inside that segment only where it must.
 * Read from the printed PDF (pdftotext -raw, pdftotext -bbox); the column is design.ts's.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE } from '../../scripts/print/design.js';
import { pageTexts } from '../support/pdf.js';
import { MINI_CONTENT, ROOT } from '../support/paths.js';
import { lineBreaksIn, shownUrl, URL_LINE_ENDS } from '../support/urls.js';

const FIXTURE = readFileSync(join(import.meta.dirname, 'fixtures', 'long-urls.md'), 'utf8');
const urls = [...FIXTURE.matchAll(/<(https:\/\/[^>]+)>/g)].map((m) => m[1]!);
const PT = 72 / 25.4;

let pdf = '';
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'long-urls-'));
  cpSync(MINI_CONTENT, join(dir, 'content'), { recursive: true });
  appendFileSync(join(dir, 'content', '2099', 'lv', 'chapters', 'analysis.md'), `\n${FIXTURE}`);
  const r = spawnSync(process.execPath, ['--import=tsx', join(ROOT, 'scripts', 'cli.ts'), 'build', '--content', join(dir, 'content'), '--out', join(dir, 'out')], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  pdf = join(dir, 'out', 'report.pdf');
});

/** The offsets in `text` of its longest run without a character a line may end with. */
function longestSegment(text: string): [number, number] {
  let best: [number, number] = [0, 0];
  for (const m of text.matchAll(/[^/.=-]+/g)) if (m[0].length > best[1] - best[0]) best = [m.index, m.index + m[0].length];
  return best;
}

describe('a URL segment longer than the column', () => {
  it('is in the fixture, in the text and in a footnote', () => {
    expect(urls).toHaveLength(2);
  });

  it.each([0, 1])('URL %i breaks after / . - = and inside its long segment only where it must', (k) => {
    const lines = pageTexts(pdf, { raw: true }).flatMap((p) => p.split('\n'));
    const shown = shownUrl(urls[k]!);
    const breaks = lineBreaksIn(lines, shown);
    expect(breaks, `${shown} is printed`).not.toBeNull();
    const [from, to] = longestSegment(shown);
    // Inside it: from its first character up to the mark that ends it (a forced break may fall
    // just before that mark, which then opens the next line).
    const inside = breaks!.filter((at) => at > from && at <= to);
    expect(inside.length, 'the long segment is broken').toBeGreaterThan(0);
    for (const at of breaks!.filter((b) => !inside.includes(b))) expect(URL_LINE_ENDS, `line ends with …${shown.slice(at - 15, at)}`).toContain(shown[at - 1]);
    // Where it must only: each piece of the segment but the last fills its line, so the
    // segment takes no more lines than its length needs (at least one break per column width).
    const pieces = [from, ...inside].map((at, i, all) => (i ? at - all[i - 1]! : 0)).slice(1);
    expect(Math.min(...pieces)).toBeGreaterThan(30);
  });

  it('no word runs out of the text block', () => {
    const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const pages = bbox.split('<page ').slice(1);
    const left = PAGE.margin.left * PT - 0.5;
    const right = (PAGE.widthMm - PAGE.margin.right) * PT + 0.5;
    const out: string[] = [];
    // The cover and the back cover are laid out full bleed.
    pages.slice(1, -1).forEach((page, i) => {
      for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
        if (Number(m[1]) < left || Number(m[2]) > right) out.push(`page ${i + 2}: ${m[3]} (${m[1]}–${m[2]} pt)`);
      }
    });
    expect(out).toEqual([]);
  });
});
