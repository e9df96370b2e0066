/**
 * Hostile content is a non-event. Every way HTML can make a browser load something (iframe,
 * img, object, embed, link, CSS @import and url(), SVG <image href>, meta refresh, script,
 * event handlers, javascript: and data: links), aimed at /etc/passwd by file:// and by a
 * relative path, at http://[::ffff:127.0.0.1] and at a canary server this test runs on
 * 127.0.0.1: the canary is never hit, nothing of the files reaches the HTML or the PDF, and no
 * hostile markup is left in the HTML. Two layers are tested: the whole build (sanitiser and
 * escaping), and the printing page alone on a hand-written hostile page (request filter).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { defaultPaths } from '../../scripts/config.js';
import { launchBrowser } from '../../scripts/print/browser.js';
import { Printer } from '../../scripts/print/pdf.js';
import { MINI_CONTENT } from '../support/paths.js';

let server: Server;
let hits: string[] = [];
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('canary');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const targets = () => ['file:///etc/passwd', '../../../../../../../../etc/passwd', `http://[::ffff:127.0.0.1]:${port}/mapped`, `http://127.0.0.1:${port}/canary`];

/** Every loading construct, aimed at `t`, as inline raw HTML or Markdown an editor could paste. */
const attacks = (t: string, i: number) => [
  `<iframe src="${t}"></iframe>`,
  `<img src="${t}?img${i}">`,
  `<object data="${t}"></object>`,
  `<embed src="${t}">`,
  `<link rel="stylesheet" href="${t}">`,
  `<style>@import url("${t}"); body { background: url("${t}") }</style>`,
  `<svg><image href="${t}"/></svg>`,
  `<meta http-equiv="refresh" content="0;url=${t}">`,
  `<script src="${t}"></script>`,
  `<span onmouseover="fetch('${t}')">x</span>`,
  `<a href="javascript:fetch('${t}')">js</a>`,
  `[js](javascript:fetch('${t}'))`,
  `[data](data:text/html;base64,PGlmcmFtZSBzcmM9Ii9ldGMvcGFzc3dkIj4=)`,
];

const pdfText = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const PASSWD = /root:x?:?0:0|daemon:|\/bin\/(ba)?sh|nologin/;

describe('hostile content through the whole build', () => {
  let html = '';
  let text = '';
  const warnings: string[] = [];
  beforeAll(async () => {
    hits = [];
    const content = join(mkdtempSync(join(tmpdir(), 'hostile-')), 'content');
    cpSync(MINI_CONTENT, content, { recursive: true });
    const section = join(content, '2099', 'lv', 'sections', 'alfa-novads.md');
    const lines = targets().flatMap((t, i) => attacks(t, i).map((a) => `- **Labā prakse:** Uzbrukums ${i}: teksts ${a} beigas`));
    writeFileSync(section, readFileSync(section, 'utf8').replace('\n---\n', `\n${lines.join('\n')}\n\n---\n`));
    // A name and a tagline that try to leave their context (CSS string, HTML text, attribute).
    const manifest = join(content, '2099', 'manifest.yaml');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace(
        'name: { lv: Betas valstspilsētas pašvaldība }',
        `name: { lv: 'Betas </style><iframe src="file:///etc/passwd"></iframe><img src="http://127.0.0.1:${port}/name"> " onload="x' }`,
      ),
    );
    const texts = join(content, '2099', 'lv', 'texts.yaml');
    writeFileSync(texts, readFileSync(texts, 'utf8').replace(/^documentTitle: .*$/m, `documentTitle: '</title><script src="http://127.0.0.1:${port}/title"></script>'`));
    const out = join(content, '..', 'out');
    const r = await build({
      paths: { ...defaultPaths(), content },
      edition: '2099',
      lang: 'lv',
      outDir: out,
      report: { step() {}, done() {}, warn: (m) => warnings.push(m) },
    });
    html = readFileSync(r.html, 'utf8');
    text = pdfText(r.pdf!);
  }, 180_000);

  it('the canary server is never reached', () => {
    expect(hits).toEqual([]);
  });

  it('nothing of /etc/passwd in the HTML or the PDF', () => {
    expect(html).not.toMatch(PASSWD);
    expect(text).not.toMatch(PASSWD);
  });

  it('no hostile markup is left in the HTML', () => {
    const body = html.slice(html.indexOf('<body>'));
    for (const tag of ['iframe', 'object', 'embed', 'script', 'meta', 'svg><image', 'img src="http', 'img src="file', 'img src="..']) expect(body, tag).not.toContain(`<${tag}`);
    expect(body).not.toMatch(/\son[a-z]+=/i);
    expect(body).not.toMatch(/href="(javascript|data):/i);
    expect(body).not.toContain('@import');
    // Our own two stylesheets and nothing else.
    expect([...html.matchAll(/<link[^>]+>/g)].map((m) => m[0])).toEqual([expect.stringContaining('assets/fonts.css'), expect.stringContaining('assets/report.css')]);
    // The name is text in HTML, and an escaped string in CSS: it never closes the style element.
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).toContain('BETAS &lt;/STYLE&gt;&lt;IFRAME');
    expect(html).toContain('content: "Betas \\3c \\2f style\\3e \\3c iframe');
  });

  it('the removed tags are reported with file, line and tag', () => {
    const removed = warnings.filter((w) => /raw HTML <(iframe|img|object|embed|link|style|svg|meta|script|span|a)> removed/.test(w));
    expect(removed.length).toBeGreaterThanOrEqual(40);
    expect(removed[0]).toMatch(/alfa-novads\.md:\d+:\d+/);
  });

  it('the words around the attacks are printed', () => {
    expect(text).toContain('Uzbrukums 3:');
    expect(text).toMatch(/teksts\s+(js\s+)?beigas/);
  });
});

describe('the printing page loads only its own files', () => {
  it('a hand-written hostile page: every foreign request refused, none served', async () => {
    hits = [];
    const dir = mkdtempSync(join(tmpdir(), 'hostile-page-'));
    symlinkSync('/etc/passwd', join(dir, 'leak.txt'));
    writeFileSync(join(dir, 'own.css'), 'body { font-size: 12pt }');
    const t = targets();
    writeFileSync(
      join(dir, 'report.html'),
      `<!doctype html><html><head><meta http-equiv="refresh" content="0;url=${t[0]}"><link rel="stylesheet" href="own.css">
<link rel="stylesheet" href="${t[3]}.css"><style>@import url("${t[2]}.css"); body { background: url("${t[0]}") }</style></head><body>
<p>Own text stays.</p>
<iframe src="${t[0]}"></iframe><iframe src="leak.txt"></iframe><iframe src="${t[1]}"></iframe>
<img src="${t[3]}.png"><img src="/usr/share/pixmaps/debian-logo.png"><object data="${t[2]}"></object><embed src="${t[3]}-embed">
<svg width="10" height="10"><image href="${t[3]}-svg" width="10" height="10"/></svg>
<script>fetch("${t[3]}-script")</script><img src="x" onerror="this.src='${t[3]}-onerror'">
<iframe src="data:text/html,<img src='${t[3]}-data'>"></iframe><img src="blob:null/abc">
</body></html>`,
    );
    const browser = await launchBrowser();
    try {
      const printer = new Printer(browser, { step() {}, done() {}, warn() {} });
      const { pdf } = await printer.print(join(dir, 'report.html'));
      const file = join(dir, 'out.pdf');
      writeFileSync(file, pdf);
      const text = pdfText(file);
      expect(text).toContain('Own text stays.');
      expect(text).not.toMatch(PASSWD);
      expect(hits).toEqual([]);
      expect(printer.refused).toEqual(expect.arrayContaining([expect.stringContaining('file:///etc/passwd'), expect.stringContaining('leak.txt'), expect.stringContaining('/usr/share/pixmaps')]));
      expect(printer.refused.some((u) => u.startsWith('http://127.0.0.1'))).toBe(true);
      expect(printer.refused).not.toContainEqual(expect.stringContaining('own.css'));
    } finally {
      await browser.close();
    }
  });
});
