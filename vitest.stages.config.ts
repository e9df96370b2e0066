/**
 * npm run test:stages: the stage-level tests (stages, layout fixtures, the mini edition's HTML,
 * the preview), for the edit-test loop: no built report, no whole pipeline. Left out, by
 * reading each file rather than by a list: tests/e2e; a file that reads the report the global
 * setup builds (tests/support/paths.ts REPORT_*, tests/support/report.ts's defaults); a file
 * that runs the whole pipeline to a PDF (reads a printed PDF, runs the CLI, the proofs, or
 * build() without htmlOnly).
 * `npm test` runs them all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/** Names the built report's paths, or reads it through tests/support/report.ts's defaults. */
const needsReport = (text: string) => /\bREPORT_[A-Z_]+\b|\breport(Raw)?Pages\(|printedToc\(\)/.test(text);
/** Prints a whole (mini) report: reads a printed PDF (tests/support/pdf.ts), runs the CLI or the proofs, or build() to a PDF. */
const runsPipeline = (text: string) => /support\/pdf(\.js)?'|\bcli\.ts\b|\bmakeProofs\(/.test(text) || (/\bbuild\(/.test(text) && !/\bhtmlOnly: true\b/.test(text));
const tests = readdirSync('tests', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts') && !f.startsWith('e2e/'))
  .map((f) => join('tests', f))
  .filter((f) => {
    const text = readFileSync(f, 'utf8');
    return !needsReport(text) && !runsPipeline(text);
  })
  .sort();

export default defineConfig({
  test: {
    include: tests,
    // Many of these wait on Chromium, a process of its own: two files at once even on 2 cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Each worker keeps the modules it imported for its next file (most import the same stages).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
