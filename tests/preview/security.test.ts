/**
 * The preview server serves the draft folder and its own scripts, to this machine only:
 * raw request paths that try to leave the folder (dots, encoded dots, backslashes, double
 * encoding, links out of the folder) never return a file's contents; a foreign Host (DNS
 * rebinding) and a foreign Origin on the event stream are refused; only GET and HEAD.
 */
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPath } from '../../scripts/preview/server.js';
import { previewFixture, rawRequest, type Fixture } from './support.js';

let f: Fixture;
const SECRET = `secret-${process.pid}-canary`;

beforeAll(async () => {
  f = await previewFixture();
  // A file beside out/, and links from inside the draft folder to it and to /etc/passwd.
  writeFileSync(join(f.root, 'secret.txt'), SECRET);
  symlinkSync(join(f.root, 'secret.txt'), join(f.preview.dir, 'assets', 'linked-secret.txt'));
  symlinkSync('/etc/passwd', join(f.preview.dir, 'assets', 'passwd.css'));
  symlinkSync(f.root, join(f.preview.dir, 'assets', 'up'));
});
afterAll(() => f?.preview.close());

const leaked = (body: string) => body.includes(SECRET) || /root:.*:0:0:/.test(body);

describe('paths', () => {
  // out/2099/lv-preview → the secret is ../../../secret.txt from the draft folder.
  const up = (n: number, sep: string) => Array(n).fill('..').join(sep);
  const traversals = [
    `/${up(3, '/')}/secret.txt`,
    `/assets/${up(4, '/')}/secret.txt`,
    `/${up(12, '/')}/etc/passwd`,
    `/${up(3, '%2f')}%2fsecret.txt`,
    `/%2e%2e/%2e%2e/%2e%2e/secret.txt`,
    `/%2E%2E/%2E%2E/%2E%2E/secret.txt`,
    `/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt`,
    `/.%2e/.%2e/.%2e/secret.txt`,
    `/${up(3, '%5c')}%5csecret.txt`,
    `/..%5c..%5c..%5csecret.txt`,
    `/..%5C..%5C..%5Csecret.txt`,
    `/..\\..\\..\\secret.txt`,
    `/%252e%252e/%252e%252e/%252e%252e/secret.txt`,
    `/%25252e%25252e/%25252e%25252e/%25252e%25252e/secret.txt`,
    `/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.txt`,
    `/..%00/secret.txt`,
    `/assets/linked-secret.txt`,
    `/assets/passwd.css`,
    `/assets/up/secret.txt`,
    `//etc/passwd`,
    `/etc/passwd`,
    `/.report-build`,
    `/assets/./fonts.css`,
  ];

  it.each(traversals)('%s: refused, nothing of any file', async (path) => {
    const r = await rawRequest(f.port, path);
    expect([403, 404]).toContain(r.status);
    expect(leaked(r.body)).toBe(false);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a request in absolute form is refused', async () => {
    const r = await rawRequest(f.port, `http://127.0.0.1:${f.port}/../../../secret.txt`);
    expect(r.status).toBe(403);
    expect(leaked(r.body)).toBe(false);
  });

  it('requestPath decodes once and refuses whatever still looks encoded or dotted', () => {
    expect(requestPath('/assets/report.css?v=3')).toBe('/assets/report.css');
    expect(requestPath('/assets/fonts/source%20serif.woff2')).toBe('/assets/fonts/source serif.woff2');
    for (const p of ['/%252e%252e/x', '/..%2fx', '/a/%2e/b', '/%5c', '/\\', '/%', '/%zz', '/%00', '*', 'http://x/']) expect(requestPath(p), p).toBeNull();
  });

  it('serves the draft and its assets with their content types, nosniff on every answer', async () => {
    const cases: [string, string][] = [
      ['/', 'text/html; charset=utf-8'],
      ['/assets/report.css', 'text/css; charset=utf-8'],
      ['/assets/eu-emblem.svg', 'image/svg+xml'],
      ['/__preview/client.js', 'text/javascript; charset=utf-8'],
      ['/__preview/footnotes.js', 'text/javascript; charset=utf-8'],
    ];
    for (const [path, type] of cases) {
      const r = await rawRequest(f.port, path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toBe(type);
      expect(r.headers['x-content-type-options'], path).toBe('nosniff');
    }
    const fonts = await rawRequest(f.port, '/assets/fonts.css');
    const font = /url\("?fonts\/([^")]+\.woff2)/.exec(fonts.body)![1]!;
    expect((await rawRequest(f.port, `/assets/fonts/${font}`)).headers['content-type']).toBe('font/woff2');
  });

  it('injects the client into the response only, never into the built file', async () => {
    const page = await rawRequest(f.port, '/');
    expect(page.body).toMatch(/<script src="\/__preview\/client\.js"><\/script>\n<\/body>/);
    expect(page.body).toMatch(/"draft":"MELNRAKSTS"/);
    const built = readFileSync(join(f.preview.dir, 'report.html'), 'utf8');
    expect(built).not.toMatch(/__preview|<script/);
  });
});

describe('hosts, origins, methods', () => {
  it('answers 403 to a Host that is not 127.0.0.1:PORT or localhost:PORT', async () => {
    for (const host of ['evil.example', `evil.example:${f.port}`, `127.0.0.1:${f.port + 1}`, `127.0.0.1.evil.example:${f.port}`, '127.0.0.1', `[::1]:${f.port}`, '']) {
      const r = await rawRequest(f.port, '/', { headers: { Host: host } });
      expect(r.status, host).toBe(403);
      expect(r.body, host).not.toMatch(/<html/);
    }
    // No Host at all: node's HTTP server answers 400 itself (requireHostHeader).
    expect([400, 403]).toContain((await rawRequest(f.port, '/', { headers: { Host: null } })).status);
    expect((await rawRequest(f.port, '/', { headers: { Host: `localhost:${f.port}` } })).status).toBe(200);
    expect((await rawRequest(f.port, '/__events', { headers: { Host: `evil.example:${f.port}` }, readMs: 300 })).status).toBe(403);
  });

  it('refuses the event stream to a foreign Origin', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${f.port}`, `https://127.0.0.1:${f.port}`, `http://127.0.0.1:${f.port + 1}`, 'null']) {
      const r = await rawRequest(f.port, '/__events', { headers: { Origin: origin }, readMs: 300 });
      expect(r.status, origin).toBe(403);
      expect(r.body, origin).not.toMatch(/data:/);
    }
    for (const origin of [`http://127.0.0.1:${f.port}`, `http://localhost:${f.port}`, null]) {
      const r = await rawRequest(f.port, '/__events', { headers: { Origin: origin }, readMs: 300 });
      expect(r.status, String(origin)).toBe(200);
      expect(r.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(r.body).toMatch(/data: \{"status":"ok"/);
    }
  });

  it('allows only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) {
      const r = await rawRequest(f.port, '/', { method, headers: { 'Content-Length': '0' } });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe('GET, HEAD');
    }
    const head = await rawRequest(f.port, '/assets/report.css', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(f.preview.url).toBe(`http://127.0.0.1:${f.port}/`);
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal).map((a) => a!.address);
    for (const address of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ port: f.port, host: address, timeout: 2000 }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
        socket.on('timeout', () => {
          socket.destroy();
          resolve(false);
        });
      });
      expect(reached, address).toBe(false);
    }
  });
});
