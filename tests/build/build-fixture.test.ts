/** The whole pipeline on the two-municipality fixture, through the CLI an editor uses. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageTexts } from '../support/pdf.js';
import { MINI_CONTENT, ROOT } from '../support/paths.js';
import { printedToc } from '../support/report.js';

// tsx as a loader in the one process (its CLI would run the build in a child and SIGKILL
// it when the child is too busy to answer a signal within 60 ms).
const TSX = '--import=tsx';
const cli = (...args: string[]) => spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

let content = '';
let out = '';
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'fixture-'));
  content = join(dir, 'content');
  out = join(dir, 'out');
  cpSync(MINI_CONTENT, content, { recursive: true });
  const r = cli('build', '--content', content, '--out', out);
  expect(r.status, r.stderr).toBe(0);
});

describe('fixture build', () => {
  it('writes report.html and report.pdf with the assets beside them', () => {
    for (const f of ['report.html', 'report.pdf', 'assets/report.css', 'assets/fonts.css', 'assets/eu-emblem.svg']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readdirSync(join(out, 'assets', 'fonts')).filter((f) => f.endsWith('.woff2')).length).toBeGreaterThanOrEqual(12);
  });

  it('prints the contents with the page each part starts on', () => {
    const pdf = join(out, 'report.pdf');
    const toc = printedToc(pdf);
    expect(toc.map((e) => e.title)).toEqual(['PRIEKŠVĀRDS', 'ALFAS NOVADA PAŠVALDĪBA', 'BETAS VALSTSPILSĒTAS PAŠVALDĪBA', 'GAMMAS PLĀNOŠANAS REĢIONS', 'ANALĪZE']);
    const pages = pageTexts(pdf);
    for (const { title, page } of toc) expect(pages[page - 1], `${title} on page ${page}`).toContain(title);
  });

  it('numbers footnotes through the report and links them', () => {
    const text = pageTexts(join(out, 'report.pdf')).join('\n');
    expect(text).toMatch(/1\. https:\/\/example\.lv\/strategija\.pdf/);
    expect(text).toMatch(/3\. https:\/\/example\.lv\/beta/);
  });

  it('the HTML references nothing outside its folder and no network', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => !r.startsWith('assets/') && !/^(https?:|mailto:)/.test(r))).toEqual([]);
    // External links are content links (footnotes, e-mail), never resources the page loads.
    expect(html).not.toMatch(/<(link|script|img)[^>]+(src|href)="https?:/);
  });
});

describe('a broken correction', () => {
  it('fails with the file and line, exits non-zero and keeps the last good output', () => {
    const section = join(content, '2099', 'lv', 'sections', 'alfa-novads.md');
    const before = statSync(join(out, 'report.pdf')).mtimeMs;
    writeFileSync(section, readFileSync(section, 'utf8').replace('programma.[^2]', 'programma.[^9]'));
    const r = cli('build', '--content', content, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('footnote [^9] is referenced but never defined');
    expect(r.stderr).toMatch(/alfa-novads\.md:4:\d+/);
    expect(r.stderr).toContain('hint:');
    expect(statSync(join(out, 'report.pdf')).mtimeMs).toBe(before);
    expect(readdirSync(join(out, '..')).filter((f) => f.includes('staging'))).toEqual([]);
  });

  it('a manifest error names manifest.yaml and its line', () => {
    const manifest = join(content, '2099', 'manifest.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('region: kurzeme', 'region: Courland'));
    const r = cli('build', '--content', content, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/manifest\.yaml:\d+:\d+/);
    expect(r.stderr).toContain('expected one of: "kurzeme"');
  });
});

describe('browser discovery', () => {
  it('a bad REPORT_BROWSER stops the build with exit code 2 and a hint', () => {
    const r = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'cli.ts'), 'build', '--content', MINI_CONTENT, '--out', join(out, '..', 'nobrowser')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, REPORT_BROWSER: '/nonexistent/chrome' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('REPORT_BROWSER=/nonexistent/chrome is not an executable browser');
    expect(existsSync(join(out, '..', 'nobrowser', 'report.pdf'))).toBe(false);
  });
});
