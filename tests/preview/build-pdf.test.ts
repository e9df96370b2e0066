/**
 * POST /build from the preview: the real PDF, written where npm run build writes it, by the
 * preview's own print browser, started once and kept warm for the next build; the answer says
 * where the PDF is, its pages and the time; the build's problems come back as JSON with their
 * places; a POST from another Origin starts nothing.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPaths } from '../../scripts/config.js';
import { startPreview } from '../../scripts/preview/server.js';
import { MINI_CONTENT } from '../support/paths.js';
import { pageCount, pageTexts } from '../support/pdf.js';
import { previewFixture, rawRequest, type Fixture } from './support.js';

let f: Fixture;
const post = (headers: Record<string, string | null> = {}) => rawRequest(f.port, '/build', { method: 'POST', headers: { 'Content-Length': '0', ...headers } });
const pdfPath = () => join(f.paths.out, '2099', 'lv', 'report.pdf');

beforeAll(async () => {
  f = await previewFixture();
});
afterAll(async () => {
  await f?.preview.close();
});

describe('POST /build', () => {
  it('refuses a POST from another origin, and builds nothing', async () => {
    const r = await post({ Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(existsSync(pdfPath())).toBe(false);
  });

  it('writes the PDF where npm run build does and says where, how many pages and how long', async () => {
    const r = await post();
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ status: 'ok', pdf: pdfPath(), browser: 'started' });
    expect(body.ms).toBeGreaterThan(0);
    expect(statSync(pdfPath()).size).toBeGreaterThan(10_000);
    expect(body.pages).toBe(pageCount(pdfPath()));
    expect(body.pages).toBeGreaterThanOrEqual(4); // cover, contents, parts, back cover
  });

  it('prints a correction with the same browser, warm', async () => {
    const section = f.file('lv/sections/alfa-novads.md');
    const text = readFileSync(section, 'utf8');
    expect(text).toContain('semināru un meistarklašu organizēšana;');
    writeFileSync(section, text.replace('semināru un meistarklašu organizēšana;', 'semināru un meistarklašu organizēšana bibliotēkā Zilonis;'));
    const r = await post();
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ status: 'ok', browser: 'warm' });
    expect(body.pages).toBe(pageCount(pdfPath()));
    expect(pageTexts(pdfPath()).join('\n').replace(/\u00ad|-\n/g, '')).toContain('Zilonis');
    writeFileSync(section, text);
  });

  it('answers a build with problems with them, as JSON with their places, and keeps the last PDF', async () => {
    const before = readFileSync(pdfPath());
    const section = f.file('lv/sections/alfa-novads.md');
    const text = readFileSync(section, 'utf8');
    writeFileSync(section, `${text}\nTeksts ar atsauci[^nav].\n`);
    const r = await post();
    writeFileSync(section, text);
    expect(r.status).toBe(422);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ status: 'error', fault: 'content', error: expect.stringMatching(/problem/) });
    expect(body.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ path: section, line: expect.any(Number), message: expect.stringContaining('[^nav]') })]));
    expect(readFileSync(pdfPath()).equals(before)).toBe(true);
  });
});

describe('b + Enter in the terminal', () => {
  it('builds the PDF as POST /build does, and other input only says what b does', async () => {
    const root = mkdtempSync(join(tmpdir(), 'preview-keys-'));
    const paths = { ...defaultPaths(), content: join(root, 'content'), out: join(root, 'out') };
    cpSync(MINI_CONTENT, paths.content, { recursive: true });
    const input = new PassThrough();
    const log: string[] = [];
    let built: () => void = () => {};
    const done = new Promise<void>((resolve) => (built = resolve));
    const preview = await startPreview({ paths, edition: '2099', lang: 'lv', port: 0, keys: true, input, log: (line) => (log.push(line), /PDF built|PDF build failed/.test(line) && built()) });
    try {
      expect(log.join('\n')).toContain('b + Enter');
      input.write('x\n');
      input.write('b\n');
      await done;
      expect(log.join('\n')).toMatch(/b \+ Enter builds the PDF/);
      const pdf = join(paths.out, '2099', 'lv', 'report.pdf');
      expect(log.find((l) => /PDF built/.test(l))).toContain(`${pageCount(pdf)} pages`);
    } finally {
      await preview.close();
    }
  });
});
