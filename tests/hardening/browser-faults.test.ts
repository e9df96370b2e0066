/**
 * A browser that never starts, exits at once, or freezes mid-print: the build stops within a
 * bounded time with a message that says which step and what to try, leaves no process and no
 * profile behind, and out/ as it was.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/print/browser.js';
import { Printer } from '../../scripts/print/pdf.js';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { MINI_CONTENT, ROOT } from '../support/paths.js';
import { snapshotTree } from '../support/tree.js';

// tsx as a loader in the one process (its CLI would run the build in a child and SIGKILL
// it when the child is too busy to answer a signal within 60 ms).
const TSX = '--import=tsx';

function fakeBrowser(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-browser-'));
  const file = join(dir, 'chrome');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** The CLI build of the fixture with a given browser; out/ is checked unchanged. */
function buildWith(browser: string, timeoutSeconds: string) {
  const root = mkdtempSync(join(tmpdir(), 'faults-'));
  const content = join(root, 'content');
  cpSync(MINI_CONTENT, content, { recursive: true });
  const out = join(root, 'out', 'lv');
  spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'cli.ts'), 'build', '--content', content, '--html-only', '--out', out], { cwd: ROOT });
  const before = snapshotTree(join(root, 'out'));
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'faults-tmp-'));
  const r = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'cli.ts'), 'build', '--content', content, '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, REPORT_BROWSER: browser, REPORT_BROWSER_TIMEOUT: timeoutSeconds, TMPDIR: tmp },
    timeout: 120_000,
  });
  expect(snapshotTree(join(root, 'out'))).toEqual(before);
  // The browser's profile folder, made in the build's own temp folder, is gone.
  expect(readdirSync(tmp).filter((f) => f.startsWith('report-chromium-')), 'browser profile left behind').toEqual([]);
  return { ...r, seconds: (Date.now() - started) / 1000 };
}


describe('browser faults', () => {
  it('a browser that exits at once: a message with what to try, exit 2', () => {
    const r = buildWith(fakeBrowser('echo "cannot open display" >&2; exit 1'), '10');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the browser could not start/);
    expect(r.stderr).toMatch(/hint: check that .*chrome runs .* or point REPORT_BROWSER/);
  });

  it('a browser that never starts: stopped after the launch limit, its process gone', () => {
    // A shell that never answers, with the browser's arguments on its command line (as a real
    // hung Chromium has), and a child in its process group.
    const script = fakeBrowser('sleep 300');
    const r = buildWith(script, '6'); // 6 s limits: launch 3 s
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the browser did not start within 3 s/);
    expect(r.seconds).toBeLessThan(30);
    let left = '';
    for (let i = 0; i < 40; i++) {
      left = spawnSync('pgrep', ['-f', script], { encoding: 'utf8' }).stdout.trim();
      if (!left) break;
      spawnSync('sleep', ['0.05']);
    }
    expect(left, 'the hung browser process is left').toBe('');
  });

  it('a browser that freezes while printing: the step is named, the browser killed', async () => {
    const previous = process.env.REPORT_BROWSER_TIMEOUT;
    process.env.REPORT_BROWSER_TIMEOUT = '4';
    const browser = await launchBrowser();
    const pid = browser.process()!.pid!;
    const profile = /--user-data-dir=(\S+)/.exec(browser.process()!.spawnargs.join(' '))![1]!;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'frozen-'));
      writeFileSync(join(dir, 'report.html'), '<!doctype html><p>text</p>');
      process.kill(-pid, 'SIGSTOP'); // the whole browser stops answering
      const started = Date.now();
      const err = await new Printer(browser, { step() {}, done() {}, warn() {} }).print(join(dir, 'report.html'), new Map([['big-part', 300_000]])).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BuildError);
      expect((err as BuildError).message).toMatch(/the browser did not finish (opening a page|loading the report) within 4 s/);
      expect((err as BuildError).diagnostics[0]!.hint).toMatch(/big-part \(293 KB of HTML\)/);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      if (previous === undefined) delete process.env.REPORT_BROWSER_TIMEOUT;
      else process.env.REPORT_BROWSER_TIMEOUT = previous;
      await browser.close();
    }
    expect(() => process.kill(pid, 0), 'the frozen browser is still running').toThrow();
    expect(existsSync(profile), 'its profile folder is left').toBe(false);
  });
});
