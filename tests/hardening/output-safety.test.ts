/**
 * The build never destroys what is not its own: --out refuses the project, content/ and any
 * foreign folder; an HTML draft keeps the last good PDF; a build that cannot write says so;
 * two builds of one output run one after the other; Ctrl-C and SIGTERM leave out/ as it was.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { defaultPaths } from '../../scripts/config.js';
import { BuildError } from '../../scripts/lib/diagnostics.js';
import { MINI_CONTENT, ROOT } from '../support/paths.js';
import { snapshotTree } from '../support/tree.js';

// tsx as a loader in the one process (its CLI would run the build in a child and SIGKILL
// it when the child is too busy to answer a signal within 60 ms).
const TSX = '--import=tsx';
const CLI = join(ROOT, 'scripts', 'cli.ts');
const cli = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [TSX, CLI, ...args], { cwd, encoding: 'utf8' });
const paths = { ...defaultPaths(), content: MINI_CONTENT };
const draft = (outDir: string) => build({ paths, edition: '2099', lang: 'lv', htmlOnly: true, outDir });

describe('--out refuses what is not the build’s', () => {
  it('--out . (the project) is refused and nothing in it changes', () => {
    const before = snapshotTree(join(ROOT, 'content'));
    const top = readdirSync(ROOT).sort();
    const r = cli(['build', '--content', MINI_CONTENT, '--html-only', '--out', '.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/refusing to write the report into \.?.*: it holds/);
    expect(readdirSync(ROOT).sort()).toEqual(top);
    expect(snapshotTree(join(ROOT, 'content'))).toEqual(before);
  });

  it('--out content is refused, content intact', () => {
    const before = snapshotTree(join(ROOT, 'content'));
    const r = cli(['build', '--content', MINI_CONTENT, '--html-only', '--out', 'content']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refusing to write the report into');
    expect(snapshotTree(join(ROOT, 'content'))).toEqual(before);
  });

  it('a non-empty foreign folder is refused, intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foreign-'));
    writeFileSync(join(dir, 'thesis.docx'), 'years of work');
    mkdirSync(join(dir, 'photos'));
    const before = snapshotTree(dir);
    const r = cli(['build', '--content', MINI_CONTENT, '--html-only', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not empty and was not made by this tool \(it holds photos, thesis\.docx\)/);
    expect(snapshotTree(dir)).toEqual(before);
    expect(readdirSync(join(dir, '..')).filter((f) => f.startsWith(`.${dir.split('/').at(-1)}.`))).toEqual([]);
  });

  it('a missing, an empty and an earlier build’s folder are accepted', async () => {
    const root = mkdtempSync(join(tmpdir(), 'own-'));
    await draft(join(root, 'missing'));
    mkdirSync(join(root, 'empty'));
    await draft(join(root, 'empty'));
    await draft(join(root, 'missing')); // made by the build before: it has the marker
    for (const d of ['missing', 'empty']) expect(existsSync(join(root, d, 'report.html'))).toBe(true);
    expect(existsSync(join(root, 'missing', '.report-build'))).toBe(true);
    // No staging folder, no lock and no previous build folder left beside them.
    expect(readdirSync(root).filter((f) => f.startsWith('.')).length).toBe(2); // the two current build folders
  });
});

describe('an HTML draft keeps the last good PDF', () => {
  it('report.pdf stays, byte for byte, beside the new HTML', async () => {
    const root = mkdtempSync(join(tmpdir(), 'keep-'));
    const out = join(root, 'lv');
    await draft(out);
    // Stand-in for the last good PDF (the build keeps whatever report.pdf the last build left).
    const dir = join(out, '.');
    writeFileSync(join(dir, 'report.pdf'), '%PDF-1.7 last good');
    writeFileSync(join(out, 'report.html'), 'old html');
    await draft(out);
    expect(readFileSync(join(out, 'report.pdf'), 'utf8')).toBe('%PDF-1.7 last good');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<!doctype html>');
  });
});

describe('faults of the output folder', () => {
  it('an output path through a file is a clear message, nothing written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nowrite-'));
    writeFileSync(join(root, 'file'), 'x');
    const err = await draft(join(root, 'file', 'lv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect((err as BuildError).message).toMatch(/cannot write the output: a part of the path is a file/);
  });

  it('two builds of one output at once: both succeed, one after the other, one complete edition', async () => {
    const root = mkdtempSync(join(tmpdir(), 'twice-'));
    const out = join(root, 'lv');
    const [a, b] = await Promise.all([
      new Promise<number>((resolve) => spawn(process.execPath, [TSX, CLI, 'build', '--content', MINI_CONTENT, '--html-only', '--out', out], { cwd: ROOT, stdio: 'ignore' }).on('exit', (c) => resolve(c ?? -1))),
      new Promise<number>((resolve) => spawn(process.execPath, [TSX, CLI, 'build', '--content', MINI_CONTENT, '--html-only', '--out', out], { cwd: ROOT, stdio: 'ignore' }).on('exit', (c) => resolve(c ?? -1))),
    ]);
    expect([a, b]).toEqual([0, 0]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('</html>');
    expect(readdirSync(root).sort()).toEqual([expect.stringMatching(/^\.lv\.build-/), 'lv']);
  });
});

describe('interrupted builds', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} during the print: exit ${code}, out/ as before, no staging folder, no browser left`, async () => {
      const root = mkdtempSync(join(tmpdir(), `signal-${signal}-`));
      const content = join(root, 'content');
      cpSync(MINI_CONTENT, content, { recursive: true });
      const out = join(root, 'out', 'lv');
      const good = spawnSync(process.execPath, [TSX, CLI, 'build', '--content', content, '--html-only', '--out', out], { cwd: ROOT });
      expect(good.status).toBe(0);
      const before = snapshotTree(join(root, 'out'));
      const tmp = mkdtempSync(join(tmpdir(), 'signal-tmp-'));
      // A process group of its own, signalled as a whole: what Ctrl-C in a terminal does (the
      // CLI runs under tsx, a parent process with the build in a child).
      // --no-cache: the PDF of this fixture may be in the cache, and this build must print.
      const child = spawn(process.execPath, [TSX, CLI, 'build', '--no-cache', '--content', content, '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, TMPDIR: tmp } });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Wait until the browser is printing, then interrupt.
      await new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (/• print/.test(stderr)) clearInterval(poll), resolve();
          else if (Date.now() - started > 60_000) clearInterval(poll), reject(new Error(`never started printing: ${stderr}`));
        }, 50);
      });
      process.kill(-child.pid!, signal);
      const exit = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(exit).toBe(code);
      // tsx runs the build in a child process of the one we started: wait until the whole
      // group is gone (its cleanup may finish a moment after the parent exits).
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(-child.pid!, 0);
          await new Promise((r) => setTimeout(r, 50));
        } catch {
          break;
        }
      }
      expect(snapshotTree(join(root, 'out'))).toEqual(before);
      expect(readdirSync(join(root, 'out')).filter((f) => /staging|\.build-|\.lock/.test(f) && !before[`${f}/.report-build`] && !Object.keys(before).some((k) => k.startsWith(`${f}/`)))).toEqual([]);
      // The browser's profile (made in the build's own temp folder) is gone, and so is the browser.
      expect(readdirSync(tmp).filter((f) => f.startsWith('report-chromium-'))).toEqual([]);
      const ours = spawnSync('pgrep', ['-f', tmp], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
      expect(ours).toEqual([]);
    });
  }
});
