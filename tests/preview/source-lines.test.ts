/**
 * Source positions are a property of the preview's draft only: the draft names each part's
 * Markdown file and each paragraph's, item's and heading's line; a normal build carries none.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { defaultPaths } from '../../scripts/config.js';
import { transformMarkdown } from '../../scripts/transform/markdown.js';
import { MINI_CONTENT } from '../support/paths.js';

const markdown = ['## Heading', '', 'A paragraph', 'on two lines.', '', '- item one', '- item two', '  - nested', '', '### Sub', ''].join('\n');

describe('rehype-source-lines', () => {
  it('writes data-source-line on p, li, h2 and h3 with sourcePositions', () => {
    const { html } = transformMarkdown({ file: 'x.md', text: markdown, firstFootnote: 1, sourcePositions: true });
    const lines = [...html.matchAll(/<(\w+) data-source-line="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(lines).toEqual(['h2:1', 'p:3', 'li:6', 'li:7', 'li:8', 'h3:10']);
  });

  it('writes nothing without it', () => {
    expect(transformMarkdown({ file: 'x.md', text: markdown, firstFootnote: 1 }).html).not.toMatch(/data-source/);
  });
});

describe('build', () => {
  const fixture = () => {
    const dir = mkdtempSync(join(tmpdir(), 'source-lines-'));
    cpSync(MINI_CONTENT, join(dir, 'content'), { recursive: true });
    return { dir, paths: { ...defaultPaths(), content: join(dir, 'content'), out: join(dir, 'out') } };
  };

  it('a normal build carries no source positions', async () => {
    const { dir, paths } = fixture();
    const r = await build({ paths, edition: '2099', lang: 'lv', htmlOnly: true, outDir: join(dir, 'normal') });
    expect(readFileSync(r.html, 'utf8')).not.toMatch(/data-source/);
  });

  it('the draft names each part\'s file and the lines of its text', async () => {
    const { dir, paths } = fixture();
    const r = await build({ paths, edition: '2099', lang: 'lv', htmlOnly: true, draft: true, outDir: join(dir, 'draft') });
    const html = readFileSync(r.html, 'utf8');
    const section = join(paths.content, '2099', 'lv', 'sections', 'alfa-novads.md');
    expect(html).toContain(`id="alfa-novads" data-page-name="p-alfa-novads" data-source-file="${section}"`);
    const source = readFileSync(section, 'utf8').split('\n');
    // Every marked element's first words are on its line of the Markdown file.
    const part = html.slice(html.indexOf('id="alfa-novads"'), html.indexOf('id="betas-valstspilseta"'));
    const marked = [...part.matchAll(/<li(?: [a-z-]+="[^"]*")*? data-source-line="(\d+)">(?:<strong[^>]*>)?([^<]+)/g)];
    expect(marked.length).toBeGreaterThanOrEqual(9);
    for (const [, line, text] of marked) expect(source[Number(line) - 1], text).toContain(text!.replace(/\u00ad/g, '').trim().split(' ')[0]);
  });
});
