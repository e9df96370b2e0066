/** The preview on a temporary copy of the fixture edition, and the tools to talk to it. */
import { cpSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { defaultPaths, type Paths } from '../../scripts/config.js';
import { BROWSER_ARGS, findBrowser } from '../../scripts/print/browser.js';
import { startPreview, type Preview } from '../../scripts/preview/server.js';
import { MINI_CONTENT } from '../support/paths.js';

export interface Fixture {
  root: string;
  paths: Paths;
  preview: Preview;
  port: number;
  log: string[];
  /** A file of the fixture's content: content/2099/<rel>. */
  file(rel: string): string;
}

/** A copy of tests/fixtures/mini/content in a temporary folder, previewed on a free port. */
export async function previewFixture(prepare?: (content: string) => void): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), 'preview-'));
  const content = join(root, 'content');
  cpSync(MINI_CONTENT, content, { recursive: true });
  prepare?.(content);
  // Templates and styles copied too: a test may edit them, and edits elsewhere do not reach it.
  const project = defaultPaths();
  const paths = { ...project, content, templates: join(root, 'templates'), styles: join(root, 'styles'), out: join(root, 'out') };
  cpSync(project.templates, paths.templates, { recursive: true });
  cpSync(project.styles, paths.styles, { recursive: true });
  const log: string[] = [];
  const preview = await startPreview({ paths, edition: '2099', lang: 'lv', port: 0, log: (line) => log.push(line) });
  return { root, paths, preview, port: Number(new URL(preview.url).port), log, file: (rel) => join(content, '2099', rel) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One request written byte for byte on a socket (no URL normalisation by a client library),
 * Host 127.0.0.1:PORT unless given; `headers` null values leave a header out.
 */
export function rawRequest(port: number, path: string, { method = 'GET', headers = {} as Record<string, string | null>, readMs = 0 } = {}): Promise<RawResponse> {
  const all: Record<string, string | null> = { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers };
  const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(all).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head, 'latin1'));
    let data = Buffer.alloc(0);
    const done = () => {
      socket.destroy();
      const text = data.toString('utf8');
      const [top = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = top.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    };
    // An event stream never ends: read what arrives in `readMs`, then hang up.
    if (readMs) setTimeout(done, readMs);
    socket.on('data', (chunk) => (data = Buffer.concat([data, chunk])));
    socket.on('end', done);
    socket.on('error', reject);
  });
}

/** Chromium as the build finds it, with the sandbox off when running as root. */
export function launch(): Promise<Browser> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return puppeteer.launch({ executablePath: findBrowser(), headless: true, args: [...BROWSER_ARGS, ...(root ? ['--no-sandbox'] : [])] });
}
