/**
 * npm run preview through the CLI: prints its URL, serves the draft, and Ctrl-C stops it
 * cleanly (exit 130, the port free again, no staging folder or lock left behind).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI_CONTENT, ROOT } from '../support/paths.js';
import { rawRequest } from './support.js';

const TSX = '--import=tsx'; // tsx as a loader: one process, signals reach the CLI itself
const CLI = [TSX, join(ROOT, 'scripts', 'cli.ts')];
// The preview writes out/<edition>/<lang>-preview of the project; the fixture's edition is 2099.
const editionOut = join(ROOT, 'out', '2099');
const existed = existsSync(editionOut);
afterAll(() => {
  if (!existed) rmSync(editionOut, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });

describe('npm run preview', () => {
  it('prints its URL, serves the draft, and stops cleanly on Ctrl-C', async () => {
    const content = join(mkdtempSync(join(tmpdir(), 'preview-cli-')), 'content');
    cpSync(MINI_CONTENT, content, { recursive: true });
    const port = await freePort();
    const child = spawn(process.execPath, [...CLI, 'preview', '--content', content, '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => stderr, { timeout: 30_000, interval: 100 }).toMatch(/preview: (re)?built in \d+ ms/);
    expect(stderr).toContain(`preview: http://127.0.0.1:${port}/ (edition 2099, lv;`);
    const page = await rawRequest(port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('ALFAS NOVADA PAŠVALDĪBA');

    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted: cleaning up/);
    expect(await refused(port)).toBe(true);
    const left = readdirSync(editionOut);
    expect(left.filter((f) => f.endsWith('.lock'))).toEqual([]);
    expect(left.filter((f) => f.startsWith('.lv-preview.build-')).length).toBe(1); // the draft the link points at
  }, 60_000);

  it('refuses a bad port and --lang all', () => {
    const bad = spawnSync(process.execPath, [...CLI, 'preview', '--content', MINI_CONTENT, '--port', 'http'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port http is not a port number/);
    const all = spawnSync(process.execPath, [...CLI, 'preview', '--content', MINI_CONTENT, '--lang', 'all'], { cwd: ROOT, encoding: 'utf8' });
    expect(all.status).toBe(2);
    expect(all.stderr).toMatch(/unknown language "all"/);
  });
});
