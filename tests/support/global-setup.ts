/**
 * Build the real 2025 edition once, through the CLI an editor uses, into tests/.tmp.
 * The end-to-end tests read that PDF with poppler-utils.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_DIR, REPORT_EN_DIR, REPORT_EN_PDF, REPORT_PDF, ROOT, TMP } from './paths.js';

export default function setup(): void {
  mkdirSync(TMP, { recursive: true });
  // While working on unit tests: REUSE_REPORT=1 keeps the report of the last run, if there is one.
  if (process.env.REUSE_REPORT === '1' && existsSync(REPORT_PDF) && existsSync(REPORT_EN_PDF)) return;
  for (const [lang, dir] of [['lv', REPORT_DIR], ['en', REPORT_EN_DIR]] as const) {
    const started = Date.now();
    execFileSync(process.execPath, ['--import=tsx', join(ROOT, 'scripts', 'cli.ts'), 'build', '--edition', '2025', '--lang', lang, '--out', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    process.stderr.write(`global setup: built the 2025 report (${lang}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}
