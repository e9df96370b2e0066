import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const TMP = join(ROOT, 'tests', '.tmp');
/** The real 2025 edition, built once per test run by global-setup.ts. */
export const REPORT_DIR = join(TMP, 'report-2025-lv');
export const REPORT_PDF = join(REPORT_DIR, 'report.pdf');
export const REPORT_HTML = join(REPORT_DIR, 'report.html');
export const MINI_CONTENT = join(ROOT, 'tests', 'fixtures', 'mini', 'content');
/** The English 2025 edition, built by global-setup.ts beside the Latvian one. */
export const REPORT_EN_DIR = join(TMP, 'report-2025-en');
export const REPORT_EN_PDF = join(REPORT_EN_DIR, 'report.pdf');
